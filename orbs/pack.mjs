#!/usr/bin/env node
// Packs the orb's sources (orb-tools layout) into one orb YAML, as `circleci orb pack` does:
// commands/, jobs/, executors/ and examples/ become maps keyed by file name, and every
// `<<include(path)>>` value is replaced by that file's content. Then it checks the structure
// that `circleci orb validate` and orb-tools' review would reject (the CircleCI CLI cannot be
// installed here), and that the CLI the orb runs is pinned to the package's version.
//
//   node orbs/pack.mjs [SRC_DIR] [--out FILE]     (default SRC_DIR: orbs/src; YAML on stdout)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(HERE, '..', 'package.json'), 'utf8'));
const ORB_NAME = 'entra-federate';

const SNAKE = /^[a-z][a-z0-9_]*$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INCLUDE = /^<<include\(([^)]+)\)>>$/;
const PARAM_REF = /<<\s*parameters\.([A-Za-z0-9_-]+)\s*>>/g;
const PARAM_TYPES = new Set(['string', 'boolean', 'integer', 'enum', 'executor', 'steps', 'env_var_name']);
// orb-tools review RC009: longer commands belong in scripts/ (shellcheck and bats reach them there).
const MAX_INLINE_COMMAND = 64;
const BUILTIN_STEPS = new Set([
  'run',
  'checkout',
  'setup_remote_docker',
  'save_cache',
  'restore_cache',
  'store_artifacts',
  'store_test_results',
  'persist_to_workspace',
  'attach_workspace',
  'add_ssh_keys',
  'when',
  'unless',
  'steps',
  'deploy',
]);

export function packOrb(srcDir) {
  const errors = [];
  const err = (where, message) => errors.push(`${where}: ${message}`);
  const readYaml = (file) => {
    try {
      return parse(readFileSync(file, 'utf8'));
    } catch (e) {
      err(relative(srcDir, file), `not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : e})`);
      return undefined;
    }
  };

  const head = existsSync(join(srcDir, '@orb.yml')) ? readYaml(join(srcDir, '@orb.yml')) : err('@orb.yml', 'missing');
  const orb = { version: 2.1, description: '', display: {} };
  if (head !== undefined) {
    if (head.version !== 2.1) err('@orb.yml', 'version must be 2.1');
    if (typeof head.description !== 'string' || head.description.trim() === '') err('@orb.yml', 'needs a description');
    for (const key of ['home_url', 'source_url']) {
      if (!/^https:\/\//.test(head.display?.[key] ?? '')) err('@orb.yml', `display.${key} must be an https URL`);
    }
    Object.assign(orb, head);
  }

  /** Every component of a kind: file name (snake_case) -> parsed YAML, includes resolved. */
  const components = (kind) => {
    const dir = join(srcDir, kind);
    if (!existsSync(dir)) return {};
    const out = {};
    for (const file of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(file)) continue;
      const name = file.replace(/\.ya?ml$/, '');
      const where = `${kind}/${file}`;
      if (!SNAKE.test(name)) err(where, `component name "${name}" must be snake_case (RC010)`);
      const body = readYaml(join(dir, file));
      if (body === undefined) continue;
      if (body === null || typeof body !== 'object') err(where, 'must be a mapping');
      else out[name] = resolveIncludes(body, where);
    }
    return out;
  };

  const resolveIncludes = (node, where) => {
    if (typeof node === 'string') {
      if (!node.includes('<<include(')) return node;
      const m = INCLUDE.exec(node.trim());
      if (m === null) {
        err(where, `<<include(...)>> must be the whole value: ${JSON.stringify(node.slice(0, 60))}`);
        return node;
      }
      const file = resolve(srcDir, m[1]);
      if (!file.startsWith(`${resolve(srcDir)}/`) || !existsSync(file)) {
        err(where, `included file ${m[1]} does not exist under the orb's src/`);
        return node;
      }
      return readFileSync(file, 'utf8');
    }
    if (Array.isArray(node)) return node.map((n) => resolveIncludes(n, where));
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveIncludes(v, where)]));
    return node;
  };

  const commands = components('commands');
  const executors = components('executors');
  const jobs = components('jobs');
  const examples = components('examples');

  // The raw sources, before includes: for the inline-command length check.
  const rawRuns = [];
  for (const kind of ['commands', 'jobs']) {
    const dir = join(srcDir, kind);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (!/\.ya?ml$/.test(file)) continue;
      try {
        collectRuns(parse(readFileSync(join(dir, file), 'utf8'))?.steps ?? [], `${kind}/${file}`, rawRuns);
      } catch {
        // Reported by components().
      }
    }
  }
  for (const { where, run } of rawRuns) {
    if (typeof run === 'string') {
      err(where, 'a run step needs a name; use the mapping form with name: and command: (RC008)');
      continue;
    }
    if (typeof run?.name !== 'string' || run.name.trim() === '') err(where, 'a run step needs a name (RC008)');
    const command = run?.command;
    if (typeof command !== 'string') err(where, 'a run step needs a command');
    else if (!INCLUDE.test(command.trim()) && command.length > MAX_INLINE_COMMAND)
      err(
        where,
        `a run command longer than ${MAX_INLINE_COMMAND} characters must come from scripts/ with <<include(...)>> (RC009)`,
      );
  }

  const checkParameters = (where, params) => {
    if (params === undefined) return {};
    if (params === null || typeof params !== 'object') {
      err(where, 'parameters must be a mapping');
      return {};
    }
    for (const [name, spec] of Object.entries(params)) {
      const at = `${where} parameter ${name}`;
      if (!SNAKE.test(name)) err(at, 'must be snake_case (RC010)');
      if (!PARAM_TYPES.has(spec?.type)) {
        err(at, `unknown type ${JSON.stringify(spec?.type)}`);
        continue;
      }
      if (typeof spec.description !== 'string' || spec.description.trim() === '') err(at, 'needs a description');
      const d = spec.default;
      if (d === undefined) continue;
      const ok = {
        string: typeof d === 'string',
        boolean: typeof d === 'boolean',
        integer: Number.isInteger(d),
        enum: Array.isArray(spec.enum) && spec.enum.includes(d),
        executor: typeof d === 'string' || (d !== null && typeof d === 'object'),
        steps: Array.isArray(d),
        env_var_name: typeof d === 'string' && ENV_VAR.test(d),
      }[spec.type];
      if (!ok)
        err(
          at,
          `default ${JSON.stringify(d)} does not fit type ${spec.type}${spec.type === 'enum' ? ` (one of ${JSON.stringify(spec.enum)})` : ''}`,
        );
    }
    return params;
  };

  /** `<< parameters.x >>` must name a declared parameter, and every parameter must be used. */
  const checkReferences = (where, body, params) => {
    const text = JSON.stringify({ ...body, parameters: undefined, description: undefined });
    const used = new Set([...text.matchAll(PARAM_REF)].map((m) => m[1]));
    for (const name of used) if (!(name in params)) err(where, `<< parameters.${name} >> is not a declared parameter`);
    for (const name of Object.keys(params))
      if (!used.has(name)) err(where, `parameter ${name} is declared but never used`);
  };

  const checkSteps = (where, steps) => {
    if (!Array.isArray(steps) || steps.length === 0) {
      err(where, 'needs a non-empty steps list');
      return;
    }
    for (const step of steps) {
      if (typeof step === 'string') {
        if (!BUILTIN_STEPS.has(step) && !(step in commands)) err(where, `unknown step ${step}`);
        continue;
      }
      const keys = Object.keys(step ?? {});
      if (keys.length !== 1) {
        err(where, `a step must have exactly one key, found ${JSON.stringify(keys)}`);
        continue;
      }
      const [key] = keys;
      const value = step[key];
      if (key === 'when' || key === 'unless') {
        if (value?.condition === undefined) err(where, `${key} needs a condition`);
        checkSteps(`${where} (${key})`, value?.steps);
      } else if (key in commands) {
        const declared = commands[key].parameters ?? {};
        for (const arg of Object.keys(value ?? {}))
          if (!(arg in declared)) err(where, `command ${key} has no parameter ${arg}`);
      } else if (!BUILTIN_STEPS.has(key)) {
        err(where, `unknown step ${key}`);
      }
    }
  };

  for (const [name, cmd] of Object.entries(commands)) {
    const where = `commands/${name}`;
    if (typeof cmd.description !== 'string') err(where, 'needs a description');
    const params = checkParameters(where, cmd.parameters);
    checkSteps(where, cmd.steps);
    checkReferences(where, cmd, params);
  }
  for (const [name, ex] of Object.entries(executors)) {
    const where = `executors/${name}`;
    if (typeof ex.description !== 'string') err(where, 'needs a description');
    if (!['docker', 'machine', 'macos'].some((k) => k in ex)) err(where, 'needs docker:, machine: or macos:');
    for (const image of ex.docker ?? []) {
      if (!/^[a-z0-9./_-]+:[^\s:]+$/.test(String(image?.image ?? '').replace(/<<\s*parameters\.[a-z_]+\s*>>/g, 'x')))
        err(where, `docker image ${JSON.stringify(image?.image)} must be pinned with a tag`);
    }
    checkReferences(where, ex, checkParameters(where, ex.parameters));
  }
  for (const [name, job] of Object.entries(jobs)) {
    const where = `jobs/${name}`;
    if (typeof job.description !== 'string') err(where, 'needs a description');
    const params = checkParameters(where, job.parameters);
    const executor = typeof job.executor === 'string' ? { name: job.executor } : job.executor;
    if (executor !== undefined) {
      if (!(executor.name in executors)) err(where, `executor ${executor.name} is not one of this orb's`);
      else
        for (const arg of Object.keys(executor).filter((k) => k !== 'name'))
          if (!(arg in (executors[executor.name].parameters ?? {})))
            err(where, `executor ${executor.name} has no parameter ${arg}`);
    } else if (!['docker', 'machine', 'macos'].some((k) => k in job))
      err(where, 'needs an executor, docker:, machine: or macos:');
    checkSteps(where, job.steps);
    checkReferences(where, job, params);
  }

  const [major, minor] = String(PACKAGE.version).split('.');
  for (const [name, ex] of Object.entries(examples)) {
    const where = `examples/${name}`;
    if (typeof ex.description !== 'string') err(where, 'needs a description');
    const usage = ex.usage;
    if (usage?.version !== 2.1) err(where, 'usage.version must be 2.1');
    const refs = Object.entries(usage?.orbs ?? {}).filter(([, ref]) =>
      String(ref).split('@')[0]?.endsWith(`/${ORB_NAME}`),
    );
    if (refs.length !== 1) {
      err(where, `usage.orbs must import this orb (<namespace>/${ORB_NAME}@version) once`);
      continue;
    }
    const [alias, ref] = refs[0];
    const version = String(ref).split('@')[1] ?? '';
    // orb-tools review RC011: examples show the current version line.
    if (!(version === PACKAGE.version || version === `${major}.${minor}` || (major !== '0' && version === major)))
      err(where, `usage imports ${ref}; show the current version (${major}.${minor} or ${PACKAGE.version})`);
    const text = JSON.stringify(usage);
    for (const m of text.matchAll(new RegExp(`"${alias}/([a-z0-9_]+)"`, 'g'))) {
      if (!(m[1] in commands) && !(m[1] in jobs) && !(m[1] in executors))
        err(where, `${alias}/${m[1]} is not a command, job or executor of this orb`);
    }
  }

  // The CLI the orb runs is exactly the package of the same release.
  const pins = [...JSON.stringify(commands).matchAll(/"EF_VERSION":"([^"]*)"/g)].map((m) => m[1]);
  if (pins.length === 0) err('commands', 'no command pins the CLI with EF_VERSION');
  for (const pin of pins)
    if (pin !== PACKAGE.version)
      err(
        'commands',
        `EF_VERSION ${pin} is not the package version ${PACKAGE.version}: the orb must run the CLI of its own release`,
      );

  // The installer the orb inlines verifies exactly that release (its pins are that release's).
  const installers = [...JSON.stringify(commands).matchAll(/"EF_INSTALLER":"((?:[^"\\]|\\.)*)"/g)].map((m) =>
    JSON.parse(`"${m[1]}"`),
  );
  for (const installer of installers) {
    const release = /^ef_release=(\S+)$/m.exec(installer)?.[1];
    if (release !== PACKAGE.version)
      err(
        'commands',
        `the inlined installer pins release ${release ?? '(none)'}, not the package version ${PACKAGE.version}: run \`npm run release:pins\``,
      );
  }

  const packed = { ...orb, commands, executors, jobs, examples };
  return { packed, errors };
}

function collectRuns(steps, where, out) {
  if (!Array.isArray(steps)) return;
  for (const step of steps) {
    if (step === 'run') out.push({ where, run: '' });
    if (step === null || typeof step !== 'object') continue;
    if ('run' in step) out.push({ where, run: step.run });
    for (const key of ['when', 'unless']) if (key in step) collectRuns(step[key]?.steps, where, out);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  if (outAt >= 0) args.splice(outAt, 2);
  const src = resolve(args[0] ?? join(HERE, 'src'));
  const { packed, errors } = packOrb(src);
  if (errors.length > 0) {
    process.stderr.write(
      `orb pack: ${errors.length} problem(s) in ${src}:\n${errors.map((e) => `  ${e}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const yaml = `# Packed from orbs/src by orbs/pack.mjs; do not edit.\n${stringify(packed, { lineWidth: 0 })}`;
  if (out === undefined) process.stdout.write(yaml);
  else {
    writeFileSync(out, yaml);
    process.stderr.write(
      `orb pack: wrote ${out} (${Object.keys(packed.commands).length} commands, ${Object.keys(packed.jobs).length} jobs, ${Object.keys(packed.executors).length} executors, ${Object.keys(packed.examples).length} examples)\n`,
    );
  }
}
