import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-CRQLJO2A.js";
import "./chunk-ZH66OHU7.js";
import "./chunk-WVDMPETR.js";
import "./chunk-EPEZLMBU.js";
import "./chunk-LNFOVBUP.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
