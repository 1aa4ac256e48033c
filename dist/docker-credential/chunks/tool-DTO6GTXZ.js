import {
  describeToolFailure,
  runTool
} from "./chunk-ZU5NGNBG.js";
import "./chunk-LYYADFOI.js";
import "./chunk-K4KDMNMQ.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-GVAQHXIE.js";
import "./chunk-NBRUGERP.js";
export {
  describeToolFailure,
  runTool
};
