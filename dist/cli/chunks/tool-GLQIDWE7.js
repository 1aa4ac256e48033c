import {
  describeToolFailure,
  runTool
} from "./chunk-AMVQXM2Y.js";
import "./chunk-VBMGHPDA.js";
import "./chunk-GJATYHHP.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
