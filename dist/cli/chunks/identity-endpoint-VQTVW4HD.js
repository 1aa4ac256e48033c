import {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
} from "./chunk-BDIHMKKW.js";
import "./chunk-FK5FM7T2.js";
import "./chunk-V5WGFITT.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-S55EI4Q6.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  IDENTITY_VARIABLES,
  identityEndpointHandoff,
  identityIdleTimeout
};
