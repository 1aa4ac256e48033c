import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-SW3E4CQN.js";
import "./chunk-HENRZJM6.js";
import "./chunk-JHOUULTC.js";
import "./chunk-C2GABNZU.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
