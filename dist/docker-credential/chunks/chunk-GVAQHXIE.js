// src/core/text.ts
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(value) {
  return GUID.test(value);
}
var CONTROL = /[\u0000-\u001f\u007f]/;
var CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
var CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g;
var NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
function hasControlCharacter(value) {
  return CONTROL.test(value);
}
function replaceControlCharacters(value, by) {
  return value.replace(CONTROL_EACH, by);
}
function collapseControlCharacters(value, by) {
  return value.replace(CONTROL_RUNS, by);
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

export {
  isGuid,
  hasControlCharacter,
  replaceControlCharacters,
  collapseControlCharacters,
  printableAscii,
  isoTime,
  shellQuote
};
