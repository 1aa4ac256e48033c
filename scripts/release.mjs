// The release's files and the pins that verify them.
//
//   node scripts/release.mjs [--out DIR] [--no-build] [--check]
//
// 1. Builds into DIR (default build/release) the npm package (`npm pack`) and this platform's
//    standalone binary (`npm run build:binary`); with --no-build it takes the files already in DIR
//    (the release workflow collects there the binaries built on each platform's runner).
// 2. Writes DIR/SHA256SUMS (`sha256sum -c` format) over every entra-federate-* file in DIR.
// 3. Writes those hashes as the pins of scripts/install.sh, and the same installer into its two
//    copies: the orb's (orbs/src/scripts/install.sh, inlined by <<include(...)>>) and the GitLab
//    component's before_script (templates/login.yml); then copies install.sh into DIR.
//    Files built elsewhere are pinned only when they are in DIR: run on Linux x64, it pins the npm
//    package and linux-x64, which any Linux x64 machine with the same Node rebuilds byte for byte.
//    --check writes nothing and exits 1 when a committed file differs from what it would write.
//    --complete (the release workflow, with every platform's binary in DIR) adds the pins that
//    only other runners can make, and fails if a pin committed in the tree differs from or is
//    missing in what was built: the files published are then exactly the ones the tree pins.
//
// Both builds are reproducible: npm pack stamps every entry with a fixed date and normalised
// modes, and the binary is Node's own executable plus a blob without V8 code cache (see
// scripts/build-binary.mjs), so a rebuild of the same tree with the same Node gives the same hashes.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryName, buildBinary } from './build-binary.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
export const INSTALLER = 'scripts/install.sh';
export const ORB_INSTALLER = 'orbs/src/scripts/install.sh';
export const COMPONENT = 'templates/login.yml';
const PINS = /^( *)# BEGIN PINS[^\n]*\n[\s\S]*?# END PINS\n/m;
const COMPONENT_COPY = /( *)# BEGIN entra-federate install\.sh[^\n]*\n[\s\S]*?# END entra-federate install\.sh\n/;

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The release file names, in a stable order: the npm package, then binaries by name. */
export function releaseFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /^entra-federate-/.test(f) && !f.endsWith('.stamp'))
    .sort((a, b) => (a.endsWith('.tgz') === b.endsWith('.tgz') ? a.localeCompare(b) : a.endsWith('.tgz') ? -1 : 1));
}

/** SHA256SUMS text: "<hex>  <name>" lines, as sha256sum writes and `sha256sum -c` reads. */
export function sha256sums(pins) {
  return Object.entries(pins)
    .map(([name, hex]) => `${hex}  ${name}\n`)
    .join('');
}

/** The installer's pins block for a version: one case arm per pinned file. */
export function pinsBlock(version, pins, nodeVersion = process.version) {
  const arms = Object.entries(pins).map(([name, hex]) => {
    if (!/^entra-federate-[\w.-]+$/.test(name) || !/^[0-9a-f]{64}$/.test(hex)) throw new Error(`bad pin ${name}`);
    return `    ${name}) echo ${hex} ;;\n`;
  });
  return (
    "# BEGIN PINS (written by scripts/release.mjs from the release's SHA256SUMS; do not edit)\n" +
    `# binaries built with Node ${nodeVersion}\n` +
    `ef_release=${version}\n` +
    'ef_pin() {\n' +
    '  case $1 in\n' +
    arms.join('') +
    "    *) echo '' ;;\n" +
    '  esac\n' +
    '}\n' +
    '# END PINS\n'
  );
}

/** Any text holding the installer (install.sh, the orb's copy, the component) with its pins replaced. */
export function withPins(text, version, pins, nodeVersion) {
  if (!PINS.test(text)) throw new Error('no "# BEGIN PINS ... # END PINS" block');
  // Indented as the block it replaces (the component holds the installer in a YAML block).
  return text.replace(PINS, (_block, indent) => pinsBlock(version, pins, nodeVersion).replace(/^(?=.)/gm, indent));
}

/** The pins an installer text holds: { version, nodeVersion, pins: { name: hex } }. */
export function readPins(text) {
  const block = PINS.exec(text)?.[0] ?? '';
  return {
    version: /^ef_release=(\S+)$/m.exec(block)?.[1],
    nodeVersion: /^# binaries built with Node (\S+)$/m.exec(block)?.[1],
    pins: Object.fromEntries(
      [...block.matchAll(/^ {4}(entra-federate-\S+)\) echo ([0-9a-f]{64}) ;;$/gm)].map((m) => [m[1], m[2]]),
    ),
  };
}

/** The GitLab component with the installer inlined (indented) as the first before_script entry. */
export function withComponentInstaller(component, installer) {
  const m = COMPONENT_COPY.exec(component);
  if (m === null) throw new Error(`${COMPONENT}: no "# BEGIN entra-federate install.sh ... # END" block`);
  const indent = m[1] ?? '';
  const body = installer
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n')
    .replace(/\n+$/, '\n');
  return component.replace(
    COMPONENT_COPY,
    () =>
      `${indent}# BEGIN entra-federate install.sh (copied from scripts/install.sh by scripts/release.mjs; do not edit)\n${body}${indent}# END entra-federate install.sh\n`,
  );
}

/** What the release would write: { path relative to the root: content }. */
export function plannedFiles(pins, nodeVersion = process.version) {
  const installer = withPins(readFileSync(join(ROOT, INSTALLER), 'utf8'), VERSION, pins, nodeVersion);
  return {
    [INSTALLER]: installer,
    [ORB_INSTALLER]: installer,
    [COMPONENT]: withComponentInstaller(readFileSync(join(ROOT, COMPONENT), 'utf8'), installer),
  };
}

/** npm pack of this tree into dir (scripts off: nothing of the tree runs). */
export function packNpm(dir) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `entra-federate-${VERSION}.tgz`);
  rmSync(file, { force: true });
  const res = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (res.status !== 0 || !existsSync(file)) throw new Error(`npm pack failed: ${res.stderr}`);
  return file;
}

export async function release({
  out = join(ROOT, 'build/release'),
  build = true,
  check = false,
  complete = false,
} = {}) {
  mkdirSync(out, { recursive: true });
  if (build) {
    packNpm(out);
    // Built (or reused) in build/, shared with the tests, then copied.
    const { path } = await buildBinary();
    copyFileSync(path, join(out, binaryName()));
  }
  const pins = Object.fromEntries(releaseFiles(out).map((f) => [f, sha256(readFileSync(join(out, f)))]));
  if (!Object.keys(pins).some((f) => f.endsWith('.tgz'))) throw new Error(`no npm package in ${out}`);
  if (complete) {
    const committed = readPins(readFileSync(join(ROOT, INSTALLER), 'utf8'));
    const wrong = Object.entries(committed.pins).filter(([name, hex]) => pins[name] !== hex);
    if (committed.version !== VERSION || wrong.length > 0)
      throw new Error(
        `the tree's pins for ${committed.version} do not match the files built for ${VERSION}: ${
          wrong.map(([name]) => name).join(', ') || 'version'
        } (a build that is not reproducible, or pins not refreshed before the tag)`,
      );
  }
  const planned = plannedFiles(pins);
  const differs = Object.entries(planned)
    .filter(([file, text]) => !existsSync(join(ROOT, file)) || readFileSync(join(ROOT, file), 'utf8') !== text)
    .map(([file]) => file);
  if (!check) {
    for (const [file, text] of Object.entries(planned)) writeFileSync(join(ROOT, file), text);
    writeFileSync(join(out, 'SHA256SUMS'), sha256sums(pins));
    copyFileSync(join(ROOT, INSTALLER), join(out, 'install.sh'));
  }
  return { out, pins, differs };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const check = args.includes('--check');
  try {
    const { out, pins, differs } = await release({
      ...(outAt >= 0 ? { out: resolve(args[outAt + 1] ?? '') } : {}),
      build: !args.includes('--no-build'),
      check,
      complete: args.includes('--complete'),
    });
    for (const [name, hex] of Object.entries(pins)) process.stderr.write(`${hex}  ${name}\n`);
    if (check && differs.length > 0) {
      process.stderr.write(
        `release: the committed pins or installer copies are stale: ${differs.join(', ')}\n` +
          '  run `npm run release:pins` on Linux x64 with the Node that builds the release, and commit.\n',
      );
      process.exitCode = 1;
    } else if (check) process.stderr.write('release: the committed pins match this tree\n');
    else
      process.stderr.write(
        `release: wrote ${relative(ROOT, out)}/SHA256SUMS, ${relative(ROOT, out)}/install.sh${
          differs.length > 0 ? `; updated ${differs.join(', ')}` : ''
        }\n`,
      );
  } catch (err) {
    process.stderr.write(`release: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
