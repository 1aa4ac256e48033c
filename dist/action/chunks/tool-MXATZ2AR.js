import {
  describeToolFailure,
  runTool
} from "./chunk-P25NTHLF.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
