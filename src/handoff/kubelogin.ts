/**
 * `kubelogin`: the variables of kubelogin's workloadidentity mode (AZURE_CLIENT_ID,
 * AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST) and AAD_LOGIN_METHOD, so
 * that `kubelogin convert-kubeconfig` picks that mode. kubectl runs `kubelogin get-token` per
 * call and kubelogin does not cache, so each call re-reads the file (kept fresh by the
 * identity endpoint when that is exported too).
 *
 * kubelogin's trap: when ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL are
 * set (any GitHub job with id-token: write), it ignores the file and asks GitHub itself, for
 * the fixed audience api://AzureADTokenExchange.
 */
import { readFileSync } from 'node:fs';
import { ciTokenFile, tokenFileRenewal } from './token-file.js';
import type { Handoff } from './types.js';

const KUBELOGIN_GITHUB_AUDIENCE = 'api://AzureADTokenExchange';

/** The CI token the file holds, for its expiry; the file is ours and was just written. */
function readTokenFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export const kubeloginHandoff: Handoff = {
  name: 'kubelogin',
  async export(request, sink) {
    const { result, env } = request;
    const file = await ciTokenFile(request, sink);
    const vars: [string, string][] = [
      ['AZURE_CLIENT_ID', result.clientId],
      ['AZURE_TENANT_ID', result.tenantId],
      ['AZURE_AUTHORITY_HOST', result.authorityHost],
      ['AZURE_FEDERATED_TOKEN_FILE', file.path],
      ['AAD_LOGIN_METHOD', 'workloadidentity'],
    ];
    for (const [name, value] of vars) if (request.exported.get(name) !== value) sink.setEnv(name, value);
    const renewal = tokenFileRenewal(request, readTokenFile(file.path));
    sink.renewal?.({ handoff: 'kubelogin', renews: renewal.renews, until: renewal.until });
    sink.info(
      `kubelogin: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST, AZURE_FEDERATED_TOKEN_FILE, AAD_LOGIN_METHOD=workloadidentity; kubelogin re-reads the file on every kubectl call; ${renewal.words}.`,
    );
    const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
    if (set('ACTIONS_ID_TOKEN_REQUEST_TOKEN') && set('ACTIONS_ID_TOKEN_REQUEST_URL')) {
      const audience =
        result.audience === KUBELOGIN_GITHUB_AUDIENCE
          ? 'That works for this app, whose federated credential has that audience.'
          : `This app's federated credential expects ${result.audience}, so kubelogin will fail: unset ACTIONS_ID_TOKEN_REQUEST_TOKEN for the kubectl step (env: ACTIONS_ID_TOKEN_REQUEST_TOKEN: '').`;
      sink.warn(
        `kubelogin: ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL are set, so kubelogin ignores AZURE_FEDERATED_TOKEN_FILE and requests its own GitHub token for ${KUBELOGIN_GITHUB_AUDIENCE}. ${audience}`,
      );
    }
    return { files: file.created ? [file.path] : [] };
  },
};
