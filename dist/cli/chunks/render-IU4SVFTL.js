import {
  diagnosisMarkdown,
  renderDiagnosis
} from "./chunk-ZTOLGSAE.js";
import "./chunk-VCKRDC7T.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";
export {
  diagnosisMarkdown,
  renderDiagnosis
};
