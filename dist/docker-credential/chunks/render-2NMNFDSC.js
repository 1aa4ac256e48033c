import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-GS6QSNQJ.js";
import "./chunk-D76JOVTW.js";
import "./chunk-GVAQHXIE.js";
import "./chunk-NBRUGERP.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
