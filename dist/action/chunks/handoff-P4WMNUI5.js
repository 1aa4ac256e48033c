import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-YR3RI3VA.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-LCUSIIBG.js";
import "./chunk-QBPXBXZH.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
