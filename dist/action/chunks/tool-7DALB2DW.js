import {
  describeToolFailure,
  runTool
} from "./chunk-ZUEVHV4R.js";
import "./chunk-FF3BSGS2.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
