import {
  API_VERSION,
  SECRET_HEADER
} from "./chunk-ANJBQ2NN.js";
import {
  fetchWithRetry
} from "./chunk-5MT7EPN6.js";
import {
  FederationError
} from "./chunk-Y33T5NR3.js";

// src/handoff/identity-endpoint/client.ts
var TIMEOUT_MS = 6e4;
async function tokenFromEndpoint(http, endpoint, resource, now = Date.now) {
  const url = new URL(endpoint.url);
  url.searchParams.set("api-version", API_VERSION);
  url.searchParams.set("resource", resource);
  const { response } = await fetchWithRetry(
    http,
    () => ({
      method: "GET",
      url: url.toString(),
      headers: { [SECRET_HEADER]: endpoint.secret, accept: "application/json" }
    }),
    { deadlineAt: now() + TIMEOUT_MS, what: "the identity endpoint" }
  );
  let body;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = {};
  }
  if (response.status !== 200 || typeof body.access_token !== "string") {
    const why = typeof body.error_description === "string" ? body.error_description : `HTTP ${response.status}`;
    throw new FederationError(
      "IDENTITY_ENDPOINT_REFUSED",
      `The identity endpoint gave no token for ${resource}: ${why}`,
      {
        remedy: "Check that the step runs in the job whose login started the endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).",
        status: response.status
      }
    );
  }
  const seconds = Number(body.expires_on);
  return { accessToken: body.access_token, expiresOn: Number.isFinite(seconds) ? seconds * 1e3 : now() };
}

export {
  tokenFromEndpoint
};
