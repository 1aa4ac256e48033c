import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-HYIPI4YR.js";
import "./chunk-ANJBQ2NN.js";
import "./chunk-D42CQMUV.js";
import "./chunk-ZVHJ4SKN.js";
import "./chunk-M2ILGAAH.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-GVAQHXIE.js";
import "./chunk-NBRUGERP.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
