import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-V3NCVFVG.js";
import "./chunk-WNWPNJ4F.js";
import "./chunk-JHOUULTC.js";
import "./chunk-3ESR5AOL.js";
import "./chunk-L63AFKMZ.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
