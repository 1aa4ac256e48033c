/**
 * The hand-off seam: an exporter takes a login's result and passes credentials on to the tools
 * of later steps, through whatever the CI offers (a CiSink). It returns what cleanup must undo,
 * as plain data: the post step (or `entra-federate logout`) that undoes it runs in another
 * process.
 */
import type { CiProvider, Env } from '../ci/types.js';
import type { AccessToken } from '../core/exchange.js';
import type { HttpClient } from '../core/http.js';
import type { LoginResult } from '../core/login.js';

/** What a tool run by a hand-off did. Its output is captured for the hand-off, never shown as it is. */
export type ToolResult =
  | { ok: true; stdout: string }
  | {
      ok: false;
      reason: 'not-found' | 'not-executable' | 'timeout' | 'exit' | 'signal' | 'spawn';
      exitCode?: number;
      stderr: string;
    };

export interface ToolRun {
  /** Written to the tool's stdin, then closed: how secrets reach tools that read them there. */
  stdin?: string;
  /** Added to the job's environment for this run only (e.g. a private AZURE_CONFIG_DIR). */
  env?: Record<string, string>;
  /** Token-shaped values to blank out of the tool's stderr before it appears in any message. */
  secrets?: string[];
}

/** How a CI passes things to the job's later steps. */
export interface CiSink {
  /**
   * Makes a variable visible to later steps: GITHUB_ENV on GitHub, $BASH_ENV on CircleCI,
   * `export NAME='value'` lines in the --env-file elsewhere.
   */
  setEnv(name: string, value: string): void;
  /** Hides a value in the CI's logs from now on (GitHub: ::add-mask::; elsewhere nothing can). */
  mask(value: string): void;
  /** A directory for files that must not outlive the job (GitHub: RUNNER_TEMP). */
  readonly tempDir: string;
  /** Runs a tool found on PATH, without a shell. */
  run(argv: readonly [string, ...string[]], opts?: ToolRun): Promise<ToolResult>;
  /** One line for the log: what was handed on and how long it lasts. Never a secret. */
  info(message: string): void;
  warn(message: string): void;
  /** Whether a hand-off renews what it handed on, and until when: a row of the summary. */
  renewal?(entry: Renewal): void;
}

/** A hand-off's renewal, as the summary shows it. */
export interface Renewal {
  handoff: string;
  renews: boolean;
  /** When it stops working, in words or as an ISO time. */
  until: string;
}

export interface HandoffRequest {
  result: LoginResult;
  /**
   * A CI token for the audience. The caller masks every token it returns, so an exporter only
   * has to keep it out of logs and write it safely. Throws a usage error when the login used
   * a certificate or secret (there is no CI token to hand on).
   */
  idToken(audience: string): Promise<string>;
  /** An access token the login obtained; the scope must be among the hand-off's `scopes`. */
  accessToken(scope: string): AccessToken;
  /** Azure subscription for tools that need one; validated by the caller. */
  subscriptionId?: string;
  /** The job's environment as the login saw it (read only). */
  env: Env;
  /** The CI token's provider (github, gitlab, file, ...), when the login was federated. */
  provider?: CiProvider['name'];
  /** Variables the hand-offs before this one exported in the same login. */
  exported: ReadonlyMap<string, string>;
  http: HttpClient;
  /** How to start the identity endpoint; absent where an entry cannot start one. */
  identity?: IdentityLaunch;
  /**
   * The identity endpoint this login started, once the identity-endpoint hand-off has run
   * (it runs before the hand-offs that renew through it: terraform, az, acr, git).
   */
  endpoint: EndpointSlot;
}

/** Where the identity endpoint's coordinates are, for the hand-offs after it in one login. */
export interface EndpointSlot {
  running?: RunningEndpoint;
}

export interface RunningEndpoint {
  /** IDENTITY_ENDPOINT (App Service 2019); MSI_ENDPOINT (2017) is the same URL. */
  url: string;
  /** IDENTITY_HEADER and MSI_SECRET. */
  secret: string;
  /** The IMDS-shaped capability URL (ARM_MSI_ENDPOINT), when the login asked for it. */
  imdsUrl?: string;
  /** When it stops, in words: "with the job, at cleanup, or after 2 h without a request". */
  ends: string;
}

/** What the identity endpoint needs to get tokens on its own, for the rest of the job. */
export interface IdentityLaunch {
  /**
   * The login's flags (no secrets: those stay in the environment the endpoint inherits), from
   * which the endpoint rebuilds the same credential and options.
   */
  values: Record<string, string>;
  /** The process whose end means the job's end; undefined when none can be told. */
  watchPid?: number;
  /** Stop after this long without a request. */
  idleTimeoutSeconds: number;
}

export interface DockerLogout {
  registry: string;
  /** The DOCKER_CONFIG the login used, if the job set one. */
  dockerConfig?: string;
}

/** What the cleanup step undoes. Serialisable: it travels through the CI's saved state. */
export interface Cleanup {
  files: string[];
  /** Private directories we created (AZURE_CONFIG_DIR), removed with their content. */
  dirs?: string[];
  /** `az account clear` runs under each of these AZURE_CONFIG_DIRs before they are removed. */
  azConfigDirs?: string[];
  dockerLogouts?: DockerLogout[];
  /** State files of identity endpoints to stop. */
  endpoints?: string[];
}

export interface Handoff {
  readonly name: string;
  /** Scopes the hand-off needs tokens for: the login adds them, so policy and audit see them. */
  readonly scopes?: readonly string[];
  export(request: HandoffRequest, sink: CiSink): Promise<Cleanup>;
}
