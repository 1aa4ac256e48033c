import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-74TUUSRI.js";
import "./chunk-ANJBQ2NN.js";
import "./chunk-5FBFVR6Z.js";
import "./chunk-7LPOBIAJ.js";
import "./chunk-Z36UTUXT.js";
import "./chunk-HSZV45BM.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-GVAQHXIE.js";
import "./chunk-NBRUGERP.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
