import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-X52ZBZSQ.js";
import "./chunk-72HPESNF.js";
import "./chunk-QH2NMUVV.js";
import "./chunk-FWECCYJW.js";
import "./chunk-6X7A6QOI.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
