// src/core/text.ts
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(value) {
  return GUID.test(value);
}
var CONTROL = /[\u0000-\u001f\u007f]/;
var CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
var NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
function hasControlCharacter(value) {
  return CONTROL.test(value);
}
function replaceControlCharacters(value, by) {
  return value.replace(CONTROL_EACH, by);
}
function printableAscii(value, by = "?") {
  return value.replace(NOT_PRINTABLE_ASCII, by);
}
function isoTime(epochMs) {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export {
  isGuid,
  hasControlCharacter,
  replaceControlCharacters,
  printableAscii,
  isoTime,
  shellQuote,
  editDistance
};
