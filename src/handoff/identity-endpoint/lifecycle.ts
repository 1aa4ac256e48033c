/**
 * When the identity endpoint ends: when told to (SIGTERM from the post step or `logout`), when
 * the job's process is gone, or after a stretch without any authenticated request. A job's end
 * therefore ends the endpoint even when no cleanup step runs.
 */
import { isAlive } from './process.js';

export type StopReason = 'signal' | 'parent-gone' | 'idle';

export interface LifecycleOptions {
  /** The job's process (the runner's worker, the job's shell); undefined: not watched. */
  watchPid?: number;
  idleTimeoutMs: number;
  /** How often the watch looks (tests shorten it through the idle timeout). */
  checkEveryMs?: number;
  onStop(reason: StopReason): void;
}

export interface Lifecycle {
  activity(): void;
  dispose(): void;
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export function watchLifecycle(opts: LifecycleOptions): Lifecycle {
  let last = Date.now();
  let done = false;
  const stop = (reason: StopReason): void => {
    if (done) return;
    done = true;
    clearInterval(timer);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    opts.onStop(reason);
  };
  const onSignal = (): void => stop('signal');
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const every = opts.checkEveryMs ?? Math.min(1000, Math.max(100, opts.idleTimeoutMs / 4));
  const timer = setInterval(() => {
    if (opts.watchPid !== undefined && !isAlive(opts.watchPid)) stop('parent-gone');
    else if (Date.now() - last >= opts.idleTimeoutMs) stop('idle');
  }, every);
  return {
    activity: () => {
      last = Date.now();
    },
    dispose: () => {
      done = true;
      clearInterval(timer);
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}
