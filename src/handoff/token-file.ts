/**
 * The CI token file that env, kubelogin and terraform hand to their readers. One login writes
 * at most one: a hand-off that needs it reuses the file an earlier one exported, so that the
 * identity endpoint has one file to keep fresh.
 */
import { FederationError } from '../core/errors.js';
import { TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX } from './env.js';
import { writeSecureFile } from './secure-file.js';
import type { CiSink, HandoffRequest } from './types.js';

/** Variables that name a CI token file; the identity endpoint keeps each such file fresh. */
export const TOKEN_FILE_VARIABLES = ['AZURE_FEDERATED_TOKEN_FILE', 'ARM_OIDC_TOKEN_FILE_PATH'] as const;

export async function ciTokenFile(request: HandoffRequest, sink: CiSink): Promise<{ path: string; created: boolean }> {
  for (const name of TOKEN_FILE_VARIABLES) {
    const existing = request.exported.get(name);
    if (existing !== undefined) return { path: existing, created: false };
  }
  const token = await request.idToken(request.result.audience);
  try {
    // No trailing newline: some readers take the file's bytes as they are.
    return { path: writeSecureFile(sink.tempDir, TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX, token), created: true };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new FederationError(
      'TOKEN_FILE_WRITE_FAILED',
      `Could not create the federated token file in ${sink.tempDir}${typeof code === 'string' ? ` (${code})` : ''}.`,
      {
        remedy:
          "The temporary directory (RUNNER_TEMP, or TMPDIR outside GitHub) must exist and be writable by the job's user.",
        cause: err,
      },
    );
  }
}
