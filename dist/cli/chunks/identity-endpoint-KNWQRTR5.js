import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-D55UTR3F.js";
import "./chunk-YAN56O23.js";
import "./chunk-V5WGFITT.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-XKEUJV4V.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
