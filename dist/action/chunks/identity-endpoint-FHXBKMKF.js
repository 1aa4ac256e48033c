import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-M3T5MSNN.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-ID5FPGTE.js";
import "./chunk-LOJ4YMCH.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
