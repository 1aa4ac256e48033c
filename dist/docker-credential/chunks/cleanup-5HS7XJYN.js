import {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
} from "./chunk-DGGSQ7DO.js";
import "./chunk-Z36UTUXT.js";
import "./chunk-NBRUGERP.js";
export {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
