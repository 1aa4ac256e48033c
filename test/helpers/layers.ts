/**
 * The layer rule of src/, as data, and the checks that hold the code to it (test/architecture.test.ts).
 * CONTRIBUTING.md ("Layers") states the same table in words: change both together.
 *
 * A unit is a folder directly under src/ (a sub-folder belongs to its parent: handoff/identity-endpoint/
 * is part of handoff), except entry/, whose sub-folders are units of their own (one per adapter, plus
 * entry/shared) and whose files (the bootstraps bundled into dist/) form the unit `entry`. A file
 * directly under src/ is a unit named after it (`index` is the library's export).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/** What each unit may import besides itself. Anything not listed is refused, so the table is the rule. */
const BELOW_ENTRY = ['core', 'ci', 'policy', 'doctor', 'audit', 'verify', 'handoff'] as const;
const ADAPTERS = ['entry/cli', 'entry/github', 'entry/drone', 'entry/identity'] as const;

export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  ci: ['core'],
  policy: ['core'],
  doctor: ['core', 'ci', 'policy'],
  audit: ['core', 'ci', 'policy'],
  verify: ['core', 'ci', 'policy'],
  handoff: ['core', 'ci', 'policy'],
  // Independent of the client on purpose: a fair peer for the tests.
  sandbox: [],
  index: BELOW_ENTRY,
  globals: [],
  'entry/shared': BELOW_ENTRY,
  'entry/cli': ['entry/shared', ...BELOW_ENTRY, 'sandbox'],
  'entry/github': ['entry/shared', ...BELOW_ENTRY],
  'entry/drone': ['entry/shared', ...BELOW_ENTRY],
  'entry/identity': ['entry/shared', ...BELOW_ENTRY],
  entry: [...ADAPTERS, 'entry/shared', ...BELOW_ENTRY],
};

/** The unit of a path relative to src/ (posix separators), e.g. 'entry/cli/token.ts' -> 'entry/cli'. */
export function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return (parts[0] ?? '').replace(/(\.d)?\.ts$/, '');
  if (parts[0] === 'entry') return parts.length === 2 ? 'entry' : `entry/${parts[1]}`;
  return parts[0] ?? '';
}

export interface ImportSite {
  /** As written in the source. */
  specifier: string;
  /** 1-based. */
  line: number;
  kind: 'import' | 'import type' | 'export from' | 'import()' | 'import type()';
}

/**
 * Every module a file names: static imports and re-exports (type-only included), dynamic import()
 * calls and `import('x')` types. A dynamic import whose module is not a string literal cannot be
 * checked and is returned with the specifier '<expression>'.
 */
export function importsOf(text: string, fileName = 'file.ts'): ImportSite[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: ImportSite[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, kind: ImportSite['kind']): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    out.push({
      specifier: specifier !== undefined && ts.isStringLiteralLike(specifier) ? specifier.text : '<expression>',
      line,
      kind,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true ? 'import type' : 'import');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      add(node, node.moduleSpecifier, 'export from');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'import');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], 'import()');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, 'import type()');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** One import between two files of src/ (paths relative to src/, posix). */
export interface Edge {
  from: string;
  to: string;
  site: ImportSite;
}

export interface Graph {
  files: string[];
  edges: Edge[];
  /** Imports that cannot be placed: an expression, or a relative path that leaves src/. */
  unresolved: { from: string; site: ImportSite; why: string }[];
}

const posix = (path: string): string => path.split(sep).join('/');

/** The import graph of the .ts files under `srcDir`, or of a synthetic tree ({ path: source }). */
export function importGraph(srcDir: string | Readonly<Record<string, string>>): Graph {
  const sources: Record<string, string> = {};
  if (typeof srcDir === 'string') {
    for (const entry of readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const full = join(entry.parentPath, entry.name);
      sources[posix(relative(srcDir, full))] = readFileSync(full, 'utf8');
    }
  } else Object.assign(sources, srcDir);
  const graph: Graph = { files: Object.keys(sources).sort(), edges: [], unresolved: [] };
  for (const from of graph.files) {
    for (const site of importsOf(sources[from] ?? '', from)) {
      if (site.specifier === '<expression>') {
        graph.unresolved.push({ from, site, why: 'names its module by an expression, which cannot be checked' });
        continue;
      }
      if (!site.specifier.startsWith('.')) continue; // node: builtins and bundled packages
      const target = posix(normalize(join(dirname(from), site.specifier))).replace(/\.js$/, '.ts');
      if (target.startsWith('../')) {
        graph.unresolved.push({ from, site, why: 'reaches outside src/' });
        continue;
      }
      graph.edges.push({ from, to: target, site });
    }
  }
  return graph;
}

const show = (edge: { from: string; site: ImportSite }): string =>
  `src/${edge.from}:${edge.site.line} ${edge.site.kind} '${edge.site.specifier}'`;

/** One message per import that breaks the table, naming the file, the import and the rule. */
export function layerViolations(graph: Graph, layers: Readonly<Record<string, readonly string[]>> = LAYERS): string[] {
  const out: string[] = [];
  for (const file of graph.files) {
    const unit = unitOf(file);
    if (layers[unit] === undefined)
      out.push(`src/${file} is in no layer: add "${unit}" to the table (test/helpers/layers.ts and CONTRIBUTING.md).`);
  }
  for (const u of graph.unresolved) out.push(`${show(u)} ${u.why}.`);
  for (const edge of graph.edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    const allowed = layers[from];
    if (from === to || allowed === undefined || allowed.includes(to)) continue;
    out.push(
      `${show(edge)} reaches ${to}: ${from} may import ${allowed.length === 0 ? 'nothing outside itself' : `only ${allowed.join(', ')}`}.`,
    );
  }
  return out;
}

/**
 * Cycles between units (Tarjan's strongly connected components), each with the imports that
 * close it. Independent of the table: a table edited into a loop is caught here too.
 */
export function unitCycles(graph: Graph): string[] {
  const next = new Map<string, Map<string, Edge>>();
  for (const edge of graph.edges) {
    const a = unitOf(edge.from);
    const b = unitOf(edge.to);
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Map());
    if (!next.has(b)) next.set(b, new Map());
    const targets = next.get(a);
    if (targets !== undefined && !targets.has(b)) targets.set(b, edge);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return components.map((component) => {
    const inside = new Set(component);
    const ties = component.flatMap((a) =>
      [...(next.get(a)?.entries() ?? [])]
        .filter(([b]) => inside.has(b))
        .map(([b, edge]) => `${a} -> ${b} (${show(edge)})`),
    );
    return `cycle between ${component.join(', ')}: ${ties.join('; ')}`;
  });
}
