/**
 * Reads the docs as the docs test needs them: fenced code blocks with the HTML comment that
 * marks them (`<!-- example: ENV options -->`, `<!-- file: PATH -->`, `<!-- not-run: REASON -->`),
 * page-level `<!-- examples-setup: ... -->`, relative links, and heading anchors as GitHub makes
 * them.
 */

export interface Directive {
  kind: 'example' | 'file' | 'not-run';
  /** example: the environment; file: the path; not-run: the reason. */
  value: string;
  /** example: `key=value` options after the environment (exit=1, environment=production). */
  options: Record<string, string>;
}

export interface CodeBlock {
  lang: string;
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
  directive?: Directive;
}

const DIRECTIVE = /^<!--\s*(example|file|not-run):\s*(.*?)\s*-->$/;

function parseDirective(line: string): Directive | undefined {
  const match = DIRECTIVE.exec(line.trim());
  if (match === null) return undefined;
  const kind = match[1] as Directive['kind'];
  const text = match[2] ?? '';
  if (kind !== 'example') return { kind, value: text, options: {} };
  const [value = '', ...rest] = text.split(/\s+/);
  const options: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 1) throw new Error(`example option "${item}" is not key=value`);
    options[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { kind, value, options };
}

/** Every fenced block, with the directive on the nearest non-blank line above it, if any. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})([\w-]*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, indent = '', fence = '```', lang = ''] = open;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith(`${indent}${fence}`); i++)
      body.push((lines[i] ?? '').slice(indent.length));
    let above = start - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const directive = above >= 0 ? parseDirective(lines[above] ?? '') : undefined;
    blocks.push({
      lang,
      content: `${body.join('\n')}\n`,
      line: start + 1,
      ...(directive === undefined ? {} : { directive }),
    });
  }
  return blocks;
}

/** The CIs whose federated credentials a page assumes (`<!-- examples-setup: github gitlab -->`). */
export function examplesSetup(markdown: string): string[] {
  const match = /<!--\s*examples-setup:\s*(.*?)\s*-->/.exec(markdown);
  return match === null ? [] : (match[1] ?? '').split(/\s+/).filter(Boolean);
}

/** Markdown text outside fenced blocks. */
function withoutFences(markdown: string): string {
  // Blank lines in place of each block, so that line numbers stay those of the file.
  return markdown.replace(/^(\s*)(`{3,})[\s\S]*?^\1\2\s*$/gm, (block) => block.replace(/[^\n]/g, ''));
}

/** Markdown text outside fenced blocks and inline code, where links live. */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

export interface Link {
  target: string;
  line: number;
}

/** Inline links `[text](target)` outside code. */
export function links(markdown: string): Link[] {
  const text = prose(markdown);
  const out: Link[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
      out.push({ target: match[1] ?? '', line: i + 1 });
  });
  return out;
}

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const base = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}
