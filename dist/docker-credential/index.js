#!/usr/bin/env node
import {
  main
} from "../cli/chunks/chunk-M727OVBN.js";
import {
  processIo,
  tolerateClosedOutput
} from "../cli/chunks/chunk-FFR73B44.js";
import "../cli/chunks/chunk-SAJ3KRIM.js";
import "../cli/chunks/chunk-7MCQKBCW.js";
import "../cli/chunks/chunk-YE5USGSE.js";
import "../cli/chunks/chunk-LYCLW4XY.js";
import "../cli/chunks/chunk-KEKUR6VN.js";
import "../cli/chunks/chunk-CXUPN4HS.js";
import "../cli/chunks/chunk-6I7DYRWY.js";
import "../cli/chunks/chunk-H7K5LTQY.js";
import "../cli/chunks/chunk-3XWB6HIK.js";
import "../cli/chunks/chunk-Z53PL5H4.js";

// src/entry/docker-credential.ts
tolerateClosedOutput(process.stdout, process.stderr);
void main(["docker-credential", ...process.argv.slice(2)], processIo("entra-federate")).then((code) => {
  process.exitCode = code;
});
