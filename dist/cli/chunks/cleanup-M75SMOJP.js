import {
  AZ_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
} from "./chunk-NAKFSPED.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";
export {
  AZ_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
