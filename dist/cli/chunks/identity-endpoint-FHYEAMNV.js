import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-QP2K66YR.js";
import "./chunk-I4RA2HRB.js";
import "./chunk-TTDC6TTO.js";
import "./chunk-XKEUJV4V.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
