// Self-signed X.509 v3 certificates built with node:crypto: for the sandbox's HTTPS
// listener, for the x5c/x5t of its signing keys, and for tests' client certificates.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import * as der from './der.js';

export interface SelfSignedCertificateOptions {
  commonName: string;
  sans?: { dns?: string[]; ip?: string[] };
  days?: number;
  keyType?: 'rsa' | 'ec';
  isCa?: boolean;
}

export interface SelfSignedCertificate {
  certPem: string;
  keyPem: string;
  /** base64url SHA-1 of the DER certificate: the JOSE `x5t`. */
  thumbprintSha1: string;
  /** base64url SHA-256 of the DER certificate: the JOSE `x5t#S256`. */
  thumbprintSha256: string;
}

export interface CertificateForKey {
  der: Buffer;
  certPem: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
}

const OID = {
  commonName: '2.5.4.3',
  rsaWithSha256: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

const KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

/** Makes a fresh key pair and a certificate for it. */
export function createSelfSignedCertificate(opts: SelfSignedCertificateOptions): SelfSignedCertificate {
  const keyType = opts.keyType ?? 'rsa';
  const { privateKey, publicKey } =
    keyType === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = certificateForKey({ privateKey, publicKey }, opts);
  return {
    certPem: cert.certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha1: cert.thumbprintSha1,
    thumbprintSha256: cert.thumbprintSha256,
  };
}

/** Builds and self-signs a certificate for an existing RSA or P-256 key pair. */
export function certificateForKey(
  keys: { privateKey: KeyObject; publicKey: KeyObject },
  opts: SelfSignedCertificateOptions,
): CertificateForKey {
  if (!opts.commonName) throw new Error('commonName is required');
  const keyType = keys.privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new Error(`unsupported key type: ${String(keyType)}`);
  const isRsa = keyType === 'rsa';
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  // Any stable 160-bit value is allowed (RFC 7093); a hash of the SPKI is the usual one.
  const keyId = createHash('sha1').update(spki).digest();
  const name = der.sequence(
    der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(opts.commonName))),
  );
  const now = Date.now();
  // Back-date an hour so a client whose clock runs slightly behind still accepts it.
  const notBefore = new Date(now - 3600_000);
  const notAfter = new Date(now + (opts.days ?? 365) * 86400_000);
  const signatureAlgorithm = isRsa
    ? der.sequence(der.objectIdentifier(OID.rsaWithSha256), der.nullValue())
    : der.sequence(der.objectIdentifier(OID.ecdsaWithSha256));

  const keyUsageBits: number[] = [KEY_USAGE.digitalSignature];
  if (isRsa) keyUsageBits.push(KEY_USAGE.keyEncipherment);
  if (opts.isCa) keyUsageBits.push(KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign);

  const extensions: Buffer[] = [
    extension(OID.basicConstraints, true, opts.isCa ? der.sequence(der.boolean(true)) : der.sequence()),
    extension(OID.keyUsage, true, der.namedBits(keyUsageBits)),
    extension(
      OID.extKeyUsage,
      false,
      der.sequence(der.objectIdentifier(OID.serverAuth), der.objectIdentifier(OID.clientAuth)),
    ),
    extension(OID.subjectKeyIdentifier, false, der.octetString(keyId)),
    // OpenSSL's strict mode (and Python 3.13+) insists on an AKI, even when self-signed.
    extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicitPrimitive(0, keyId))),
  ];
  const altNames = subjectAltNames(opts.sans);
  if (altNames.length > 0) extensions.push(extension(OID.subjectAltName, false, der.sequence(...altNames)));

  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01; // positive and non-zero, 16 bytes as CAs do
  const tbs = der.sequence(
    der.explicit(0, der.unsignedInteger(2)), // v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name,
    der.sequence(der.time(notBefore), der.time(notAfter)),
    name,
    spki,
    der.explicit(3, der.sequence(...extensions)),
  );
  // ECDSA signatures default to the DER (r, s) form that X.509 wants.
  const signature = sign('sha256', tbs, keys.privateKey);
  const certDer = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));
  return {
    der: certDer,
    certPem: toPem(certDer, 'CERTIFICATE'),
    thumbprintSha1: createHash('sha1').update(certDer).digest('base64url'),
    thumbprintSha256: createHash('sha256').update(certDer).digest('base64url'),
  };
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  const parts = [der.objectIdentifier(oid)];
  if (critical) parts.push(der.boolean(true)); // DEFAULT FALSE must be omitted in DER
  parts.push(der.octetString(value));
  return der.sequence(...parts);
}

function subjectAltNames(sans: SelfSignedCertificateOptions['sans']): Buffer[] {
  const names: Buffer[] = [];
  for (const dns of sans?.dns ?? []) names.push(der.implicitPrimitive(2, Buffer.from(dns, 'ascii'))); // dNSName
  for (const ip of sans?.ip ?? []) names.push(der.implicitPrimitive(7, ipToBytes(ip))); // iPAddress
  return names;
}

export function ipToBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  let text = ip;
  const embeddedV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embeddedV4?.[1]) {
    const b = embeddedV4[1].split('.').map(Number);
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, -embeddedV4[1].length)}${hex(b[0] ?? 0, b[1] ?? 0)}:${hex(b[2] ?? 0, b[3] ?? 0)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of groups.entries()) bytes.writeUInt16BE(parseInt(group, 16), i * 2);
  return bytes;
}

export function toPem(derBytes: Buffer, label: string): string {
  const lines = derBytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
