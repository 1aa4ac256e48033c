// src/core/redact.ts
var JWT_SHAPED = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
var LONG_OPAQUE = /[A-Za-z0-9+/_=-]{40,}/g;
function redact(text, secrets = []) {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of /* @__PURE__ */ new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1)
    ])) {
      out = out.split(form).join("[redacted]");
    }
  }
  return out.replace(JWT_SHAPED, "[redacted]").replace(LONG_OPAQUE, "[redacted]");
}

export {
  redact
};
