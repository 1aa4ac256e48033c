/**
 * A login with its guardrail and its trail: the guard (policy) runs in login()'s
 * beforeExchange hook, so a denied run sends nothing to Entra; then one audit line per token,
 * or one line saying why there is none, whatever the outcome.
 */
import type { CiContext } from '../ci/types.js';
import type { HttpClient } from '../core/http.js';
import type { CredentialSource, IdTokenSummary, LoginResult } from '../core/login.js';
import { login } from '../core/login.js';
import type { FederationOptions } from '../core/options.js';
import type { PolicyDecision } from '../policy/evaluate.js';
import { enforcePolicy } from '../policy/guard.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/parse.js';
import type { AppendFile } from './log.js';
import { auditLines, openAppendOnly } from './log.js';
import { renderAuditMarkdown } from './markdown.js';
import type { AuditRecord } from './record.js';
import { failureRecord, successRecords } from './record.js';

export interface LoginTrail {
  /** Throws to deny; returns the decision for the record. */
  guard?: (idToken: IdTokenSummary | undefined, options: FederationOptions) => PolicyDecision;
  auditLog?: AppendFile;
  /** A step summary file (GitHub's GITHUB_STEP_SUMMARY) to append Markdown rows to. */
  summary?: AppendFile;
  provider: string;
  ci?: CiContext;
  now: () => number;
}

async function write(trail: LoginTrail, records: AuditRecord[]): Promise<void> {
  await trail.auditLog?.append(auditLines(records));
  await trail.summary?.append(renderAuditMarkdown(records));
}

export async function loginWithTrail(
  options: FederationOptions,
  source: CredentialSource,
  http: HttpClient,
  trail: LoginTrail,
): Promise<LoginResult> {
  let idToken: IdTokenSummary | undefined;
  let decision: PolicyDecision | undefined;
  const subject = () => ({
    time: trail.now(),
    provider: trail.provider,
    ...(trail.ci === undefined ? {} : { ci: trail.ci }),
    ...(idToken === undefined ? {} : { idToken }),
  });
  let result: LoginResult;
  try {
    result = await login(options, source, {
      http,
      beforeExchange: (token, opts) => {
        idToken = token;
        if (trail.guard !== undefined) decision = trail.guard(token, opts);
      },
    });
  } catch (err) {
    // The original failure is what the user must see; a trail that cannot be written
    // was already checked writable before the login started.
    await write(trail, [failureRecord(err, options, subject())]).catch(() => undefined);
    throw err;
  }
  // Fail closed: when the trail cannot be written, the tokens are not handed out.
  await write(trail, successRecords(result, subject(), decision));
  return result;
}

export interface GuardFiles {
  policyPath?: string | undefined;
  /** A policy loaded once by a long-running caller (the identity endpoint); wins over policyPath. */
  policy?: Policy | undefined;
  auditLogPath?: string | undefined;
  /** Appended only together with an audit log. */
  summaryPath?: string | undefined;
  provider: string;
  ci?: CiContext | undefined;
  now: () => number;
}

/**
 * What the CLI's --policy and --audit-log do: load the policy and open the files first (a bad
 * path or policy fails before any request), then log in with the trail, then close.
 */
export async function loginWithGuardFiles(
  options: FederationOptions,
  source: CredentialSource,
  http: HttpClient,
  files: GuardFiles,
): Promise<LoginResult> {
  const trail: LoginTrail = {
    provider: files.provider,
    now: files.now,
    ...(files.ci === undefined ? {} : { ci: files.ci }),
  };
  const policy = files.policy ?? (files.policyPath === undefined ? undefined : await loadPolicy(files.policyPath));
  if (policy !== undefined) {
    trail.guard = (idToken, opts) => enforcePolicy(policy, idToken, opts);
  }
  try {
    if (files.auditLogPath !== undefined) {
      trail.auditLog = await openAppendOnly(files.auditLogPath, 'the audit log', 'audit-log');
      if (files.summaryPath !== undefined && files.summaryPath !== '')
        trail.summary = await openAppendOnly(files.summaryPath, 'the step summary file', 'audit-log', 'any');
    }
    return await loginWithTrail(options, source, http, trail);
  } finally {
    await trail.auditLog?.close();
    await trail.summary?.close();
  }
}
