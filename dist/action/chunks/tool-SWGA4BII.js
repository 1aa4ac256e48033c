import {
  describeToolFailure,
  runTool
} from "./chunk-UOO2VU6E.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
