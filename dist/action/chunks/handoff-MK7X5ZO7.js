import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-I5ALNV3D.js";
import "./chunk-P6RV7RUU.js";
import "./chunk-LCUSIIBG.js";
import "./chunk-RVQPZLSX.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
