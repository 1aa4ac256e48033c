/**
 * A reader that goes away (`entra-federate token | head -c 0`, `... | true`) closes our stdout.
 * That is the reader's choice, not a failure of ours: later writes to it are dropped, the
 * command finishes what it started (files written, cleanup) and exits with its own code.
 * Node ignores SIGPIPE, so a closed pipe arrives as an EPIPE 'error' event on the stream; with
 * no listener that event would end the process with a stack trace.
 */
export function tolerateClosedOutput(...streams: NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
      throw err;
    });
  }
}
