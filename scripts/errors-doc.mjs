// Writes docs/errors.md from the error catalogue (src/core/error-catalogue.ts). The renderer is
// TypeScript, so it is bundled in memory with esbuild (as the build does) and imported from
// that bundle; nothing is written but the page. test/unit/core/error-catalogue.test.ts fails
// when the committed page is not what this writes.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { outputFiles } = await build({
  entryPoints: [`${root}scripts/render-errors-doc.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const bundle = outputFiles[0]?.text ?? '';
const { renderErrorsDoc } = await import(`data:text/javascript;base64,${Buffer.from(bundle).toString('base64')}`);
await mkdir(`${root}docs`, { recursive: true });
await writeFile(`${root}docs/errors.md`, renderErrorsDoc());
console.log('wrote docs/errors.md');
