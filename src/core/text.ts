/**
 * Small text rules every layer shares, in one place so that they cannot drift apart: what a GUID
 * is, what may split a line, how a time is shown, how a shell value is quoted. (The sandbox keeps
 * its own copies on purpose: it is the client's peer, not its user.)
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID in its usual 8-4-4-4-12 hex form, any case, nothing around it. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Anything a header, a file command, a table cell or a log line could be split by: C0 controls and DEL. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
const CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/** Each control character replaced by `by`. */
export function replaceControlCharacters(value: string, by: string): string {
  return value.replace(CONTROL_EACH, by);
}

/** Each run of control characters (a CR LF, say) replaced by one `by`. */
export function collapseControlCharacters(value: string, by: string): string {
  return value.replace(CONTROL_RUNS, by);
}

/** For values an attacker may control (a command name, a jku): every byte outside printable ASCII becomes `by`. */
export function printableAscii(value: string, by = '?'): string {
  return value.replace(NOT_PRINTABLE_ASCII, by);
}

/** ISO 8601 in UTC to the second, as Entra and the CIs show times: 2025-06-02T09:14:07Z. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** POSIX single quotes keep every byte literally; a quote itself is closed, escaped and reopened: `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * What may not appear raw where a claim is shown: C0 and C1 controls, DEL, the Unicode line and
 * paragraph separators (which some renderers break lines at) and the bidirectional overrides
 * (which make a line read differently from what it holds).
 */
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_IN_LINE_EACH = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LONGEST_SHOWN_CLAIM = 200;

/** True when showClaim would not show the value as it is: it could break or steer a line. */
export function needsEscaping(value: string): boolean {
  return UNSAFE_IN_LINE.test(value);
}

/**
 * The one way a claim (or any value from a token, a FIC or a policy match) is shown on a line we
 * print: a string with nothing unsafe in it is shown as it is (`when-needed`) or JSON-quoted
 * (`always`, the default); anything else is JSON with every unsafe character written as \uXXXX,
 * so that no value can end the line, start one of its own (a forged `::error::`) or reach the
 * terminal as a control sequence. Long values are cut.
 */
export function showClaim(value: unknown, quote: 'always' | 'when-needed' = 'always'): string {
  let text: string;
  if (value === undefined) text = '(missing)';
  else if (typeof value === 'string' && quote === 'when-needed' && !needsEscaping(value)) text = value;
  else {
    // JSON escapes C0 controls; the rest is escaped here.
    text = (JSON.stringify(value) ?? String(value)).replace(
      UNSAFE_IN_LINE_EACH,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    text = replaceControlCharacters(text, '?');
  }
  return text.length > LONGEST_SHOWN_CLAIM ? `${text.slice(0, LONGEST_SHOWN_CLAIM - 3)}...` : text;
}

/** Why a file could not be read, as the end of a sentence: "does not exist", "is a directory"... */
export function unreadableFileReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES') return 'is not readable';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${code ?? 'error'})`;
}
