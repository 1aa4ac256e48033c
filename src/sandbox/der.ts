// A minimal DER (X.690) encoder: just the types an X.509 v3 certificate needs.
// Node's crypto signs and parses certificates but cannot build one, hence this file.

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Tag-length-value with a raw tag byte (also used for context-specific tags). */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: Buffer[]): Buffer {
  return tlv(TAG.sequence, Buffer.concat(items));
}

export function set(...items: Buffer[]): Buffer {
  return tlv(TAG.set, Buffer.concat(items));
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return tlv(TAG.null, Buffer.alloc(0));
}

/** An unsigned big-endian integer, minimally encoded and kept positive. */
export function unsignedInteger(value: Buffer | number): Buffer {
  let bytes = typeof value === 'number' ? numberToBytes(value) : Buffer.from(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  // A set top bit would read as negative in two's complement.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.integer, bytes);
}

function numberToBytes(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from(bytes.length ? bytes : [0]);
}

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new Error(`bad OID: ${dotted}`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined) throw new Error(`bad OID: ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    // Base-128, most significant group first, high bit set on all but the last.
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return tlv(TAG.oid, Buffer.from(bytes));
}

export function octetString(content: Buffer): Buffer {
  return tlv(TAG.octetString, content);
}

/** A BIT STRING holding whole bytes (signatures, public keys). */
export function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/**
 * A named-bit BIT STRING (e.g. KeyUsage): bit 0 is the most significant bit of the first
 * byte, and DER drops trailing zero bits.
 */
export function namedBits(bits: number[]): Buffer {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    const index = Math.floor(bit / 8);
    bytes[index] = (bytes[index] ?? 0) | (0x80 >> (bit % 8));
  }
  return bitString(bytes, 7 - (highest % 8));
}

export function utf8String(value: string): Buffer {
  return tlv(TAG.utf8String, Buffer.from(value, 'utf8'));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = `${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`; // YYYYMMDDHHMMSSZ
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(digits.slice(2), 'ascii'));
  return tlv(TAG.generalizedTime, Buffer.from(digits, 'ascii'));
}

/** [n] EXPLICIT: a constructed context-specific wrapper around a full encoding. */
export function explicit(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

/** [n] IMPLICIT primitive: the context-specific tag replaces the universal one. */
export function implicitPrimitive(tagNumber: number, content: Buffer): Buffer {
  return tlv(0x80 | tagNumber, content);
}
