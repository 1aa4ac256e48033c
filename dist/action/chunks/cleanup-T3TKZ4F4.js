import {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
} from "./chunk-CXMLBNXR.js";
import "./chunk-JHOUULTC.js";
import "./chunk-WNTXV5YL.js";
export {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
