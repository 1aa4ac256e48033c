import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-EMDYYYJZ.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-ID5FPGTE.js";
import "./chunk-JQXW3DFI.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
