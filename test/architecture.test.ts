/**
 * The layers of src/ (CONTRIBUTING.md, "Layers"): every import of every file under src/, static,
 * type-only or dynamic, resolved to its unit and held against the table in test/helpers/layers.ts;
 * and no cycle between units. The second half feeds the same checks synthetic trees, so a check
 * that stopped seeing violations would fail here too.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { importGraph, importsOf, LAYERS, layerViolations, unitCycles, unitOf } from './helpers/layers.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

describe('src/', () => {
  const graph = importGraph(SRC);

  test('reads the whole tree', () => {
    // A reader that found nothing would pass every rule.
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.length).toBeGreaterThan(300);
    expect(graph.edges.some((e) => e.site.kind === 'import()')).toBe(true);
    expect(graph.edges.some((e) => e.site.kind === 'import type')).toBe(true);
  });

  test('every import keeps to the layer table', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  test('no cycle between units', () => {
    expect(unitCycles(graph)).toEqual([]);
  });

  test('the table itself has no cycle and every unit in it exists', () => {
    const units = new Set(graph.files.map(unitOf));
    for (const [unit, allowed] of Object.entries(LAYERS)) {
      expect(units, `the table names ${unit}, which src/ does not have`).toContain(unit);
      for (const other of allowed) expect(LAYERS[other], `${unit} may import ${other}, which has no row`).toBeDefined();
    }
    const everything: Record<string, string> = {};
    for (const [unit, allowed] of Object.entries(LAYERS))
      everything[`${unit}/x.ts`] = allowed.map((other) => `import '../${other}/x.js';`).join('\n');
    // Every allowed import at once, as if each were made: still no cycle.
    expect(unitCycles(importGraph(everything))).toEqual([]);
  });
});

describe('the checks catch what they must', () => {
  test('imports of every kind are read, and none from comments or strings', () => {
    const sites = importsOf(
      [
        "import { a } from '../core/a.js';",
        "import type { B } from '../ci/b.js';",
        "export { c } from './c.js';",
        "export type * from './t.js';",
        "const d = await import('../doctor/d.js');",
        "type E = typeof import('../audit/e.js');",
        'const f = await import(name);',
        "// import '../verify/comment.js';",
        'const s = "import(\'../verify/string.js\')";',
      ].join('\n'),
    );
    expect(sites.map((s) => [s.kind, s.specifier, s.line])).toEqual([
      ['import', '../core/a.js', 1],
      ['import type', '../ci/b.js', 2],
      ['export from', './c.js', 3],
      ['export from', './t.js', 4],
      ['import()', '../doctor/d.js', 5],
      ['import type()', '../audit/e.js', 6],
      ['import()', '<expression>', 7],
    ]);
  });

  test('a folder that imports one above it is named with the file, the import and the rule', () => {
    const graph = importGraph({
      'core/exchange.ts': "import type { CiContext } from '../ci/types.js';",
      'ci/types.ts': '',
      'handoff/az.ts': "const { render } = await import('../entry/shared/render.js');",
      'entry/shared/render.ts': '',
      'sandbox/server.ts': "import { quote } from '../core/options.js';",
      'core/options.ts': '',
      'entry/cli/token.ts': "import { runner } from '../github/runner.js';",
      'entry/github/runner.ts': '',
    });
    expect(layerViolations(graph)).toEqual([
      "src/core/exchange.ts:1 import type '../ci/types.js' reaches ci: core may import nothing outside itself.",
      "src/entry/cli/token.ts:1 import '../github/runner.js' reaches entry/github: entry/cli may import only entry/shared, core, ci, policy, doctor, audit, verify, handoff, sandbox.",
      "src/handoff/az.ts:1 import() '../entry/shared/render.js' reaches entry/shared: handoff may import only core, ci, policy.",
      "src/sandbox/server.ts:1 import '../core/options.js' reaches core: sandbox may import nothing outside itself.",
    ]);
  });

  test('a file outside every layer, an unreadable import and one that leaves src/ are refused', () => {
    const graph = importGraph({
      'session/run.ts': '',
      'core/a.ts': "const m = await import(name);\nimport '../../package.json';",
    });
    expect(layerViolations(graph)).toEqual([
      'src/session/run.ts is in no layer: add "session" to the table (test/helpers/layers.ts and CONTRIBUTING.md).',
      "src/core/a.ts:1 import() '<expression>' names its module by an expression, which cannot be checked.",
      "src/core/a.ts:2 import '../../package.json' reaches outside src/.",
    ]);
  });

  test('a cycle between folders is found even where the table would allow both directions', () => {
    const graph = importGraph({
      'action/failure.ts': "import { renderError } from '../entry/cli/render.js';",
      'entry/cli/render.ts': '',
      'entry/cli/token.ts': "import { formatCommand } from '../../action/commands.js';",
      'action/commands.ts': '',
      'core/a.ts': '',
    });
    const permissive = { action: ['entry/cli', 'core'], 'entry/cli': ['action', 'core'], core: [] };
    expect(layerViolations(graph, permissive)).toEqual([]);
    expect(unitCycles(graph)).toEqual([
      "cycle between action, entry/cli: action -> entry/cli (src/action/failure.ts:1 import '../entry/cli/render.js'); entry/cli -> action (src/entry/cli/token.ts:1 import '../../action/commands.js')",
    ]);
  });

  test('units: sub-folders belong to their folder, except under entry/', () => {
    expect(unitOf('handoff/identity-endpoint/server.ts')).toBe('handoff');
    expect(unitOf('entry/cli/token.ts')).toBe('entry/cli');
    expect(unitOf('entry/action.ts')).toBe('entry');
    expect(unitOf('index.ts')).toBe('index');
    expect(unitOf('globals.d.ts')).toBe('globals');
  });
});
