/**
 * Release files served as a release host would (a loopback HTTP server, like GitHub's download
 * URLs or a mirror named by ENTRA_FEDERATE_DOWNLOAD_BASE), and installers pinned to them with the
 * release script's own pin writer. Shared by the installer test and the package tests.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256, withPins } from '../../scripts/release.mjs';

export interface ReleaseServer {
  /** ENTRA_FEDERATE_DOWNLOAD_BASE for these files (ends with /). */
  base: string;
  /** Names requested, in order (a name the server does not hold included). */
  requests: string[];
  /** Serve other bytes under a name (a tampered release). */
  replace(name: string, content: Buffer | string): void;
  close(): Promise<void>;
}

/** Serves name -> file path (streamed) or bytes; anything else is a 404. */
export async function serveRelease(files: Record<string, string | Buffer>): Promise<ReleaseServer> {
  const served = new Map(Object.entries(files));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').replace(/^\/+/, '').split('?')[0] ?? '');
    requests.push(name);
    const file = served.get(name);
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    if (Buffer.isBuffer(file)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length }).end(file);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    requests,
    replace: (name, content) => {
      served.set(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The SHA-256 pins of release files (name -> path). */
export function pinsOf(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, path]) => [name, sha256(readFileSync(path))]));
}

/** Any installer text (install.sh, the orb, the component) pinned to these files. */
export function pinned(text: string, version: string, pins: Record<string, string>): string {
  return withPins(text, version, pins);
}
