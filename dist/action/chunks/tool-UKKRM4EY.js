import {
  describeToolFailure,
  runTool
} from "./chunk-OBBDCZKO.js";
import "./chunk-IMI3LSHI.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
