import {
  describeToolFailure,
  runTool
} from "./chunk-TJHIXYVM.js";
import "./chunk-4HSEYTWS.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
