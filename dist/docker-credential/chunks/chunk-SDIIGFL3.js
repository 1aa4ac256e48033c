// src/handoff/self.ts
var IDENTITY_ENDPOINT_ARGUMENT = "--entra-federate-internal-identity-endpoint";
function isStandalone() {
  return typeof ENTRA_FEDERATE_STANDALONE !== "undefined" && ENTRA_FEDERATE_STANDALONE === true;
}
function selfCommand(program, script) {
  if (isStandalone()) return program === "cli" ? [process.execPath] : [process.execPath, IDENTITY_ENDPOINT_ARGUMENT];
  return [process.execPath, script()];
}

export {
  selfCommand
};
