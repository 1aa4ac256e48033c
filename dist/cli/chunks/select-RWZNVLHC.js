import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-EE57AEX6.js";
import "./chunk-2DDFJREN.js";
import "./chunk-DEUDVLIW.js";
import "./chunk-NNBAYSY3.js";
import "./chunk-GH4ACWPG.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
