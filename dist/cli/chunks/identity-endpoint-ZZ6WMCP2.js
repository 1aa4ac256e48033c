import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-O6EALVF6.js";
import "./chunk-S2R7BYJ5.js";
import "./chunk-UFIYPEFZ.js";
import "./chunk-V5WGFITT.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-HCLIGZL7.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
