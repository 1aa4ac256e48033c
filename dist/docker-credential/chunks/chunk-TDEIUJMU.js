// src/ci/github-workflow-commands.ts
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function formatCommand(name, properties, message) {
  const props = Object.entries(properties).filter((entry) => entry[1] !== void 0 && entry[1] !== "").map(([key, value]) => `${key}=${escapeProperty(value)}`).join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

export {
  formatCommand
};
