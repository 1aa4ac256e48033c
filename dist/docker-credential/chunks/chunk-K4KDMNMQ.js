// src/core/redact.ts
var B64URL = "[A-Za-z0-9_-]";
var EYJ_TOKEN = new RegExp(`(?<![A-Za-z0-9_-])eyJ${B64URL}{2,}(?:\\.${B64URL}*){2,4}`, "g");
var THREE_PARTS = new RegExp(`(?<![A-Za-z0-9_-])${B64URL}{16,}\\.${B64URL}{16,}\\.${B64URL}{16,}`, "g");
var RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
var URL_SPAN = /https?:\/\/[^\s"'<>()[\]{}`]+/g;
var READABLE_PIECE = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[0-9a-f]+)$/;
function opaque(run) {
  return run.split(/[-_+/=]/).some((piece) => piece.length >= 20 && !READABLE_PIECE.test(piece));
}
function jwtShaped(match) {
  const [header = "", payload = ""] = match.split(".");
  return opaque(header) || opaque(payload) || /[A-Z]/.test(header + payload);
}
function cutOpaqueRuns(text) {
  return text.replace(RUN, (run) => opaque(run) ? "[redacted]" : run);
}
function cutOpaqueOutsideUrlPaths(text) {
  let out = "";
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
  out = out.replace(THREE_PARTS, (match) => jwtShaped(match) ? "[redacted]" : match);
  out = out.replace(EYJ_TOKEN, "[redacted]");
  return cutOpaqueOutsideUrlPaths(out);
}

export {
  redact
};
