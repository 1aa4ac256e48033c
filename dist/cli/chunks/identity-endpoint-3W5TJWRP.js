import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-MKKW2VS7.js";
import "./chunk-2E7ANKWS.js";
import "./chunk-M2XY3DBA.js";
import "./chunk-XKEUJV4V.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
