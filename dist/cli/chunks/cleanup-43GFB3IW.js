import {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
} from "./chunk-NPLQBTCK.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";
export {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
