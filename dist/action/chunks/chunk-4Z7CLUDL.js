// src/core/text.ts
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(value) {
  return GUID.test(value);
}
var CONTROL = /[\u0000-\u001f\u007f]/;
var CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
var CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g;
function hasControlCharacter(value) {
  return CONTROL.test(value);
}
function replaceControlCharacters(value, by) {
  return value.replace(CONTROL_EACH, by);
}
function collapseControlCharacters(value, by) {
  return value.replace(CONTROL_RUNS, by);
}
function isoTime(epochMs) {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
var UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
var UNSAFE_IN_LINE_EACH = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
var LONGEST_SHOWN_CLAIM = 200;
function needsEscaping(value) {
  return UNSAFE_IN_LINE.test(value);
}
function showClaim(value, quote = "always") {
  let text;
  if (value === void 0) text = "(missing)";
  else if (typeof value === "string" && quote === "when-needed" && !needsEscaping(value)) text = value;
  else {
    text = (JSON.stringify(value) ?? String(value)).replace(
      UNSAFE_IN_LINE_EACH,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
    );
    text = replaceControlCharacters(text, "?");
  }
  return text.length > LONGEST_SHOWN_CLAIM ? `${text.slice(0, LONGEST_SHOWN_CLAIM - 3)}...` : text;
}
function unreadableFileReason(err) {
  const code = err.code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES") return "is not readable";
  if (code === "EISDIR") return "is a directory";
  return `cannot be read (${code ?? "error"})`;
}

export {
  isGuid,
  hasControlCharacter,
  replaceControlCharacters,
  collapseControlCharacters,
  isoTime,
  shellQuote,
  needsEscaping,
  showClaim,
  unreadableFileReason
};
