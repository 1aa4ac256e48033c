import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-UOOPZ6Q5.js";
import "./chunk-H7SBMVBX.js";
import "./chunk-K6HR7HKO.js";
import "./chunk-VRY2ZKJC.js";
import "./chunk-VJUUQO3Q.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
