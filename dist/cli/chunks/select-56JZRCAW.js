import {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
} from "./chunk-3BEXBNR4.js";
import "./chunk-2DDFJREN.js";
import "./chunk-DMVH3RHT.js";
import "./chunk-OBQX42YK.js";
import "./chunk-VRDANWWT.js";
import "./chunk-Z53PL5H4.js";
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
