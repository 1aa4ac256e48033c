import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-6CXOXS6P.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-UU3BT2FR.js";
import "./chunk-JQXW3DFI.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
