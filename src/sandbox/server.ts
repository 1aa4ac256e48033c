// Routing, request logging, fault injection and the /_sandbox control endpoints.
import { handleImdsToken, IMDS_TOKEN_PATH } from './imds.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mintUserAccessToken } from './access-token.js';
import { type ArmPath, armRoute, handleArm } from './arm.js';
import {
  SandboxConfigError,
  validateAccessTokenRequest,
  validateAppConfig,
  validateFaultRules,
  validateGrant,
  validateIssuerConfig,
  validateMintOptions,
} from './config.js';
import {
  clientRequestId,
  entraJwks,
  entraReply,
  handleTokenRequest,
  instanceDiscovery,
  v1Discovery,
  v2Discovery,
} from './entra.js';
import { applyFault } from './faults.js';
import {
  BodyTooLargeError,
  bearerToken,
  isLoopbackHostname,
  jsonReply,
  loggableHeaders,
  parseForm,
  parseJson,
  readBody,
  redactForm,
  sendReply,
  MAX_BODY_BYTES,
  type Reply,
} from './http.js';
import { type GraphPath, graphRoute, handleGraph } from './graph.js';
import { ciDiscovery, ciJwks, handleIdTokenRequest, mintCiToken, sameSecret } from './issuer.js';
import type { SandboxState } from './state.js';
import type { SandboxRequest } from './types.js';

type ControlAction = 'requests' | 'mint' | 'faults' | 'apps' | 'issuers' | 'access-token' | 'grants';

export type Route =
  | { target: 'control'; action: ControlAction }
  | { target: 'ci-discovery' }
  | { target: 'ci-jwks' }
  | { target: 'idtoken' }
  | { target: 'entra-discovery'; kind: 'v2' | 'v1' | 'instance'; tenant: string }
  | { target: 'entra-jwks'; tenant: string; v2: boolean }
  | { target: 'token'; tenant: string }
  | { target: 'graph'; path: GraphPath }
  | { target: 'arm'; path: ArmPath }
  | { target: 'imds' }
  | { target: 'other' };

const MAX_LOGGED_REQUESTS = 10_000;
const CONTROL_ACTIONS: readonly string[] = ['requests', 'mint', 'faults', 'apps', 'issuers', 'access-token', 'grants'];
/** Control actions that hand out credentials or rights: they need the idTokenRequestToken. */
const GUARDED_ACTIONS: readonly ControlAction[] = ['mint', 'access-token', 'grants'];

export function route(pathname: string): Route {
  const parts = pathname.split('/').slice(1).map(decodeSegment);
  const path = parts.join('/');
  const [first = '', ...rest] = parts;
  const tail = rest.join('/');
  if (first === '_sandbox') {
    return rest.length === 1 && CONTROL_ACTIONS.includes(tail)
      ? { target: 'control', action: tail as ControlAction }
      : { target: 'other' };
  }
  if (path === 'ci/.well-known/openid-configuration') return { target: 'ci-discovery' };
  if (path === 'ci/.well-known/jwks') return { target: 'ci-jwks' };
  if (path === 'ci/idtoken') return { target: 'idtoken' };
  if (path === IMDS_TOKEN_PATH) return { target: 'imds' };
  if (path === 'common/discovery/instance') return { target: 'entra-discovery', kind: 'instance', tenant: 'common' };
  if (first === 'v1.0' && rest.length > 0) return { target: 'graph', path: graphRoute(rest) };
  const arm = armRoute(`/${path}`);
  if (arm) return { target: 'arm', path: arm };
  if (!first) return { target: 'other' };
  switch (tail) {
    case 'v2.0/.well-known/openid-configuration':
      return { target: 'entra-discovery', kind: 'v2', tenant: first };
    case '.well-known/openid-configuration':
      return { target: 'entra-discovery', kind: 'v1', tenant: first };
    case 'discovery/v2.0/keys':
      return { target: 'entra-jwks', tenant: first, v2: true };
    case 'discovery/keys':
      return { target: 'entra-jwks', tenant: first, v2: false };
    case 'oauth2/v2.0/token':
      return { target: 'token', tenant: first };
    default:
      return { target: 'other' };
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function createRequestListener(state: SandboxState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(state, req, res).catch(() => {
      // Never let one bad request take the server down; answer if we still can.
      if (!res.headersSent)
        sendReply(
          res,
          jsonReply(500, { error: 'server_error', error_description: 'The sandbox failed to handle the request.' }),
        );
      else res.destroy();
    });
  };
}

async function handle(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', state.origin);
  } catch {
    sendReply(
      res,
      jsonReply(400, { error: 'invalid_request', error_description: 'The request target is not a valid path.' }),
    );
    return;
  }
  const matched = route(url.pathname);
  const entry: SandboxRequest = {
    time: state.now(),
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    target: matched.target,
    status: 0,
    headers: loggableHeaders(req.headers),
  };
  // Listing the log is not itself logged, so a listing shows only what was under test.
  if (!(matched.target === 'control' && matched.action === 'requests')) {
    state.requests.push(entry);
    // A sandbox left running for days must not grow without bound.
    if (state.requests.length > MAX_LOGGED_REQUESTS)
      state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS);
  }
  res.on('finish', () => {
    entry.status = res.statusCode;
  });

  let body: Buffer;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendReply(
        res,
        jsonReply(
          413,
          { error: 'invalid_request', error_description: `Request body exceeds ${MAX_BODY_BYTES} bytes.` },
          { Connection: 'close' },
        ),
      );
      req.resume(); // drain, so the client can read the answer before the socket closes
    } else {
      res.destroy();
    }
    return;
  }
  if (matched.target === 'token') entry.form = redactForm(parseForm(body, req.headers['content-type']));

  if (matched.target !== 'control' && matched.target !== 'other') {
    const rule = state.faults.take(matched.target);
    if (rule) {
      const outcome = await applyFault(rule, req, res);
      if (outcome.kind === 'answered') {
        entry.status = outcome.status;
        return;
      }
    }
  }

  const reply = await dispatch(state, matched, req, url, body, entry);
  if (res.destroyed) return;
  sendReply(res, reply);
}

async function dispatch(
  state: SandboxState,
  matched: Route,
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  entry: SandboxRequest,
): Promise<Reply> {
  const method = req.method ?? 'GET';
  const ownMethods = ['token', 'control', 'other', 'graph', 'arm'];
  if (!ownMethods.includes(matched.target) && method !== 'GET') {
    return jsonReply(
      405,
      { error: 'method_not_allowed', error_description: `${method} is not allowed here; use GET.` },
      { Allow: 'GET' },
    );
  }
  switch (matched.target) {
    case 'control':
      return handleControl(state, matched.action, req, body);
    case 'ci-discovery':
      return ciDiscovery(state);
    case 'ci-jwks':
      return ciJwks(state);
    case 'idtoken':
      return handleIdTokenRequest(state, req, url);
    case 'entra-discovery':
      return entraReply(state, clientRequestId(req.headers, url), () => {
        if (matched.kind === 'instance') return instanceDiscovery(state, url);
        return matched.kind === 'v2' ? v2Discovery(state, matched.tenant) : v1Discovery(state, matched.tenant);
      });
    case 'entra-jwks':
      return entraReply(state, clientRequestId(req.headers, url), () => entraJwks(state, matched.tenant, matched.v2));
    case 'token': {
      const outcome = await handleTokenRequest(state, {
        tenantSegment: matched.tenant,
        method,
        form: parseForm(body, req.headers['content-type']),
        headers: req.headers,
        requestOrigin: requestOrigin(state, req),
        requestId: clientRequestId(req.headers, url),
      });
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case 'graph': {
      const outcome = handleGraph(state, req, url, matched.path, body);
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case 'arm': {
      const outcome = handleArm(state, req, url, matched.path, body);
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case 'imds':
      return handleImdsToken(state, req, url);
    case 'other':
      return jsonReply(404, {
        error: 'not_found',
        error_description: `The sandbox serves nothing at ${url.pathname}.`,
      });
  }
}

/** The origin as the client spelled it (localhost vs 127.0.0.1), when it is a loopback name. */
function requestOrigin(state: SandboxState, req: IncomingMessage): string {
  const host = req.headers.host;
  if (!host) return state.origin;
  const scheme = new URL(state.origin).protocol;
  try {
    const parsed = new URL(`${scheme}//${host}`);
    return isLoopbackHostname(parsed.hostname) ? parsed.origin : state.origin;
  } catch {
    return state.origin;
  }
}

function handleControl(state: SandboxState, action: ControlAction, req: IncomingMessage, body: Buffer): Reply {
  const method = req.method ?? 'GET';
  // Refuse requests addressed to another name (DNS rebinding) and cross-site "simple" posts.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!isLoopbackHostname(host))
    return jsonReply(403, {
      error: 'forbidden',
      error_description: 'Control endpoints answer loopback host names only.',
    });
  const allowed = action === 'requests' ? ['GET'] : action === 'faults' ? ['GET', 'POST'] : ['POST'];
  if (!allowed.includes(method)) {
    return jsonReply(
      405,
      { error: 'method_not_allowed', error_description: `${method} is not allowed here.` },
      { Allow: allowed.join(', ') },
    );
  }
  if (method === 'GET') return jsonReply(200, action === 'requests' ? state.requests : state.faults.pending());

  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return jsonReply(415, {
      error: 'unsupported_media_type',
      error_description: 'Send Content-Type: application/json.',
    });
  }
  if (GUARDED_ACTIONS.includes(action)) {
    const token = bearerToken(req.headers);
    if (!token || !sameSecret(token, state.idTokenRequestToken)) {
      return jsonReply(
        401,
        { error: 'unauthorized', error_description: 'Send Authorization: Bearer <idTokenRequestToken>.' },
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return jsonReply(400, { error: 'invalid_request', error_description: parsed.message });
  try {
    switch (action) {
      case 'mint':
        return jsonReply(200, { value: mintCiToken(state, validateMintOptions(parsed.value, 'body')) });
      case 'faults': {
        const rules = validateFaultRules(parsed.value, 'body');
        state.faults.set(rules);
        return jsonReply(200, { count: rules.length });
      }
      case 'apps': {
        const app = validateAppConfig(parsed.value, 'body');
        state.upsertApp(app);
        return jsonReply(200, { clientId: app.clientId });
      }
      case 'issuers': {
        const issuer = state.upsertIssuer(validateIssuerConfig(parsed.value, 'body'));
        return jsonReply(200, issuer);
      }
      case 'access-token': {
        const { resource, opts } = validateAccessTokenRequest(parsed.value, 'body');
        return jsonReply(200, { accessToken: mintUserAccessToken(state, resource, opts) });
      }
      case 'grants': {
        const id = state.grantRole(validateGrant(parsed.value, 'body'));
        return jsonReply(200, { id });
      }
      case 'requests':
        return jsonReply(200, state.requests);
    }
  } catch (err) {
    if (err instanceof SandboxConfigError)
      return jsonReply(400, { error: 'invalid_request', error_description: err.message, field: err.field });
    throw err;
  }
}
