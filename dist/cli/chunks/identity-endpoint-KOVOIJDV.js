import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-NXSUHIVL.js";
import "./chunk-3QZMS7PH.js";
import "./chunk-IYKS3YX5.js";
import "./chunk-V5WGFITT.js";
import "./chunk-IVFXZQ6R.js";
import "./chunk-6I7DYRWY.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
