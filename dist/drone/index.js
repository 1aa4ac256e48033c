import {
  UnsafeFileError,
  createNodeHttpClient,
  login,
  openOwnFile,
  proxyConfigFrom,
  systemClock
} from "./chunks/chunk-XUAMFZNU.js";
import {
  FederationError,
  MAX_JWT_LENGTH,
  quote,
  resolveOptions,
  splitList,
  usageError,
  validateTimeout
} from "./chunks/chunk-H5WV2LXT.js";
import {
  editDistance,
  hasControlCharacter,
  isoTime,
  printableAscii,
  shellQuote,
  showClaim
} from "./chunks/chunk-G2IA36S4.js";
import "./chunks/chunk-F7M5GUK3.js";

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
  const { failureReading } = await import("./chunks/explain-CCGZ5KAW.js");
  const reading = failureReading(err, now);
  if (reading === void 0) return void 0;
  const { diagnosisMarkdown, renderDiagnosis } = await import("./chunks/render-33DUPI5W.js");
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

// src/handoff/run.ts
async function runHandoffs(handoffs, context, sink, onCleanup) {
  const exported = /* @__PURE__ */ new Map();
  const endpoint = {};
  const recording = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message),
    renewal: (entry) => sink.renewal?.(entry)
  };
  const accessToken = (scope) => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    if (token === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}
function noIdToken(credential) {
  return () => Promise.reject(
    usageError(
      "NO_CI_TOKEN_TO_EXPORT",
      `This login used a ${credential === "managed-identity" ? "managed identity" : credential}, so there is no CI token to hand on.`,
      "The env, terraform, kubelogin and az exports pass a CI token on: sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
      "export"
    )
  );
}

// src/entry/shared/sign-in.ts
async function signIn(request, deps) {
  const result = await guardedLogin(request.options, request.credential, request.guard, deps);
  await request.onSignedIn?.(result);
  const plan = request.handoffs;
  if (plan !== void 0 && plan.handoffs.length > 0) await handOff(result, request.credential, plan, deps);
  return result;
}
async function guardedLogin(options, credential, guard, deps) {
  if (guard?.policyPath === void 0 && guard?.policy === void 0 && guard?.auditLogPath === void 0)
    return login(options, credential.source, { http: deps.http });
  const { loginWithGuardFiles } = await import("./chunks/trail-HJMHIRW5.js");
  return loginWithGuardFiles(options, credential.source, deps.http, {
    policyPath: guard.policyPath,
    policy: guard.policy,
    auditLogPath: guard.auditLogPath,
    summaryPath: guard.summaryPath,
    provider: credential.origin ?? credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: () => deps.now()
  });
}
async function handOff(result, credential, plan, deps) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  const idToken = plan.idToken ?? (federated === void 0 ? noIdToken(source.kind) : async (audience) => {
    const token = await federated.idToken(audience);
    plan.sink.mask(token);
    return token;
  });
  const done = [];
  try {
    await runHandoffsOf(plan, result, idToken, credential, deps, done);
  } catch (err) {
    await rollBack(done, plan, deps.env);
    throw err;
  }
}
async function rollBack(done, plan, env) {
  const log = { info: () => void 0, debug: () => void 0, warn: (message) => plan.sink.warn(message) };
  const { performCleanup } = await import("./chunks/cleanup-TQZSVUZ2.js");
  for (const cleanup of [...done].reverse()) {
    try {
      await performCleanup(cleanup, env, log);
    } catch {
    }
  }
  plan.onRollback?.();
  plan.sink.warn("a hand-off failed, so what this login had exported was rolled back.");
}
async function runHandoffsOf(plan, result, idToken, credential, deps, done) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  await runHandoffs(
    plan.handoffs,
    {
      result,
      idToken,
      ...plan.subscriptionId === void 0 ? {} : { subscriptionId: plan.subscriptionId },
      env: deps.env,
      ...federated !== void 0 && credential.provider !== void 0 ? { provider: credential.provider.name } : {},
      http: deps.http,
      ...plan.identity === void 0 ? {} : { identity: plan.identity }
    },
    plan.sink,
    (cleanup) => {
      done.push(cleanup);
      plan.onCleanup(cleanup);
    }
  );
}

// src/handoff/shell.ts
var ACCESS_TOKEN_VARIABLE = "AZURE_ACCESS_TOKEN";
var EXPIRES_ON_VARIABLE = "AZURE_ACCESS_TOKEN_EXPIRES_ON";
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function scopeVariable(scope) {
  let name = scope.replace(/\/\.default$/, "");
  const scheme = name.indexOf("://");
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}
function scopeVariables(scopes) {
  const names = scopes.map((scope, i) => i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope));
  const reserved = /* @__PURE__ */ new Map([
    [EXPIRES_ON_VARIABLE, "the expiry"],
    [`${ACCESS_TOKEN_VARIABLE}_`, "no resource"]
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === "string" ? clash : `the scope ${quote(scopes[clash] ?? "")}`;
    throw usageError(
      "SCOPE_VARIABLE_CLASH",
      `The scope ${quote(scopes[i] ?? "")} would be exported as ${name}, which is already ${what}.`,
      "Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).",
      "scope"
    );
  });
  return names;
}
function shellVariables(result, scopes, names) {
  const token = (scope) => {
    const found = result.tokens.find((t) => t.scope === scope);
    if (found === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return found;
  };
  const first = token(scopes[0] ?? "");
  const out = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: "AZURE_CLIENT_ID", value: result.clientId, secret: false },
    { name: "AZURE_TENANT_ID", value: result.tenantId, secret: false },
    { name: "AZURE_AUTHORITY_HOST", value: result.authorityHost, secret: false }
  ];
  scopes.slice(1).forEach((scope, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(scope), value: token(scope).accessToken, secret: true });
  });
  return out;
}
function exportLine(name, value) {
  if (!NAME.test(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
  return `export ${name}=${shellQuote(value)}
`;
}

// src/entry/drone/env-file.ts
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync
} from "node:fs";
import { basename, dirname, join } from "node:path";
function envFileText(variables) {
  const header = "# Written by entra-federate (Drone plugin); a later step loads it with: . <this file>\n";
  return header + variables.map((v) => exportLine(v.name, v.value)).join("");
}
var CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
function writeAll(fd, text) {
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
function writeFailed(what, path, err, remedy) {
  const code = err.code;
  const why = err instanceof UnsafeFileError ? `: it ${err.reason}` : typeof code === "string" ? ` (${code})` : "";
  return new FederationError("OUTPUT_WRITE_FAILED", `Could not write ${what} ${quote(path)}${why}.`, {
    remedy,
    cause: err
  });
}
var ENV_FILE_REMEDY = 'The plugin runs as the unprivileged user "node" (uid 1000): make the workspace writable for it, or set `output` to a writable path such as a temp volume (e.g. /run/entra-federate/env).';
function writeEnvFile(path, text) {
  const dir = dirname(path);
  let temp;
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    if (!lstatSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    const fd = openSync(temp, CREATE, 384);
    try {
      fchmodSync(fd, 384);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    temp = void 0;
  } catch (err) {
    if (temp !== void 0) {
      try {
        unlinkSync(temp);
      } catch {
      }
    }
    throw writeFailed("the env file", path, err, ENV_FILE_REMEDY);
  }
}
function appendOutputFile(path, what, variables) {
  for (const v of variables) {
    if (hasControlCharacter(v.value))
      throw new FederationError(
        "OUTPUT_WRITE_FAILED",
        `${v.name} holds a control character and cannot be written to ${what}.`,
        { remedy: "Report this: values written there are tokens, ids and times." }
      );
  }
  let fd;
  try {
    fd = openOwnFile(path, { access: "append", owner: "any" });
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  }
  try {
    writeAll(fd, variables.map((v) => `${v.name}=${v.value}
`).join(""));
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  } finally {
    closeSync(fd);
  }
}

// src/entry/drone/settings.ts
import { isAbsolute, resolve } from "node:path";

// src/ci/types.ts
function compactContext(provider, fields) {
  const out = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

// src/ci/values.ts
var JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
function asJwt(raw) {
  if (raw === void 0) return void 0;
  const token = raw.trim();
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token) ? token : void 0;
}
function envValue(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function gitRef(tag, branch) {
  if (tag !== void 0 && tag !== "") return tag.startsWith("refs/") ? tag : `refs/tags/${tag}`;
  if (branch !== void 0 && branch !== "") return branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
  return void 0;
}

// src/ci/harness.ts
var HARNESS_TOKEN_VARIABLE = "PLUGIN_OIDC_TOKEN_ID";
function isHarness(env) {
  return ["HARNESS_ACCOUNT_ID", "HARNESS_BUILD_ID", HARNESS_TOKEN_VARIABLE].some(
    (name) => envValue(env, name) !== void 0
  );
}
function harnessProvider(deps) {
  const { env } = deps;
  return {
    name: "harness",
    description: `the Harness CI OIDC token in ${HARNESS_TOKEN_VARIABLE}`,
    async idToken() {
      const raw = envValue(env, HARNESS_TOKEN_VARIABLE);
      if (raw === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Harness gave this step no OIDC token: ${HARNESS_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Run entra-federate as a plugin step (Harness sets ${HARNESS_TOKEN_VARIABLE} for OIDC-aware plugins); in a Run step pass a token you obtained with --id-token-env NAME, or use a certificate (AZURE_CLIENT_CERTIFICATE_PATH).`,
            usage: true,
            field: HARNESS_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${HARNESS_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not set ${HARNESS_TOKEN_VARIABLE} yourself unless it holds the raw OIDC token.`,
          usage: true,
          field: HARNESS_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      return compactContext("harness", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["HARNESS_PIPELINE_ID"],
        runId: env["HARNESS_EXECUTION_ID"] ?? env["HARNESS_BUILD_ID"],
        jobId: env["HARNESS_STEP_ID"] ?? env["HARNESS_STAGE_ID"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/ci/drone.ts
var NO_OIDC_CREDENTIAL_REMEDY = "Use a certificate: a PEM file with the private key and the certificate in AZURE_CLIENT_CERTIFICATE_PATH (or --certificate FILE); or, less safely, a client secret in AZURE_CLIENT_SECRET.";
function droneProvider(deps) {
  const { env } = deps;
  return {
    name: "drone",
    description: "Drone CI (no OIDC tokens)",
    idToken() {
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "Drone issues no OIDC tokens, and no certificate or secret was found.",
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} In .drone.yml take them from_secret.`,
            usage: true
          }
        )
      );
    },
    context() {
      return compactContext("drone", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["DRONE_STAGE_NAME"],
        runId: env["DRONE_BUILD_NUMBER"],
        jobId: env["DRONE_STEP_NAME"] ?? env["DRONE_STEP_NUMBER"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        environment: env["DRONE_DEPLOY_TO"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/core/certificate.ts
import { createHash, createPrivateKey, randomUUID, X509Certificate } from "node:crypto";
var ASSERTION_LIFETIME_SECONDS = 600;
var SUPPORTED = 'Supported: a PEM file holding an unencrypted RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY") and its certificate, plus any chain certificates.';
function invalid(code, message, remedy) {
  return new FederationError(code, message, { remedy, usage: true, field: "certificate" });
}
function pemBlocks(text) {
  const blocks = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const body = m[2] ?? "";
    blocks.push({ label: m[1] ?? "", text: m[0], headers: body.includes(":") ? body : "" });
  }
  return blocks;
}
function loadCertificate(content, origin, now = Date.now()) {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const text = bytes.toString("latin1");
  if (!text.includes("-----BEGIN ")) {
    const binary = bytes[0] === 48;
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `${origin} is not a PEM file${binary ? " (it looks like PKCS#12 .pfx/.p12 or DER)" : ""}.`,
      `${SUPPORTED} Convert a .pfx with \`openssl pkcs12 -in cert.pfx -out cert.pem -nodes\` and store the result as a CI secret file.`
    );
  }
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(b.headers))) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is encrypted; password-protected keys are not supported.`,
      `${SUPPORTED} Decrypt it once with \`openssl pkey -in key.pem -out key-plain.pem\` and keep the PEM in the CI's secret store instead.`
    );
  }
  const keyBlocks = blocks.filter((b) => /(^|\s)PRIVATE KEY$/.test(b.label));
  const certBlocks = blocks.filter((b) => b.label === "CERTIFICATE");
  if (keyBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds no private key${certBlocks.length > 0 ? ", only certificates" : ""}.`,
      `${SUPPORTED} Concatenate them: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  if (keyBlocks.length > 1) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds ${keyBlocks.length} private keys.`,
      "Keep exactly one private key (the one of the certificate uploaded to the app registration) in the file."
    );
  }
  if (certBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds a private key but no certificate.`,
      `${SUPPORTED} Append the certificate uploaded to the app registration: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  const keyBlock = keyBlocks[0];
  if (keyBlock.label !== "PRIVATE KEY" && keyBlock.label !== "RSA PRIVATE KEY") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is a "${keyBlock.label}"; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  let key;
  try {
    key = createPrivateKey({ key: keyBlock.text, format: "pem" });
  } catch {
    throw invalid("INVALID_CERTIFICATE", `The private key in ${origin} cannot be read.`, SUPPORTED);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is ${key.asymmetricKeyType ?? "not RSA"}; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The RSA key in ${origin} has ${bits} bits; at least 2048 are required.`,
      "Create a new certificate with a 2048-bit (or larger) RSA key and upload it to the app registration."
    );
  }
  const certs = [];
  for (const [i, block] of certBlocks.entries()) {
    try {
      certs.push(new X509Certificate(block.text));
    } catch {
      throw invalid("INVALID_CERTIFICATE", `Certificate ${i + 1} in ${origin} cannot be read.`, SUPPORTED);
    }
  }
  const leafIndex = certs.findIndex((cert) => cert.checkPrivateKey(key));
  if (leafIndex < 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `The private key in ${origin} does not belong to any certificate in the file.`,
      "Put the certificate that matches the private key (the one uploaded to the app registration) in the file."
    );
  }
  const leaf = certs[leafIndex];
  const chain = [leaf, ...certs.filter((_, i) => i !== leafIndex)];
  const notAfter = Date.parse(leaf.validTo);
  if (Number.isFinite(notAfter) && notAfter <= now) {
    throw invalid(
      "CERTIFICATE_EXPIRED",
      `The certificate in ${origin} (${leaf.subject.replace(/\n/g, ", ")}) expired on ${new Date(notAfter).toISOString()}.`,
      "Create a new certificate, upload it to the app registration, and replace the PEM in the CI."
    );
  }
  const sha1 = createHash("sha1").update(leaf.raw).digest();
  return {
    key,
    chain,
    thumbprintSha1Hex: sha1.toString("hex").toUpperCase(),
    x5t: sha1.toString("base64url"),
    x5tS256: createHash("sha256").update(leaf.raw).digest("base64url"),
    subject: leaf.subject.replace(/\n/g, ", "),
    notAfter: Number.isFinite(notAfter) ? new Date(notAfter).toISOString() : leaf.validTo
  };
}
function certificateAssertion(cert, opts) {
  const algorithm = opts.algorithm ?? "PS256";
  const clock = opts.clock ?? systemClock;
  return async (tokenEndpoint) => {
    const { SignJWT } = await import("./chunks/webapi-PHWFTQPS.js");
    const header = { alg: algorithm, typ: "JWT" };
    if (algorithm === "PS256") header["x5t#S256"] = cert.x5tS256;
    else header["x5t"] = cert.x5t;
    if (opts.sendChain === true) header["x5c"] = cert.chain.map((c) => c.raw.toString("base64"));
    const now = Math.floor(clock.now() / 1e3);
    return new SignJWT({}).setProtectedHeader(header).setIssuer(opts.clientId).setSubject(opts.clientId).setAudience(tokenEndpoint).setJti(randomUUID()).setNotBefore(now).setIssuedAt(now).setExpirationTime(now + ASSERTION_LIFETIME_SECONDS).sign(cert.key);
  };
}

// src/entry/drone/settings.ts
var DEFAULT_OUTPUT = ".entra-federate/env";
var KNOWN_SETTINGS = [
  "client_id",
  "tenant_id",
  "scopes",
  "audience",
  "cloud",
  "authority_host",
  "timeout",
  "certificate",
  "client_secret",
  "oidc_token_id",
  "output",
  "policy",
  "audit_log",
  "debug"
];
function closestSetting(name) {
  const compact = (s) => s.replace(/_/g, "");
  const prefixed = name.length >= 3 ? KNOWN_SETTINGS.find((known) => compact(known).startsWith(compact(name))) : void 0;
  if (prefixed !== void 0) return prefixed;
  let best = KNOWN_SETTINGS[0];
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
function unknownSettings(env) {
  const known = new Set(KNOWN_SETTINGS);
  const out = [];
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith("PLUGIN_")) continue;
    const name = variable.slice("PLUGIN_".length).toLowerCase();
    if (known.has(name)) continue;
    out.push({ variable, setting: name, closest: closestSetting(name) });
  }
  return out;
}
function unknownSettingWarnings(env) {
  return unknownSettings(env).map(
    (u) => `entra-federate: warning: the setting \`${printableAscii(u.setting)}\` (${printableAscii(u.variable)}) is not one this plugin reads and is ignored; the closest known setting is \`${u.closest}\`.
`
  );
}
function setting(env, name) {
  return envValue(env, `PLUGIN_${name.toUpperCase()}`);
}
function asSettingError(err) {
  if (!(err instanceof FederationError) || !err.usage) return err;
  const reword = (text) => text.replace(/--([a-z][a-z-]*)/g, (_m, flag) => `the \`${flag.replace(/-/g, "_")}\` setting`);
  return FederationError.restate(err, reword(err.message), {
    remedy: reword(err.remedy),
    ...err.field === void 0 ? {} : { field: err.field.replace(/-/g, "_") }
  });
}
function certificateBytes(raw) {
  if (raw.includes("-----BEGIN ")) return Buffer.from(raw, "utf8");
  const compact = raw.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64");
    if (decoded.toString("latin1").includes("-----BEGIN ")) return decoded;
    decoded.fill(0);
  }
  throw usageError(
    "INVALID_CERTIFICATE",
    "The `certificate` setting holds neither a PEM nor a base64-encoded PEM.",
    "Store the PEM file (private key and certificate) as a Drone secret, e.g. `drone secret add --name azure_certificate --data @app.pem`, and set `certificate: {from_secret: azure_certificate}`.",
    "certificate"
  );
}
function readSettings(env, http) {
  let options;
  let timeoutMs;
  try {
    options = resolveOptions({
      clientId: setting(env, "client_id") ?? env["AZURE_CLIENT_ID"],
      tenantId: setting(env, "tenant_id") ?? env["AZURE_TENANT_ID"],
      scopes: splitList(setting(env, "scopes")),
      audience: setting(env, "audience"),
      cloud: setting(env, "cloud"),
      authorityHost: setting(env, "authority_host") ?? env["AZURE_AUTHORITY_HOST"],
      timeoutSeconds: setting(env, "timeout")
    });
    timeoutMs = validateTimeout(setting(env, "timeout"));
  } catch (err) {
    throw asSettingError(err);
  }
  const deps = { env, http, timeoutMs };
  const harness = isHarness(env);
  const provider = harness ? harnessProvider(deps) : droneProvider(deps);
  const certificate = setting(env, "certificate");
  const secret = setting(env, "client_secret");
  const oidc = envValue(env, HARNESS_TOKEN_VARIABLE) !== void 0;
  const notes = [];
  if (certificate !== void 0 && secret !== void 0) {
    throw usageError(
      "CONFLICTING_CREDENTIALS",
      "Both `certificate` and `client_secret` are set.",
      "Keep one: the certificate (recommended by Microsoft over secrets), or the client secret.",
      "certificate"
    );
  }
  let source;
  if (certificate !== void 0) {
    const bytes = certificateBytes(certificate);
    let cert;
    try {
      cert = loadCertificate(bytes, "the `certificate` setting");
    } catch (err) {
      throw asSettingError(err);
    } finally {
      bytes.fill(0);
    }
    source = {
      kind: "certificate",
      description: `the certificate in the \`certificate\` setting (SHA-1 thumbprint ${cert.thumbprintSha1Hex})`,
      assertion: certificateAssertion(cert, { clientId: options.clientId })
    };
    if (oidc) notes.push(`${HARNESS_TOKEN_VARIABLE} is set but not used: the \`certificate\` setting was given.`);
  } else if (oidc) {
    const harnessToken = harnessProvider(deps);
    source = { kind: "federated", description: harnessToken.description, idToken: (aud) => harnessToken.idToken(aud) };
    if (secret !== void 0)
      notes.push(
        `\`client_secret\` is set but not used: Harness gave this step an OIDC token (${HARNESS_TOKEN_VARIABLE}).`
      );
  } else if (secret !== void 0) {
    source = { kind: "secret", description: "the client secret in the `client_secret` setting", secret: secret.trim() };
  } else {
    throw usageError(
      "NO_CREDENTIAL",
      harness ? `Harness gave this step no OIDC token (${HARNESS_TOKEN_VARIABLE} is not set), and neither \`certificate\` nor \`client_secret\` is set.` : "Drone issues no OIDC tokens, and neither `certificate` nor `client_secret` is set.",
      "Set `certificate: {from_secret: NAME}` to a secret holding the PEM (private key and certificate) of a certificate uploaded to the app registration; or, less safely, `client_secret: {from_secret: NAME}`."
    );
  }
  const workspace = envValue(env, "DRONE_WORKSPACE") ?? process.cwd();
  const requested = setting(env, "output") ?? DEFAULT_OUTPUT;
  const output = isAbsolute(requested) ? requested : resolve(workspace, requested);
  const policy = setting(env, "policy");
  const auditLog = setting(env, "audit_log");
  return {
    options,
    // Audit records name a certificate or secret login after the credential, not after the CI.
    credential: { source, provider, ...source.kind === "federated" ? {} : { origin: source.kind } },
    output,
    notes,
    ...policy === void 0 ? {} : { policy: isAbsolute(policy) ? policy : resolve(workspace, policy) },
    ...auditLog === void 0 ? {} : { auditLog: isAbsolute(auditLog) ? auditLog : resolve(workspace, auditLog) }
  };
}

// src/entry/drone/main.ts
async function main(io) {
  try {
    await signInStep(io);
    return 0;
  } catch (err) {
    return reportFailure(err, io);
  }
}
async function signInStep(io) {
  const { env } = io;
  for (const warning of unknownSettingWarnings(env)) io.stderr.write(warning);
  const http = io.http();
  const settings = readSettings(env, http);
  const scopes = settings.options.scopes.map((s) => s.scope);
  const names = scopeVariables(scopes);
  const result = await signIn(
    {
      options: settings.options,
      credential: settings.credential,
      guard: { policyPath: settings.policy, auditLogPath: settings.auditLog }
    },
    { http, env, now: io.now }
  );
  const variables = shellVariables(result, scopes, names);
  writeEnvFile(settings.output, envFileText(variables));
  const lines = [`  env file:       ${settings.output} (${variables.map((v) => v.name).join(", ")})`];
  const outputFile = env["DRONE_OUTPUT"];
  if (outputFile !== void 0 && outputFile !== "") {
    const plain = variables.filter((v) => !v.secret);
    appendOutputFile(outputFile, "the output variables file ($DRONE_OUTPUT)", plain);
    lines.push(`  output vars:    ${plain.map((v) => v.name).join(", ")}`);
  }
  const secretFile = env["HARNESS_OUTPUT_SECRET_FILE"];
  if (secretFile !== void 0 && secretFile !== "") {
    const secrets = variables.filter((v) => v.secret);
    appendOutputFile(secretFile, "the output secrets file ($HARNESS_OUTPUT_SECRET_FILE)", secrets);
    lines.push(`  output secrets: ${secrets.map((v) => v.name).join(", ")}`);
  }
  let out = renderLoginSummary(result, io.now());
  for (const note of settings.notes) out += `  note:           ${note}
`;
  io.stdout.write(`${out}${lines.join("\n")}
`);
}

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/shared/io.ts
function lazyHttpClient(userAgent, env) {
  let http;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}
function processIo(userAgent) {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    http: lazyHttpClient(userAgent, process.env),
    now: Date.now
  };
}

// src/entry/drone.ts
tolerateClosedOutput(process.stdout, process.stderr);
process.exitCode = await main(processIo(`entra-federate-drone/${"0.1.0"}`));
