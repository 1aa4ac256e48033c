import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-HWKRKHDP.js";
import "./chunk-RGME7GWU.js";
import "./chunk-G3NMKQ7X.js";
import "./chunk-DWVU6QLE.js";
import "./chunk-BACNZP5P.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
