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
export type ErrorTopic = 'input' | 'credential' | 'entra' | 'network' | 'policy' | 'doctor' | 'handoff' | 'verify' | 'setup' | 'internal';
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
export declare const ERROR_TOPICS: Readonly<Record<ErrorTopic, string>>;
/** Entra's answers: each code translates one or more AADSTS numbers; all are failures (exit 1). */
export declare const AADSTS_CATALOGUE: {
    readonly NO_MATCHING_FIC: {
        readonly aadsts: readonly [70021];
        readonly when: "No federated credential of the app has the CI token's issuer, subject and audience.";
        readonly remedy: "No federated credential of the app has this token's issuer, subject and audience exactly (case-sensitive). Create one that matches the values presented, or wait a few minutes if you just created it. Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
    };
    readonly ISSUER_MISMATCH: {
        readonly aadsts: readonly [700211];
        readonly when: "No federated credential of the app has the CI token's issuer.";
        readonly remedy: "No federated credential has the presented issuer. Check for a trailing slash, a GitHub Enterprise or GHE.com host, or an enterprise-slug issuer. Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
    };
    readonly AUDIENCE_MISMATCH: {
        readonly aadsts: readonly [700212];
        readonly when: "No federated credential of the app has the CI token's audience.";
        readonly remedy: "Request the CI token with the audience the federated credential holds (api://AzureADTokenExchange, or ...USGov / ...China in sovereign clouds): set --audience or the cloud. Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
    };
    readonly SUBJECT_MISMATCH: {
        readonly aadsts: readonly [700213];
        readonly when: "No federated credential of the app has the CI token's subject.";
        readonly remedy: "No federated credential has the presented subject. Environments, pull requests, tags, custom subject templates and immutable owner@id/repo@id forms each change the subject. Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
    };
    readonly SUBJECT_CASE_MISMATCH: {
        readonly aadsts: readonly [7002138];
        readonly when: "A federated credential has the CI token's subject, but only if case is ignored.";
        readonly remedy: "The subject matches a federated credential only if case is ignored; matching is case-sensitive. Fix the casing of the organisation, repository or environment in the federated credential. Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
    };
    readonly NO_FEDERATED_CREDENTIALS: {
        readonly aadsts: readonly [70025];
        readonly when: "The app has no federated identity credentials at all.";
        readonly remedy: "The app has no federated identity credentials. Add one for this CI (or wait a few minutes if you just added it).";
    };
    readonly ASSERTION_EXPIRED: {
        readonly aadsts: readonly [700024];
        readonly when: "The CI token was expired or not yet valid when Entra received it.";
        readonly remedy: "The CI token was expired or not yet valid when presented. CI tokens live minutes: request a fresh one for each exchange, and check the runner's clock.";
    };
    readonly INVALID_ASSERTION: {
        readonly aadsts: readonly [50027];
        readonly when: "Entra could not read the presented token as a JWT.";
        readonly remedy: "The presented token is not a valid JWT. Most often it is empty because the CI did not issue one (GitHub: add `permissions: id-token: write`).";
    };
    readonly ISSUER_UNREACHABLE: {
        readonly aadsts: readonly [501661];
        readonly when: "Entra could not fetch the issuer's OpenID configuration or keys.";
        readonly remedy: "Entra could not fetch the issuer's OpenID configuration or keys. The issuer's /.well-known/openid-configuration and JWKS must be reachable from the internet (self-hosted GitLab, GitHub Enterprise Server).";
    };
    readonly ISSUER_REQUEST_THROTTLED: {
        readonly aadsts: readonly [50166];
        readonly when: "Entra's request to the CI issuer's OpenID configuration or keys was throttled or failed (retried with a fresh CI token first).";
        readonly remedy: "Entra's request to the CI issuer's OpenID configuration or keys failed or was throttled, which is usually brief; it was retried with a fresh CI token. If it persists, check that the issuer's /.well-known/openid-configuration and JWKS answer from the internet, and https://status.azure.com.";
    };
    readonly ISSUER_REQUEST_FAILED: {
        readonly aadsts: readonly [90061];
        readonly when: "Entra could not fetch the CI issuer's OpenID configuration or keys (retried with a fresh CI token first).";
        readonly remedy: "Entra could not fetch the CI issuer's OpenID configuration or keys; it was retried with a fresh CI token. If it persists, the issuer's /.well-known/openid-configuration and JWKS must answer from the internet (self-hosted GitLab, GitHub Enterprise Server, a Kubernetes issuer); check them and https://status.azure.com.";
    };
    readonly APP_NOT_FOUND: {
        readonly aadsts: readonly [700016];
        readonly when: "No application with the client id exists in the tenant.";
        readonly remedy: "No application with this client id exists in this tenant. Check the client id, the tenant id, and the cloud.";
    };
    readonly TENANT_NOT_FOUND: {
        readonly aadsts: readonly [90002];
        readonly when: "The tenant does not exist in this cloud.";
        readonly remedy: "The tenant does not exist in this cloud. Check the tenant id and the cloud (--cloud / --authority-host).";
    };
    readonly INVALID_TENANT: {
        readonly aadsts: readonly [900023];
        readonly when: "Entra found the tenant to be neither a GUID nor a valid domain.";
        readonly remedy: "The tenant is neither a GUID nor a valid domain. Use the directory (tenant) id GUID.";
    };
    readonly INVALID_SECRET: {
        readonly aadsts: readonly [7000215];
        readonly when: "The client secret is wrong.";
        readonly remedy: "The client secret is wrong. Use the secret value (not its id) from the app registration, or better, a federated credential.";
    };
    readonly SECRET_EXPIRED: {
        readonly aadsts: readonly [7000222];
        readonly when: "The client secret has expired.";
        readonly remedy: "The client secret has expired. Create a new one, or move to a federated credential or certificate.";
    };
    readonly CERTIFICATE_SIGNATURE_INVALID: {
        readonly aadsts: readonly [700027];
        readonly when: "The certificate assertion's signature does not verify with any certificate of the app.";
        readonly remedy: "The certificate assertion failed signature validation. Upload this certificate to the app registration and sign with its private key.";
    };
    readonly ASSERTION_AUDIENCE_INVALID: {
        readonly aadsts: readonly [700023];
        readonly when: "The client assertion's audience is not this token endpoint, or the scope names no resource.";
        readonly remedy: "The client assertion's audience is not this token endpoint, or the scope names no resource. Check --authority-host, the tenant and the scope.";
    };
    readonly ASSERTION_CLIENT_MISMATCH: {
        readonly aadsts: readonly [700021];
        readonly when: "The certificate assertion's iss/sub is not the client id.";
        readonly remedy: "The certificate assertion's iss/sub is not this client id. Check --client-id.";
    };
    readonly SCOPE_REJECTED: {
        readonly aadsts: readonly [70011, 700022];
        readonly when: "Entra refused a scope: not of the form `<resource>/.default`, or naming more than one resource.";
        readonly remedy: "Client credentials accept only `<resource>/.default` scopes, one resource per scope: pass each resource as its own --scope, e.g. https://management.azure.com/.default.";
    };
    readonly RESOURCE_NOT_FOUND: {
        readonly aadsts: readonly [500011];
        readonly when: "The resource in the scope is not known in the tenant.";
        readonly remedy: "The resource in the scope is not known in this tenant. Check the scope URI and the tenant.";
    };
    readonly CONDITIONAL_ACCESS_BLOCKED: {
        readonly aadsts: readonly [53003];
        readonly when: "A Conditional Access policy for workload identities blocked the sign-in.";
        readonly remedy: "A Conditional Access policy for workload identities blocked this sign-in (often by location). Ask your Entra administrator to review the sign-in log with the trace id.";
    };
    readonly CREDENTIAL_NOT_SENT: {
        readonly aadsts: readonly [7000218];
        readonly when: "The token request reached Entra without a client assertion or secret.";
        readonly remedy: "The request carried no client credential. This is a bug or an empty CI token; rerun with debug logging and report it.";
    };
    readonly ENTRA_TOKEN_AS_ASSERTION: {
        readonly aadsts: readonly [700222];
        readonly when: "An Entra-issued token was presented as the federated assertion.";
        readonly remedy: "An Entra-issued token cannot be the federated assertion. Present the CI's OIDC token instead.";
    };
};
/** Every other code. */
export declare const ERROR_CATALOGUE: {
    readonly CLI_UNAVAILABLE: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The git export needs the CLI's own script as git's credential helper, and this installation has no dist/cli/index.js.";
        readonly remedy: "Reinstall entra-federate, or use a release whose dist/ includes cli/index.js.";
    };
    readonly IDENTITY_ENDPOINT_REFUSED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "`entra-federate git-credential` asked the job's identity endpoint for a token and got none.";
        readonly remedy: "Check that the step runs in the job whose login started the endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).";
    };
    readonly INVALID_SETUP_KIND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup` was run without github, gitlab or generic, with an unknown CI, or with an extra argument.";
        readonly remedy: "Run `entra-federate setup --help` and name the CI: github, gitlab or generic.";
    };
    readonly FLAG_NOT_FOR_THIS_CI: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "A flag of another CI's set-up was given (e.g. --repo to `setup gitlab`).";
        readonly remedy: "Run `entra-federate setup <ci> --help` for the flags that CI takes.";
    };
    readonly CLIENT_ID_WITH_APP_NAME: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "Both --client-id and --app-name name the app.";
        readonly remedy: "Give one: --client-id for an existing app, --app-name to find or create one by display name.";
    };
    readonly INVALID_APP_NAME: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The app name is empty, longer than 120 characters or holds control characters.";
        readonly remedy: "Pass a short display name, e.g. --app-name deploy-octo-repo.";
    };
    readonly SETUP_APP_NOT_FOUND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "No application has the --client-id in the tenant of the Graph token.";
        readonly remedy: "Check --client-id and the tenant, or pass --app-name to find or create the app by name.";
    };
    readonly AMBIGUOUS_APP_NAME: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "Several applications have the --app-name display name.";
        readonly remedy: "Pass --client-id with the one to use, or another --app-name.";
    };
    readonly MISSING_ROLE: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "A --role-scope was given without its --role.";
        readonly remedy: "Give --role and --role-scope in pairs, one pair per assignment.";
    };
    readonly MISSING_ROLE_SCOPE: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "A --role was given without its --role-scope.";
        readonly remedy: "Give --role and --role-scope in pairs, one pair per assignment.";
    };
    readonly INVALID_ROLE: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "A --role is empty, too long or holds control characters.";
        readonly remedy: "Give a built-in role name such as Contributor, or a role definition GUID.";
    };
    readonly INVALID_ROLE_SCOPE: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "A --role-scope is not an Azure Resource Manager id (subscription, resource group or resource).";
        readonly remedy: "Give an id such as /subscriptions/<id>/resourceGroups/<group> (az group show prints it).";
    };
    readonly ROLE_SCOPE_NOT_FOUND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "Azure Resource Manager does not know the --role-scope.";
        readonly remedy: "Check the subscription and resource group in --role-scope, and the tenant of the token.";
    };
    readonly ROLE_NOT_FOUND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "No role definition has the --role name or id at that scope.";
        readonly remedy: "Use a role name exactly as Azure lists it (az role definition list --query \"[].roleName\" -o tsv).";
    };
    readonly MISSING_JOB_KIND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup github` or `setup gitlab` was not told which jobs may sign in (branch, tag, environment or pull request).";
        readonly remedy: "Pass exactly one of --branch, --tag, --environment or --pull-request.";
    };
    readonly CONFLICTING_JOB_KIND: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "More than one of --branch, --tag, --environment, --pull-request was given.";
        readonly remedy: "Pass exactly one (run setup once per kind of job): one federated credential matches one subject.";
    };
    readonly INVALID_BRANCH: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --branch name is not one git accepts (git check-ref-format rules).";
        readonly remedy: "Give the branch exactly as git shows it, e.g. --branch main.";
    };
    readonly INVALID_TAG: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --tag name is not one git accepts (git check-ref-format rules).";
        readonly remedy: "Give the tag exactly as git shows it, e.g. --tag v1.0.0.";
    };
    readonly INVALID_ENVIRONMENT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --environment name is empty, longer than 255 characters or holds control characters.";
        readonly remedy: "Give the environment exactly as the workflow names it.";
    };
    readonly INVALID_REPO: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup github` has no --repo, or it is not in OWNER/NAME form.";
        readonly remedy: "Pass --repo OWNER/NAME as GitHub shows it (the subject is case-sensitive).";
    };
    readonly INVALID_PROJECT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup gitlab` has no --project, or it is not in GROUP/PROJECT form.";
        readonly remedy: "Pass the full project path as GitLab shows it, subgroups included.";
    };
    readonly GITLAB_ENVIRONMENT_NOT_IN_SUBJECT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup gitlab --environment` was asked for: GitLab's token subject never names the environment, and Entra matches only the subject.";
        readonly remedy: "Protect the branch or tag that deploys to the environment and pass --branch or --tag.";
    };
    readonly MISSING_ISSUER_OR_SUBJECT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "`setup generic` lacks --issuer or --subject.";
        readonly remedy: "Pass the iss and sub of the CI's tokens exactly (entra-federate verify prints them).";
    };
    readonly INVALID_SUBJECT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --subject is empty, longer than 600 characters or holds control characters.";
        readonly remedy: "Pass the CI token's sub claim exactly.";
    };
    readonly INSECURE_ISSUER: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --issuer uses plain http to a host that is not loopback.";
        readonly remedy: "Use the https issuer; plain http is allowed only to a loopback host such as the sandbox.";
    };
    readonly INVALID_SERVER: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The GitLab --server is not an https URL, or carries credentials, a query or a fragment.";
        readonly remedy: "Pass the GitLab instance's URL, e.g. https://gitlab.example.com.";
    };
    readonly INSECURE_SERVER: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The GitLab --server uses plain http to a host that is not loopback.";
        readonly remedy: "Use https; plain http is allowed only to a loopback host.";
    };
    readonly INVALID_GRAPH_ENDPOINT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --graph-endpoint is not an https URL, or carries credentials, a query or a fragment.";
        readonly remedy: "Pass a URL such as https://graph.microsoft.com, or leave it to --cloud.";
    };
    readonly INSECURE_GRAPH_ENDPOINT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --graph-endpoint uses plain http to a host that is not loopback.";
        readonly remedy: "Use https; plain http is allowed only to a loopback host such as the sandbox.";
    };
    readonly INVALID_ARM_ENDPOINT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --arm-endpoint is not an https URL, or carries credentials, a query or a fragment.";
        readonly remedy: "Pass a URL such as https://management.azure.com, or leave it to --cloud.";
    };
    readonly INSECURE_ARM_ENDPOINT: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "The --arm-endpoint uses plain http to a host that is not loopback.";
        readonly remedy: "Use https; plain http is allowed only to a loopback host such as the sandbox.";
    };
    readonly INVALID_TOKEN_ENV: {
        readonly topic: "setup";
        readonly exit: 2;
        readonly when: "--graph-token-env or --arm-token-env is not a variable name, or the variable is empty.";
        readonly remedy: "Pass the name of a variable holding an access token (az account get-access-token --resource ... --query accessToken -o tsv).";
    };
    readonly SETUP_TOKEN_UNAVAILABLE: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "No token for Graph or ARM could be had from `az account get-access-token`.";
        readonly remedy: "Install the Azure CLI and run `az login`, or pass tokens with --graph-token-env / --arm-token-env.";
    };
    readonly GRAPH_TOKEN_REJECTED: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "Microsoft Graph refused the set-up's token (expired, or for another resource).";
        readonly remedy: "Get a fresh token for https://graph.microsoft.com (az login, or a new --graph-token-env value) and run the same command again.";
    };
    readonly ARM_TOKEN_REJECTED: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "Azure Resource Manager refused the set-up's token (expired, or for another resource).";
        readonly remedy: "Get a fresh token for https://management.azure.com (az login, or a new --arm-token-env value) and run the same command again.";
    };
    readonly GRAPH_FORBIDDEN: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "Microsoft Graph answered 403: the signed-in identity may not read or write applications.";
        readonly remedy: "Ask an administrator for Application.ReadWrite.All (or the Application Administrator role), then run the same command again: it continues where it stopped.";
    };
    readonly ARM_FORBIDDEN: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "Azure Resource Manager answered 403: the signed-in identity may not assign roles at that scope.";
        readonly remedy: "Ask for Microsoft.Authorization/roleAssignments/write there (User Access Administrator or Owner), then run the same command again: it continues where it stopped.";
    };
    readonly ARM_REQUEST_FAILED: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "Azure Resource Manager answered an error other than 401 or 403 (a conflicting change included).";
        readonly remedy: "A 5xx, 409 or 429 is passing: run the same command again; otherwise check the values given (--dry-run shows each request).";
    };
    readonly FIC_CONFLICT: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "The app has a federated credential with the same name, or the same issuer and subject, but other values.";
        readonly remedy: "Rerun with --replace to overwrite it, or remove it with az ad app federated-credential delete.";
    };
    readonly FIC_LIMIT_REACHED: {
        readonly topic: "setup";
        readonly exit: 1;
        readonly when: "The app already holds 20 federated credentials, the most Entra allows; nothing was written.";
        readonly remedy: "Remove credentials no pipeline uses, or give this pipeline its own app with --app-name.";
    };
    readonly MISSING_CLIENT_ID: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "No client id was given (flag, input, setting or AZURE_CLIENT_ID).";
        readonly remedy: "Pass --client-id (or set AZURE_CLIENT_ID) to the application (client) id GUID of the app registration.";
    };
    readonly INVALID_CLIENT_ID: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The client id is not a GUID.";
        readonly remedy: "Use the \"Application (client) ID\" from the app registration overview.";
    };
    readonly MISSING_TENANT_ID: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "No tenant id was given (flag, input, setting or AZURE_TENANT_ID).";
        readonly remedy: "Pass --tenant-id (or set AZURE_TENANT_ID) to the directory (tenant) id GUID or a verified domain.";
    };
    readonly INVALID_TENANT_ID: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The tenant is neither a GUID nor a domain name, or is a multi-tenant alias (common, organizations, consumers) that client credentials refuse (AADSTS9001023).";
        readonly remedy: "Use the directory (tenant) id GUID of the tenant that holds the app registration.";
    };
    readonly INVALID_CLOUD: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The cloud is not AzureCloud, AzureUSGovernment or AzureChinaCloud.";
        readonly remedy: "Use one of those names; for any other authority pass --authority-host.";
    };
    readonly INVALID_AUTHORITY_HOST: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The authority host is not a URL, is not https, or carries control characters, credentials, a query or a fragment.";
        readonly remedy: "Pass only scheme, host and port, e.g. https://login.microsoftonline.com, or use --cloud.";
    };
    readonly INSECURE_AUTHORITY_HOST: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The authority host uses plain http to a host that is not loopback.";
        readonly remedy: "Use https; plain http is allowed only to 127.0.0.1, localhost or [::1] (the sandbox).";
    };
    readonly INVALID_SCOPE: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "A scope names no resource, is longer than 1024 characters, or holds white space, control or non-ASCII characters.";
        readonly remedy: "Give one resource URI per --scope, e.g. --scope https://vault.azure.net/.default.";
    };
    readonly INVALID_AUDIENCE: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The audience has control characters or is longer than 600 characters.";
        readonly remedy: "Use the audience the federated credential holds, e.g. api://AzureADTokenExchange.";
    };
    readonly INVALID_TIMEOUT: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The timeout is not a number of seconds between 0 and 3600.";
        readonly remedy: "Pass --timeout (Action: timeout-seconds) as seconds, e.g. 30.";
    };
    readonly INVALID_PROXY: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "HTTPS_PROXY or HTTP_PROXY is not a URL, or is not an http:// proxy.";
        readonly remedy: "Set it to the proxy's http:// URL, e.g. http://proxy.example.com:3128.";
    };
    readonly UNEXPECTED_ARGUMENT: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "A command that takes no positional arguments was given one (often a token pasted after a flag that takes none); its value is never shown.";
        readonly remedy: "Give every value right after its flag (--flag VALUE); tokens are read from --id-token-file, --id-token-env or the environment, never from the command line.";
    };
    readonly INVALID_ARGUMENTS: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "A command got an unknown flag, a missing value, or a combination it does not take.";
        readonly remedy: "Run `entra-federate <command> --help` for the flags it takes.";
    };
    readonly SECRET_ON_COMMAND_LINE: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "A secret or token was given as a command-line flag, where other users and logs can see it.";
        readonly remedy: "Put it in the environment variable the error names (e.g. AZURE_CLIENT_SECRET).";
    };
    readonly INVALID_SUBSCRIPTION_ID: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The subscription id is not a GUID.";
        readonly remedy: "Use the subscription id GUID from the subscription's overview page, or leave it empty.";
    };
    readonly INVALID_PROVIDER: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "--provider names a CI entra-federate does not know.";
        readonly remedy: "Use one of the names the error lists, or --id-token-file / --id-token-env for any other CI.";
    };
    readonly CONFLICTING_TOKEN_SOURCES: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "--id-token-file and --id-token-env were both given.";
        readonly remedy: "Give one place to read the CI token from.";
    };
    readonly CONFLICTING_CREDENTIALS: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "A plugin step has both a certificate and a client secret set.";
        readonly remedy: "Keep one: the certificate (Microsoft recommends it over secrets), or the client secret.";
    };
    readonly NOT_ON_A_RUNNER: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The Action runs without the GitHub runner files (GITHUB_ENV, GITHUB_OUTPUT, ...) it passes things on through.";
        readonly remedy: "Run it as a `uses:` step on a GitHub Actions runner; elsewhere use the `entra-federate` CLI.";
    };
    readonly INVALID_PORT: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "`entra-federate sandbox --port` is not a number from 0 to 65535.";
        readonly remedy: "Pass a free port number, or leave --port out to pick one.";
    };
    readonly PORT_UNAVAILABLE: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "`entra-federate sandbox` cannot listen on the port asked for.";
        readonly remedy: "Pick another --port, or leave it out to use any free port.";
    };
    readonly INVALID_SANDBOX_CONFIG: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "The sandbox's --config file cannot be read or holds fields it does not accept.";
        readonly remedy: "Fix the file; the README's Sandbox section lists its fields.";
    };
    readonly NO_CREDENTIAL: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "Nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.";
        readonly remedy: "Run inside a CI that issues OIDC tokens (GitHub Actions needs `permissions: id-token: write`), pass --id-token-file or --id-token-env, or give a certificate.";
    };
    readonly ID_TOKEN_UNAVAILABLE: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "The CI gave this job no OIDC token as configured: the job lacks the permission or setting, the token's variable or file is empty, or the CI's token command is not installed.";
        readonly remedy: "Turn on the CI's OIDC token for the job (the error names the permission, variable or file), or pass --id-token-file / --id-token-env.";
    };
    readonly ID_TOKEN_REQUEST_FAILED: {
        readonly topic: "credential";
        readonly exit: 1;
        readonly when: "The CI's token endpoint or command was asked for an OIDC token and failed, or answered something that is not a token.";
        readonly remedy: "Retry the job; if it persists, check what the error quotes from the endpoint or command.";
    };
    readonly INVALID_ID_TOKEN_FILE: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "--id-token-file (or AZURE_FEDERATED_TOKEN_FILE) is empty.";
        readonly remedy: "Give the path of the file that holds the CI's OIDC token.";
    };
    readonly INVALID_ID_TOKEN_ENV: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "--id-token-env is not an environment variable name.";
        readonly remedy: "Pass the name of the variable that holds the token, not the token itself.";
    };
    readonly MALFORMED_ID_TOKEN: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "What was given as the CI token is not a JWT (a path, a JSON wrapper, quotes, or a variable someone else defined).";
        readonly remedy: "Pass the raw OIDC ID token (three base64url parts separated by dots), and let the CI set its own variables.";
    };
    readonly ID_TOKEN_EXPIRED: {
        readonly topic: "credential";
        readonly exit: 1;
        readonly when: "The identity endpoint needs a CI token after the one it was given expired, and this CI issues no new one during the job.";
        readonly remedy: "Finish the tools' work within the CI token's lifetime, or use a CI that issues tokens on request.";
    };
    readonly INVALID_CERTIFICATE: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "The certificate file or setting is empty, too large, unreadable, or does not hold exactly one private key and its matching certificate.";
        readonly remedy: "Give a PEM holding the unencrypted RSA private key and the certificate uploaded to the app registration.";
    };
    readonly UNSUPPORTED_CERTIFICATE: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "The certificate is not PEM (e.g. .pfx), its key is encrypted, not RSA, or shorter than 2048 bits.";
        readonly remedy: "Convert it to PEM with an unencrypted RSA key of 2048 bits or more (`openssl pkcs12 -in cert.pfx -out cert.pem -nodes`).";
    };
    readonly CERTIFICATE_EXPIRED: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "The certificate in the PEM has expired.";
        readonly remedy: "Create a new certificate, upload it to the app registration, and replace the PEM in the CI.";
    };
    readonly INVALID_CERTIFICATE_ALGORITHM: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "The certificate signing algorithm is neither PS256 nor RS256.";
        readonly remedy: "Use PS256 (the default) or RS256.";
    };
    readonly HOST_NOT_FOUND: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "The host of a request (Entra, the CI, an issuer) could not be resolved.";
        readonly remedy: "Check the URL (authority host, cloud, CI endpoint) and the runner's DNS and proxy (HTTPS_PROXY, NO_PROXY).";
    };
    readonly TLS_ERROR: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "A server's TLS certificate was not trusted.";
        readonly remedy: "If a proxy or the sandbox uses its own CA, point NODE_EXTRA_CA_CERTS at its certificate file.";
    };
    readonly TIMEOUT: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "A server did not answer in time, after the retries the deadline allowed.";
        readonly remedy: "Check network access to the host, or raise --timeout.";
    };
    readonly NETWORK_ERROR: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "A server could not be reached (refused, reset, unreachable), after the retries the deadline allowed.";
        readonly remedy: "Check network access to the host and the proxy settings (HTTPS_PROXY, NO_PROXY).";
    };
    readonly RESPONSE_TOO_LARGE: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "A response was larger than 1 MiB, more than any token or discovery document.";
        readonly remedy: "Check that the URL points at the right service; a proxy may be answering instead.";
    };
    readonly THROTTLED: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "Entra answered HTTP 429 and the wait it asked for did not fit the deadline.";
        readonly remedy: "Run fewer concurrent jobs, reuse tokens within a job, or raise --timeout so the wait fits.";
    };
    readonly SERVICE_UNAVAILABLE: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "The token endpoint answered HTTP 5xx without an Entra error, after the retries the deadline allowed.";
        readonly remedy: "Try again later, and check https://status.azure.com.";
    };
    readonly UNEXPECTED_RESPONSE: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "The token endpoint answered an error status with a body that is not an Entra error (HTML, text, nothing).";
        readonly remedy: "Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) in between.";
    };
    readonly INVALID_RESPONSE: {
        readonly topic: "network";
        readonly exit: 1;
        readonly when: "The token endpoint answered HTTP 200 without a usable access_token and a positive, finite expires_in.";
        readonly remedy: "Something other than Entra answered: check --authority-host and any proxy in between.";
    };
    readonly POLICY_UNREADABLE: {
        readonly topic: "policy";
        readonly exit: 2;
        readonly when: "The --policy file path is empty, or the file does not exist or cannot be read.";
        readonly remedy: "Pass --policy with the path of your policy file (JSON, or YAML in a .yml/.yaml file).";
    };
    readonly POLICY_INVALID: {
        readonly topic: "policy";
        readonly exit: 2;
        readonly when: "The policy file is not valid JSON or YAML, is larger than 1 MiB, or holds a rule that is not understood.";
        readonly remedy: "Fix the file at the place the error names; a typo must not quietly allow more.";
    };
    readonly POLICY_DENIED: {
        readonly topic: "policy";
        readonly exit: 1;
        readonly when: "No rule of the policy allows this login (or this verified token): nothing was sent to Entra.";
        readonly remedy: "Run from a pipeline the policy allows, or change the policy; the error names the rule set and the claim.";
    };
    readonly CLAIMS_UNREADABLE: {
        readonly topic: "policy";
        readonly exit: 2;
        readonly when: "`entra-federate policy test --claims` names a file that does not exist or cannot be read.";
        readonly remedy: "Pass --claims with a JSON file of claims, or a file holding a JWT.";
    };
    readonly CLAIMS_INVALID: {
        readonly topic: "policy";
        readonly exit: 2;
        readonly when: "The --claims file is neither a JSON object nor a JWT.";
        readonly remedy: "Save the claims as a JSON object, e.g. the output of `entra-federate verify`.";
    };
    readonly AUDIT_LOG_UNWRITABLE: {
        readonly topic: "policy";
        readonly exit: 2;
        readonly when: "The --audit-log path is empty, not a regular file, or cannot be opened for appending (checked before anything is sent).";
        readonly remedy: "Pass --audit-log with a writable regular file path (it is created 0600 if missing).";
    };
    readonly AUDIT_LOG_WRITE_FAILED: {
        readonly topic: "policy";
        readonly exit: 1;
        readonly when: "A record could not be appended to the audit log after the login.";
        readonly remedy: "Check the disk space and permissions of the audit log file.";
    };
    readonly INVALID_FIC_FILE: {
        readonly topic: "doctor";
        readonly exit: 2;
        readonly when: "The --fic file cannot be read, is not JSON, or holds something other than federated credentials.";
        readonly remedy: "Save the output of `az ad app federated-credential list --id <client-id>` as it is and pass its path.";
    };
    readonly INVALID_GRAPH_TOKEN_ENV: {
        readonly topic: "doctor";
        readonly exit: 2;
        readonly when: "--graph-token-env is not a variable name, or the variable is empty.";
        readonly remedy: "Name a variable that holds a Microsoft Graph access token (not the token itself).";
    };
    readonly INVALID_GRAPH_URL: {
        readonly topic: "doctor";
        readonly exit: 2;
        readonly when: "The Graph endpoint is not https (plain http is allowed only to loopback).";
        readonly remedy: "Use https.";
    };
    readonly NO_CI_TOKEN: {
        readonly topic: "doctor";
        readonly exit: 2;
        readonly when: "The doctor found no CI token to examine.";
        readonly remedy: "Run it in the CI job, or pass --id-token-file / --id-token-env.";
    };
    readonly GRAPH_REQUEST_FAILED: {
        readonly topic: "doctor";
        readonly exit: 1;
        readonly when: "Microsoft Graph refused or failed a request: the doctor's listing of the app's federated credentials, or a set-up read or write (other than 401 and 403).";
        readonly remedy: "Use a fresh Graph token of an identity that may read the app (Application.Read.All, or its owner), or pass the FICs with --fic-file.";
    };
    readonly INVALID_EXPORT: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "--export (or the `export` input) names something entra-federate cannot export.";
        readonly remedy: "Use one of the names the error lists.";
    };
    readonly INVALID_EXPORT_FILE: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "--export-file is empty.";
        readonly remedy: "Give the path of the file to write `export` lines to, e.g. \"$RUNNER_TEMP/azure.env\".";
    };
    readonly INSECURE_EXPORT_FILE: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The --export-file exists and other users can read or write it, or it is not a regular file.";
        readonly remedy: "Run `chmod 600` on it, or give a path that does not exist yet.";
    };
    readonly EXPORT_FILE_WRITE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The file variables are passed on through (--export-file, or the CI variables file) cannot be written.";
        readonly remedy: "Give --export-file a path in a directory the job can write, or do not override the file the CI sets.";
    };
    readonly NO_VARIABLES_CHANNEL: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "An export passes variables to later steps, and this CI has no channel for them that entra-federate knows.";
        readonly remedy: "Pass --export-file FILE and source it (`. FILE`) in the shell that runs the tools.";
    };
    readonly NO_CI_TOKEN_TO_EXPORT: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "An export that passes a CI token on (env, terraform, kubelogin, az) was asked for a certificate or secret login.";
        readonly remedy: "Sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.";
    };
    readonly SCOPE_VARIABLE_CLASH: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "Two scopes would be exported under the same AZURE_ACCESS_TOKEN_<RESOURCE> variable.";
        readonly remedy: "Give scopes of different resources, one per resource.";
    };
    readonly INVALID_REGISTRY: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The acr export names no registry, or something that is not a registry login server.";
        readonly remedy: "Name the registry's login server, without a scheme: acr:myregistry.azurecr.io.";
    };
    readonly INVALID_IMDS_ENDPOINT: {
        readonly topic: "credential";
        readonly exit: 2;
        readonly when: "IMDS_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST is not a URL, or is plain http to a host other than 169.254.169.254 or loopback.";
        readonly remedy: "Set it to http://169.254.169.254 (or an https URL), or unset it.";
    };
    readonly INVALID_CREDENTIAL_KIND: {
        readonly topic: "input";
        readonly exit: 2;
        readonly when: "--credential (the Action input `credential`) names something other than `auto` or `managed-identity`.";
        readonly remedy: "Pass --credential managed-identity for the runner's own identity, or leave it out.";
    };
    readonly MANAGED_IDENTITY_UNAVAILABLE: {
        readonly topic: "credential";
        readonly exit: 1;
        readonly when: "With --credential managed-identity, the managed identity endpoint (IMDS) did not answer before the deadline.";
        readonly remedy: "Run on an Azure VM, scale set or AKS node with a managed identity, or set IMDS_ENDPOINT; elsewhere sign in with the CI token.";
    };
    readonly MANAGED_IDENTITY_FAILED: {
        readonly topic: "credential";
        readonly exit: 1;
        readonly when: "The managed identity endpoint (IMDS) answered without a token: no such identity on this machine, or no token for that resource.";
        readonly remedy: "Enable or assign the identity (pass --client-id for a user-assigned one), and check the resource.";
    };
    readonly REGISTRY_NOT_ACR: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "A registry (acr export or the docker credential helper) is not an Azure Container Registry login server (*.azurecr.io, *.azurecr.us, *.azurecr.cn) nor loopback: no token is sent to it.";
        readonly remedy: "Name the registry's Azure Container Registry login server, e.g. acr:myregistry.azurecr.io.";
    };
    readonly INVALID_GIT_CONFIG_COUNT: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "GIT_CONFIG_COUNT is set to something that is not a count, so git itself would refuse to run.";
        readonly remedy: "Fix or unset GIT_CONFIG_COUNT before this step.";
    };
    readonly UNTRUSTED_SESSION: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The session record named by ENTRA_FEDERATE_SESSION or --session is not a private JSON file of this user.";
        readonly remedy: "Point it at the file `entra-federate login` wrote.";
    };
    readonly TOOL_NOT_FOUND: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "A program an export signs in (az, docker) is not installed on the runner.";
        readonly remedy: "Install it, or drop that export.";
    };
    readonly AZ_LOGIN_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The Azure CLI ran and failed to select the cloud, sign in with the CI token, or select the subscription.";
        readonly remedy: "Use Azure CLI 2.30 or later that reaches its cloud; give the app a role on the subscription, or leave it out.";
    };
    readonly DOCKER_CONFIG_WRITE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The acr export could not write its private docker configuration (DOCKER_CONFIG) under the job's temporary directory.";
        readonly remedy: "Check that the job can write its temporary directory (RUNNER_TEMP or TMPDIR).";
    };
    readonly ACR_EXCHANGE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The registry refused to exchange the Entra token for a refresh token, or answered without one.";
        readonly remedy: "Give the app a role on the registry (AcrPull to pull, AcrPush to push), and name its login server.";
    };
    readonly TOKEN_FILE_WRITE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The federated token file could not be created in the temporary directory.";
        readonly remedy: "RUNNER_TEMP (or TMPDIR) must exist and be writable by the job's user.";
    };
    readonly RUNNER_FILE_WRITE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "A GitHub runner file (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) could not be appended to.";
        readonly remedy: "Do not override the runner file variables; the runner sets them.";
    };
    readonly OUTPUT_WRITE_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The Drone or Harness plugin could not write its env or output file.";
        readonly remedy: "Make the path writable for the plugin's user (uid 1000), or set `output` to a writable path.";
    };
    readonly INVALID_IDLE_TIMEOUT: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is not a whole number of seconds from 1 to 86400.";
        readonly remedy: "Set it to the seconds the identity endpoint may stay idle, e.g. 3600, or unset it (default 7200).";
    };
    readonly IDENTITY_ENDPOINT_UNAVAILABLE: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The identity-endpoint export was asked of an entry point that cannot start it.";
        readonly remedy: "Use `entra-federate login --export identity-endpoint` or the GitHub Action.";
    };
    readonly IDENTITY_ENDPOINT_FAILED: {
        readonly topic: "handoff";
        readonly exit: 1;
        readonly when: "The identity endpoint did not start: its program is missing from the installation, or it exited or did not answer before it was ready.";
        readonly remedy: "Re-run; if it persists, reinstall entra-federate and report it with the step's log (it holds no token).";
    };
    readonly INVALID_ENDPOINT_CONFIG: {
        readonly topic: "handoff";
        readonly exit: 2;
        readonly when: "The identity endpoint's program was started by hand, without its configuration.";
        readonly remedy: "Start it through `entra-federate login --export identity-endpoint` or the Action.";
    };
    readonly MISSING_ISSUER: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "No issuer was given to verify against.";
        readonly remedy: "Pass --issuer with the issuer URL exactly as the token's iss claim has it.";
    };
    readonly MISSING_AUDIENCE: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "No audience was given, so a token minted for any service would be accepted.";
        readonly remedy: "Pass --audience with the audience the CI token is requested for.";
    };
    readonly INVALID_ISSUER: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "The --issuer (verify, setup generic) is not a URL, not https (except loopback), or carries credentials, a query or a fragment.";
        readonly remedy: "Give the issuer exactly as its tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.";
    };
    readonly INVALID_ALGORITHM: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "--algorithm names an algorithm that cannot be allowed.";
        readonly remedy: "Use RS256, PS256 or ES256; none and HMAC are never accepted.";
    };
    readonly INVALID_CLOCK_SKEW: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "--clock-skew is not between 0 and 300 seconds.";
        readonly remedy: "Pass it as seconds up to 300; CI tokens live minutes.";
    };
    readonly INVALID_MAX_AGE: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "--max-age is not a positive number of seconds.";
        readonly remedy: "Pass it as seconds, e.g. --max-age 600.";
    };
    readonly INVALID_CLAIM_PATTERN: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "A --claim is not NAME=PATTERN, or its pattern is empty.";
        readonly remedy: "Write e.g. --claim repository=octo-org/octo-repo; use --require-claim NAME for presence only.";
    };
    readonly TOKEN_UNAVAILABLE: {
        readonly topic: "verify";
        readonly exit: 2;
        readonly when: "`entra-federate verify` got no token: standard input, the file or the variable is empty or missing.";
        readonly remedy: "Pipe the token to standard input, or pass --id-token-file FILE or --id-token-env NAME.";
    };
    readonly TOKEN_MALFORMED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token is not a signed JWT (compact JWS), or its header is malformed.";
        readonly remedy: "Pass the raw OIDC ID token, nothing around it; do not accept a malformed one.";
    };
    readonly ALG_NONE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token is unsigned (alg \"none\").";
        readonly remedy: "Do not accept it: anyone could have written it.";
    };
    readonly ALG_HMAC: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token uses a symmetric (HMAC) algorithm, which anyone holding the issuer's public key can forge.";
        readonly remedy: "Do not accept it; only asymmetric signatures checked with the issuer's keys are.";
    };
    readonly ALG_NOT_ALLOWED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token has no alg, or one that is not allowed.";
        readonly remedy: "Allow the issuer's algorithm with --algorithm if it is RS256, PS256 or ES256.";
    };
    readonly CRIT_UNSUPPORTED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token marks header extensions as critical, or uses a JWS feature, that the verifier does not understand.";
        readonly remedy: "Do not accept it; CI tokens use no JWS extensions (RFC 7515 requires refusing unknown critical ones).";
    };
    readonly TYP_MISMATCH: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The typ header is not the expected one: another kind of JWT may be presented as an ID token.";
        readonly remedy: "Present an ID token of the expected type, or pass --typ with the type this issuer uses.";
    };
    readonly KID_UNKNOWN: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token's signing key (kid) is not in the issuer's JWKS.";
        readonly remedy: "Do not accept it: only keys in the issuer JWKS are trusted.";
    };
    readonly KID_MISSING: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token has no kid and the issuer's JWKS has several keys of its type.";
        readonly remedy: "Tokens from this issuer must name their signing key (kid).";
    };
    readonly KEY_MISMATCH: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The key the token names is not a key for the token's algorithm.";
        readonly remedy: "Do not accept it: it was not signed by the issuer.";
    };
    readonly KEY_UNUSABLE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The issuer's key cannot be imported or used (e.g. an RSA key under 2048 bits).";
        readonly remedy: "Check the issuer's JWKS.";
    };
    readonly SIGNATURE_INVALID: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token's signature does not verify with the issuer's key it names.";
        readonly remedy: "Do not accept it; request a fresh token from the CI.";
    };
    readonly EMBEDDED_JWK_IGNORED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A token carrying its own public key (jwk header) failed the check with the issuer keys.";
        readonly remedy: "Do not accept it: a token that brings its own key is forged.";
    };
    readonly EMBEDDED_X5C_IGNORED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A token carrying its own certificate chain (x5c header) failed the check with the issuer keys.";
        readonly remedy: "Do not accept it: a token that brings its own key is forged.";
    };
    readonly JKU_IGNORED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A token pointing at its own key set (jku header) failed the check with the issuer keys.";
        readonly remedy: "Do not accept it: a token that brings its own key is forged.";
    };
    readonly X5U_IGNORED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A token pointing at its own certificate (x5u header) failed the check with the issuer keys.";
        readonly remedy: "Do not accept it: a token that brings its own key is forged.";
    };
    readonly DISCOVERY_FAILED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The issuer's discovery document could not be fetched, is not JSON, or has no https jwks_uri.";
        readonly remedy: "Check --issuer (the issuer URL itself) and that the issuer publishes OIDC discovery.";
    };
    readonly DISCOVERY_ISSUER_MISMATCH: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The discovery document names another issuer than the one it was fetched for.";
        readonly remedy: "Give --issuer exactly as the issuer spells itself (scheme, host, path, trailing slash).";
    };
    readonly JWKS_UNAVAILABLE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The issuer's JWKS could not be fetched or is not JSON.";
        readonly remedy: "Check that the issuer is reachable from here; transient failures were retried.";
    };
    readonly JWKS_INVALID: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The issuer's JWKS has no keys array, or no RSA or P-256 signing key.";
        readonly remedy: "Check the jwks_uri of the issuer's discovery document.";
    };
    readonly UNEXPECTED_ISSUER: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token's iss claim is not exactly the expected issuer.";
        readonly remedy: "Accept tokens only from the expected issuer; compare exactly (scheme, host, path, trailing slash).";
    };
    readonly UNEXPECTED_AUDIENCE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token's aud claim holds none of the expected audiences.";
        readonly remedy: "A token minted for another service must not be accepted here; have the CI request this audience.";
    };
    readonly CLAIM_MISSING: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token lacks a claim that is required (sub, exp, or a --require-claim).";
        readonly remedy: "Check that the token comes from the expected issuer.";
    };
    readonly CLAIM_MISMATCH: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A claim does not match its --claim pattern.";
        readonly remedy: "Run from the expected pipeline, or change the pattern.";
    };
    readonly CLAIM_WRONG_TYPE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A claim that --claim or the policy matches is not one value (an array, an object or null).";
        readonly remedy: "A claim must hold one string to match a pattern: check which issuer minted the token.";
    };
    readonly CLAIM_OUT_OF_RANGE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "A time claim (exp, nbf, iat) holds a number beyond what a date can hold.";
        readonly remedy: "The token is malformed: check which issuer minted it.";
    };
    readonly CLAIM_INVALID: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "exp, nbf or iat is not a number of seconds.";
        readonly remedy: "Do not accept it: the issuer produced a malformed token.";
    };
    readonly TOKEN_EXPIRED: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token expired (beyond the allowed clock skew).";
        readonly remedy: "Request a fresh token from the CI; CI tokens live minutes.";
    };
    readonly TOKEN_NOT_YET_VALID: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token is not valid yet (nbf beyond the allowed clock skew).";
        readonly remedy: "Check the clocks of the issuer and this machine.";
    };
    readonly TOKEN_ISSUED_IN_FUTURE: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token claims to be issued in the future (iat beyond the allowed clock skew).";
        readonly remedy: "Check the clocks of the issuer and this machine.";
    };
    readonly TOKEN_TOO_OLD: {
        readonly topic: "verify";
        readonly exit: 1;
        readonly when: "The token was issued longer ago than --max-age allows.";
        readonly remedy: "Request a fresh token from the CI.";
    };
    readonly UNEXPECTED_ERROR: {
        readonly topic: "internal";
        readonly exit: 1;
        readonly when: "An error entra-federate did not foresee (a bug); the audit log records it under this code.";
        readonly remedy: "Report it with the ENTRA_FEDERATE_DEBUG=1 output (it holds no token).";
    };
};
/**
 * Codes made from what Entra answered: an AADSTS number the catalogue does not list, and an
 * OAuth error without one. Documented as patterns; the number or name is filled in.
 */
export declare const ERROR_CODE_PATTERNS: {
    readonly 'AADSTS_<number>': {
        readonly topic: "entra";
        readonly exit: 1;
        readonly when: "Entra answered with an AADSTS number not listed above. The transient ones (50033, 90006, 90024, 90033, 90090) are retried first, within the deadline.";
        readonly remedy: "Look up AADSTS<number> at https://login.microsoftonline.com/error?code=<number> and quote the trace and correlation ids to your administrator.";
    };
    readonly 'OAUTH_<error>': {
        readonly topic: "entra";
        readonly exit: 1;
        readonly when: "The token endpoint answered an OAuth error (e.g. invalid_client) without an AADSTS number.";
        readonly remedy: "Check the client id, tenant and scope; quote the trace id when asking your administrator.";
    };
};
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
export declare function catalogueEntry(code: FederationErrorCode): ErrorCatalogueEntry;
/** Every code with its entry, in the order docs/errors.md lists them. */
export declare function catalogueEntries(): [string, ErrorCatalogueEntry][];
