/**
 * The SHA-256 pins committed in scripts/install.sh (and its copies in the orb and the GitLab
 * component) are those of this tree's own release files: `npm pack` and `npm run build:binary`
 * rebuilt here must hash to them. Files only other runners build (darwin, windows, arm64) are
 * pinned by the release workflow, which runs the same check on each of them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  COMPONENT,
  INSTALLER,
  ORB_INSTALLER,
  packNpm,
  readPins,
  sha256,
  withComponentInstaller,
} from '../../scripts/release.mjs';
import { BINARY_NAME, BUILD_TIMEOUT_MS, CAN_BUILD_BINARY, buildBinary } from '../helpers/binary.js';
import { PACKAGE_VERSION } from '../helpers/packages.js';
import { ROOT } from './run.js';

const REFRESH =
  'run `npm run release:pins` (on Linux x64) and commit scripts/install.sh, its orb copy and templates/login.yml';
const out = mkdtempSync(join(tmpdir(), 'ef-pins-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const installer = readFileSync(join(ROOT, INSTALLER), 'utf8');
const committed = readPins(installer);

describe('the committed pins', () => {
  test('are for this version, and both copies of the installer are the same text', () => {
    expect(committed.version, REFRESH).toBe(PACKAGE_VERSION);
    expect(readFileSync(join(ROOT, ORB_INSTALLER), 'utf8'), `${ORB_INSTALLER}: ${REFRESH}`).toBe(installer);
    const component = readFileSync(join(ROOT, COMPONENT), 'utf8');
    expect(withComponentInstaller(component, installer) === component, `${COMPONENT}: ${REFRESH}`).toBe(true);
  });

  test('match `npm pack` of this tree, which is the same bytes twice', () => {
    const first = sha256(readFileSync(packNpm(join(out, 'a'))));
    const second = sha256(readFileSync(packNpm(join(out, 'b'))));
    expect(second).toBe(first);
    expect(committed.pins[`entra-federate-${PACKAGE_VERSION}.tgz`], REFRESH).toBe(first);
  }, 60_000);

  // The binary is this Node's executable plus the CLI: it reproduces with the Node the pins were
  // made with (the release workflow installs exactly that version).
  test.skipIf(!CAN_BUILD_BINARY || process.platform !== 'linux' || process.arch !== 'x64')(
    `match \`npm run build:binary\` (${BINARY_NAME})`,
    async (ctx) => {
      if (committed.nodeVersion !== process.version) {
        ctx.skip(`the pins were made with Node ${committed.nodeVersion}; this is ${process.version}`);
        return;
      }
      const binary = await buildBinary();
      expect(committed.pins[BINARY_NAME], REFRESH).toBe(sha256(readFileSync(binary)));
    },
    BUILD_TIMEOUT_MS,
  );
});
