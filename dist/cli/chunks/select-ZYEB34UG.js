import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-J5PFDSNZ.js";
import "./chunk-2DDFJREN.js";
import "./chunk-AOAWQQ6K.js";
import "./chunk-6RWHC66I.js";
import "./chunk-U47BS5BH.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
