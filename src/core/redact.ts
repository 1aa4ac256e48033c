/**
 * Text that came from elsewhere (a server's error body, a tool's stderr) may echo back what
 * we sent it. Before any of it reaches a message, the secrets we sent are cut out, and so is
 * anything shaped like a token, whoever it belongs to.
 */
const JWT_SHAPED = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
/** Long base64 runs: opaque tokens, keys, secrets of other systems. */
const LONG_OPAQUE = /[A-Za-z0-9+/_=-]{40,}/g;

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
  return out.replace(JWT_SHAPED, '[redacted]').replace(LONG_OPAQUE, '[redacted]');
}
