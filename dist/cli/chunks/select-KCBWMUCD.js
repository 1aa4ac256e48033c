import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-L5EQ5UZ6.js";
import "./chunk-LAJB3FVB.js";
import "./chunk-7WXHDBD5.js";
import "./chunk-BWZ23OC2.js";
import "./chunk-LNFOVBUP.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
