import {
  CLEANUP_STATE,
  FILES_STATE,
  filesFromState,
  githubRunner,
  tolerateClosedOutput
} from "./chunks/chunk-TKKR7BP6.js";
import {
  cleanupFromJson,
  isEmptyCleanup,
  performCleanup
} from "./chunks/chunk-CXMLBNXR.js";
import "./chunks/chunk-JHOUULTC.js";
import "./chunks/chunk-O2OTSBQM.js";
import "./chunks/chunk-WNTXV5YL.js";

// src/entry/github/post.ts
async function post(io) {
  const { runner } = io;
  const rest = cleanupFromJson(runner.state(CLEANUP_STATE) || "{}");
  const cleanup = { ...rest, files: filesFromState(runner.state(FILES_STATE)) };
  const report = await performCleanup(cleanup, io.env, {
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
}

// src/entry/post.ts
tolerateClosedOutput(process.stdout, process.stderr);
await post({ env: process.env, runner: githubRunner(process.env) });
