import {
  describeToolFailure,
  runTool
} from "./chunk-LTGHJBGB.js";
import "./chunk-NVALJV73.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-4Z7CLUDL.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
