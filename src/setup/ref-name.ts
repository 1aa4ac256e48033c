/**
 * Git's rules for branch and tag names (git-check-ref-format(1),
 * https://git-scm.com/docs/git-check-ref-format), checked before anything is written: a FIC
 * for a branch git refuses to create can never match a token.
 */

/** Why `name` is not a valid branch or tag name, or undefined when git accepts it. */
export function refNameProblem(name: string, kind: 'branch' | 'tag'): string | undefined {
  if (name === '') return 'it is empty';
  if (kind === 'branch') {
    if (name.startsWith('-')) return "it begins with '-'";
    if (name === 'HEAD') return "'HEAD' names the current commit, not a branch";
  }
  // Rule 4: no control characters, space, ~, ^ or :; rule 5: no ?, * or [; rule 10: no backslash.
  const bad = /[\u0000-\u0020\u007f~^:?*[\\]/.exec(name);
  if (bad !== null) {
    const ch = bad[0];
    const shown = ch === ' ' ? 'a space' : /[\u0000-\u001f\u007f]/.test(ch) ? 'a control character' : `'${ch}'`;
    return `it contains ${shown}`;
  }
  if (name.includes('..')) return "it contains '..'";
  if (name.includes('@{')) return "it contains '@{'";
  if (name.startsWith('/') || name.endsWith('/')) return "it begins or ends with '/'";
  if (name.includes('//')) return "it contains '//'";
  if (name.endsWith('.')) return "it ends with '.'";
  for (const component of name.split('/')) {
    if (component.startsWith('.')) return `its component '${component}' begins with '.'`;
    if (component.endsWith('.lock')) return `its component '${component}' ends with '.lock'`;
  }
  return undefined;
}
