import {
  AZ_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
} from "./chunk-7M33NLRN.js";
import "./chunk-XX4MMFAK.js";
import "./chunk-Z53PL5H4.js";
export {
  AZ_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
