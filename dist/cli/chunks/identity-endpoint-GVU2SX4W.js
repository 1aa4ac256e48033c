import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-L3TJJICZ.js";
import "./chunk-S2R7BYJ5.js";
import "./chunk-FTXHHIOU.js";
import "./chunk-TTDC6TTO.js";
import "./chunk-FYJABTZU.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
