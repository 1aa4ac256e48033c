import {
  describeToolFailure,
  runTool
} from "./chunk-DP5YIHSN.js";
import "./chunk-ZRLSFQUU.js";
import "./chunk-K4KDMNMQ.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";
export {
  describeToolFailure,
  runTool
};
