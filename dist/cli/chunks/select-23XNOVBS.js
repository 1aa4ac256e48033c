import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-2MIAHASL.js";
import "./chunk-2DDFJREN.js";
import "./chunk-23SIXT2A.js";
import "./chunk-UVEZOLFQ.js";
import "./chunk-6X7A6QOI.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
