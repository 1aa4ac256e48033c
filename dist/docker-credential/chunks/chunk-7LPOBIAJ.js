// src/handoff/secure-file.ts
import { randomBytes } from "node:crypto";
import { closeSync, constants, fchmodSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
var FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
function writeSecureFile(dir, prefix, suffix, content) {
  const path = join(dir, `${prefix}${randomBytes(8).toString("hex")}${suffix}`);
  const fd = openSync(path, FLAGS, 384);
  try {
    fchmodSync(fd, 384);
    const bytes = Buffer.from(content, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw err;
  }
  closeSync(fd);
  return path;
}
function replaceSecureFile(path, content) {
  const temp = writeSecureFile(dirname(path), `.${basename(path)}.`, ".tmp", content);
  try {
    renameSync(temp, path);
  } catch (err) {
    unlinkSync(temp);
    throw err;
  }
}

export {
  writeSecureFile,
  replaceSecureFile
};
