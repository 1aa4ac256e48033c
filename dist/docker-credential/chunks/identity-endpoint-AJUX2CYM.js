import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-ADQBXIZB.js";
import "./chunk-ANJBQ2NN.js";
import "./chunk-TEQKYWLT.js";
import "./chunk-7LPOBIAJ.js";
import "./chunk-Z36UTUXT.js";
import "./chunk-FOCXCIIH.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-GVAQHXIE.js";
import "./chunk-NBRUGERP.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
