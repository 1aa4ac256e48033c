/**
 * The Drone/Harness plugin's settings: `settings:` in .drone.yml arrive as PLUGIN_<KEY>
 * variables, arrays comma-joined (https://docs.drone.io/plugins/overview/). This turns them into
 * the core's options, one credential, and where the results go. Everything is checked before
 * any request. The credential is the setting that names one (a certificate, or a client secret,
 * which Harness's own OIDC token beats); there are no flags or files to choose among here.
 */
import { isAbsolute, resolve } from 'node:path';
import { harnessProvider, HARNESS_TOKEN_VARIABLE, isHarness } from '../../ci/harness.js';
import { droneProvider } from '../../ci/drone.js';
import type { Credential } from '../../ci/credential.js';
import type { Env } from '../../ci/types.js';
import { envValue } from '../../ci/values.js';
import { certificateAssertion, loadCertificate } from '../../core/certificate.js';
import { FederationError, usageError } from '../../core/errors.js';
import type { HttpClient } from '../../core/http.js';
import type { CredentialSource } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import { resolveOptions, splitList, validateTimeout } from '../../core/options.js';
import { editDistance, printableAscii } from '../../core/text.js';

/** Where the env file goes when `output` is not set: inside the workspace, which later steps share. */
export const DEFAULT_OUTPUT = '.entra-federate/env';

export interface PluginSettings {
  options: FederationOptions;
  /** Its provider is the CI around the step (its context for the audit record) whatever the credential. */
  credential: Credential;
  /** Absolute path of the env file. */
  output: string;
  policy?: string;
  auditLog?: string;
  /** Said in the log: a credential that was set but not used. */
  notes: string[];
}

/**
 * Every setting the plugin reads (drone-plugin/README.md lists them), and `debug`, which Drone
 * users set for any plugin and which only Drone acts on. Any other PLUGIN_ variable is a
 * setting nothing reads: most often a typo that would otherwise fail silently.
 */
const KNOWN_SETTINGS = [
  'client_id',
  'tenant_id',
  'scopes',
  'audience',
  'cloud',
  'authority_host',
  'timeout',
  'certificate',
  'client_secret',
  'oidc_token_id',
  'output',
  'policy',
  'audit_log',
  'debug',
] as const;

export interface UnknownSetting {
  variable: string;
  setting: string;
  closest: string;
}

/** The known setting a mistyped one most likely meant: one it begins, else the fewest edits away. */
function closestSetting(name: string): string {
  const compact = (s: string) => s.replace(/_/g, '');
  const prefixed =
    name.length >= 3 ? KNOWN_SETTINGS.find((known) => compact(known).startsWith(compact(name))) : undefined;
  if (prefixed !== undefined) return prefixed;
  let best: string = KNOWN_SETTINGS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const known of KNOWN_SETTINGS) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** PLUGIN_ variables that no setting of ours reads, each with the setting it most likely meant. */
export function unknownSettings(env: Env): UnknownSetting[] {
  const known = new Set<string>(KNOWN_SETTINGS);
  const out: UnknownSetting[] = [];
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith('PLUGIN_')) continue;
    const name = variable.slice('PLUGIN_'.length).toLowerCase();
    if (known.has(name)) continue;
    out.push({ variable, setting: name, closest: closestSetting(name) });
  }
  return out;
}

/** One warning line per unknown setting; names only, never a value (it may be a secret). */
export function unknownSettingWarnings(env: Env): string[] {
  return unknownSettings(env).map(
    (u) =>
      `entra-federate: warning: the setting \`${printableAscii(u.setting)}\` (${printableAscii(u.variable)}) is not one this plugin reads and is ignored; the closest known setting is \`${u.closest}\`.\n`,
  );
}

/** A setting's value: PLUGIN_<NAME>, unset when blank. */
function setting(env: Env, name: string): string | undefined {
  return envValue(env, `PLUGIN_${name.toUpperCase()}`);
}

/**
 * The core's messages speak of CLI flags ("Pass --client-id"); in a plugin the same thing is a
 * setting, so the remedy is reworded rather than the validators duplicated.
 */
function asSettingError(err: unknown): unknown {
  if (!(err instanceof FederationError) || !err.usage) return err;
  const reword = (text: string) =>
    text.replace(/--([a-z][a-z-]*)/g, (_m, flag: string) => `the \`${flag.replace(/-/g, '_')}\` setting`);
  return FederationError.restate(err, reword(err.message), {
    remedy: reword(err.remedy),
    ...(err.field === undefined ? {} : { field: err.field.replace(/-/g, '_') }),
  });
}

/** A PEM, or the PEM base64-encoded (some secret stores keep one line only). */
function certificateBytes(raw: string): Buffer {
  if (raw.includes('-----BEGIN ')) return Buffer.from(raw, 'utf8');
  const compact = raw.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, 'base64');
    if (decoded.toString('latin1').includes('-----BEGIN ')) return decoded;
    decoded.fill(0);
  }
  throw usageError(
    'INVALID_CERTIFICATE',
    'The `certificate` setting holds neither a PEM nor a base64-encoded PEM.',
    'Store the PEM file (private key and certificate) as a Drone secret, e.g. `drone secret add --name azure_certificate --data @app.pem`, and set `certificate: {from_secret: azure_certificate}`.',
    'certificate',
  );
}

export function readSettings(env: Env, http: HttpClient): PluginSettings {
  let options: FederationOptions;
  let timeoutMs: number;
  try {
    options = resolveOptions({
      clientId: setting(env, 'client_id') ?? env['AZURE_CLIENT_ID'],
      tenantId: setting(env, 'tenant_id') ?? env['AZURE_TENANT_ID'],
      scopes: splitList(setting(env, 'scopes')),
      audience: setting(env, 'audience'),
      cloud: setting(env, 'cloud'),
      authorityHost: setting(env, 'authority_host') ?? env['AZURE_AUTHORITY_HOST'],
      timeoutSeconds: setting(env, 'timeout'),
    });
    timeoutMs = validateTimeout(setting(env, 'timeout'));
  } catch (err) {
    throw asSettingError(err);
  }

  const deps = { env, http, timeoutMs };
  const harness = isHarness(env);
  const provider = harness ? harnessProvider(deps) : droneProvider(deps);
  const certificate = setting(env, 'certificate');
  const secret = setting(env, 'client_secret');
  const oidc = envValue(env, HARNESS_TOKEN_VARIABLE) !== undefined;
  const notes: string[] = [];
  if (certificate !== undefined && secret !== undefined) {
    throw usageError(
      'CONFLICTING_CREDENTIALS',
      'Both `certificate` and `client_secret` are set.',
      'Keep one: the certificate (recommended by Microsoft over secrets), or the client secret.',
      'certificate',
    );
  }

  let source: CredentialSource;
  if (certificate !== undefined) {
    // Explicitly configured: it wins over a token Harness injects by itself.
    const bytes = certificateBytes(certificate);
    let cert;
    try {
      cert = loadCertificate(bytes, 'the `certificate` setting');
    } catch (err) {
      throw asSettingError(err);
    } finally {
      bytes.fill(0);
    }
    source = {
      kind: 'certificate',
      description: `the certificate in the \`certificate\` setting (SHA-1 thumbprint ${cert.thumbprintSha1Hex})`,
      assertion: certificateAssertion(cert, { clientId: options.clientId }),
    };
    if (oidc) notes.push(`${HARNESS_TOKEN_VARIABLE} is set but not used: the \`certificate\` setting was given.`);
  } else if (oidc) {
    // Keyless wins over a stored secret whenever Harness gives the step a token.
    const harnessToken = harnessProvider(deps);
    source = { kind: 'federated', description: harnessToken.description, idToken: (aud) => harnessToken.idToken(aud) };
    if (secret !== undefined)
      notes.push(
        `\`client_secret\` is set but not used: Harness gave this step an OIDC token (${HARNESS_TOKEN_VARIABLE}).`,
      );
  } else if (secret !== undefined) {
    source = { kind: 'secret', description: 'the client secret in the `client_secret` setting', secret: secret.trim() };
  } else {
    throw usageError(
      'NO_CREDENTIAL',
      harness
        ? `Harness gave this step no OIDC token (${HARNESS_TOKEN_VARIABLE} is not set), and neither \`certificate\` nor \`client_secret\` is set.`
        : 'Drone issues no OIDC tokens, and neither `certificate` nor `client_secret` is set.',
      'Set `certificate: {from_secret: NAME}` to a secret holding the PEM (private key and certificate) of a certificate uploaded to the app registration; or, less safely, `client_secret: {from_secret: NAME}`.',
    );
  }

  const workspace = envValue(env, 'DRONE_WORKSPACE') ?? process.cwd();
  const requested = setting(env, 'output') ?? DEFAULT_OUTPUT;
  const output = isAbsolute(requested) ? requested : resolve(workspace, requested);
  const policy = setting(env, 'policy');
  const auditLog = setting(env, 'audit_log');
  return {
    options,
    // Audit records name a certificate or secret login after the credential, not after the CI.
    credential: { source, provider, ...(source.kind === 'federated' ? {} : { origin: source.kind }) },
    output,
    notes,
    ...(policy === undefined ? {} : { policy: isAbsolute(policy) ? policy : resolve(workspace, policy) }),
    ...(auditLog === undefined ? {} : { auditLog: isAbsolute(auditLog) ? auditLog : resolve(workspace, auditLog) }),
  };
}
