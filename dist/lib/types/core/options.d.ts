export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
interface CloudInfo {
    authorityHost: string;
    audience: string;
}
export declare const CLOUDS: Readonly<Record<CloudName, CloudInfo>>;
export declare const DEFAULT_SCOPE = "https://management.azure.com/.default";
export declare const DEFAULT_TIMEOUT_SECONDS = 60;
export interface FederationInput {
    tenantId?: string | undefined;
    clientId?: string | undefined;
    scopes?: readonly string[] | undefined;
    cloud?: string | undefined;
    authorityHost?: string | undefined;
    audience?: string | undefined;
    timeoutSeconds?: string | number | undefined;
}
export interface ScopeSpec {
    /** The scope sent to Entra. */
    scope: string;
    /** What the user gave, when `/.default` had to be appended to it. */
    appendedFrom?: string;
}
export interface FederationOptions {
    tenantId: string;
    clientId: string;
    scopes: ScopeSpec[];
    cloud: CloudName;
    /** Origin (and optional path prefix) without a trailing slash. */
    authorityHost: string;
    audience: string;
    tokenEndpoint: string;
    timeoutMs: number;
}
/** Shows a user's value in a message without letting it break the line it sits on. */
export declare function quote(value: string): string;
export declare function validateClientId(raw: string | undefined): string;
export declare function validateTenantId(raw: string | undefined): string;
export declare function validateCloud(raw: string | undefined): CloudName;
/** 127.0.0.0/8, localhost, [::1] (hostname without port). */
export declare function isLoopbackHost(hostname: string): boolean;
/**
 * https only, except plain http to a loopback host (the sandbox). A token request to any
 * other plain-http host would send the CI token in the clear, so it is refused up front.
 */
export declare function validateAuthorityHost(raw: string): string;
/**
 * A service base URL given on the command line (Microsoft Graph, Azure Resource Manager, a CI
 * issuer) under the authority host's rule: https, or plain http only to a loopback host, with
 * no credentials, query or fragment. Returns it without a trailing slash.
 */
/** The codes of each service URL flag: not a usable URL, and plain http off loopback. */
declare const SERVICE_URL_CODES: {
    readonly 'graph-endpoint': {
        readonly invalid: {
            readonly code: "INVALID_GRAPH_ENDPOINT";
        };
        readonly insecure: {
            readonly code: "INSECURE_GRAPH_ENDPOINT";
        };
    };
    readonly 'arm-endpoint': {
        readonly invalid: {
            readonly code: "INVALID_ARM_ENDPOINT";
        };
        readonly insecure: {
            readonly code: "INSECURE_ARM_ENDPOINT";
        };
    };
    readonly issuer: {
        readonly invalid: {
            readonly code: "INVALID_ISSUER";
        };
        readonly insecure: {
            readonly code: "INSECURE_ISSUER";
        };
    };
    readonly server: {
        readonly invalid: {
            readonly code: "INVALID_SERVER";
        };
        readonly insecure: {
            readonly code: "INSECURE_SERVER";
        };
    };
};
export declare function validateServiceUrl(raw: string, field: keyof typeof SERVICE_URL_CODES, what: string, example: string): string;
export declare function normalizeScopes(raw: readonly string[] | undefined): ScopeSpec[];
export declare function validateAudience(raw: string | undefined, cloud: CloudName): string;
export declare function validateTimeout(raw: string | number | undefined): number;
/**
 * `managedIdentity`: the machine's identity signs in, so the client id (a user-assigned
 * identity) and the tenant are optional: absent, they are '' until the first token says.
 */
export declare function resolveOptions(input: FederationInput, mode?: {
    managedIdentity?: boolean;
}): FederationOptions;
/** Splits an input that may hold several values separated by newlines or commas. */
export declare function splitList(raw: string | undefined): string[];
export {};
