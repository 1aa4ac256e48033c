/**
 * Azure Repos as git sees it over smart HTTP, on loopback: `git http-backend` (git's own CGI
 * server) behind a node:http server that, like Azure DevOps, answers 401 with a Basic challenge
 * until a request carries an unexpired Entra token for Azure DevOps that the sandbox issued
 * (verified with the sandbox's keys), as a bearer header or a Basic password.
 * https://git-scm.com/docs/git-http-backend
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';
import { credentialOf, sandboxTokenVerifier } from './entra-tokens.js';
import type { TokenVerifier } from './entra-tokens.js';

export const ADO_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';

export interface GitServer {
  /** http://127.0.0.1:<port>/contoso/web.git */
  repoUrl: string;
  origin: string;
  verifier: TokenVerifier;
  close(): Promise<void>;
}

export async function startGitServer(sandbox: Sandbox): Promise<GitServer> {
  const root = mkdtempSync(join(tmpdir(), 'ef-git-server-'));
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: root, GIT_CONFIG_NOSYSTEM: '1' };
  const work = join(root, 'work');
  execFileSync('git', ['init', '-q', '-b', 'main', work], { env });
  execFileSync(
    'git',
    ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'first'],
    { env },
  );
  execFileSync('git', ['clone', '-q', '--bare', work, join(root, 'contoso', 'web.git')], { env });
  const verifier = sandboxTokenVerifier(sandbox);
  const server = createServer((req, res) => {
    const token = credentialOf(req.headers.authorization);
    void (token === undefined ? Promise.resolve({ ok: false as const }) : verifier.verify(token, [ADO_RESOURCE])).then(
      (check) => {
        if (!check.ok) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' }).end();
          return;
        }
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const cgi = spawn('git', ['http-backend'], {
          env: {
            ...env,
            GIT_PROJECT_ROOT: root,
            GIT_HTTP_EXPORT_ALL: '1',
            PATH_INFO: decodeURIComponent(url.pathname),
            QUERY_STRING: url.search.slice(1),
            REQUEST_METHOD: req.method ?? 'GET',
            CONTENT_TYPE: req.headers['content-type'] ?? '',
            REMOTE_USER: 'entra',
            REMOTE_ADDR: '127.0.0.1',
            ...(req.headers['git-protocol'] === undefined ? {} : { GIT_PROTOCOL: String(req.headers['git-protocol']) }),
          },
          stdio: ['pipe', 'pipe', 'ignore'],
        });
        req.pipe(cgi.stdin);
        const chunks: Buffer[] = [];
        cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
        cgi.on('close', () => {
          const out = Buffer.concat(chunks);
          const split = out.indexOf('\r\n\r\n');
          const head = out.subarray(0, split).toString('latin1');
          const headers: Record<string, string> = {};
          let status = 200;
          for (const line of head.split('\r\n')) {
            const colon = line.indexOf(':');
            if (colon < 0) continue;
            const name = line.slice(0, colon).trim().toLowerCase();
            const value = line.slice(colon + 1).trim();
            if (name === 'status') status = Number.parseInt(value, 10);
            else headers[name] = value;
          }
          res.writeHead(status, headers).end(out.subarray(split + 4));
        });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    repoUrl: `${origin}/contoso/web.git`,
    origin,
    verifier,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
