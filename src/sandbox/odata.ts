// The small part of OData's $filter that Graph and ARM clients send for set-up:
// `name eq 'value'` and `fn('arg', ...)` clauses joined by `and`; '' escapes a quote.
// https://learn.microsoft.com/graph/filter-query-parameter

export type FilterClause =
  | { kind: 'eq'; property: string; value: string }
  | { kind: 'call'; name: string; args: string[] };

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: string };

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError('an unterminated string literal');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'string', text: value });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      const match = /^[A-Za-z_][\w/.-]*/.exec(text.slice(i));
      if (!match) throw new FilterSyntaxError(`an unexpected character '${c}' at position ${i}`);
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

/** The clauses of a filter, all of which must hold. */
export function parseFilter(text: string): FilterClause[] {
  const tokens = tokenize(text);
  const clauses: FilterClause[] = [];
  let i = 0;
  const next = (): Token | undefined => tokens[i++];
  for (;;) {
    const head = next();
    if (head?.kind !== 'word') throw new FilterSyntaxError('a property or function name was expected');
    const op = next();
    if (op?.kind === 'word' && op.text.toLowerCase() === 'eq') {
      const value = next();
      if (value?.kind !== 'string') throw new FilterSyntaxError(`a quoted value was expected after '${head.text} eq'`);
      clauses.push({ kind: 'eq', property: head.text, value: value.text });
    } else if (op?.kind === 'punct' && op.text === '(') {
      const args: string[] = [];
      let t = next();
      // Arguments are quoted values or property names (startswith(displayName,'x')).
      while (t?.kind === 'string' || t?.kind === 'word') {
        args.push(t.text);
        t = next();
        if (t?.kind === 'punct' && t.text === ',') t = next();
      }
      if (t?.kind !== 'punct' || t.text !== ')') throw new FilterSyntaxError(`'${head.text}(' is not closed`);
      clauses.push({ kind: 'call', name: head.text, args });
    } else {
      throw new FilterSyntaxError(`only 'eq' comparisons and function calls are supported after '${head.text}'`);
    }
    const joiner = next();
    if (joiner === undefined) return clauses;
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and')
      throw new FilterSyntaxError("clauses must be joined with 'and'");
  }
}
