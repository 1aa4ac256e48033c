/**
 * Claim patterns shared by policy rules and `verify --claim`: a value without wildcards
 * matches exactly (case-sensitively, as Entra compares FIC subjects); `*` matches any run of
 * characters except `/`, `**` any run including `/`, `?` one character except `/`. So
 * `refs/heads/release/*` does not match `refs/heads/release/x/y`: widening needs `**`.
 */
export interface ClaimPattern {
  /** What the user wrote, for messages. */
  readonly source: string;
  test(value: string): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePattern(source: string): ClaimPattern {
  if (!/[*?]/.test(source)) return { source, test: (value) => value === source };
  let body = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '*' && source[i + 1] === '*') {
      body += '.*';
      i++;
    } else if (ch === '*') {
      body += '[^/]*';
    } else if (ch === '?') {
      body += '[^/]';
    } else {
      body += escapeRegExp(ch);
    }
  }
  // `s`: `**` also spans newlines, so a value cannot slip past a pattern by holding one.
  const re = new RegExp(`^${body}$`, 's');
  return { source, test: (value) => re.test(value) };
}

/**
 * The string forms of a claim value that patterns are matched against: strings as they are,
 * numbers and booleans as JSON writes them (GitHub sends `ref_protected` as "true", other
 * issuers as true), arrays element by element (`aud`). Objects and null match nothing.
 */
export function claimStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value))
    return value.flatMap((item) =>
      typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : [],
    );
  return [];
}

/** True when any form of the claim matches any of the patterns. */
export function claimMatches(value: unknown, patterns: readonly ClaimPattern[]): boolean {
  const forms = claimStrings(value);
  return forms.some((form) => patterns.some((p) => p.test(form)));
}
