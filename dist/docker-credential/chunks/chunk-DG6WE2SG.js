// src/core/own-file.ts
import { closeSync, constants, fchmodSync, fstatSync, openSync } from "node:fs";
var NOFOLLOW = constants.O_NOFOLLOW ?? 0;
var NONBLOCK = constants.O_NONBLOCK ?? 0;
var UnsafeFileError = class extends Error {
  constructor(reason, code, mode) {
    super(reason);
    this.reason = reason;
    this.code = code;
    this.mode = mode;
  }
  reason;
  code;
  mode;
};
function kindOf(stat) {
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isDirectory()) return "a directory";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a plain file";
}
function openFailure(err, access) {
  const code = err.code;
  const errno = typeof code === "string" ? code : "EIO";
  const reason = {
    ELOOP: "is a symbolic link, which is never followed",
    ENXIO: "is not a regular file (a FIFO or socket)",
    ENOENT: "is in a directory that does not exist",
    EACCES: access === "read" ? "is not readable" : "is not writable",
    EPERM: access === "read" ? "is not readable" : "is not writable",
    EISDIR: "is not a regular file (a directory)",
    ENOTDIR: "is in a path whose parent is not a directory"
  };
  return new UnsafeFileError(reason[errno] ?? `cannot be opened (${errno})`, errno);
}
function check(fd, rules) {
  const stat = fstatSync(fd);
  let why;
  const mode = stat.mode & 511;
  const euid = process.geteuid?.();
  if (!stat.isFile()) why = new UnsafeFileError(`is not a regular file (${kindOf(stat)})`, "UNSAFE_FILE");
  else if ((rules.owner ?? "effective") === "effective" && process.platform !== "win32") {
    if (euid !== void 0 && stat.uid !== euid)
      why = new UnsafeFileError(
        `is owned by another user (uid ${stat.uid}; this process runs as uid ${euid})`,
        "UNSAFE_FILE",
        mode
      );
    else if (rules.secret === true && (mode & 63) !== 0)
      why = new UnsafeFileError(
        `can be read or written by other users (mode ${mode.toString(8)})`,
        "UNSAFE_FILE",
        mode
      );
    else if ((mode & 18) !== 0)
      why = new UnsafeFileError(`can be written by other users (mode ${mode.toString(8)})`, "UNSAFE_FILE", mode);
  }
  if (why !== void 0) {
    closeSync(fd);
    throw why;
  }
}
function openOwnFile(path, rules) {
  return openOwnFileNoting(path, rules).fd;
}
function openOwnFileNoting(path, rules) {
  if (rules.access === "read") {
    let fd2;
    try {
      fd2 = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    } catch (err) {
      throw openFailure(err, rules.access);
    }
    check(fd2, rules);
    return { fd: fd2, created: false };
  }
  const append = constants.O_WRONLY | constants.O_APPEND | NOFOLLOW | NONBLOCK;
  try {
    const fd2 = openSync(path, append | constants.O_CREAT | constants.O_EXCL, 384);
    try {
      fchmodSync(fd2, 384);
    } catch (err) {
      closeSync(fd2);
      throw err;
    }
    return { fd: fd2, created: true };
  } catch (err) {
    if (err.code !== "EEXIST") throw openFailure(err, rules.access);
  }
  let fd;
  try {
    fd = openSync(path, append);
  } catch (err) {
    throw openFailure(err, rules.access);
  }
  check(fd, rules);
  return { fd, created: false };
}

export {
  UnsafeFileError,
  openOwnFile,
  openOwnFileNoting
};
