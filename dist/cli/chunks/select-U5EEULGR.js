import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-TAH7BRPM.js";
import "./chunk-72HPESNF.js";
import "./chunk-NBDM6QDA.js";
import "./chunk-CUKZXCKI.js";
import "./chunk-3MCQO5YT.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
