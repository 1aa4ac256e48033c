import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-CVQ2KPQJ.js";
import "./chunk-RG2YI2LI.js";
import "./chunk-TTDC6TTO.js";
import "./chunk-LOAEJ2BM.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
