import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-XOTU7755.js";
import "./chunk-FEHNSCZA.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
