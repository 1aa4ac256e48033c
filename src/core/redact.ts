/**
 * Text that came from elsewhere (a server's error body, a tool's stderr) may echo back what
 * we sent it. Before any of it reaches a message, the secrets we sent are cut out, and so is
 * anything shaped like a token, whoever it belongs to: a JWT, or a long base64url run.
 *
 * What people need to read stays: URLs (Entra's documentation links), hostnames, GUIDs,
 * commit hashes, and the issuer and subject Entra quotes back. A token inside a URL is still
 * cut out (JWTs everywhere, opaque runs in the query and fragment), and what we sent is cut
 * out wherever it appears.
 */
const B64URL = '[A-Za-z0-9_-]';
/** A compact JWS/JWE: a JSON header (base64url of `{"` is eyJ) and at least two more parts. */
const EYJ_TOKEN = new RegExp(`(?<![A-Za-z0-9_-])eyJ${B64URL}{2,}(?:\\.${B64URL}*){2,4}`, 'g');
/** Three long base64url parts: a JWT whose header does not start with eyJ (`{ "alg"...`). */
const THREE_PARTS = new RegExp(`(?<![A-Za-z0-9_-])${B64URL}{16,}\\.${B64URL}{16,}\\.${B64URL}{16,}`, 'g');
/** Base64url, or standard base64 with its padding: other systems' keys are written that way. */
const RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
/** A URL up to whatever ends it in prose: white space, quotes, brackets. */
const URL_SPAN = /https?:\/\/[^\s"'<>()[\]{}`]+/g;
/** Words (camel or Pascal case), or lowercase hex (commit hashes, digests, GUIDs without hyphens). */
const READABLE_PIECE = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[0-9a-f]+)$/;

/** Random base64url mixes cases and digits in long pieces; words and hex digests do not. */
function opaque(run: string): boolean {
  return run.split(/[-_+/=]/).some((piece) => piece.length >= 20 && !READABLE_PIECE.test(piece));
}

function jwtShaped(match: string): boolean {
  // Hostnames are lowercase and end in a short label; a token's parts mix cases and digits.
  const [header = '', payload = ''] = match.split('.');
  return opaque(header) || opaque(payload) || /[A-Z]/.test(header + payload);
}

function cutOpaqueRuns(text: string): string {
  return text.replace(RUN, (run) => (opaque(run) ? '[redacted]' : run));
}

/** Opaque runs outside URLs, and in a URL's query and fragment; hosts and paths stay readable. */
function cutOpaqueOutsideUrlPaths(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_SPAN)) {
    const url = match[0];
    const start = match.index;
    out += cutOpaqueRuns(text.slice(last, start));
    const tail = url.search(/[?#]/);
    out += tail < 0 ? url : url.slice(0, tail) + cutOpaqueRuns(url.slice(tail));
    last = start + url.length;
  }
  return out + cutOpaqueRuns(text.slice(last));
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    // A reflected form body carries them URL-encoded; a reflected JSON string, escaped.
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ])) {
      out = out.split(form).join('[redacted]');
    }
  }
  out = out.replace(THREE_PARTS, (match) => (jwtShaped(match) ? '[redacted]' : match));
  out = out.replace(EYJ_TOKEN, '[redacted]');
  return cutOpaqueOutsideUrlPaths(out);
}
