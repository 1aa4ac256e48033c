import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-LLAHZAEI.js";
import "./chunk-QRPZ7G5P.js";
import "./chunk-3XCNSF2A.js";
import "./chunk-JHOUULTC.js";
import "./chunk-L63AFKMZ.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
