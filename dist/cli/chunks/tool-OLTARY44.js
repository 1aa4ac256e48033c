import {
  describeToolFailure,
  runTool
} from "./chunk-MIAOP7XY.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
