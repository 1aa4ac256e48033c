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
 * The text a claim value is matched as: a string as it is, a number or boolean as JSON writes
 * it (GitHub sends `ref_protected` as "true", other issuers as true). An array never matches,
 * not even element by element: `repository: ["evil/x", "octo-org/octo-repo"]` is not the
 * repository octo-org/octo-repo. Objects and null never match either.
 */
export function claimText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** For a present claim no pattern can match: what it is ("an array"), to say so in a denial. */
export function wrongClaimType(value: unknown): string | undefined {
  if (value === undefined || claimText(value) !== undefined) return undefined;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
}

/** True when the claim is a single value and one of the patterns matches it. */
export function claimMatches(value: unknown, patterns: readonly ClaimPattern[]): boolean {
  const text = claimText(value);
  return text !== undefined && patterns.some((p) => p.test(text));
}
