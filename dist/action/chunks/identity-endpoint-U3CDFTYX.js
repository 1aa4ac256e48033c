import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-MVQPVCCN.js";
import "./chunk-TAGY3JDJ.js";
import "./chunk-JHOUULTC.js";
import "./chunk-5IH7R7AV.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
