import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-F3SLWPLB.js";
import "./chunk-B62IAFNO.js";
import "./chunk-JHOUULTC.js";
import "./chunk-FGTAM3ZV.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-L63AFKMZ.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
