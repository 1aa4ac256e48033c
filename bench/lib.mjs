// Shared bench plumbing: a sandbox process, cold-process timing, medians and ratios.
// Every figure is reported against a reference measured in the same run, alternating the
// cases round by round so that machine noise hits all of them alike.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli/index.js');

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ef-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts `entra-federate sandbox` as its own process, as a user would. */
export async function startSandboxProcess({ https = true, config = {} } = {}) {
  const dir = tempDir();
  const configFile = join(dir, 'sandbox.json');
  writeFileSync(configFile, JSON.stringify({ idTokenLifetimeSeconds: 3600, ...config }));
  const child = spawn(process.execPath, [CLI, 'sandbox', '--config', configFile, ...(https ? ['--https'] : [])], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const coordinates = JSON.parse(line);
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  return { ...coordinates, dir, stop };
}

/** Asks the sandbox's issuer for a CI token (as the tests' fake CIs do). */
export async function mintIdToken(sandbox, body = {}) {
  const url = new URL('/_sandbox/mint', sandbox.authorityHost);
  const res = await request(url, sandbox, JSON.stringify(body));
  return JSON.parse(res).value;
}

async function request(url, sandbox, body) {
  const { request: send } = await import(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const { readFileSync } = await import('node:fs');
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.idTokenRequestToken}`, 'content-type': 'application/json' },
        ...(sandbox.caCertFile ? { ca: readFileSync(sandbox.caCertFile) } : {}),
      },
      (res) => {
        let data = '';
        res
          .setEncoding('utf8')
          .on('data', (d) => {
            data += d;
          })
          .on('end', () =>
            res.statusCode === 200 ? resolve(data) : reject(new Error(`mint: HTTP ${res.statusCode} ${data}`)),
          );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Wall time of one cold process, spawn to exit, in ms; fails loudly on a non-zero exit. The
 * process is `node ARGS`, or `command ARGS` (the standalone binary).
 */
export function timeProcess(args, env, { cwd = ROOT, input, command = process.execPath } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(0, 400)}`));
      else resolve({ ms, out, err });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each case once per round, in a rotating order, for `rounds` rounds after `warmup`
 * unmeasured rounds (the first spawns fill the page cache). Returns medians by case name.
 */
export async function alternate(cases, { rounds = 15, warmup = 2 } = {}) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + round) % cases.length];
      const { ms } = await c.run();
      if (round >= warmup) samples[c.name].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export function baseEnv(extra = {}) {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra };
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}

/** One line per result: name, value, and the ratio to a reference with its target. */
export function report(rows) {
  let failed = 0;
  for (const row of rows) {
    const ok = row.check === undefined ? true : row.check();
    if (!ok) failed++;
    console.log(
      `${ok ? 'ok  ' : 'MISS'} ${row.label.padEnd(66)} ${row.value}${row.target ? `   (target ${row.target})` : ''}`,
    );
  }
  return failed;
}
