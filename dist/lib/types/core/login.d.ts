import type { PresentedClaims } from './errors.js';
import type { AccessToken } from './exchange.js';
import type { Clock, HttpClient } from './http.js';
import type { JwtClaims } from './jwt.js';
import type { FederationOptions } from './options.js';
/** Where the credential comes from; federated sources are asked per audience. */
export type CredentialSource = {
    kind: 'federated';
    description: string;
    idToken: (audience: string) => Promise<string>;
} | {
    kind: 'certificate';
    description: string;
    assertion: (tokenEndpoint: string) => Promise<string>;
} | {
    kind: 'secret';
    description: string;
    secret: string;
} | {
    kind: 'managed-identity';
    description: string;
    /** An access token for a resource, straight from the machine's identity endpoint: no exchange. */
    token: (request: {
        resource: string;
        scope: string;
        deadlineAt: number;
    }) => Promise<AccessToken>;
};
export interface IdTokenSummary {
    iss?: string;
    sub?: string;
    aud?: string | string[];
    /** Epoch seconds. */
    exp?: number;
    claims: JwtClaims;
}
export interface LoginResult {
    tenantId: string;
    clientId: string;
    cloud: string;
    authorityHost: string;
    audience: string;
    credential: CredentialSource['kind'];
    credentialSource: string;
    correlationId: string;
    idToken?: IdTokenSummary;
    /** A managed-identity login: the user-assigned identity's client id, when one was named. */
    managedIdentity?: {
        userAssignedClientId?: string;
    };
    tokens: AccessToken[];
    notes: string[];
}
export interface LoginDeps {
    http: HttpClient;
    clock?: Clock;
    /**
     * Runs after the CI token is known and before any exchange: a guardrail (policy) that
     * throws to deny sends nothing to Entra.
     */
    beforeExchange?: (idToken: IdTokenSummary | undefined, options: FederationOptions) => void | Promise<void>;
}
export declare function presentedClaims(summary: IdTokenSummary | undefined): PresentedClaims | undefined;
export declare function summarizeIdToken(token: string, source: string): IdTokenSummary;
export declare function login(options: FederationOptions, source: CredentialSource, deps: LoginDeps): Promise<LoginResult>;
