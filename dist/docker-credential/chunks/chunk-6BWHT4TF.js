import {
  providerNames
} from "./chunk-6O2JB3KQ.js";
import {
  FederationError,
  usageError
} from "./chunk-Y33T5NR3.js";
import {
  isoTime,
  showClaim
} from "./chunk-5ICNF3XL.js";

// src/entry/shared/render.ts
function row(label, value) {
  return `  ${`${label}:`.padEnd(16)}${value}
`;
}
function claim(value) {
  return value === void 0 ? "(none)" : showClaim(value, "when-needed");
}
function audText(aud) {
  if (aud === void 0) return "(none)";
  return Array.isArray(aud) ? aud.map((a) => showClaim(a, "when-needed")).join(", ") : claim(aud);
}
function renderError(err, wording = (text) => text) {
  let out = `entra-federate: ${wording(err.message)}
`;
  out += row("code", err.aadsts === void 0 ? err.code : `${err.code} (AADSTS${err.aadsts})`);
  if (err.scope !== void 0) out += row("scope", err.scope);
  if (err.presented !== void 0) {
    out += row("issuer", claim(err.presented.iss));
    out += row("subject", claim(err.presented.sub));
    out += row("audience", audText(err.presented.aud));
  }
  if (err.field !== void 0 && err.expected !== void 0)
    out += row("expected", `${err.field} = ${claim(err.expected)}`);
  if (err.field !== void 0 && err.actual !== void 0) out += row("found", `${err.field} = ${claim(err.actual)}`);
  if (err.traceId !== void 0) out += row("trace id", err.traceId);
  if (err.correlationId !== void 0) out += row("correlation id", err.correlationId);
  if (err.timestamp !== void 0) out += row("timestamp", err.timestamp);
  out += row("what to do", wording(err.remedy));
  return out;
}
function inMinutes(epochMs, now) {
  const minutes = Math.round((epochMs - now) / 6e4);
  return minutes >= 120 ? `in ${Math.round(minutes / 60)} h` : `in ${minutes} min`;
}
function loginSummary(result, ci) {
  const summary = {
    tenantId: result.tenantId,
    clientId: result.clientId,
    cloud: result.cloud,
    authorityHost: result.authorityHost,
    credential: result.credential,
    correlationId: result.correlationId,
    tokens: result.tokens.map((t) => ({ scope: t.scope, expiresOn: isoTime(t.expiresOn) })),
    notes: result.notes
  };
  if (result.idToken !== void 0) {
    const { iss, sub, aud, exp } = result.idToken;
    summary.idToken = {
      ...iss === void 0 ? {} : { iss },
      ...sub === void 0 ? {} : { sub },
      ...aud === void 0 ? {} : { aud },
      ...exp === void 0 ? {} : { expiresOn: isoTime(exp * 1e3) }
    };
  }
  if (ci !== void 0 && Object.keys(ci).length > 1) summary.ci = ci;
  return summary;
}
function renderLoginSummary(result, now) {
  let out = `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})
`;
  if (result.idToken !== void 0) {
    out += row("credential", `federated, from ${result.credentialSource}`);
    out += row("issuer", claim(result.idToken.iss));
    out += row("subject", claim(result.idToken.sub));
    out += row("audience", audText(result.idToken.aud));
  } else {
    out += row("credential", `${result.credential}, from ${result.credentialSource}`);
  }
  for (const token of result.tokens)
    out += row("token", `${token.scope}  expires ${isoTime(token.expiresOn)} (${inMinutes(token.expiresOn, now)})`);
  for (const note of result.notes) out += row("note", note);
  return out;
}

// src/entry/shared/failure.ts
async function doctorReading(err, now) {
  if (err.request === void 0 || err.claims === void 0) return void 0;
  const { failureReading } = await import("./explain-34B4XZZI.js");
  const reading = failureReading(err, now);
  if (reading === void 0) return void 0;
  const { diagnosisMarkdown, renderDiagnosis } = await import("./render-DLYK2C2I.js");
  return {
    diagnosis: reading.diagnosis,
    text: renderDiagnosis(reading.diagnosis, reading.ctx),
    markdown: diagnosisMarkdown(reading.diagnosis, reading.ctx)
  };
}
function exitCodeOf(err) {
  return err.usage ? 2 : 1;
}
function renderFailure(err, reading) {
  const text = renderError(err);
  return reading === void 0 ? text : `${text}
entra-federate doctor:
${reading.text}`;
}
async function reportFailure(err, io, opts = {}) {
  if (err instanceof FederationError) {
    const reading = await doctorReading(err, io.now());
    if (opts.json === true)
      io.stdout.write(
        `${JSON.stringify({ ok: false, error: err.toJSON(), ...reading === void 0 ? {} : { diagnosis: reading.diagnosis } })}
`
      );
    io.stderr.write(renderFailure(err, reading));
    return exitCodeOf(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(
    `entra-federate: unexpected error: ${message}
  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).
`
  );
  if (io.env["ENTRA_FEDERATE_DEBUG"] === "1" && err instanceof Error && err.stack !== void 0)
    io.stderr.write(`${err.stack}
`);
  return 1;
}

// src/entry/cli/common.ts
import { parseArgs } from "node:util";
var FEDERATION_FLAGS = {
  "client-id": { type: "string" },
  "tenant-id": { type: "string" },
  scope: { type: "string", multiple: true },
  audience: { type: "string" },
  cloud: { type: "string" },
  "authority-host": { type: "string" },
  provider: { type: "string" },
  "id-token-file": { type: "string" },
  "id-token-env": { type: "string" },
  certificate: { type: "string" },
  "certificate-alg": { type: "string" },
  timeout: { type: "string" },
  credential: { type: "string" },
  help: { type: "boolean", short: "h" }
};
function wrapList(names, width, breakWith) {
  const lines = [];
  let line = "";
  for (const name of names) {
    const next = line === "" ? name : `${line} | ${name}`;
    if (next.length > width && line !== "") {
      lines.push(`${line} |`);
      line = name;
    } else line = next;
  }
  return [...lines, line].join(breakWith);
}
var FEDERATION_HELP = `Options:
  --client-id GUID        app (client) id              [env AZURE_CLIENT_ID]
  --tenant-id ID          tenant GUID or domain        [env AZURE_TENANT_ID]
  --scope SCOPE           resource/.default; repeatable or comma-separated; a bare resource
                          URI gets /.default appended  [default https://management.azure.com/.default]
  --audience AUD          audience of the CI token     [default from --cloud: api://AzureADTokenExchange]
  --cloud NAME            AzureCloud | AzureUSGovernment | AzureChinaCloud
  --authority-host URL    https URL (http only to loopback) [env AZURE_AUTHORITY_HOST]
  --provider NAME         ${wrapList(providerNames(), 66, "\n                          ")}
  --id-token-file FILE    read the CI token from a file [env AZURE_FEDERATED_TOKEN_FILE]
  --id-token-env NAME     read the CI token from an environment variable
  --certificate FILE      for CIs without OIDC: a PEM with the app's private key and
                          certificate                  [env AZURE_CLIENT_CERTIFICATE_PATH]
  --certificate-alg ALG   PS256 (default, x5t#S256) | RS256 (x5t)
                          a client secret is read only from the environment: AZURE_CLIENT_SECRET
  --credential KIND       managed-identity: the machine's own identity (IMDS, or
                          AZURE_POD_IDENTITY_AUTHORITY_HOST / IMDS_ENDPOINT); no CI token, no
                          exchange; --client-id names a user-assigned identity [default auto]
  --timeout SECONDS       overall deadline              [default 60]
  -h, --help              this help`;
var SECRET_FLAGS = {
  "client-secret": "AZURE_CLIENT_SECRET",
  secret: "AZURE_CLIENT_SECRET",
  password: "AZURE_CLIENT_SECRET",
  "id-token": "AZURE_FEDERATED_TOKEN_FILE or --id-token-env",
  token: "--id-token-env or --id-token-file"
};
function tokenSources(command) {
  return command === "verify" ? "--id-token-file, --id-token-env or standard input" : "--id-token-file, --id-token-env or AZURE_FEDERATED_TOKEN_FILE";
}
var LONGEST_ECHOED_FLAG = 40;
function unexpectedArgument(command, positional) {
  const at = positional.index + 1;
  const length = positional.value.length;
  throw usageError(
    "UNEXPECTED_ARGUMENT",
    `\`entra-federate ${command}\` takes no positional arguments, but argument ${at} after the command is one (${length} character${length === 1 ? "" : "s"}; not shown, in case it is a token).`,
    `Give every value right after its flag (--flag VALUE). Tokens are read only from ${tokenSources(command)}, never from the command line.`
  );
}
function parseCommand(command, argv, options, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /^Unknown option '([^']*)'/.exec(message)?.[1];
    if (unknown !== void 0 && unknown.length > LONGEST_ECHOED_FLAG)
      throw usageError(
        "INVALID_ARGUMENTS",
        `Unknown option of ${unknown.length} characters (not shown, in case it is a token).`,
        `Run \`entra-federate ${command} --help\` for the flags it takes. Tokens are read only from ${tokenSources(command)}.`
      );
    const flag = /'(--?[^' ]+)/.exec(message)?.[1]?.replace(/^-+/, "").split("=")[0];
    if (flag !== void 0 && SECRET_FLAGS[flag] !== void 0) {
      throw usageError(
        "SECRET_ON_COMMAND_LINE",
        `--${flag} is not accepted: secrets and tokens are never taken as command-line arguments.`,
        `Put it in ${SECRET_FLAGS[flag]} instead.`,
        flag
      );
    }
    const first = message.split(". To specify")[0]?.replace(/\.$/, "") ?? message;
    throw usageError(
      "INVALID_ARGUMENTS",
      `${first}.`,
      `Run \`entra-federate ${command} --help\` for the flags it takes.`
    );
  }
  const positional = parsed.tokens.find((token) => token.kind === "positional");
  if (!allowPositionals && positional !== void 0) unexpectedArgument(command, positional);
  return parsed;
}
async function runCommand(body, io, opts = {}) {
  try {
    const code = await body();
    return typeof code === "number" ? code : 0;
  } catch (err) {
    return reportFailure(err, io, { json: opts.json?.() === true });
  }
}
function helpRequested(values, text, io) {
  if (values.help !== true) return false;
  io.stdout.write(`${text}
`);
  return true;
}

export {
  renderError,
  loginSummary,
  renderLoginSummary,
  exitCodeOf,
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  parseCommand,
  runCommand,
  helpRequested
};
