import {
  describeToolFailure,
  runTool
} from "./chunk-AJMMD6C3.js";
import "./chunk-FF3BSGS2.js";
import "./chunk-WNTXV5YL.js";
export {
  describeToolFailure,
  runTool
};
