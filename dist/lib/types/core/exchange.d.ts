import { FederationError } from './errors.js';
import type { Clock, HttpClient, HttpResponse, Verdict } from './http.js';
export declare const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export type ClientCredential = 
/** The CI's OIDC token; asked for again on every attempt because it lives minutes. */
{
    kind: 'federated';
    audience: string;
    assertion: (audience: string) => Promise<string>;
}
/** A JWT signed with the app's certificate; its audience is the token endpoint. */
 | {
    kind: 'certificate';
    assertion: (tokenEndpoint: string) => Promise<string>;
} | {
    kind: 'secret';
    secret: string;
};
export interface ExchangeRequest {
    tokenEndpoint: string;
    clientId: string;
    scope: string;
    deadlineAt: number;
}
export interface AccessToken {
    scope: string;
    accessToken: string;
    tokenType: string;
    /** Epoch milliseconds, from the response's expires_in. */
    expiresOn: number;
    attempts: number;
}
export interface ExchangeDeps {
    http: HttpClient;
    clock?: Clock;
    /** Sent as client-request-id so the user can match Entra's correlation id. */
    correlationId?: string;
}
/** Entra's transient AADSTS codes come back as 400s; they are worth another try. */
export declare function classifyTokenResponse(res: HttpResponse): Verdict;
/** Turns a failed token response into a FederationError with Entra's ids and a remedy. */
export declare function tokenError(res: HttpResponse, scope: string, now: number, sent?: readonly string[]): FederationError;
export declare function exchangeToken(req: ExchangeRequest, credential: ClientCredential, deps: ExchangeDeps): Promise<AccessToken>;
