import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-BSZPSULG.js";
import "./chunk-S2R7BYJ5.js";
import "./chunk-DM2R65FB.js";
import "./chunk-V5WGFITT.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-WGEYNPZE.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
