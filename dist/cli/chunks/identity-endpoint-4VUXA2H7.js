import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-WEDIENHP.js";
import "./chunk-S2R7BYJ5.js";
import "./chunk-TPKF7TGC.js";
import "./chunk-U2RW3LS6.js";
import "./chunk-4D3OPUEX.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
