/**
 * The Drone/Harness plugin (drone-plugin/Dockerfile runs it): PLUGIN_* settings in, the sign-in
 * (shared/sign-in.ts), then an env file in the workspace for later steps (and Harness's output
 * files when the step has them), and a summary without tokens in the log. Failures print what
 * to change, with the doctor's reading when the CI token's claims explain them.
 */
import { reportFailure } from '../shared/failure.js';
import type { EntryIo } from '../shared/io.js';
import { renderLoginSummary } from '../shared/render.js';
import { signIn } from '../shared/sign-in.js';
import { appendOutputFile, envFileText, loginVariables, scopeVariables, writeEnvFile } from './env-file.js';
import { readSettings, unknownSettingWarnings } from './settings.js';

/** Runs the step; returns its exit code. */
export async function main(io: Omit<EntryIo, 'stdin'>): Promise<number> {
  try {
    await signInStep(io);
    return 0;
  } catch (err) {
    return reportFailure(err, io);
  }
}

async function signInStep(io: Omit<EntryIo, 'stdin'>): Promise<void> {
  const { env } = io;
  // Before anything can fail: a mistyped setting is the usual reason a required one is "missing".
  for (const warning of unknownSettingWarnings(env)) io.stderr.write(warning);
  // A proxy setting that cannot be parsed fails here, with its own message.
  const http = io.http();
  const settings = readSettings(env, http);
  const names = scopeVariables(settings.options.scopes.map((s) => s.scope));
  const result = await signIn(
    {
      options: settings.options,
      credential: settings.credential,
      guard: { policyPath: settings.policy, auditLogPath: settings.auditLog },
    },
    { http, env, now: io.now },
  );
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

  let out = renderLoginSummary(result, io.now());
  for (const note of settings.notes) out += `  note:           ${note}\n`;
  io.stdout.write(`${out}${lines.join('\n')}\n`);
}
