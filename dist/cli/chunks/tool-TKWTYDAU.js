import {
  describeToolFailure,
  runTool
} from "./chunk-KY3TC33P.js";
import "./chunk-ZEV35T7N.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
