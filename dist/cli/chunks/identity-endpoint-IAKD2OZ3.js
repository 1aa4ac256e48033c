import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-WCE6NLTH.js";
import "./chunk-3QZMS7PH.js";
import "./chunk-PAVSFB6J.js";
import "./chunk-V5WGFITT.js";
import "./chunk-IVFXZQ6R.js";
import "./chunk-4NJR45T6.js";
import "./chunk-MMT4V3ZT.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
