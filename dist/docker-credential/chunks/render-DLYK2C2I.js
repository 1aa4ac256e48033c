import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-F5XUTOBL.js";
import "./chunk-BQTLZMAU.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
