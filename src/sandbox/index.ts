// entra-federate's sandbox: an offline, Entra-compatible token service, the Microsoft Graph
// and Azure Resource Manager subsets that set-up uses, and a CI OIDC issuer, on loopback.
// Used by `entra-federate sandbox`/`demo` and by the end-to-end tests.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { mintUserAccessToken } from './access-token.js';
import {
  validateAppConfig,
  validateFaultRules,
  validateGrant,
  validateIssuerConfig,
  validateMintAccessTokenOptions,
  validateMintOptions,
  validateSandboxConfig,
} from './config.js';
import { isLoopbackHostname } from './http.js';
import { mintCiToken } from './issuer.js';
import { createSigningKey } from './keys.js';
import { createRequestListener } from './server.js';
import { SandboxState } from './state.js';
import { createLoopbackTls } from './tls.js';
import type { Sandbox, SandboxCoordinates, StartSandboxOptions } from './types.js';

export type {
  AppConfig,
  FaultRule,
  FaultTarget,
  FederatedCredentialConfig,
  GrantRoleOptions,
  IssuerConfig,
  MintAccessTokenOptions,
  MintIdTokenOptions,
  RequestTarget,
  Sandbox,
  SandboxConfig,
  SandboxCoordinates,
  SandboxRequest,
  StartSandboxOptions,
} from './types.js';
export { BUILT_IN_ROLES, type BuiltInRole } from './builtin-roles.js';
export { DEFAULT_RESOURCES } from './resources.js';
export {
  DEFAULT_ADMIN_OBJECT_ID,
  DEFAULT_CLIENT_ID,
  DEFAULT_SUBSCRIPTION_ID,
  DEFAULT_SUBJECT,
  DEFAULT_TENANT_DOMAIN,
  DEFAULT_TENANT_ID,
  SandboxConfigError,
  TOKEN_EXCHANGE_AUDIENCE,
  loadSandboxConfig,
  validateSandboxConfig,
} from './config.js';
export { createSelfSignedCertificate, type SelfSignedCertificate, type SelfSignedCertificateOptions } from './x509.js';

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHostname(host)) {
    throw new Error(`refusing to listen on '${host}': the sandbox serves loopback only (127.0.0.1, ::1 or localhost)`);
  }
  const config = validateSandboxConfig(opts.config ?? {}, 'sandbox config');
  const [entraKey, ciKey] = await Promise.all([
    createSigningKey('entra-federate sandbox Entra signing key', 'x5t'),
    createSigningKey('entra-federate sandbox CI issuer key', 'hex'),
  ]);
  const tls = opts.https ? createLoopbackTls(host, opts.tlsNames ?? []) : undefined;

  // The listener needs the origin, which is known only once the port is bound.
  let listener: http.RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const dispatch: http.RequestListener = (req, res) => listener(req, res);
  const server = tls
    ? https.createServer({ key: tls.keyPem, cert: tls.certPem }, dispatch)
    : http.createServer(dispatch);
  const bindHost = host.replace(/^\[|\]$/g, '');
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    tls?.dispose();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const origin = `${tls ? 'https' : 'http'}://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  const state = new SandboxState(origin, entraKey, ciKey, randomBytes(32).toString('base64url'), config, tls?.certPem);
  listener = createRequestListener(state);

  let closing: Promise<void> | undefined;
  const idTokenRequestUrl = `${state.ciIssuer}/idtoken?api-version=2.0`;
  const subscriptionId = state.subscriptions[0] ?? '';
  const coordinates = (): SandboxCoordinates => ({
    authorityHost: origin,
    tenantId: state.tenantId,
    clientId: state.defaultClientId,
    issuer: state.ciIssuer,
    idTokenRequestUrl,
    idTokenRequestToken: state.idTokenRequestToken,
    graphEndpoint: origin,
    armEndpoint: origin,
    subscriptionId,
    ...(tls && { caCertFile: tls.caCertFile }),
  });
  return {
    origin,
    authorityHost: origin,
    tenantId: state.tenantId,
    clientId: state.defaultClientId,
    issuer: state.ciIssuer,
    idTokenRequestUrl,
    idTokenRequestToken: state.idTokenRequestToken,
    graphEndpoint: origin,
    armEndpoint: origin,
    subscriptionId,
    adminObjectId: state.adminUser.id,
    ...(tls && { caCertFile: tls.caCertFile, caCertPem: tls.certPem }),
    requests: state.requests,
    mintIdToken: (mintOpts) => mintCiToken(state, validateMintOptions(mintOpts ?? {}, 'mintIdToken options')),
    setFaults: (rules) => state.faults.set(validateFaultRules(rules, 'faults')),
    addApp: (app) => {
      state.upsertApp(validateAppConfig(app, 'app'));
    },
    addIssuer: (issuer) => {
      state.upsertIssuer(validateIssuerConfig(issuer, 'issuer'));
    },
    mintAccessToken: (resource, mintOpts) => {
      if (typeof resource !== 'string' || resource === '') throw new Error('mintAccessToken needs a resource');
      return mintUserAccessToken(state, resource, validateMintAccessTokenOptions(mintOpts ?? {}));
    },
    grantRole: (grant) => state.grantRole(validateGrant(grant)),
    addResource: (resource) => {
      if (typeof resource !== 'string' || resource === '') throw new Error('addResource needs a resource');
      state.resources.add(resource);
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }).finally(() => tls?.dispose());
      return closing;
    },
    coordinates,
  };
}
