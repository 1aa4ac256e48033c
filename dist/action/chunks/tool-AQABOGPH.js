import {
  describeToolFailure,
  runTool
} from "./chunk-WKDXLCZA.js";
import "./chunk-IBLPCCRG.js";
import "./chunk-YTNC6CMW.js";
import "./chunk-L63AFKMZ.js";
import "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
