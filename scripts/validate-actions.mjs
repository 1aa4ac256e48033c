// Validates every GitHub workflow (.github/workflows/*.yml) and action.yml against GitHub's
// schemas with @action-validator/cli (run by .ci/run).
//
// The validator's newest release (0.6.0) carries a schema older than two things GitHub accepts
// today and this repository uses: `runs.using: node24` (JavaScript actions on Node 24) and the
// `attestations` permission (for actions/attest-build-provenance). Each file is validated as it
// is, except that those two are mapped to what the schema knows (node20; the permission left
// out), and every mapping is printed, so that nothing else is waived.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VALIDATOR = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');

const files = [
  join(ROOT, 'action.yml'),
  ...readdirSync(join(ROOT, '.github/workflows'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(ROOT, '.github/workflows', f)),
];

/** The document with what the schema predates mapped; returns the notes. */
function adapt(doc, notes) {
  if (doc?.runs?.using === 'node24') {
    doc.runs.using = 'node20';
    notes.push('runs.using node24 validated as node20');
  }
  const dropAttestations = (where, permissions) => {
    if (permissions !== null && typeof permissions === 'object' && 'attestations' in permissions) {
      delete permissions.attestations;
      notes.push(`${where}permissions.attestations left out`);
    }
  };
  dropAttestations('', doc?.permissions);
  for (const [name, job] of Object.entries(doc?.jobs ?? {})) dropAttestations(`jobs.${name}.`, job?.permissions);
  return doc;
}

const work = mkdtempSync(join(tmpdir(), 'ef-validate-'));
let failed = 0;
try {
  for (const file of files) {
    const notes = [];
    const copy = join(work, basename(file));
    writeFileSync(copy, stringify(adapt(parse(readFileSync(file, 'utf8')), notes), { lineWidth: 0 }));
    const res = spawnSync(process.execPath, [VALIDATOR, copy], { encoding: 'utf8' });
    const name = file.slice(ROOT.length);
    if (res.status === 0) console.log(`ok   ${name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    else {
      failed++;
      console.log(`FAIL ${name}\n${res.stdout}${res.stderr}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed === 0 ? 0 : 1;
