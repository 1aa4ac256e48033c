import {
  FILES_STATE,
  filesFromState,
  githubRunner
} from "./chunks/chunk-HW2DOCQQ.js";
import "./chunks/chunk-BACNZP5P.js";
import "./chunks/chunk-WNTXV5YL.js";

// src/entry/post.ts
import { unlinkSync } from "node:fs";
var runner = githubRunner(process.env);
var removed = 0;
for (const file of filesFromState(runner.state(FILES_STATE))) {
  try {
    unlinkSync(file);
    removed++;
    runner.debug(`removed ${file}`);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") continue;
    runner.warning(`entra-federate: could not remove ${file} (${typeof code === "string" ? code : String(err)}); the runner deletes RUNNER_TEMP at the end of the job.`);
  }
}
runner.info(`entra-federate: removed ${removed} file${removed === 1 ? "" : "s"}.`);
