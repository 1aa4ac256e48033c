import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-2XZ2W6CH.js";
import "./chunk-72HPESNF.js";
import "./chunk-E4FLCOSY.js";
import "./chunk-3CM6PUYR.js";
import "./chunk-YN2HISOE.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
