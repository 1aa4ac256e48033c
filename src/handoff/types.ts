/**
 * The hand-off seam: an exporter takes a login's result and passes credentials on to the tools
 * of later steps, through whatever the CI offers (a CiSink). It returns what cleanup must undo,
 * as plain data: the post step that undoes it runs in another process.
 */
import type { LoginResult } from '../core/login.js';

/** How a CI passes things to the job's later steps. */
export interface CiSink {
  /** Makes a variable visible to later steps (GitHub: GITHUB_ENV). */
  setEnv(name: string, value: string): void;
  /** Hides a value in the CI's logs from now on. */
  mask(value: string): void;
  /** A directory for files that must not outlive the job (GitHub: RUNNER_TEMP). */
  readonly tempDir: string;
}

export interface HandoffRequest {
  result: LoginResult;
  /**
   * A CI token for the audience. The caller masks every token it returns, so an exporter only
   * has to keep it out of logs and write it safely.
   */
  idToken(audience: string): Promise<string>;
  /** Azure subscription for tools that need one; validated by the caller. */
  subscriptionId?: string;
}

/** What the cleanup step undoes. Serialisable: it travels through the CI's saved state. */
export interface Cleanup {
  files: string[];
}

export interface Handoff {
  readonly name: string;
  export(request: HandoffRequest, sink: CiSink): Promise<Cleanup>;
}
