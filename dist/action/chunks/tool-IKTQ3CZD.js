import {
  describeToolFailure,
  runTool
} from "./chunk-7HWUQOHK.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
