import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-57MXCQ2X.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-ID5FPGTE.js";
import "./chunk-XXSXLXCK.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
