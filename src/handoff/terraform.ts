/**
 * `terraform`: the ARM_* variables of the azurerm and azuread providers (also read by OpenTofu
 * and Pulumi). Which OIDC mode they end up in decides how long the session lasts:
 *  - on GitHub, with the runner's ACTIONS_ID_TOKEN_REQUEST_* in every step, azurerm fetches a
 *    fresh GitHub token itself whenever it needs an access token (request-URL mode). A token
 *    file would take precedence over that mode and be read only once, so none is exported.
 *  - elsewhere, with the identity endpoint running: managed-identity mode (ARM_USE_MSI,
 *    ARM_MSI_ENDPOINT = the endpoint's IMDS-shaped capability URL, ARM_CLIENT_ID): the providers
 *    ask the endpoint for a token whenever they need one, so long applies keep working.
 *  - elsewhere, without it, ARM_OIDC_TOKEN_FILE_PATH names the CI token file. azurerm and Pulumi
 *    read it once, when the provider is configured; OpenTofu's azurerm backend re-reads it on
 *    each use.
 * https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/managed_service_identity
 */
import { idTokenUrl } from '../ci/github.js';
import type { Env } from '../ci/types.js';
import { CLOUDS } from '../core/options.js';
import { ciTokenFile } from './token-file.js';
import type { Handoff, HandoffRequest } from './types.js';

/** azurerm's ARM_ENVIRONMENT names for the clouds we know. */
const ARM_ENVIRONMENT = { AzureCloud: 'public', AzureUSGovernment: 'usgovernment', AzureChinaCloud: 'china' } as const;

/** The audience azurerm asks GitHub for when the request URL carries none. */
const AZURERM_DEFAULT_AUDIENCE = 'api://AzureADTokenExchange';

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** On GitHub with id-token: write, azurerm fetches fresh GitHub tokens itself. */
export function terraformUsesRequestUrl(request: Pick<HandoffRequest, 'env' | 'provider'>): boolean {
  return (
    request.provider === 'github' &&
    nonEmpty(request.env, 'ACTIONS_ID_TOKEN_REQUEST_URL') !== undefined &&
    nonEmpty(request.env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') !== undefined
  );
}

export const terraformHandoff: Handoff = {
  name: 'terraform',
  async export(request, sink) {
    const { result, env } = request;
    const cloud = result.cloud as keyof typeof ARM_ENVIRONMENT;
    const requestMode = terraformUsesRequestUrl(request);
    const msiUrl = requestMode ? undefined : request.endpoint.running?.imdsUrl;
    const vars: [string, string][] = [
      msiUrl === undefined ? ['ARM_USE_OIDC', 'true'] : ['ARM_USE_MSI', 'true'],
      ['ARM_CLIENT_ID', result.clientId],
      ['ARM_TENANT_ID', result.tenantId],
    ];
    if (request.subscriptionId !== undefined) vars.push(['ARM_SUBSCRIPTION_ID', request.subscriptionId]);
    if (cloud !== 'AzureCloud') vars.push(['ARM_ENVIRONMENT', ARM_ENVIRONMENT[cloud]]);

    const files: string[] = [];
    const requestUrl = nonEmpty(env, 'ACTIONS_ID_TOKEN_REQUEST_URL');
    let mode: string;
    if (msiUrl !== undefined) {
      vars.push(['ARM_MSI_ENDPOINT', msiUrl]);
      sink.mask(msiUrl);
      mode = `azurerm, azuread, OpenTofu and Pulumi ask the identity endpoint for a token whenever they need one (managed-identity mode): renews until the endpoint stops ${request.endpoint.running?.ends ?? 'at cleanup'}`;
    } else if (requestMode && requestUrl !== undefined) {
      // ARM_OIDC_REQUEST_URL wins over ACTIONS_ID_TOKEN_REQUEST_URL in azurerm: the only way to
      // give it another audience (sovereign clouds, custom FICs).
      if (result.audience !== AZURERM_DEFAULT_AUDIENCE)
        vars.push(['ARM_OIDC_REQUEST_URL', idTokenUrl(requestUrl, result.audience)]);
      mode =
        'azurerm, azuread and OpenTofu request their own GitHub token whenever they need one (request-URL mode): renews for the whole job';
    } else {
      const file = await ciTokenFile(request, sink);
      if (file.created) files.push(file.path);
      vars.push(['ARM_OIDC_TOKEN_FILE_PATH', file.path]);
      mode =
        "does not renew: azurerm and Pulumi read the token file once (their session lasts about an hour from then; export identity-endpoint too for long jobs); OpenTofu's azurerm backend re-reads it on each use";
    }
    for (const [name, value] of vars) sink.setEnv(name, value);
    sink.renewal?.({
      handoff: 'terraform',
      renews: !mode.startsWith('does not renew'),
      until:
        msiUrl !== undefined
          ? `the identity endpoint stops ${request.endpoint.running?.ends ?? 'at cleanup'}`
          : mode.startsWith('does not renew')
            ? 'about an hour after azurerm first reads the token file'
            : 'the job ends',
    });
    sink.info(`terraform: ${vars.map(([name]) => name).join(', ')}; ${mode}.`);
    if (result.authorityHost !== CLOUDS[result.cloud as keyof typeof CLOUDS].authorityHost) {
      sink.warn(
        `terraform: azurerm signs in at the ${result.cloud} authority, not at ${result.authorityHost} (it has no variable for a custom authority host).`,
      );
    }
    return { files };
  },
};
