import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-X4UREAX3.js";
import "./chunk-2DDFJREN.js";
import "./chunk-SLASN2PK.js";
import "./chunk-INCDO6JB.js";
import "./chunk-U47BS5BH.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
