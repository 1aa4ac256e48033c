/**
 * The Drone/Harness plugin (drone-plugin/Dockerfile runs this file): PLUGIN_* settings in, the
 * core's login, then an env file in the workspace for later steps (and Harness's output files
 * when the step has them), and a summary without tokens in the log. Failures print what to
 * change, with the doctor's reading when the CI token's claims explain them.
 */
import { FederationError } from '../core/errors.js';
import { createNodeHttpClient } from '../core/http.js';
import type { HttpClient } from '../core/http.js';
import { login } from '../core/login.js';
import type { LoginResult } from '../core/login.js';
import { proxyConfigFrom } from '../core/proxy.js';
import { failureReading } from '../doctor/explain.js';
import { renderDiagnosis } from '../doctor/render.js';
import { renderError, renderLoginSummary } from './shared/render.js';
import { appendOutputFile, envFileText, loginVariables, scopeVariables, writeEnvFile } from './drone/env-file.js';
import { readSettings } from './drone/settings.js';
import type { PluginSettings } from './drone/settings.js';
import { tolerateClosedOutput } from './shared/closed-output.js';

async function signIn(settings: PluginSettings, http: HttpClient): Promise<LoginResult> {
  const { options, source, provider } = settings;
  if (settings.policy === undefined && settings.auditLog === undefined) return login(options, source, { http });
  const { loginWithGuardFiles } = await import('../audit/trail.js');
  return loginWithGuardFiles(options, source, http, {
    policyPath: settings.policy,
    auditLogPath: settings.auditLog,
    provider: source.kind === 'federated' ? provider.name : source.kind,
    ci: provider.context(),
    now: Date.now,
  });
}

async function main(env: NodeJS.ProcessEnv, http: HttpClient): Promise<void> {
  const settings = readSettings(env, http);
  const names = scopeVariables(settings.options.scopes.map((s) => s.scope));
  const result = await signIn(settings, http);
  const variables = loginVariables(result, names);

  writeEnvFile(settings.output, envFileText(variables));
  const lines: string[] = [`  env file:       ${settings.output} (${variables.map((v) => v.name).join(', ')})`];
  // Harness: plain output variables are shown in the UI, so tokens go only to the secret file.
  const outputFile = env['DRONE_OUTPUT'];
  if (outputFile !== undefined && outputFile !== '') {
    const plain = variables.filter((v) => !v.secret);
    appendOutputFile(outputFile, 'the output variables file ($DRONE_OUTPUT)', plain);
    lines.push(`  output vars:    ${plain.map((v) => v.name).join(', ')}`);
  }
  const secretFile = env['HARNESS_OUTPUT_SECRET_FILE'];
  if (secretFile !== undefined && secretFile !== '') {
    const secrets = variables.filter((v) => v.secret);
    appendOutputFile(secretFile, 'the output secrets file ($HARNESS_OUTPUT_SECRET_FILE)', secrets);
    lines.push(`  output secrets: ${secrets.map((v) => v.name).join(', ')}`);
  }

  let out = renderLoginSummary(result, Date.now());
  for (const note of settings.notes) out += `  note:           ${note}\n`;
  process.stdout.write(`${out}${lines.join('\n')}\n`);
}

function fail(err: unknown): void {
  if (err instanceof FederationError) {
    let out = renderError(err);
    const reading = failureReading(err, Date.now());
    if (reading !== undefined) out += `\nentra-federate doctor:\n${renderDiagnosis(reading.diagnosis, reading.ctx)}`;
    process.stderr.write(out);
    process.exitCode = err.usage ? 2 : 1;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `entra-federate: unexpected error: ${message}\n  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).\n`,
  );
  if (process.env['ENTRA_FEDERATE_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined)
    process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}

tolerateClosedOutput(process.stdout, process.stderr);
try {
  // A proxy setting that cannot be parsed fails here, with its own message.
  const http = createNodeHttpClient({
    userAgent: `entra-federate-drone/${VERSION}`,
    proxy: proxyConfigFrom(process.env),
  });
  await main(process.env, http);
} catch (err) {
  fail(err);
}
