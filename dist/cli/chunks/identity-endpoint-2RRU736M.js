import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-4SL2XH7C.js";
import "./chunk-ZWESOJKP.js";
import "./chunk-U2RW3LS6.js";
import "./chunk-XKEUJV4V.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
