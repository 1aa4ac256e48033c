import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-ABMXHHZS.js";
import "./chunk-SDLUZ6HK.js";
import "./chunk-TTDC6TTO.js";
import "./chunk-TQZUGQ6R.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
