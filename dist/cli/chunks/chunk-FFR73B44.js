import {
  createNodeHttpClient,
  proxyConfigFrom
} from "./chunk-KEKUR6VN.js";

// src/entry/shared/io.ts
function lazyHttpClient(userAgent, env) {
  let http;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}
function processIo(userAgent) {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    http: lazyHttpClient(userAgent, process.env),
    now: Date.now
  };
}

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

export {
  lazyHttpClient,
  processIo,
  tolerateClosedOutput
};
