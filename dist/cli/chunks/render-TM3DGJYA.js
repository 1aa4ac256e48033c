import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-HRLJRW62.js";
import "./chunk-XITDUHIZ.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
