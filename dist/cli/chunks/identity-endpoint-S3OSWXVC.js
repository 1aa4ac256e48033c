import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-GQCXTNJJ.js";
import "./chunk-S2R7BYJ5.js";
import "./chunk-PAVSFB6J.js";
import "./chunk-V5WGFITT.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-MMT4V3ZT.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
