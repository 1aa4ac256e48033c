/**
 * Process facts the identity endpoint's lifecycle rests on: is a process still there, and who
 * is its parent. Only node:fs: the Action's post step loads this and must stay small.
 */
import { readFileSync } from 'node:fs';

/** /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return { state: fields[0] ?? '', ppid: Number.isInteger(ppid) ? ppid : 0 };
}

/** True while the process runs. A zombie has ended: it only waits for its parent to reap it. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    if ((err as { code?: string }).code !== 'EPERM') return false;
  }
  return procStat(pid)?.state !== 'Z';
}

/** The parent of a process, where /proc tells (Linux); undefined elsewhere. */
export function parentOf(pid: number): number | undefined {
  const ppid = procStat(pid)?.ppid;
  return ppid === undefined || ppid <= 1 ? undefined : ppid;
}

/** The command line of a process, where /proc tells; undefined elsewhere. */
export function commandLineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '');
  } catch {
    return undefined;
  }
}
