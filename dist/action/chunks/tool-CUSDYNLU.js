import {
  describeToolFailure,
  runTool
} from "./chunk-3XZADGCU.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
