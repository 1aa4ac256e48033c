/**
 * JSON.parse keeps the last of two equal keys without a word. In a policy that means a
 * reviewer reads the first "repository" while the second one applies, so a repeated key is
 * refused, as the YAML parser refuses it. This finds the first key that repeats within one
 * object, and its line; it runs only on text JSON.parse has accepted.
 */
export function firstDuplicateKey(text: string): { key: string; line: number } | undefined {
  /** Per open container: the keys seen so far in an object, null for an array. */
  const open: (Set<string> | null)[] = [];
  let keyNext = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (keyNext) {
        // Decoded, so "ref" and "r\u0065f" are the same key, as they are to JSON.parse.
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const keys = open.at(-1) as Set<string>;
        if (keys.has(key)) return { key, line };
        keys.add(key);
        keyNext = false;
      }
      i = end;
    } else if (ch === '{') {
      open.push(new Set());
      keyNext = true;
    } else if (ch === '[') {
      open.push(null);
    } else if (ch === '}' || ch === ']') {
      open.pop();
      keyNext = false;
    } else if (ch === ',') {
      keyNext = open.at(-1) instanceof Set;
    }
  }
  return undefined;
}
