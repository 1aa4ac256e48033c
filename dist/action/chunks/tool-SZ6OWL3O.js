import {
  describeToolFailure,
  runTool
} from "./chunk-JBOAMJZQ.js";
import "./chunk-C7H3IGGA.js";
import "./chunk-CL3IFF6F.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
