import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { createVerifier } from './dist/lib/index.js';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const srv = createServer((req, res) => { const u = `http://127.0.0.1:${srv.address().port}`;
  if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer: u, jwks_uri: u + '/keys' }));
  res.end(JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' }] })); });
await new Promise(r => srv.listen(0, '127.0.0.1', r));
const iss = `http://127.0.0.1:${srv.address().port}`;
const b = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = Math.floor(Date.now()/1000);
// A GitHub-sized claim set.
const c = { jti: 'x'.repeat(36), sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', ref: 'refs/heads/main', sha: 'a'.repeat(40), repository: 'octo-org/octo-repo', repository_owner: 'octo-org', repository_owner_id: '5010000', run_id: '9876543210', run_number: '42', run_attempt: '1', repository_visibility: 'private', repository_id: '7020000', actor_id: '5830000', actor: 'octocat', workflow: 'CI', head_ref: '', base_ref: '', event_name: 'push', ref_protected: 'false', ref_type: 'branch', workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main', workflow_sha: 'a'.repeat(40), job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main', job_workflow_sha: 'a'.repeat(40), runner_environment: 'github-hosted', iss, nbf: now - 600, exp: now + 3000, iat: now };
const i = `${b({ typ: 'JWT', alg: 'RS256', x5t: 'abc', kid: 'k1' })}.${b(c)}`;
const token = `${i}.${sign('sha256', Buffer.from(i), rsa.privateKey).toString('base64url')}`;
const v = createVerifier({ issuer: iss, audience: 'api://AzureADTokenExchange', claims: { repository: 'octo-org/*' } });
await v.verify(token);
const N = 40000;
for (const conc of [1, 8, 64, 256]) {
  for (let rep = 0; rep < 2; rep++) {
    let done = 0; const t = performance.now();
    await Promise.all(Array.from({ length: conc }, async () => { while (done < N) { done++; await v.verify(token); } }));
    if (rep) console.log(`concurrency ${conc}: ${Math.round(N / (performance.now() - t) * 1000)}/s`);
  }
}
srv.close();
