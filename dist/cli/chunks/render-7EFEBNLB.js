import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-XA2T5FB4.js";
import "./chunk-OTF3F4G4.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
