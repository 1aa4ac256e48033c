import {
  describeToolFailure,
  runTool
} from "./chunk-BTN5WM5K.js";
import "./chunk-OKQSVNSQ.js";
import "./chunk-K4KDMNMQ.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-Q4DLOIK5.js";
import "./chunk-NBRUGERP.js";
export {
  describeToolFailure,
  runTool
};
