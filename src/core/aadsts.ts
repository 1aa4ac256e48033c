/**
 * The AADSTS codes people actually hit in workload identity federation, each with a stable
 * error code and a one-line remedy. Microsoft says not to branch on error_description text,
 * so we branch on the numeric code from `error_codes` only.
 */
export interface AadstsEntry {
  code: string;
  remedy: string;
}

const DOCTOR = "Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";

const CATALOGUE: Record<number, AadstsEntry> = {
  70021: {
    code: 'NO_MATCHING_FIC',
    remedy: `No federated credential of the app has this token's issuer, subject and audience exactly (case-sensitive). Create one that matches the values presented, or wait a few minutes if you just created it. ${DOCTOR}`,
  },
  700211: {
    code: 'ISSUER_MISMATCH',
    remedy: `No federated credential has the presented issuer. Check for a trailing slash, a GitHub Enterprise or GHE.com host, or an enterprise-slug issuer. ${DOCTOR}`,
  },
  700212: {
    code: 'AUDIENCE_MISMATCH',
    remedy: `Request the CI token with the audience the federated credential holds (api://AzureADTokenExchange, or ...USGov / ...China in sovereign clouds): set --audience or the cloud. ${DOCTOR}`,
  },
  700213: {
    code: 'SUBJECT_MISMATCH',
    remedy: `No federated credential has the presented subject. Environments, pull requests, tags, custom subject templates and immutable owner@id/repo@id forms each change the subject. ${DOCTOR}`,
  },
  7002138: {
    code: 'SUBJECT_CASE_MISMATCH',
    remedy: `The subject matches a federated credential only if case is ignored; matching is case-sensitive. Fix the casing of the organisation, repository or environment in the federated credential. ${DOCTOR}`,
  },
  70025: {
    code: 'NO_FEDERATED_CREDENTIALS',
    remedy:
      'The app has no federated identity credentials. Add one for this CI (or wait a few minutes if you just added it).',
  },
  700024: {
    code: 'ASSERTION_EXPIRED',
    remedy:
      "The CI token was expired or not yet valid when presented. CI tokens live minutes: request a fresh one for each exchange, and check the runner's clock.",
  },
  50027: {
    code: 'INVALID_ASSERTION',
    remedy:
      'The presented token is not a valid JWT. Most often it is empty because the CI did not issue one (GitHub: add `permissions: id-token: write`).',
  },
  501661: {
    code: 'ISSUER_UNREACHABLE',
    remedy:
      "Entra could not fetch the issuer's OpenID configuration or keys. The issuer's /.well-known/openid-configuration and JWKS must be reachable from the internet (self-hosted GitLab, GitHub Enterprise Server).",
  },
  // Both say "Request to External OIDC endpoint failed": Entra's fetch of the issuer's discovery
  // document or keys failed, often for a moment. 50166 is ExternalClaimsProviderThrottled in
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes; 90061 is described in
  // https://github.com/Azure/azure-workload-identity/blob/main/docs/book/src/troubleshooting.md
  50166: {
    code: 'ISSUER_REQUEST_THROTTLED',
    remedy:
      "Entra's request to the CI issuer's OpenID configuration or keys failed or was throttled, which is usually brief; it was retried with a fresh CI token. If it persists, check that the issuer's /.well-known/openid-configuration and JWKS answer from the internet, and https://status.azure.com.",
  },
  90061: {
    code: 'ISSUER_REQUEST_FAILED',
    remedy:
      "Entra could not fetch the CI issuer's OpenID configuration or keys; it was retried with a fresh CI token. If it persists, the issuer's /.well-known/openid-configuration and JWKS must answer from the internet (self-hosted GitLab, GitHub Enterprise Server, a Kubernetes issuer); check them and https://status.azure.com.",
  },
  700016: {
    code: 'APP_NOT_FOUND',
    remedy:
      'No application with this client id exists in this tenant. Check the client id, the tenant id, and the cloud.',
  },
  90002: {
    code: 'TENANT_NOT_FOUND',
    remedy: 'The tenant does not exist in this cloud. Check the tenant id and the cloud (--cloud / --authority-host).',
  },
  900023: {
    code: 'INVALID_TENANT',
    remedy: 'The tenant is neither a GUID nor a valid domain. Use the directory (tenant) id GUID.',
  },
  7000215: {
    code: 'INVALID_SECRET',
    remedy:
      'The client secret is wrong. Use the secret value (not its id) from the app registration, or better, a federated credential.',
  },
  7000222: {
    code: 'SECRET_EXPIRED',
    remedy: 'The client secret has expired. Create a new one, or move to a federated credential or certificate.',
  },
  700027: {
    code: 'CERTIFICATE_SIGNATURE_INVALID',
    remedy:
      'The certificate assertion failed signature validation. Upload this certificate to the app registration and sign with its private key.',
  },
  700023: {
    code: 'ASSERTION_AUDIENCE_INVALID',
    remedy:
      "The client assertion's audience is not this token endpoint, or the scope names no resource. Check --authority-host, the tenant and the scope.",
  },
  700021: {
    code: 'ASSERTION_CLIENT_MISMATCH',
    remedy: "The certificate assertion's iss/sub is not this client id. Check --client-id.",
  },
  70011: {
    code: 'INVALID_SCOPE',
    remedy:
      'Client credentials accept only `<resource>/.default` scopes, one resource per scope, e.g. https://management.azure.com/.default.',
  },
  700022: {
    code: 'INVALID_SCOPE',
    remedy: 'A scope may name only one resource. Pass each resource as its own --scope.',
  },
  500011: {
    code: 'RESOURCE_NOT_FOUND',
    remedy: 'The resource in the scope is not known in this tenant. Check the scope URI and the tenant.',
  },
  53003: {
    code: 'CONDITIONAL_ACCESS_BLOCKED',
    remedy:
      'A Conditional Access policy for workload identities blocked this sign-in (often by location). Ask your Entra administrator to review the sign-in log with the trace id.',
  },
  7000218: {
    code: 'NO_CREDENTIAL',
    remedy:
      'The request carried no client credential. This is a bug or an empty CI token; rerun with debug logging and report it.',
  },
  700222: {
    code: 'ENTRA_TOKEN_AS_ASSERTION',
    remedy: "An Entra-issued token cannot be the federated assertion. Present the CI's OIDC token instead.",
  },
};

/**
 * Codes worth a retry with backoff: those Entra documents as transient, and the failed or
 * throttled fetches of the issuer's keys (50166, 90061) that users see come and go. A retry asks
 * the CI for a fresh token, so a slow recovery does not run into the token's expiry.
 */
export const TRANSIENT_AADSTS: ReadonlySet<number> = new Set([50033, 50166, 90006, 90024, 90033, 90061, 90090]);

export function lookupAadsts(code: number): AadstsEntry {
  return (
    CATALOGUE[code] ?? {
      code: `AADSTS_${code}`,
      remedy: `Look up AADSTS${code} at https://login.microsoftonline.com/error?code=${code} and quote the trace and correlation ids to your administrator.`,
    }
  );
}
