import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-D5A5P35F.js";
import "./chunk-OFLDU6RS.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
