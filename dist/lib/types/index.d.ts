/**
 * entra-federate as a library (`import { verifyIdToken, login } from 'entra-federate'`):
 * verify a CI token before a privileged step, or exchange one for Entra access tokens.
 */
export { verifyIdToken, createVerifier, DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS } from './verify/verify.js';
export type { VerifyOptions, VerifiedIdToken, Verifier } from './verify/verify.js';
export { IssuerKeys, ALLOWED_ALGORITHMS } from './verify/issuer-keys.js';
export type { IssuerKeysOptions, VerifyAlgorithm } from './verify/issuer-keys.js';
export { login, summarizeIdToken } from './core/login.js';
export type { CredentialSource, IdTokenSummary, LoginDeps, LoginResult } from './core/login.js';
export { exchangeToken } from './core/exchange.js';
export type { AccessToken, ClientCredential, ExchangeDeps, ExchangeRequest } from './core/exchange.js';
export { resolveOptions, CLOUDS, DEFAULT_SCOPE } from './core/options.js';
export type { CloudName, FederationInput, FederationOptions, ScopeSpec } from './core/options.js';
export { createNodeHttpClient, systemClock } from './core/http.js';
export type { Clock, HttpClient, HttpRequest, HttpResponse } from './core/http.js';
export { FederationError, isFederationError } from './core/errors.js';
export type { FederationErrorCode, FederationErrorDetails, PresentedClaims } from './core/errors.js';
export { ERROR_CATALOGUE } from './core/error-catalogue.js';
export type { ErrorCatalogueEntry } from './core/error-catalogue.js';
