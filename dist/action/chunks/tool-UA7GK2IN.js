import {
  describeToolFailure,
  runTool
} from "./chunk-O4PUR622.js";
import "./chunk-XKDIOAJB.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
