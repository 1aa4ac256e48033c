import {
  describeToolFailure,
  runTool
} from "./chunk-PKNDCWOL.js";
import "./chunk-C7H3IGGA.js";
import "./chunk-L63AFKMZ.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
