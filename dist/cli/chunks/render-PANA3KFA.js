import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-ONAEYCOU.js";
import "./chunk-PSYU4MKI.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
