#!/usr/bin/env node
import {
  IDENTITY_ENDPOINT_ARGUMENT,
  isStandalone
} from "./chunks/chunk-IVFXZQ6R.js";
import {
  main
} from "./chunks/chunk-M727OVBN.js";
import {
  processIo,
  tolerateClosedOutput
} from "./chunks/chunk-FFR73B44.js";
import "./chunks/chunk-SAJ3KRIM.js";
import "./chunks/chunk-7MCQKBCW.js";
import "./chunks/chunk-YE5USGSE.js";
import "./chunks/chunk-LYCLW4XY.js";
import "./chunks/chunk-KEKUR6VN.js";
import "./chunks/chunk-CXUPN4HS.js";
import "./chunks/chunk-6I7DYRWY.js";
import "./chunks/chunk-H7K5LTQY.js";
import "./chunks/chunk-3XWB6HIK.js";
import "./chunks/chunk-Z53PL5H4.js";

// src/entry/cli.ts
if (isStandalone() && process.argv[2] === IDENTITY_ENDPOINT_ARGUMENT) {
  void import("./chunks/process-A4HNRPP4.js").then((endpoint) => endpoint.runIdentityEndpointProcess());
} else {
  tolerateClosedOutput(process.stdout, process.stderr);
  void main(process.argv.slice(2), processIo("entra-federate")).then((code) => {
    process.exitCode = code;
  });
}
