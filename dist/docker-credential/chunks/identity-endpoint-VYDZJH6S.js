import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-4O3DFUTB.js";
import "./chunk-SDIIGFL3.js";
import "./chunk-ANJBQ2NN.js";
import "./chunk-GSKNFPDK.js";
import "./chunk-7LPOBIAJ.js";
import "./chunk-Z36UTUXT.js";
import "./chunk-JMXU6O7H.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
