// Injected failures: a queue of rules consumed per target, and how each one misbehaves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultRule, FaultTarget } from './types.js';

interface ActiveRule {
  rule: FaultRule;
  /** Infinity for `times: 0`. */
  remaining: number;
}

export class FaultPlan {
  private active: ActiveRule[] = [];

  set(rules: FaultRule[]): void {
    this.active = rules.map((rule) => ({ rule, remaining: rule.times === 0 ? Infinity : (rule.times ?? 1) }));
  }

  /** The first live rule for the target, consuming one use of it. */
  take(target: FaultTarget): FaultRule | undefined {
    const entry = this.active.find((a) => a.rule.target === target && a.remaining > 0);
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.rule;
  }

  /** Rules with uses left, for the control endpoint. */
  pending(): Array<FaultRule & { remaining: number | 'forever' }> {
    return this.active
      .filter((a) => a.remaining > 0)
      .map((a) => ({ ...a.rule, remaining: a.remaining === Infinity ? 'forever' : a.remaining }));
  }
}

export type FaultOutcome =
  | { kind: 'continue' } // latency only: answer normally afterwards
  | { kind: 'answered'; status: number }; // 0 when the socket was dropped

/** Applies a rule to a request; tells the caller whether normal handling should follow. */
export async function applyFault(rule: FaultRule, req: IncomingMessage, res: ServerResponse): Promise<FaultOutcome> {
  if (rule.delayMs) await sleep(rule.delayMs);
  if (rule.drop) {
    req.socket.destroy();
    return { kind: 'answered', status: 0 };
  }
  const shapesResponse =
    rule.status !== undefined || rule.body !== undefined || rule.truncate || rule.retryAfter !== undefined;
  if (!shapesResponse && rule.delayMs) return { kind: 'continue' };

  const status = rule.status ?? (rule.truncate ? 200 : 503);
  const body = Buffer.from(
    rule.body ??
      JSON.stringify({
        error: 'temporarily_unavailable',
        error_description: `Fault injected by the sandbox (HTTP ${status}).`,
      }),
  );
  const headers: Record<string, string> = {
    'Content-Type':
      rule.contentType ?? (looksLikeJson(body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8'),
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  };
  if (rule.retryAfter !== undefined) headers['Retry-After'] = rule.retryAfter;

  if (rule.truncate) {
    // Promise the whole body, deliver half of it, then hang up: a mid-body network failure.
    headers['Connection'] = 'close';
    if (body.length < 2) headers['Content-Length'] = String(body.length + 16);
    res.writeHead(status, headers);
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      res.socket?.destroy();
    });
    return { kind: 'answered', status };
  }
  res.writeHead(status, headers);
  res.end(body);
  return { kind: 'answered', status };
}

function looksLikeJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
