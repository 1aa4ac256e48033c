import {
  describeToolFailure,
  runTool
} from "./chunk-O35ETRRI.js";
import "./chunk-DLIHHOB6.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  describeToolFailure,
  runTool
};
