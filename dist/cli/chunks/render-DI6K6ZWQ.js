import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-4KALJ7TL.js";
import "./chunk-DXLEYKMA.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
