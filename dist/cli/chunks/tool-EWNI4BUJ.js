import {
  describeToolFailure,
  runTool
} from "./chunk-I45GVIVJ.js";
import "./chunk-2BGJNNWZ.js";
import "./chunk-GJATYHHP.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
