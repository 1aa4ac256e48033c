import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-WIBRQXEN.js";
import "./chunk-3QZMS7PH.js";
import "./chunk-6Y2HID32.js";
import "./chunk-V5WGFITT.js";
import "./chunk-IVFXZQ6R.js";
import "./chunk-4NJR45T6.js";
import "./chunk-PKUEXJ6T.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
