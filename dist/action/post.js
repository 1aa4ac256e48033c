import {
  FILES_STATE,
  filesFromState,
  githubRunner,
  tolerateClosedOutput
} from "./chunks/chunk-CDSOFYME.js";
import {
  cleanupFromJson,
  isEmptyCleanup,
  performCleanup
} from "./chunks/chunk-O4JV7EDC.js";
import "./chunks/chunk-LCUSIIBG.js";
import "./chunks/chunk-O2OTSBQM.js";
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
