import {
  describeToolFailure,
  runTool
} from "./chunk-A6VL7O6M.js";
import "./chunk-C7H3IGGA.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
