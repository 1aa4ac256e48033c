import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-XLHUBIBN.js";
import "./chunk-3QZMS7PH.js";
import "./chunk-W5VUUOKH.js";
import "./chunk-DESTIJ35.js";
import "./chunk-IVFXZQ6R.js";
import "./chunk-4D3OPUEX.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
