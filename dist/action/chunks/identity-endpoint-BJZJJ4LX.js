import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-OVYXXWKN.js";
import "./chunk-B62IAFNO.js";
import "./chunk-JHOUULTC.js";
import "./chunk-JQXW3DFI.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
