import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-HLBGOQTX.js";
import "./chunk-ZH66OHU7.js";
import "./chunk-7WXHDBD5.js";
import "./chunk-BWZ23OC2.js";
import "./chunk-LNFOVBUP.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
