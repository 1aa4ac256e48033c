import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-SHHHDOQJ.js";
import "./chunk-7SHTST57.js";
import "./chunk-K6HR7HKO.js";
import "./chunk-VRY2ZKJC.js";
import "./chunk-JQXW3DFI.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
