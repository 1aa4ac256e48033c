import {
  explicitTokenSource,
  federatedTokenFileSource,
  matchCi,
  noCredentialError
} from "./chunk-7MCQKBCW.js";
import {
  fetchWithRetry,
  systemClock
} from "./chunk-KEKUR6VN.js";
import {
  isLoopbackHost,
  quote,
  resolveOptions,
  validateClientId,
  validateTimeout
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  unreadableFileReason
} from "./chunk-3XWB6HIK.js";

// src/ci/credential.ts
import { readFileSync } from "node:fs";

// src/core/certificate.ts
import { createHash, createPrivateKey, randomUUID, X509Certificate } from "node:crypto";
var CERTIFICATE_ALGORITHMS = ["PS256", "RS256"];
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
function validateCertificateAlgorithm(raw) {
  const value = raw?.trim().toUpperCase() ?? "";
  if (value === "") return "PS256";
  if (CERTIFICATE_ALGORITHMS.includes(value)) return value;
  throw new FederationError(
    "INVALID_CERTIFICATE_ALGORITHM",
    `Unknown certificate signing algorithm ${JSON.stringify(raw?.slice(0, 20))}.`,
    {
      remedy: "Use PS256 (the default, with the SHA-256 thumbprint) or RS256 (with the SHA-1 thumbprint, for authorities that require it).",
      usage: true,
      field: "certificate-alg"
    }
  );
}
function certificateAssertion(cert, opts) {
  const algorithm = opts.algorithm ?? "PS256";
  const clock = opts.clock ?? systemClock;
  return async (tokenEndpoint) => {
    const { SignJWT } = await import("./webapi-C4R2WJVZ.js");
    const header = { alg: algorithm, typ: "JWT" };
    if (algorithm === "PS256") header["x5t#S256"] = cert.x5tS256;
    else header["x5t"] = cert.x5t;
    if (opts.sendChain === true) header["x5c"] = cert.chain.map((c) => c.raw.toString("base64"));
    const now = Math.floor(clock.now() / 1e3);
    return new SignJWT({}).setProtectedHeader(header).setIssuer(opts.clientId).setSubject(opts.clientId).setAudience(tokenEndpoint).setJti(randomUUID()).setNotBefore(now).setIssuedAt(now).setExpirationTime(now + ASSERTION_LIFETIME_SECONDS).sign(cert.key);
  };
}

// src/core/managed-identity.ts
var IMDS_HOST = "http://169.254.169.254";
var IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";
var IMDS_API_VERSION = "2018-02-01";
function imdsEndpoint(raw, origin) {
  if (raw === void 0 || raw.trim() === "") return IMDS_HOST;
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}, which is not a URL.`,
      `Set ${origin} to the metadata endpoint's origin, e.g. http://169.254.169.254, or unset it.`,
      origin
    );
  }
  const linkLocal = url.hostname === "169.254.169.254";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (linkLocal || isLoopbackHost(url.hostname))))
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}: plain http is allowed only to 169.254.169.254 and loopback.`,
      `Set ${origin} to http://169.254.169.254 (or an https URL), or unset it.`,
      origin
    );
  return url.origin;
}
async function managedIdentityToken(request, deps) {
  const url = new URL(IMDS_TOKEN_PATH, request.endpoint);
  url.searchParams.set("api-version", IMDS_API_VERSION);
  url.searchParams.set("resource", request.resource);
  if (request.clientId !== void 0) url.searchParams.set("client_id", request.clientId);
  const which = request.clientId === void 0 ? "system-assigned identity" : `identity ${request.clientId}`;
  let result;
  try {
    result = await fetchWithRetry(
      deps.http,
      () => ({ method: "GET", url: url.toString(), headers: { metadata: "true", accept: "application/json" } }),
      { deadlineAt: request.deadlineAt, what: "the managed identity endpoint (IMDS)", clock: deps.clock }
    );
  } catch (err) {
    throw new FederationError(
      "MANAGED_IDENTITY_UNAVAILABLE",
      `The managed identity endpoint ${request.endpoint} did not answer before the deadline: ${err instanceof Error ? err.message : String(err)}`,
      {
        remedy: "--credential managed-identity works on Azure VMs, scale sets and AKS nodes with a managed identity (IMDS at 169.254.169.254), or where IMDS_ENDPOINT / AZURE_POD_IDENTITY_AUTHORITY_HOST names one; elsewhere sign in with the CI token.",
        cause: err
      }
    );
  }
  const { response, attempts } = result;
  let body = {};
  try {
    const parsed = JSON.parse(response.body);
    if (parsed !== null && typeof parsed === "object") body = parsed;
  } catch {
    body = {};
  }
  const token = body["access_token"];
  if (response.status !== 200 || typeof token !== "string" || token === "") {
    const said = typeof body["error_description"] === "string" ? body["error_description"] : "";
    const shown = /^[\w .,:'()/-]{1,200}$/.test(said) ? `: ${said}` : "";
    const notFound = /identity not found/i.test(said);
    throw new FederationError(
      "MANAGED_IDENTITY_FAILED",
      `The managed identity endpoint gave no token for ${request.resource} to the ${which} (HTTP ${response.status}${shown}).`,
      {
        remedy: notFound ? request.clientId === void 0 ? "Enable the system-assigned identity of the VM or scale set, or pass --client-id with a user-assigned identity assigned to it." : `Assign the user-assigned identity ${request.clientId} to the VM or scale set, or pass the client id of one that is.` : "Check that the identity may have tokens for that resource, and the resource name.",
        status: response.status
      }
    );
  }
  const now = deps.clock.now();
  const expiresOnSeconds = Number(body["expires_on"]);
  const expiresInSeconds = Number(body["expires_in"]);
  const expiresOn = Number.isFinite(expiresOnSeconds) ? expiresOnSeconds * 1e3 : now + (Number.isFinite(expiresInSeconds) ? expiresInSeconds * 1e3 : 0);
  return {
    scope: request.scope,
    accessToken: token,
    tokenType: typeof body["token_type"] === "string" ? body["token_type"] : "Bearer",
    expiresOn,
    attempts
  };
}

// src/ci/credential.ts
function chooseCredential(input, env, http) {
  if (wantsManagedIdentity(input.credential)) return managedIdentityCredential(input, env, http);
  const timeoutMs = validateTimeout(input.timeout);
  const ci = matchCi(input, { env, http, timeoutMs });
  const context = ci === void 0 ? {} : { provider: ci.provider };
  const explicit = explicitTokenSource(input, env, ci);
  if (explicit !== void 0) return federatedCredential(explicit);
  if (input.certificate !== void 0)
    return certificateCredential(input.certificate, "--certificate", input, env, context);
  if (ci !== void 0 && (ci.named && ci.oidc || ci.ready)) return federatedCredential(ci.provider);
  const certificatePath = nonBlank(env["AZURE_CLIENT_CERTIFICATE_PATH"]);
  if (certificatePath !== void 0)
    return certificateCredential(certificatePath, "AZURE_CLIENT_CERTIFICATE_PATH", input, env, context);
  const secret = nonBlank(env["AZURE_CLIENT_SECRET"])?.trim();
  if (secret !== void 0)
    return { ...context, source: { kind: "secret", description: "the client secret in AZURE_CLIENT_SECRET", secret } };
  const tokenFile = federatedTokenFileSource(env, ci);
  if (tokenFile !== void 0) return federatedCredential(tokenFile);
  if (ci !== void 0) return federatedCredential(ci.provider);
  throw noCredentialError();
}
function wantsManagedIdentity(raw) {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "auto") return false;
  if (value === "managed-identity") return true;
  throw usageError(
    "INVALID_CREDENTIAL_KIND",
    `--credential ${quote(raw ?? "")} is not a credential kind entra-federate knows.`,
    "Pass --credential managed-identity for the runner's own identity (Azure VMs, scale sets, AKS), or leave it out to sign in with the CI token.",
    "credential"
  );
}
function managedIdentityCredential(input, env, http) {
  const podHost = nonBlank(env["AZURE_POD_IDENTITY_AUTHORITY_HOST"]);
  const endpoint = podHost !== void 0 ? imdsEndpoint(podHost, "AZURE_POD_IDENTITY_AUTHORITY_HOST") : imdsEndpoint(env["IMDS_ENDPOINT"], "IMDS_ENDPOINT");
  const raw = nonBlank(input.clientId ?? env["AZURE_CLIENT_ID"]);
  const clientId = raw === void 0 ? void 0 : validateClientId(raw);
  const which = clientId === void 0 ? "the system-assigned managed identity" : `the managed identity ${clientId}`;
  return {
    origin: "managed-identity",
    source: {
      kind: "managed-identity",
      description: `${which} of this machine (${endpoint})`,
      token: ({ resource, scope, deadlineAt }) => managedIdentityToken(
        { endpoint, resource, scope, deadlineAt, ...clientId === void 0 ? {} : { clientId } },
        { http, clock: systemClock }
      )
    }
  };
}
function federatedCredential(provider) {
  return {
    provider,
    source: { kind: "federated", description: provider.description, idToken: (aud) => provider.idToken(aud) }
  };
}
function nonBlank(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
var MAX_CERTIFICATE_BYTES = 256 * 1024;
function certificateCredential(path, origin, input, env, context) {
  if (path.trim() === "")
    throw usageError(
      "INVALID_CERTIFICATE",
      `${origin} is empty.`,
      "Give the path of a PEM file holding the private key and the certificate.",
      "certificate"
    );
  const algorithm = validateCertificateAlgorithm(input.certificateAlgorithm);
  const clientId = validateClientId(input.clientId ?? env["AZURE_CLIENT_ID"]);
  const sendChain = ["1", "true"].includes((env["AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"] ?? "").trim().toLowerCase());
  let content;
  try {
    content = readFileSync(path);
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      "INVALID_CERTIFICATE",
      `The certificate file ${quote(path)} (${origin}) ${why}.`,
      "Point it at the PEM file holding the private key and the certificate (the CI's secret file).",
      "certificate"
    );
  }
  if (content.length > MAX_CERTIFICATE_BYTES) {
    throw usageError(
      "INVALID_CERTIFICATE",
      `The certificate file ${quote(path)} (${origin}) is larger than ${MAX_CERTIFICATE_BYTES / 1024} KiB.`,
      "Give a PEM file holding only the private key and the certificate (and its chain).",
      "certificate"
    );
  }
  const cert = loadCertificate(content, `the certificate file ${quote(path)} (${origin})`);
  content.fill(0);
  return {
    ...context,
    source: {
      kind: "certificate",
      description: `the certificate in ${path} (SHA-1 thumbprint ${cert.thumbprintSha1Hex}, ${algorithm}${sendChain ? ", with x5c chain" : ""})`,
      assertion: certificateAssertion(cert, { clientId, algorithm, sendChain })
    }
  };
}

// src/entry/shared/login-values.ts
var ENDPOINT_VALUES = [
  "client-id",
  "tenant-id",
  "audience",
  "cloud",
  "authority-host",
  "provider",
  "id-token-file",
  "id-token-env",
  "certificate",
  "certificate-alg",
  "timeout",
  "policy",
  "audit-log",
  "credential"
];
function scopeList(value) {
  if (!value.includes(",")) return [value];
  const scopes = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return scopes.length === 0 ? [value] : scopes;
}
function optionsFrom(values, env) {
  return resolveOptions(
    {
      clientId: values["client-id"] ?? env["AZURE_CLIENT_ID"],
      tenantId: values["tenant-id"] ?? env["AZURE_TENANT_ID"],
      scopes: values.scope?.flatMap(scopeList),
      cloud: values.cloud,
      authorityHost: values["authority-host"] ?? env["AZURE_AUTHORITY_HOST"],
      audience: values.audience,
      timeoutSeconds: values.timeout
    },
    { managedIdentity: wantsManagedIdentity(values.credential) }
  );
}
function credentialFrom(values, env, http) {
  return chooseCredential(
    {
      credential: values.credential,
      provider: values.provider,
      idTokenFile: values["id-token-file"],
      idTokenEnv: values["id-token-env"],
      certificate: values.certificate,
      certificateAlgorithm: values["certificate-alg"],
      clientId: values["client-id"],
      timeout: values.timeout
    },
    env,
    http
  );
}
function guardFrom(values, env) {
  return { policyPath: values.policy, auditLogPath: values["audit-log"], summaryPath: env["GITHUB_STEP_SUMMARY"] };
}

export {
  ENDPOINT_VALUES,
  optionsFrom,
  credentialFrom,
  guardFrom
};
