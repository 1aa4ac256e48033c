import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-JIKE6IHI.js";
import "./chunk-DPA4EM7W.js";
import "./chunk-LCUSIIBG.js";
import "./chunk-XXSXLXCK.js";
import "./chunk-NTCGQ4GM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
