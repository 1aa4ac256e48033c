import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-VBM2ZZRL.js";
import "./chunk-Y32HUGCH.js";
import "./chunk-ZHH3QR7C.js";
import "./chunk-JHOUULTC.js";
import "./chunk-4Z7CLUDL.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
