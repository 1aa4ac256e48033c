import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-N4AX36WQ.js";
import "./chunk-SDIIGFL3.js";
import "./chunk-ANJBQ2NN.js";
import "./chunk-KHC2KDJR.js";
import "./chunk-7LPOBIAJ.js";
import "./chunk-Z36UTUXT.js";
import "./chunk-A7VKPT4N.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-Q4DLOIK5.js";
import "./chunk-NBRUGERP.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
