/**
 * Every error code entra-federate can report, in one place: when it happens, what to do, and
 * whether it is bad usage (exit 2: the input or environment is wrong, nothing was sent) or a
 * failure (exit 1: a request or a check failed). One code, one meaning: a code is never reused
 * for a second failure, so tools can branch on it. docs/errors.md is generated from this file
 * (`npm run docs:errors`).
 *
 * Two tables. AADSTS_CATALOGUE translates Entra's answers and is needed at run time: the
 * exchange turns the AADSTS number into the code and gives its remedy word for word (Microsoft
 * asks clients to branch on the number, never on the text:
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes). ERROR_CATALOGUE
 * holds every other code; at run time only its types are used (the compiler checks each code
 * and that usage errors are made as such), so its text stays out of the bundles a job loads.
 * There, `remedy` is the pattern; the error itself names the flag, file or value to change.
 *
 * Plain data that imports nothing, so scripts can bundle it on its own.
 */

export type ErrorTopic =
  | 'input'
  | 'credential'
  | 'entra'
  | 'network'
  | 'policy'
  | 'doctor'
  | 'handoff'
  | 'verify'
  | 'setup'
  | 'internal';

export interface AadstsCatalogueEntry {
  /** The AADSTS numbers Entra answers with. */
  readonly aadsts: readonly number[];
  /** When it happens. */
  readonly when: string;
  /** What to do: the error's remedy, as it is. */
  readonly remedy: string;
}

export interface ErrorCatalogueEntry {
  readonly topic: ErrorTopic;
  /** 2: bad usage or input, nothing was sent; 1: an exchange, a request or a check failed. */
  readonly exit: 1 | 2;
  /** When it happens. */
  readonly when: string;
  /** What to do. */
  readonly remedy: string;
  /** The AADSTS numbers Entra answers with, for codes that translate them. */
  readonly aadsts?: readonly number[];
}

/** docs/errors.md's sections, in order. */
export const ERROR_TOPICS: Readonly<Record<ErrorTopic, string>> = {
  input: 'Flags, inputs and settings',
  credential: 'The CI token and other credentials',
  entra: "Entra's answers (AADSTS)",
  network: 'Network and the token endpoint',
  policy: 'Policy and audit',
  doctor: 'doctor',
  handoff: 'Hand-offs and the identity endpoint',
  verify: 'verify',
  setup: 'setup',
  internal: 'Anything else',
};

const DOCTOR = "Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";

/** Entra's answers: each code translates one or more AADSTS numbers; all are failures (exit 1). */
export const AADSTS_CATALOGUE = {
  NO_MATCHING_FIC: {
    aadsts: [70021],
    when: "No federated credential of the app has the CI token's issuer, subject and audience.",
    remedy: `No federated credential of the app has this token's issuer, subject and audience exactly (case-sensitive). Create one that matches the values presented, or wait a few minutes if you just created it. ${DOCTOR}`,
  },
  ISSUER_MISMATCH: {
    aadsts: [700211],
    when: "No federated credential of the app has the CI token's issuer.",
    remedy: `No federated credential has the presented issuer. Check for a trailing slash, a GitHub Enterprise or GHE.com host, or an enterprise-slug issuer. ${DOCTOR}`,
  },
  AUDIENCE_MISMATCH: {
    aadsts: [700212],
    when: "No federated credential of the app has the CI token's audience.",
    remedy: `Request the CI token with the audience the federated credential holds (api://AzureADTokenExchange, or ...USGov / ...China in sovereign clouds): set --audience or the cloud. ${DOCTOR}`,
  },
  SUBJECT_MISMATCH: {
    aadsts: [700213],
    when: "No federated credential of the app has the CI token's subject.",
    remedy: `No federated credential has the presented subject. Environments, pull requests, tags, custom subject templates and immutable owner@id/repo@id forms each change the subject. ${DOCTOR}`,
  },
  SUBJECT_CASE_MISMATCH: {
    aadsts: [7002138],
    when: "A federated credential has the CI token's subject, but only if case is ignored.",
    remedy: `The subject matches a federated credential only if case is ignored; matching is case-sensitive. Fix the casing of the organisation, repository or environment in the federated credential. ${DOCTOR}`,
  },
  NO_FEDERATED_CREDENTIALS: {
    aadsts: [70025],
    when: 'The app has no federated identity credentials at all.',
    remedy:
      'The app has no federated identity credentials. Add one for this CI (or wait a few minutes if you just added it).',
  },
  ASSERTION_EXPIRED: {
    aadsts: [700024],
    when: 'The CI token was expired or not yet valid when Entra received it.',
    remedy:
      "The CI token was expired or not yet valid when presented. CI tokens live minutes: request a fresh one for each exchange, and check the runner's clock.",
  },
  INVALID_ASSERTION: {
    aadsts: [50027],
    when: 'Entra could not read the presented token as a JWT.',
    remedy:
      'The presented token is not a valid JWT. Most often it is empty because the CI did not issue one (GitHub: add `permissions: id-token: write`).',
  },
  ISSUER_UNREACHABLE: {
    aadsts: [501661],
    when: "Entra could not fetch the issuer's OpenID configuration or keys.",
    remedy:
      "Entra could not fetch the issuer's OpenID configuration or keys. The issuer's /.well-known/openid-configuration and JWKS must be reachable from the internet (self-hosted GitLab, GitHub Enterprise Server).",
  },
  // Both say "Request to External OIDC endpoint failed": Entra's fetch of the issuer's discovery
  // document or keys failed, often for a moment. 50166 is ExternalClaimsProviderThrottled in
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes; 90061 is described in
  // https://github.com/Azure/azure-workload-identity/blob/main/docs/book/src/troubleshooting.md
  ISSUER_REQUEST_THROTTLED: {
    aadsts: [50166],
    when: "Entra's request to the CI issuer's OpenID configuration or keys was throttled or failed (retried with a fresh CI token first).",
    remedy:
      "Entra's request to the CI issuer's OpenID configuration or keys failed or was throttled, which is usually brief; it was retried with a fresh CI token. If it persists, check that the issuer's /.well-known/openid-configuration and JWKS answer from the internet, and https://status.azure.com.",
  },
  ISSUER_REQUEST_FAILED: {
    aadsts: [90061],
    when: "Entra could not fetch the CI issuer's OpenID configuration or keys (retried with a fresh CI token first).",
    remedy:
      "Entra could not fetch the CI issuer's OpenID configuration or keys; it was retried with a fresh CI token. If it persists, the issuer's /.well-known/openid-configuration and JWKS must answer from the internet (self-hosted GitLab, GitHub Enterprise Server, a Kubernetes issuer); check them and https://status.azure.com.",
  },
  APP_NOT_FOUND: {
    aadsts: [700016],
    when: 'No application with the client id exists in the tenant.',
    remedy:
      'No application with this client id exists in this tenant. Check the client id, the tenant id, and the cloud.',
  },
  TENANT_NOT_FOUND: {
    aadsts: [90002],
    when: 'The tenant does not exist in this cloud.',
    remedy: 'The tenant does not exist in this cloud. Check the tenant id and the cloud (--cloud / --authority-host).',
  },
  INVALID_TENANT: {
    aadsts: [900023],
    when: 'Entra found the tenant to be neither a GUID nor a valid domain.',
    remedy: 'The tenant is neither a GUID nor a valid domain. Use the directory (tenant) id GUID.',
  },
  INVALID_SECRET: {
    aadsts: [7000215],
    when: 'The client secret is wrong.',
    remedy:
      'The client secret is wrong. Use the secret value (not its id) from the app registration, or better, a federated credential.',
  },
  SECRET_EXPIRED: {
    aadsts: [7000222],
    when: 'The client secret has expired.',
    remedy: 'The client secret has expired. Create a new one, or move to a federated credential or certificate.',
  },
  CERTIFICATE_SIGNATURE_INVALID: {
    aadsts: [700027],
    when: "The certificate assertion's signature does not verify with any certificate of the app.",
    remedy:
      'The certificate assertion failed signature validation. Upload this certificate to the app registration and sign with its private key.',
  },
  ASSERTION_AUDIENCE_INVALID: {
    aadsts: [700023],
    when: "The client assertion's audience is not this token endpoint, or the scope names no resource.",
    remedy:
      "The client assertion's audience is not this token endpoint, or the scope names no resource. Check --authority-host, the tenant and the scope.",
  },
  ASSERTION_CLIENT_MISMATCH: {
    aadsts: [700021],
    when: "The certificate assertion's iss/sub is not the client id.",
    remedy: "The certificate assertion's iss/sub is not this client id. Check --client-id.",
  },
  SCOPE_REJECTED: {
    aadsts: [70011, 700022],
    when: 'Entra refused a scope: not of the form `<resource>/.default`, or naming more than one resource.',
    remedy:
      'Client credentials accept only `<resource>/.default` scopes, one resource per scope: pass each resource as its own --scope, e.g. https://management.azure.com/.default.',
  },
  RESOURCE_NOT_FOUND: {
    aadsts: [500011],
    when: 'The resource in the scope is not known in the tenant.',
    remedy: 'The resource in the scope is not known in this tenant. Check the scope URI and the tenant.',
  },
  CONDITIONAL_ACCESS_BLOCKED: {
    aadsts: [53003],
    when: 'A Conditional Access policy for workload identities blocked the sign-in.',
    remedy:
      'A Conditional Access policy for workload identities blocked this sign-in (often by location). Ask your Entra administrator to review the sign-in log with the trace id.',
  },
  CREDENTIAL_NOT_SENT: {
    aadsts: [7000218],
    when: 'The token request reached Entra without a client assertion or secret.',
    remedy:
      'The request carried no client credential. This is a bug or an empty CI token; rerun with debug logging and report it.',
  },
  ENTRA_TOKEN_AS_ASSERTION: {
    aadsts: [700222],
    when: 'An Entra-issued token was presented as the federated assertion.',
    remedy: "An Entra-issued token cannot be the federated assertion. Present the CI's OIDC token instead.",
  },
} as const satisfies Record<string, AadstsCatalogueEntry>;

/** Every other code. */
export const ERROR_CATALOGUE = {
  CLI_UNAVAILABLE: {
    topic: 'handoff',
    exit: 1,
    when: "The git export needs the CLI's own script as git's credential helper, and this installation has no dist/cli/index.js.",
    remedy: 'Reinstall entra-federate, or use a release whose dist/ includes cli/index.js.',
  },
  IDENTITY_ENDPOINT_REFUSED: {
    topic: 'handoff',
    exit: 1,
    when: "`entra-federate git-credential` asked the job's identity endpoint for a token and got none.",
    remedy:
      'Check that the step runs in the job whose login started the endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).',
  },
  INVALID_SETUP_KIND: {
    topic: 'setup',
    exit: 2,
    when: '`setup` was run without github, gitlab or generic, with an unknown CI, or with an extra argument.',
    remedy: 'Run `entra-federate setup --help` and name the CI: github, gitlab or generic.',
  },
  FLAG_NOT_FOR_THIS_CI: {
    topic: 'setup',
    exit: 2,
    when: "A flag of another CI's set-up was given (e.g. --repo to `setup gitlab`).",
    remedy: 'Run `entra-federate setup <ci> --help` for the flags that CI takes.',
  },
  CLIENT_ID_WITH_APP_NAME: {
    topic: 'setup',
    exit: 2,
    when: 'Both --client-id and --app-name name the app.',
    remedy: 'Give one: --client-id for an existing app, --app-name to find or create one by display name.',
  },
  INVALID_APP_NAME: {
    topic: 'setup',
    exit: 2,
    when: 'The app name is empty, longer than 120 characters or holds control characters.',
    remedy: 'Pass a short display name, e.g. --app-name deploy-octo-repo.',
  },
  SETUP_APP_NOT_FOUND: {
    topic: 'setup',
    exit: 2,
    when: 'No application has the --client-id in the tenant of the Graph token.',
    remedy: 'Check --client-id and the tenant, or pass --app-name to find or create the app by name.',
  },
  AMBIGUOUS_APP_NAME: {
    topic: 'setup',
    exit: 2,
    when: 'Several applications have the --app-name display name.',
    remedy: 'Pass --client-id with the one to use, or another --app-name.',
  },
  MISSING_ROLE: {
    topic: 'setup',
    exit: 2,
    when: 'A --role-scope was given without its --role.',
    remedy: 'Give --role and --role-scope in pairs, one pair per assignment.',
  },
  MISSING_ROLE_SCOPE: {
    topic: 'setup',
    exit: 2,
    when: 'A --role was given without its --role-scope.',
    remedy: 'Give --role and --role-scope in pairs, one pair per assignment.',
  },
  INVALID_ROLE: {
    topic: 'setup',
    exit: 2,
    when: 'A --role is empty, too long or holds control characters.',
    remedy: 'Give a built-in role name such as Contributor, or a role definition GUID.',
  },
  INVALID_ROLE_SCOPE: {
    topic: 'setup',
    exit: 2,
    when: 'A --role-scope is not an Azure Resource Manager id (subscription, resource group or resource).',
    remedy: 'Give an id such as /subscriptions/<id>/resourceGroups/<group> (az group show prints it).',
  },
  ROLE_SCOPE_NOT_FOUND: {
    topic: 'setup',
    exit: 2,
    when: 'Azure Resource Manager does not know the --role-scope.',
    remedy: 'Check the subscription and resource group in --role-scope, and the tenant of the token.',
  },
  ROLE_NOT_FOUND: {
    topic: 'setup',
    exit: 2,
    when: 'No role definition has the --role name or id at that scope.',
    remedy: 'Use a role name exactly as Azure lists it (az role definition list --query "[].roleName" -o tsv).',
  },
  MISSING_JOB_KIND: {
    topic: 'setup',
    exit: 2,
    when: '`setup github` or `setup gitlab` was not told which jobs may sign in (branch, tag, environment or pull request).',
    remedy: 'Pass exactly one of --branch, --tag, --environment or --pull-request.',
  },
  CONFLICTING_JOB_KIND: {
    topic: 'setup',
    exit: 2,
    when: 'More than one of --branch, --tag, --environment, --pull-request was given.',
    remedy: 'Pass exactly one (run setup once per kind of job): one federated credential matches one subject.',
  },
  INVALID_BRANCH: {
    topic: 'setup',
    exit: 2,
    when: 'The --branch name is not one git accepts (git check-ref-format rules).',
    remedy: 'Give the branch exactly as git shows it, e.g. --branch main.',
  },
  INVALID_TAG: {
    topic: 'setup',
    exit: 2,
    when: 'The --tag name is not one git accepts (git check-ref-format rules).',
    remedy: 'Give the tag exactly as git shows it, e.g. --tag v1.0.0.',
  },
  INVALID_ENVIRONMENT: {
    topic: 'setup',
    exit: 2,
    when: 'The --environment name is empty, longer than 255 characters or holds control characters.',
    remedy: 'Give the environment exactly as the workflow names it.',
  },
  INVALID_REPO: {
    topic: 'setup',
    exit: 2,
    when: '`setup github` has no --repo, or it is not in OWNER/NAME form.',
    remedy: 'Pass --repo OWNER/NAME as GitHub shows it (the subject is case-sensitive).',
  },
  INVALID_PROJECT: {
    topic: 'setup',
    exit: 2,
    when: '`setup gitlab` has no --project, or it is not in GROUP/PROJECT form.',
    remedy: 'Pass the full project path as GitLab shows it, subgroups included.',
  },
  GITLAB_ENVIRONMENT_NOT_IN_SUBJECT: {
    topic: 'setup',
    exit: 2,
    when: "`setup gitlab --environment` was asked for: GitLab's token subject never names the environment, and Entra matches only the subject.",
    remedy: 'Protect the branch or tag that deploys to the environment and pass --branch or --tag.',
  },
  MISSING_ISSUER_OR_SUBJECT: {
    topic: 'setup',
    exit: 2,
    when: '`setup generic` lacks --issuer or --subject.',
    remedy: "Pass the iss and sub of the CI's tokens exactly (entra-federate verify prints them).",
  },
  INVALID_SUBJECT: {
    topic: 'setup',
    exit: 2,
    when: 'The --subject is empty, longer than 600 characters or holds control characters.',
    remedy: "Pass the CI token's sub claim exactly.",
  },
  INSECURE_ISSUER: {
    topic: 'setup',
    exit: 2,
    when: 'The --issuer uses plain http to a host that is not loopback.',
    remedy: 'Use the https issuer; plain http is allowed only to a loopback host such as the sandbox.',
  },
  INVALID_SERVER: {
    topic: 'setup',
    exit: 2,
    when: 'The GitLab --server is not an https URL, or carries credentials, a query or a fragment.',
    remedy: "Pass the GitLab instance's URL, e.g. https://gitlab.example.com.",
  },
  INSECURE_SERVER: {
    topic: 'setup',
    exit: 2,
    when: 'The GitLab --server uses plain http to a host that is not loopback.',
    remedy: 'Use https; plain http is allowed only to a loopback host.',
  },
  INVALID_GRAPH_ENDPOINT: {
    topic: 'setup',
    exit: 2,
    when: 'The --graph-endpoint is not an https URL, or carries credentials, a query or a fragment.',
    remedy: 'Pass a URL such as https://graph.microsoft.com, or leave it to --cloud.',
  },
  INSECURE_GRAPH_ENDPOINT: {
    topic: 'setup',
    exit: 2,
    when: 'The --graph-endpoint uses plain http to a host that is not loopback.',
    remedy: 'Use https; plain http is allowed only to a loopback host such as the sandbox.',
  },
  INVALID_ARM_ENDPOINT: {
    topic: 'setup',
    exit: 2,
    when: 'The --arm-endpoint is not an https URL, or carries credentials, a query or a fragment.',
    remedy: 'Pass a URL such as https://management.azure.com, or leave it to --cloud.',
  },
  INSECURE_ARM_ENDPOINT: {
    topic: 'setup',
    exit: 2,
    when: 'The --arm-endpoint uses plain http to a host that is not loopback.',
    remedy: 'Use https; plain http is allowed only to a loopback host such as the sandbox.',
  },
  INVALID_TOKEN_ENV: {
    topic: 'setup',
    exit: 2,
    when: '--graph-token-env or --arm-token-env is not a variable name, or the variable is empty.',
    remedy:
      'Pass the name of a variable holding an access token (az account get-access-token --resource ... --query accessToken -o tsv).',
  },
  SETUP_TOKEN_UNAVAILABLE: {
    topic: 'setup',
    exit: 1,
    when: 'No token for Graph or ARM could be had from `az account get-access-token`.',
    remedy: 'Install the Azure CLI and run `az login`, or pass tokens with --graph-token-env / --arm-token-env.',
  },
  GRAPH_TOKEN_REJECTED: {
    topic: 'setup',
    exit: 1,
    when: "Microsoft Graph refused the set-up's token (expired, or for another resource).",
    remedy:
      'Get a fresh token for https://graph.microsoft.com (az login, or a new --graph-token-env value) and run the same command again.',
  },
  ARM_TOKEN_REJECTED: {
    topic: 'setup',
    exit: 1,
    when: "Azure Resource Manager refused the set-up's token (expired, or for another resource).",
    remedy:
      'Get a fresh token for https://management.azure.com (az login, or a new --arm-token-env value) and run the same command again.',
  },
  GRAPH_FORBIDDEN: {
    topic: 'setup',
    exit: 1,
    when: 'Microsoft Graph answered 403: the signed-in identity may not read or write applications.',
    remedy:
      'Ask an administrator for Application.ReadWrite.All (or the Application Administrator role), then run the same command again: it continues where it stopped.',
  },
  ARM_FORBIDDEN: {
    topic: 'setup',
    exit: 1,
    when: 'Azure Resource Manager answered 403: the signed-in identity may not assign roles at that scope.',
    remedy:
      'Ask for Microsoft.Authorization/roleAssignments/write there (User Access Administrator or Owner), then run the same command again: it continues where it stopped.',
  },
  ARM_REQUEST_FAILED: {
    topic: 'setup',
    exit: 1,
    when: 'Azure Resource Manager answered an error other than 401 or 403 (a conflicting change included).',
    remedy:
      'A 5xx, 409 or 429 is passing: run the same command again; otherwise check the values given (--dry-run shows each request).',
  },
  FIC_CONFLICT: {
    topic: 'setup',
    exit: 1,
    when: 'The app has a federated credential with the same name, or the same issuer and subject, but other values.',
    remedy: 'Rerun with --replace to overwrite it, or remove it with az ad app federated-credential delete.',
  },
  FIC_LIMIT_REACHED: {
    topic: 'setup',
    exit: 1,
    when: 'The app already holds 20 federated credentials, the most Entra allows; nothing was written.',
    remedy: 'Remove credentials no pipeline uses, or give this pipeline its own app with --app-name.',
  },
  // Flags, inputs and settings: checked before anything is sent.
  MISSING_CLIENT_ID: {
    topic: 'input',
    exit: 2,
    when: 'No client id was given (flag, input, setting or AZURE_CLIENT_ID).',
    remedy: 'Pass --client-id (or set AZURE_CLIENT_ID) to the application (client) id GUID of the app registration.',
  },
  INVALID_CLIENT_ID: {
    topic: 'input',
    exit: 2,
    when: 'The client id is not a GUID.',
    remedy: 'Use the "Application (client) ID" from the app registration overview.',
  },
  MISSING_TENANT_ID: {
    topic: 'input',
    exit: 2,
    when: 'No tenant id was given (flag, input, setting or AZURE_TENANT_ID).',
    remedy: 'Pass --tenant-id (or set AZURE_TENANT_ID) to the directory (tenant) id GUID or a verified domain.',
  },
  INVALID_TENANT_ID: {
    topic: 'input',
    exit: 2,
    when: 'The tenant is neither a GUID nor a domain name, or is a multi-tenant alias (common, organizations, consumers) that client credentials refuse (AADSTS9001023).',
    remedy: 'Use the directory (tenant) id GUID of the tenant that holds the app registration.',
  },
  INVALID_CLOUD: {
    topic: 'input',
    exit: 2,
    when: 'The cloud is not AzureCloud, AzureUSGovernment or AzureChinaCloud.',
    remedy: 'Use one of those names; for any other authority pass --authority-host.',
  },
  INVALID_AUTHORITY_HOST: {
    topic: 'input',
    exit: 2,
    when: 'The authority host is not a URL, is not https, or carries control characters, credentials, a query or a fragment.',
    remedy: 'Pass only scheme, host and port, e.g. https://login.microsoftonline.com, or use --cloud.',
  },
  INSECURE_AUTHORITY_HOST: {
    topic: 'input',
    exit: 2,
    when: 'The authority host uses plain http to a host that is not loopback.',
    remedy: 'Use https; plain http is allowed only to 127.0.0.1, localhost or [::1] (the sandbox).',
  },
  INVALID_SCOPE: {
    topic: 'input',
    exit: 2,
    when: 'A scope names no resource, is longer than 1024 characters, or holds white space, control or non-ASCII characters.',
    remedy: 'Give one resource URI per --scope, e.g. --scope https://vault.azure.net/.default.',
  },
  INVALID_AUDIENCE: {
    topic: 'input',
    exit: 2,
    when: 'The audience has control characters or is longer than 600 characters.',
    remedy: 'Use the audience the federated credential holds, e.g. api://AzureADTokenExchange.',
  },
  INVALID_TIMEOUT: {
    topic: 'input',
    exit: 2,
    when: 'The timeout is not a number of seconds between 0 and 3600.',
    remedy: 'Pass --timeout (Action: timeout-seconds) as seconds, e.g. 30.',
  },
  INVALID_PROXY: {
    topic: 'input',
    exit: 2,
    when: 'HTTPS_PROXY or HTTP_PROXY is not a URL, or is not an http:// proxy.',
    remedy: "Set it to the proxy's http:// URL, e.g. http://proxy.example.com:3128.",
  },
  UNEXPECTED_ARGUMENT: {
    topic: 'input',
    exit: 2,
    when: 'A command that takes no positional arguments was given one (often a token pasted after a flag that takes none); its value is never shown.',
    remedy:
      'Give every value right after its flag (--flag VALUE); tokens are read from --id-token-file, --id-token-env or the environment, never from the command line.',
  },
  INVALID_ARGUMENTS: {
    topic: 'input',
    exit: 2,
    when: 'A command got an unknown flag, a missing value, or a combination it does not take.',
    remedy: 'Run `entra-federate <command> --help` for the flags it takes.',
  },
  SECRET_ON_COMMAND_LINE: {
    topic: 'input',
    exit: 2,
    when: 'A secret or token was given as a command-line flag, where other users and logs can see it.',
    remedy: 'Put it in the environment variable the error names (e.g. AZURE_CLIENT_SECRET).',
  },
  INVALID_SUBSCRIPTION_ID: {
    topic: 'input',
    exit: 2,
    when: 'The subscription id is not a GUID.',
    remedy: "Use the subscription id GUID from the subscription's overview page, or leave it empty.",
  },
  INVALID_PROVIDER: {
    topic: 'input',
    exit: 2,
    when: '--provider names a CI entra-federate does not know.',
    remedy: 'Use one of the names the error lists, or --id-token-file / --id-token-env for any other CI.',
  },
  CONFLICTING_TOKEN_SOURCES: {
    topic: 'input',
    exit: 2,
    when: '--id-token-file and --id-token-env were both given.',
    remedy: 'Give one place to read the CI token from.',
  },
  CONFLICTING_CREDENTIALS: {
    topic: 'input',
    exit: 2,
    when: 'A plugin step has both a certificate and a client secret set.',
    remedy: 'Keep one: the certificate (Microsoft recommends it over secrets), or the client secret.',
  },
  NOT_ON_A_RUNNER: {
    topic: 'input',
    exit: 2,
    when: 'The Action runs without the GitHub runner files (GITHUB_ENV, GITHUB_OUTPUT, ...) it passes things on through.',
    remedy: 'Run it as a `uses:` step on a GitHub Actions runner; elsewhere use the `entra-federate` CLI.',
  },
  INVALID_PORT: {
    topic: 'input',
    exit: 2,
    when: '`entra-federate sandbox --port` is not a number from 0 to 65535.',
    remedy: 'Pass a free port number, or leave --port out to pick one.',
  },
  PORT_UNAVAILABLE: {
    topic: 'input',
    exit: 2,
    when: '`entra-federate sandbox` cannot listen on the port asked for.',
    remedy: 'Pick another --port, or leave it out to use any free port.',
  },
  INVALID_SANDBOX_CONFIG: {
    topic: 'input',
    exit: 2,
    when: "The sandbox's --config file cannot be read or holds fields it does not accept.",
    remedy: "Fix the file; the README's Sandbox section lists its fields.",
  },

  // The CI token and the other credentials.
  NO_CREDENTIAL: {
    topic: 'credential',
    exit: 2,
    when: 'Nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.',
    remedy:
      'Run inside a CI that issues OIDC tokens (GitHub Actions needs `permissions: id-token: write`), pass --id-token-file or --id-token-env, or give a certificate.',
  },
  ID_TOKEN_UNAVAILABLE: {
    topic: 'credential',
    exit: 2,
    when: "The CI gave this job no OIDC token as configured: the job lacks the permission or setting, the token's variable or file is empty, or the CI's token command is not installed.",
    remedy:
      "Turn on the CI's OIDC token for the job (the error names the permission, variable or file), or pass --id-token-file / --id-token-env.",
  },
  ID_TOKEN_REQUEST_FAILED: {
    topic: 'credential',
    exit: 1,
    when: "The CI's token endpoint or command was asked for an OIDC token and failed, or answered something that is not a token.",
    remedy: 'Retry the job; if it persists, check what the error quotes from the endpoint or command.',
  },
  INVALID_ID_TOKEN_FILE: {
    topic: 'credential',
    exit: 2,
    when: '--id-token-file (or AZURE_FEDERATED_TOKEN_FILE) is empty.',
    remedy: "Give the path of the file that holds the CI's OIDC token.",
  },
  INVALID_ID_TOKEN_ENV: {
    topic: 'credential',
    exit: 2,
    when: '--id-token-env is not an environment variable name.',
    remedy: 'Pass the name of the variable that holds the token, not the token itself.',
  },
  MALFORMED_ID_TOKEN: {
    topic: 'credential',
    exit: 2,
    when: 'What was given as the CI token is not a JWT (a path, a JSON wrapper, quotes, or a variable someone else defined).',
    remedy:
      'Pass the raw OIDC ID token (three base64url parts separated by dots), and let the CI set its own variables.',
  },
  ID_TOKEN_EXPIRED: {
    topic: 'credential',
    exit: 1,
    when: 'The identity endpoint needs a CI token after the one it was given expired, and this CI issues no new one during the job.',
    remedy: "Finish the tools' work within the CI token's lifetime, or use a CI that issues tokens on request.",
  },
  INVALID_CERTIFICATE: {
    topic: 'credential',
    exit: 2,
    when: 'The certificate file or setting is empty, too large, unreadable, or does not hold exactly one private key and its matching certificate.',
    remedy: 'Give a PEM holding the unencrypted RSA private key and the certificate uploaded to the app registration.',
  },
  UNSUPPORTED_CERTIFICATE: {
    topic: 'credential',
    exit: 2,
    when: 'The certificate is not PEM (e.g. .pfx), its key is encrypted, not RSA, or shorter than 2048 bits.',
    remedy:
      'Convert it to PEM with an unencrypted RSA key of 2048 bits or more (`openssl pkcs12 -in cert.pfx -out cert.pem -nodes`).',
  },
  CERTIFICATE_EXPIRED: {
    topic: 'credential',
    exit: 2,
    when: 'The certificate in the PEM has expired.',
    remedy: 'Create a new certificate, upload it to the app registration, and replace the PEM in the CI.',
  },
  INVALID_CERTIFICATE_ALGORITHM: {
    topic: 'credential',
    exit: 2,
    when: 'The certificate signing algorithm is neither PS256 nor RS256.',
    remedy: 'Use PS256 (the default) or RS256.',
  },

  // The network and the token endpoint.
  HOST_NOT_FOUND: {
    topic: 'network',
    exit: 1,
    when: 'The host of a request (Entra, the CI, an issuer) could not be resolved.',
    remedy:
      "Check the URL (authority host, cloud, CI endpoint) and the runner's DNS and proxy (HTTPS_PROXY, NO_PROXY).",
  },
  TLS_ERROR: {
    topic: 'network',
    exit: 1,
    when: "A server's TLS certificate was not trusted.",
    remedy: 'If a proxy or the sandbox uses its own CA, point NODE_EXTRA_CA_CERTS at its certificate file.',
  },
  TIMEOUT: {
    topic: 'network',
    exit: 1,
    when: 'A server did not answer in time, after the retries the deadline allowed.',
    remedy: 'Check network access to the host, or raise --timeout.',
  },
  NETWORK_ERROR: {
    topic: 'network',
    exit: 1,
    when: 'A server could not be reached (refused, reset, unreachable), after the retries the deadline allowed.',
    remedy: 'Check network access to the host and the proxy settings (HTTPS_PROXY, NO_PROXY).',
  },
  RESPONSE_TOO_LARGE: {
    topic: 'network',
    exit: 1,
    when: 'A response was larger than 1 MiB, more than any token or discovery document.',
    remedy: 'Check that the URL points at the right service; a proxy may be answering instead.',
  },
  THROTTLED: {
    topic: 'network',
    exit: 1,
    when: 'Entra answered HTTP 429 and the wait it asked for did not fit the deadline.',
    remedy: 'Run fewer concurrent jobs, reuse tokens within a job, or raise --timeout so the wait fits.',
  },
  SERVICE_UNAVAILABLE: {
    topic: 'network',
    exit: 1,
    when: 'The token endpoint answered HTTP 5xx without an Entra error, after the retries the deadline allowed.',
    remedy: 'Try again later, and check https://status.azure.com.',
  },
  UNEXPECTED_RESPONSE: {
    topic: 'network',
    exit: 1,
    when: 'The token endpoint answered an error status with a body that is not an Entra error (HTML, text, nothing).',
    remedy: 'Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) in between.',
  },
  INVALID_RESPONSE: {
    topic: 'network',
    exit: 1,
    when: 'The token endpoint answered HTTP 200 without a usable access_token and a positive, finite expires_in.',
    remedy: 'Something other than Entra answered: check --authority-host and any proxy in between.',
  },

  // Policy and audit.
  POLICY_UNREADABLE: {
    topic: 'policy',
    exit: 2,
    when: 'The --policy file path is empty, or the file does not exist or cannot be read.',
    remedy: 'Pass --policy with the path of your policy file (JSON, or YAML in a .yml/.yaml file).',
  },
  POLICY_INVALID: {
    topic: 'policy',
    exit: 2,
    when: 'The policy file is not valid JSON or YAML, is larger than 1 MiB, or holds a rule that is not understood.',
    remedy: 'Fix the file at the place the error names; a typo must not quietly allow more.',
  },
  POLICY_DENIED: {
    topic: 'policy',
    exit: 1,
    when: 'No rule of the policy allows this login (or this verified token): nothing was sent to Entra.',
    remedy: 'Run from a pipeline the policy allows, or change the policy; the error names the rule set and the claim.',
  },
  CLAIMS_UNREADABLE: {
    topic: 'policy',
    exit: 2,
    when: '`entra-federate policy test --claims` names a file that does not exist or cannot be read.',
    remedy: 'Pass --claims with a JSON file of claims, or a file holding a JWT.',
  },
  CLAIMS_INVALID: {
    topic: 'policy',
    exit: 2,
    when: 'The --claims file is neither a JSON object nor a JWT.',
    remedy: 'Save the claims as a JSON object, e.g. the output of `entra-federate verify`.',
  },
  AUDIT_LOG_UNWRITABLE: {
    topic: 'policy',
    exit: 2,
    when: 'The --audit-log path is empty, not a regular file, or cannot be opened for appending (checked before anything is sent).',
    remedy: 'Pass --audit-log with a writable regular file path (it is created 0600 if missing).',
  },
  AUDIT_LOG_WRITE_FAILED: {
    topic: 'policy',
    exit: 1,
    when: 'A record could not be appended to the audit log after the login.',
    remedy: 'Check the disk space and permissions of the audit log file.',
  },

  // doctor.
  INVALID_FIC_FILE: {
    topic: 'doctor',
    exit: 2,
    when: 'The --fic file cannot be read, is not JSON, or holds something other than federated credentials.',
    remedy: 'Save the output of `az ad app federated-credential list --id <client-id>` as it is and pass its path.',
  },
  INVALID_GRAPH_TOKEN_ENV: {
    topic: 'doctor',
    exit: 2,
    when: '--graph-token-env is not a variable name, or the variable is empty.',
    remedy: 'Name a variable that holds a Microsoft Graph access token (not the token itself).',
  },
  INVALID_GRAPH_URL: {
    topic: 'doctor',
    exit: 2,
    when: 'The Graph endpoint is not https (plain http is allowed only to loopback).',
    remedy: 'Use https.',
  },
  NO_CI_TOKEN: {
    topic: 'doctor',
    exit: 2,
    when: 'The doctor found no CI token to examine.',
    remedy: 'Run it in the CI job, or pass --id-token-file / --id-token-env.',
  },
  GRAPH_REQUEST_FAILED: {
    topic: 'doctor',
    exit: 1,
    when: "Microsoft Graph refused or failed a request: the doctor's listing of the app's federated credentials, or a set-up read or write (other than 401 and 403).",
    remedy:
      'Use a fresh Graph token of an identity that may read the app (Application.Read.All, or its owner), or pass the FICs with --fic-file.',
  },

  // Hand-offs to the next tools, and the identity endpoint.
  INVALID_EXPORT: {
    topic: 'handoff',
    exit: 2,
    when: '--export (or the `export` input) names something entra-federate cannot export.',
    remedy: 'Use one of the names the error lists.',
  },
  INVALID_EXPORT_FILE: {
    topic: 'handoff',
    exit: 2,
    when: '--export-file is empty.',
    remedy: 'Give the path of the file to write `export` lines to, e.g. "$RUNNER_TEMP/azure.env".',
  },
  INSECURE_EXPORT_FILE: {
    topic: 'handoff',
    exit: 2,
    when: 'The --export-file exists and other users can read or write it, or it is not a regular file.',
    remedy: 'Run `chmod 600` on it, or give a path that does not exist yet.',
  },
  EXPORT_FILE_WRITE_FAILED: {
    topic: 'handoff',
    exit: 2,
    when: 'The file variables are passed on through (--export-file, or the CI variables file) cannot be written.',
    remedy: 'Give --export-file a path in a directory the job can write, or do not override the file the CI sets.',
  },
  NO_VARIABLES_CHANNEL: {
    topic: 'handoff',
    exit: 2,
    when: 'An export passes variables to later steps, and this CI has no channel for them that entra-federate knows.',
    remedy: 'Pass --export-file FILE and source it (`. FILE`) in the shell that runs the tools.',
  },
  NO_CI_TOKEN_TO_EXPORT: {
    topic: 'handoff',
    exit: 2,
    when: 'An export that passes a CI token on (env, terraform, kubelogin, az) was asked for a certificate or secret login.',
    remedy: "Sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
  },
  SCOPE_VARIABLE_CLASH: {
    topic: 'handoff',
    exit: 2,
    when: 'Two scopes would be exported under the same AZURE_ACCESS_TOKEN_<RESOURCE> variable.',
    remedy: 'Give scopes of different resources, one per resource.',
  },
  INVALID_REGISTRY: {
    topic: 'handoff',
    exit: 2,
    when: 'The acr export names no registry, or something that is not a registry login server.',
    remedy: "Name the registry's login server, without a scheme: acr:myregistry.azurecr.io.",
  },
  INVALID_IMDS_ENDPOINT: {
    topic: 'credential',
    exit: 2,
    when: 'IMDS_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST is not a URL, or is plain http to a host other than 169.254.169.254 or loopback.',
    remedy: 'Set it to http://169.254.169.254 (or an https URL), or unset it.',
  },
  INVALID_CREDENTIAL_KIND: {
    topic: 'input',
    exit: 2,
    when: '--credential (the Action input `credential`) names something other than `auto` or `managed-identity`.',
    remedy: "Pass --credential managed-identity for the runner's own identity, or leave it out.",
  },
  MANAGED_IDENTITY_UNAVAILABLE: {
    topic: 'credential',
    exit: 1,
    when: 'With --credential managed-identity, the managed identity endpoint (IMDS) did not answer before the deadline.',
    remedy:
      'Run on an Azure VM, scale set or AKS node with a managed identity, or set IMDS_ENDPOINT; elsewhere sign in with the CI token.',
  },
  MANAGED_IDENTITY_FAILED: {
    topic: 'credential',
    exit: 1,
    when: 'The managed identity endpoint (IMDS) answered without a token: no such identity on this machine, or no token for that resource.',
    remedy: 'Enable or assign the identity (pass --client-id for a user-assigned one), and check the resource.',
  },
  REGISTRY_NOT_ACR: {
    topic: 'handoff',
    exit: 2,
    when: 'A registry (acr export or the docker credential helper) is not an Azure Container Registry login server (*.azurecr.io, *.azurecr.us, *.azurecr.cn) nor loopback: no token is sent to it.',
    remedy: "Name the registry's Azure Container Registry login server, e.g. acr:myregistry.azurecr.io.",
  },
  INVALID_GIT_CONFIG_COUNT: {
    topic: 'handoff',
    exit: 2,
    when: 'GIT_CONFIG_COUNT is set to something that is not a count, so git itself would refuse to run.',
    remedy: 'Fix or unset GIT_CONFIG_COUNT before this step.',
  },
  UNTRUSTED_SESSION: {
    topic: 'handoff',
    exit: 2,
    when: 'The session record named by ENTRA_FEDERATE_SESSION or --session is not a private JSON file of this user.',
    remedy: 'Point it at the file `entra-federate login` wrote.',
  },
  TOOL_NOT_FOUND: {
    topic: 'handoff',
    exit: 2,
    when: 'A program an export signs in (az, docker) is not installed on the runner.',
    remedy: 'Install it, or drop that export.',
  },
  AZ_LOGIN_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'The Azure CLI ran and failed to select the cloud, sign in with the CI token, or select the subscription.',
    remedy:
      'Use Azure CLI 2.30 or later that reaches its cloud; give the app a role on the subscription, or leave it out.',
  },
  DOCKER_CONFIG_WRITE_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: "The acr export could not write its private docker configuration (DOCKER_CONFIG) under the job's temporary directory.",
    remedy: 'Check that the job can write its temporary directory (RUNNER_TEMP or TMPDIR).',
  },
  ACR_EXCHANGE_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'The registry refused to exchange the Entra token for a refresh token, or answered without one.',
    remedy: 'Give the app a role on the registry (AcrPull to pull, AcrPush to push), and name its login server.',
  },
  TOKEN_FILE_WRITE_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'The federated token file could not be created in the temporary directory.',
    remedy: "RUNNER_TEMP (or TMPDIR) must exist and be writable by the job's user.",
  },
  RUNNER_FILE_WRITE_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'A GitHub runner file (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) could not be appended to.',
    remedy: 'Do not override the runner file variables; the runner sets them.',
  },
  OUTPUT_WRITE_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'The Drone or Harness plugin could not write its env or output file.',
    remedy: "Make the path writable for the plugin's user (uid 1000), or set `output` to a writable path.",
  },
  INVALID_IDLE_TIMEOUT: {
    topic: 'handoff',
    exit: 2,
    when: 'ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is not a whole number of seconds from 1 to 86400.',
    remedy: 'Set it to the seconds the identity endpoint may stay idle, e.g. 3600, or unset it (default 7200).',
  },
  IDENTITY_ENDPOINT_UNAVAILABLE: {
    topic: 'handoff',
    exit: 2,
    when: 'The identity-endpoint export was asked of an entry point that cannot start it.',
    remedy: 'Use `entra-federate login --export identity-endpoint` or the GitHub Action.',
  },
  IDENTITY_ENDPOINT_FAILED: {
    topic: 'handoff',
    exit: 1,
    when: 'The identity endpoint did not start: its program is missing from the installation, or it exited or did not answer before it was ready.',
    remedy: "Re-run; if it persists, reinstall entra-federate and report it with the step's log (it holds no token).",
  },
  INVALID_ENDPOINT_CONFIG: {
    topic: 'handoff',
    exit: 2,
    when: "The identity endpoint's program was started by hand, without its configuration.",
    remedy: 'Start it through `entra-federate login --export identity-endpoint` or the Action.',
  },

  // verify: what the command and the library refuse.
  MISSING_ISSUER: {
    topic: 'verify',
    exit: 2,
    when: 'No issuer was given to verify against.',
    remedy: "Pass --issuer with the issuer URL exactly as the token's iss claim has it.",
  },
  MISSING_AUDIENCE: {
    topic: 'verify',
    exit: 2,
    when: 'No audience was given, so a token minted for any service would be accepted.',
    remedy: 'Pass --audience with the audience the CI token is requested for.',
  },
  INVALID_ISSUER: {
    topic: 'verify',
    exit: 2,
    when: 'The --issuer (verify, setup generic) is not a URL, not https (except loopback), or carries credentials, a query or a fragment.',
    remedy:
      "Give the issuer exactly as its tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.",
  },
  INVALID_ALGORITHM: {
    topic: 'verify',
    exit: 2,
    when: '--algorithm names an algorithm that cannot be allowed.',
    remedy: 'Use RS256, PS256 or ES256; none and HMAC are never accepted.',
  },
  INVALID_CLOCK_SKEW: {
    topic: 'verify',
    exit: 2,
    when: '--clock-skew is not between 0 and 300 seconds.',
    remedy: 'Pass it as seconds up to 300; CI tokens live minutes.',
  },
  INVALID_MAX_AGE: {
    topic: 'verify',
    exit: 2,
    when: '--max-age is not a positive number of seconds.',
    remedy: 'Pass it as seconds, e.g. --max-age 600.',
  },
  INVALID_CLAIM_PATTERN: {
    topic: 'verify',
    exit: 2,
    when: 'A --claim is not NAME=PATTERN, or its pattern is empty.',
    remedy: 'Write e.g. --claim repository=octo-org/octo-repo; use --require-claim NAME for presence only.',
  },
  TOKEN_UNAVAILABLE: {
    topic: 'verify',
    exit: 2,
    when: '`entra-federate verify` got no token: standard input, the file or the variable is empty or missing.',
    remedy: 'Pipe the token to standard input, or pass --id-token-file FILE or --id-token-env NAME.',
  },
  TOKEN_MALFORMED: {
    topic: 'verify',
    exit: 1,
    when: 'The token is not a signed JWT (compact JWS), or its header is malformed.',
    remedy: 'Pass the raw OIDC ID token, nothing around it; do not accept a malformed one.',
  },
  ALG_NONE: {
    topic: 'verify',
    exit: 1,
    when: 'The token is unsigned (alg "none").',
    remedy: 'Do not accept it: anyone could have written it.',
  },
  ALG_HMAC: {
    topic: 'verify',
    exit: 1,
    when: "The token uses a symmetric (HMAC) algorithm, which anyone holding the issuer's public key can forge.",
    remedy: "Do not accept it; only asymmetric signatures checked with the issuer's keys are.",
  },
  ALG_NOT_ALLOWED: {
    topic: 'verify',
    exit: 1,
    when: 'The token has no alg, or one that is not allowed.',
    remedy: "Allow the issuer's algorithm with --algorithm if it is RS256, PS256 or ES256.",
  },
  CRIT_UNSUPPORTED: {
    topic: 'verify',
    exit: 1,
    when: 'The token marks header extensions as critical, or uses a JWS feature, that the verifier does not understand.',
    remedy: 'Do not accept it; CI tokens use no JWS extensions (RFC 7515 requires refusing unknown critical ones).',
  },
  TYP_MISMATCH: {
    topic: 'verify',
    exit: 1,
    when: 'The typ header is not the expected one: another kind of JWT may be presented as an ID token.',
    remedy: 'Present an ID token of the expected type, or pass --typ with the type this issuer uses.',
  },
  KID_UNKNOWN: {
    topic: 'verify',
    exit: 1,
    when: "The token's signing key (kid) is not in the issuer's JWKS.",
    remedy: 'Do not accept it: only keys in the issuer JWKS are trusted.',
  },
  KID_MISSING: {
    topic: 'verify',
    exit: 1,
    when: "The token has no kid and the issuer's JWKS has several keys of its type.",
    remedy: 'Tokens from this issuer must name their signing key (kid).',
  },
  KEY_MISMATCH: {
    topic: 'verify',
    exit: 1,
    when: "The key the token names is not a key for the token's algorithm.",
    remedy: 'Do not accept it: it was not signed by the issuer.',
  },
  KEY_UNUSABLE: {
    topic: 'verify',
    exit: 1,
    when: "The issuer's key cannot be imported or used (e.g. an RSA key under 2048 bits).",
    remedy: "Check the issuer's JWKS.",
  },
  SIGNATURE_INVALID: {
    topic: 'verify',
    exit: 1,
    when: "The token's signature does not verify with the issuer's key it names.",
    remedy: 'Do not accept it; request a fresh token from the CI.',
  },
  EMBEDDED_JWK_IGNORED: {
    topic: 'verify',
    exit: 1,
    when: 'A token carrying its own public key (jwk header) failed the check with the issuer keys.',
    remedy: 'Do not accept it: a token that brings its own key is forged.',
  },
  EMBEDDED_X5C_IGNORED: {
    topic: 'verify',
    exit: 1,
    when: 'A token carrying its own certificate chain (x5c header) failed the check with the issuer keys.',
    remedy: 'Do not accept it: a token that brings its own key is forged.',
  },
  JKU_IGNORED: {
    topic: 'verify',
    exit: 1,
    when: 'A token pointing at its own key set (jku header) failed the check with the issuer keys.',
    remedy: 'Do not accept it: a token that brings its own key is forged.',
  },
  X5U_IGNORED: {
    topic: 'verify',
    exit: 1,
    when: 'A token pointing at its own certificate (x5u header) failed the check with the issuer keys.',
    remedy: 'Do not accept it: a token that brings its own key is forged.',
  },
  DISCOVERY_FAILED: {
    topic: 'verify',
    exit: 1,
    when: "The issuer's discovery document could not be fetched, is not JSON, or has no https jwks_uri.",
    remedy: 'Check --issuer (the issuer URL itself) and that the issuer publishes OIDC discovery.',
  },
  DISCOVERY_ISSUER_MISMATCH: {
    topic: 'verify',
    exit: 1,
    when: 'The discovery document names another issuer than the one it was fetched for.',
    remedy: 'Give --issuer exactly as the issuer spells itself (scheme, host, path, trailing slash).',
  },
  JWKS_UNAVAILABLE: {
    topic: 'verify',
    exit: 1,
    when: "The issuer's JWKS could not be fetched or is not JSON.",
    remedy: 'Check that the issuer is reachable from here; transient failures were retried.',
  },
  JWKS_INVALID: {
    topic: 'verify',
    exit: 1,
    when: "The issuer's JWKS has no keys array, or no RSA or P-256 signing key.",
    remedy: "Check the jwks_uri of the issuer's discovery document.",
  },
  UNEXPECTED_ISSUER: {
    topic: 'verify',
    exit: 1,
    when: "The token's iss claim is not exactly the expected issuer.",
    remedy: 'Accept tokens only from the expected issuer; compare exactly (scheme, host, path, trailing slash).',
  },
  UNEXPECTED_AUDIENCE: {
    topic: 'verify',
    exit: 1,
    when: "The token's aud claim holds none of the expected audiences.",
    remedy: 'A token minted for another service must not be accepted here; have the CI request this audience.',
  },
  CLAIM_MISSING: {
    topic: 'verify',
    exit: 1,
    when: 'The token lacks a claim that is required (sub, exp, or a --require-claim).',
    remedy: 'Check that the token comes from the expected issuer.',
  },
  CLAIM_MISMATCH: {
    topic: 'verify',
    exit: 1,
    when: 'A claim does not match its --claim pattern.',
    remedy: 'Run from the expected pipeline, or change the pattern.',
  },
  CLAIM_WRONG_TYPE: {
    topic: 'verify',
    exit: 1,
    when: 'A claim that --claim or the policy matches is not one value (an array, an object or null).',
    remedy: 'A claim must hold one string to match a pattern: check which issuer minted the token.',
  },
  CLAIM_OUT_OF_RANGE: {
    topic: 'verify',
    exit: 1,
    when: 'A time claim (exp, nbf, iat) holds a number beyond what a date can hold.',
    remedy: 'The token is malformed: check which issuer minted it.',
  },
  CLAIM_INVALID: {
    topic: 'verify',
    exit: 1,
    when: 'exp, nbf or iat is not a number of seconds.',
    remedy: 'Do not accept it: the issuer produced a malformed token.',
  },
  TOKEN_EXPIRED: {
    topic: 'verify',
    exit: 1,
    when: 'The token expired (beyond the allowed clock skew).',
    remedy: 'Request a fresh token from the CI; CI tokens live minutes.',
  },
  TOKEN_NOT_YET_VALID: {
    topic: 'verify',
    exit: 1,
    when: 'The token is not valid yet (nbf beyond the allowed clock skew).',
    remedy: 'Check the clocks of the issuer and this machine.',
  },
  TOKEN_ISSUED_IN_FUTURE: {
    topic: 'verify',
    exit: 1,
    when: 'The token claims to be issued in the future (iat beyond the allowed clock skew).',
    remedy: 'Check the clocks of the issuer and this machine.',
  },
  TOKEN_TOO_OLD: {
    topic: 'verify',
    exit: 1,
    when: 'The token was issued longer ago than --max-age allows.',
    remedy: 'Request a fresh token from the CI.',
  },

  // Anything else.
  UNEXPECTED_ERROR: {
    topic: 'internal',
    exit: 1,
    when: 'An error entra-federate did not foresee (a bug); the audit log records it under this code.',
    remedy: 'Report it with the ENTRA_FEDERATE_DEBUG=1 output (it holds no token).',
  },
} as const satisfies Record<string, ErrorCatalogueEntry>;

/**
 * Codes made from what Entra answered: an AADSTS number the catalogue does not list, and an
 * OAuth error without one. Documented as patterns; the number or name is filled in.
 */
export const ERROR_CODE_PATTERNS = {
  'AADSTS_<number>': {
    topic: 'entra',
    exit: 1,
    when: 'Entra answered with an AADSTS number not listed above. The transient ones (50033, 90006, 90024, 90033, 90090) are retried first, within the deadline.',
    remedy:
      'Look up AADSTS<number> at https://login.microsoftonline.com/error?code=<number> and quote the trace and correlation ids to your administrator.',
  },
  'OAUTH_<error>': {
    topic: 'entra',
    exit: 1,
    when: 'The token endpoint answered an OAuth error (e.g. invalid_client) without an AADSTS number.',
    remedy: 'Check the client id, tenant and scope; quote the trace id when asking your administrator.',
  },
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type AadstsErrorCode = keyof typeof AADSTS_CATALOGUE;
export type CataloguedErrorCode = AadstsErrorCode | keyof typeof ERROR_CATALOGUE;

/** Every code a FederationError can carry. */
export type FederationErrorCode = CataloguedErrorCode | `AADSTS_${number}` | `OAUTH_${string}`;

/** The codes that mean bad usage or input (exit 2): made with `usage: true`, or by `usageError`. */
export type UsageErrorCode = {
  [K in keyof typeof ERROR_CATALOGUE]: (typeof ERROR_CATALOGUE)[K]['exit'] extends 2 ? K : never;
}[keyof typeof ERROR_CATALOGUE];

/** The codes of failures (exit 1). */
export type FailureErrorCode = Exclude<FederationErrorCode, UsageErrorCode>;

/** The catalogue entry of any code, patterns included. */
export function catalogueEntry(code: FederationErrorCode): ErrorCatalogueEntry {
  if (Object.hasOwn(ERROR_CATALOGUE, code)) return ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE];
  if (Object.hasOwn(AADSTS_CATALOGUE, code))
    return { topic: 'entra', exit: 1, ...AADSTS_CATALOGUE[code as AadstsErrorCode] };
  return code.startsWith('AADSTS_') ? ERROR_CODE_PATTERNS['AADSTS_<number>'] : ERROR_CODE_PATTERNS['OAUTH_<error>'];
}

/** Every code with its entry, in the order docs/errors.md lists them. */
export function catalogueEntries(): [string, ErrorCatalogueEntry][] {
  const all: [string, ErrorCatalogueEntry][] = [
    ...Object.entries(ERROR_CATALOGUE),
    ...Object.keys(AADSTS_CATALOGUE).map((code): [string, ErrorCatalogueEntry] => [
      code,
      catalogueEntry(code as AadstsErrorCode),
    ]),
    ...Object.entries(ERROR_CODE_PATTERNS),
  ];
  const order = Object.keys(ERROR_TOPICS);
  return all.sort(([, a], [, b]) => order.indexOf(a.topic) - order.indexOf(b.topic));
}
