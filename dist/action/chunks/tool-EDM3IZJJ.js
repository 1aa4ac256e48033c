import {
  describeToolFailure,
  runTool
} from "./chunk-5UT3ROI3.js";
import "./chunk-C7H3IGGA.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
