import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-PZGILJD7.js";
import "./chunk-4KUWQPZN.js";
import "./chunk-Q4DLOIK5.js";
import "./chunk-NBRUGERP.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
