// The HTTPS listener's certificate: self-signed, loopback names only, CA:TRUE so that
// NODE_EXTRA_CA_CERTS (and other trust stores) accept it as its own anchor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from './x509.js';

export interface LoopbackTls {
  certPem: string;
  keyPem: string;
  /** The certificate, mode 0600, in a fresh private directory. */
  caCertFile: string;
  dispose(): void;
}

export function createLoopbackTls(host: string, extraNames: readonly string[] = []): LoopbackTls {
  const ips = ['127.0.0.1', '::1'];
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) && !ips.includes(bare)) ips.push(bare);
  // P-256: generated in a millisecond, unlike RSA.
  const { certPem, keyPem } = createSelfSignedCertificate({
    commonName: 'entra-federate sandbox',
    sans: { dns: ['localhost', ...extraNames], ip: ips },
    days: 7,
    keyType: 'ec',
    isCa: true,
  });
  const dir = mkdtempSync(join(tmpdir(), 'entra-federate-sandbox-'));
  const caCertFile = join(dir, 'ca.pem');
  writeFileSync(caCertFile, certPem, { mode: 0o600, flag: 'wx' });
  return {
    certPem,
    keyPem,
    caCertFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
