import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-HRLJRW62.js";
import "./chunk-XITDUHIZ.js";
import "./chunk-A4I6B6LM.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
