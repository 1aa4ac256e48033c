import {
  credentialFrom
} from "./chunk-NNCEQJ7M.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import {
  diagnose,
  parseFicDocument
} from "./chunk-5VLJFHIV.js";
import "./chunk-OSSP5VWG.js";
import {
  renderDiagnosis
} from "./chunk-4KALJ7TL.js";
import {
  graphHost
} from "./chunk-DXLEYKMA.js";
import {
  fetchWithRetry
} from "./chunk-KEKUR6VN.js";
import {
  redact
} from "./chunk-CXUPN4HS.js";
import {
  CLOUDS,
  decodeJwt,
  quote,
  validateAudience,
  validateClientId,
  validateCloud,
  validateTimeout
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  collapseControlCharacters
} from "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/doctor.ts
import { readFile } from "node:fs/promises";

// src/doctor/graph.ts
async function fetchFics(http, graphBase, clientId, token, timeoutMs) {
  const url = `${graphBase.replace(/\/+$/, "")}/v1.0/applications(appId='${encodeURIComponent(clientId)}')/federatedIdentityCredentials`;
  const { response } = await fetchWithRetry(
    http,
    () => ({ method: "GET", url, headers: { authorization: `Bearer ${token}`, accept: "application/json" } }),
    {
      deadlineAt: Date.now() + timeoutMs,
      what: "Microsoft Graph"
    }
  );
  if (response.status === 200) return parseFicDocument(response.body, "The Graph response");
  let message = "";
  try {
    message = String(JSON.parse(response.body).error?.message ?? "");
  } catch {
    message = "";
  }
  const remedy = response.status === 401 ? "The Graph token is missing, expired, or not for Microsoft Graph: get one with `az account get-access-token --resource-type ms-graph --query accessToken -o tsv`." : response.status === 403 ? "The identity behind the Graph token may not read this app: it needs Application.Read.All, or to own the app." : response.status === 404 ? "No application with this client id in the Graph token's tenant (a managed identity's FICs live in Azure Resource Manager, not Graph)." : "Microsoft Graph failed; try again, or pass the FICs with --fic-file.";
  const shown = collapseControlCharacters(redact(message, [token]), " ").slice(0, 300);
  throw new FederationError(
    "GRAPH_REQUEST_FAILED",
    `Microsoft Graph answered HTTP ${response.status} listing the app's federated credentials${shown === "" ? "" : `: ${shown}`}.`,
    { remedy, status: response.status }
  );
}

// src/entry/cli/doctor.ts
var HELP = `Usage: entra-federate doctor [options]

Shows the CI token's claims (never the token) beside what the app's federated identity
credentials (FICs) hold, says for each field why it differs (case, trailing slash,
environment vs branch subject, pull_request, tag, immutable ids, custom subject template,
another cloud's audience, CircleCI's org-id audience, expiry), and prints the FIC that would
match this run for the Azure CLI, Microsoft Graph and Terraform.

What the FICs hold, from any of:
  --expect-issuer URL, --expect-subject SUB, --expect-audience AUD   one expected FIC
  --fic-file FILE           JSON as \`az ad app federated-credential list --id <client-id>\` prints it
  --graph-token-env NAME    read the FICs from Microsoft Graph with the token in this variable
                            (needs --client-id; Application.Read.All or app ownership)
  --graph-url URL           Graph's base URL                [default from --cloud]

${FEDERATION_HELP}
  --json                  print the diagnosis as JSON on stdout

Exit codes: 0 a FIC matches (or nothing to compare and the token is valid); 1 it does not;
2 bad usage or input.`;
var FLAGS = {
  ...FEDERATION_FLAGS,
  "expect-issuer": { type: "string" },
  "expect-subject": { type: "string" },
  "expect-audience": { type: "string" },
  "fic-file": { type: "string" },
  "graph-token-env": { type: "string" },
  "graph-url": { type: "string" },
  json: { type: "boolean" }
};
async function run(argv, io) {
  const { values } = parseCommand("doctor", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  const { env } = io;
  const cloud = validateCloud(values.cloud);
  const audience = validateAudience(values.audience, cloud);
  const timeoutMs = validateTimeout(values.timeout);
  const rawClientId = values["client-id"] ?? env["AZURE_CLIENT_ID"];
  const clientId = rawClientId === void 0 || rawClientId === "" ? void 0 : validateClientId(rawClientId);
  const http = io.http();
  const fics = [];
  if (values["expect-issuer"] !== void 0 || values["expect-subject"] !== void 0 || values["expect-audience"] !== void 0) {
    const fic = {};
    if (values["expect-issuer"] !== void 0) fic.issuer = values["expect-issuer"];
    if (values["expect-subject"] !== void 0) fic.subject = values["expect-subject"];
    if (values["expect-audience"] !== void 0) fic.audiences = [values["expect-audience"]];
    fics.push(fic);
  }
  if (values["fic-file"] !== void 0) {
    const path = values["fic-file"];
    let text;
    try {
      text = await readFile(path, "utf8");
    } catch {
      throw usageError(
        "INVALID_FIC_FILE",
        `Cannot read the FIC file ${quote(path)}.`,
        "Save `az ad app federated-credential list --id <client-id>` output to a file and pass its path.",
        "fic-file"
      );
    }
    fics.push(...parseFicDocument(text, `The FIC file ${quote(path)}`));
  }
  const graphEnv = values["graph-token-env"];
  let graphToken;
  if (graphEnv !== void 0) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(graphEnv))
      throw usageError(
        "INVALID_GRAPH_TOKEN_ENV",
        `${quote(graphEnv)} is not an environment variable name.`,
        "Pass the name of the variable that holds the Graph token, not the token.",
        "graph-token-env"
      );
    graphToken = env[graphEnv];
    if (graphToken === void 0 || graphToken.trim() === "")
      throw usageError(
        "INVALID_GRAPH_TOKEN_ENV",
        `The variable ${graphEnv} is empty or not set.`,
        "Put a Microsoft Graph access token in it, e.g. GRAPH_TOKEN=$(az account get-access-token --resource-type ms-graph --query accessToken -o tsv).",
        "graph-token-env"
      );
    if (clientId === void 0)
      throw usageError(
        "MISSING_CLIENT_ID",
        "Reading FICs from Graph needs the client id.",
        "Pass --client-id (or set AZURE_CLIENT_ID).",
        "client-id"
      );
  }
  const graphBase = values["graph-url"] ?? graphHost(cloud);
  if (values["graph-url"] !== void 0 && !/^https:\/\/|^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(graphBase)) {
    throw usageError(
      "INVALID_GRAPH_URL",
      `The Graph URL ${quote(graphBase)} is not https.`,
      "Use https (plain http only to a loopback host).",
      "graph-url"
    );
  }
  const { provider } = credentialFrom(values, env, http);
  if (provider === void 0)
    throw usageError(
      "NO_CI_TOKEN",
      "The doctor needs a CI token to examine.",
      "Run it in the CI job, or pass --id-token-file / --id-token-env."
    );
  const token = await provider.idToken(audience);
  const { claims } = decodeJwt(token, provider.description);
  if (graphToken !== void 0 && clientId !== void 0)
    fics.push(...await fetchFics(http, graphBase, clientId, graphToken.trim(), timeoutMs));
  const diagnosis = diagnose(claims, fics, { now: io.now(), audience, cloud });
  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify({ ...diagnosis, cloud, expectedAudience: audience, defaultAudience: CLOUDS[cloud].audience }, null, 2)}
`
    );
  } else {
    io.stdout.write(renderDiagnosis(diagnosis, { cloud, ...clientId === void 0 ? {} : { clientId } }));
  }
  return diagnosis.ok ? 0 : 1;
}
export {
  run
};
