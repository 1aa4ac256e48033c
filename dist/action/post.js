import {
  FILES_STATE,
  filesFromState,
  githubRunner,
  tolerateClosedOutput
} from "./chunks/chunk-BBBQVLYA.js";
import {
  cleanupFromJson,
  isEmptyCleanup,
  performCleanup
} from "./chunks/chunk-RABSZ2MY.js";
import "./chunks/chunk-ID5FPGTE.js";
import "./chunks/chunk-NTCGQ4GM.js";
import "./chunks/chunk-WNTXV5YL.js";

// src/entry/post.ts
var CLEANUP_STATE = "cleanup";
tolerateClosedOutput(process.stdout, process.stderr);
var runner = githubRunner(process.env);
var rest = cleanupFromJson(runner.state(CLEANUP_STATE) || "{}");
var cleanup = { ...rest, files: filesFromState(runner.state(FILES_STATE)) };
var report = await performCleanup(cleanup, process.env, {
  info: (m) => runner.info(m),
  warn: (m) => runner.warning(m),
  debug: (m) => runner.debug(m)
});
runner.info(`entra-federate: removed ${report.filesRemoved} file${report.filesRemoved === 1 ? "" : "s"}.`);
if (!isEmptyCleanup(rest)) {
  runner.info(
    `entra-federate: stopped ${report.endpointsStopped} identity endpoint${report.endpointsStopped === 1 ? "" : "s"}, signed out ${report.signedOut} tool${report.signedOut === 1 ? "" : "s"}, removed ${report.dirsRemoved} director${report.dirsRemoved === 1 ? "y" : "ies"}.`
  );
}
