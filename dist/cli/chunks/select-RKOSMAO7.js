import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-OR4JGB4Q.js";
import "./chunk-ZH66OHU7.js";
import "./chunk-UJNFELAS.js";
import "./chunk-EPEZLMBU.js";
import "./chunk-LNFOVBUP.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
