/**
 * What a CI job will present (issuer, subject, audience), from the flags of `setup github`,
 * `setup gitlab` or `setup generic`. Every rule here runs before any request, so a repository,
 * branch or subject that could never match fails with exit 2 and nothing written.
 */
import { expectedSubject } from '../ci/subjects.js';
import { usageError } from '../core/errors.js';
import type { CloudName } from '../core/options.js';
import { quote, validateAudience, validateServiceUrl } from '../core/options.js';
import { hasControlCharacter } from '../core/text.js';
import { refNameProblem } from './ref-name.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_DEFAULT_SERVER = 'https://gitlab.com';

export type JobKind = 'branch' | 'tag' | 'environment' | 'pull-request';

export interface SetupTarget {
  provider: 'github' | 'gitlab' | 'generic';
  issuer: string;
  subject: string;
  audience: string;
  /** OWNER/NAME or GROUP/PROJECT; undefined for generic. */
  repository?: string;
  kind?: JobKind;
  /** The branch, tag or environment name. */
  name?: string;
  /** The app's display name when neither --client-id nor --app-name is given. */
  defaultAppName: string;
  /** Things worth saying about the input (e.g. a refs/heads/ prefix that was dropped). */
  notes: string[];
}

export interface JobFlags {
  branch?: string | undefined;
  tag?: string | undefined;
  environment?: string | undefined;
  'pull-request'?: boolean | undefined;
}

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
/** GitLab paths: letters, digits, '_', '-', '.'; not starting with '-' or '.', nor ending in .git/.atom. */
const GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function kindOf(flags: JobFlags, allowed: readonly JobKind[], command: string): { kind: JobKind; name?: string } {
  const given: { kind: JobKind; name?: string }[] = [];
  if (flags.branch !== undefined) given.push({ kind: 'branch', name: flags.branch });
  if (flags.tag !== undefined) given.push({ kind: 'tag', name: flags.tag });
  if (flags.environment !== undefined) given.push({ kind: 'environment', name: flags.environment });
  if (flags['pull-request'] === true) given.push({ kind: 'pull-request' });
  const list = allowed.map((k) => (k === 'pull-request' ? '--pull-request' : `--${k} NAME`)).join(', ');
  const [first] = given;
  if (first === undefined || given.length > 1)
    throw usageError(
      given.length === 0 ? 'MISSING_JOB_KIND' : 'CONFLICTING_JOB_KIND',
      given.length === 0
        ? `\`setup ${command}\` needs to know which jobs may sign in.`
        : `Give only one of ${list}: one federated credential matches one kind of job.`,
      `Pass exactly one of ${list} (run setup once per kind of job).`,
    );
  return first;
}

function refName(raw: string, kind: 'branch' | 'tag', notes: string[]): string {
  const prefix = kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
  let name = raw;
  if (name.startsWith(prefix)) {
    name = name.slice(prefix.length);
    notes.push(`--${kind} ${quote(raw)} was read as the ${kind} ${quote(name)} (the subject adds ${prefix} itself).`);
  }
  const problem = refNameProblem(name, kind);
  if (problem !== undefined)
    throw usageError(
      kind === 'branch' ? 'INVALID_BRANCH' : 'INVALID_TAG',
      `The ${kind} name ${quote(raw)} is not one git accepts: ${problem}.`,
      `Give the ${kind} exactly as git shows it (git check-ref-format rules), e.g. --${kind} ${kind === 'branch' ? 'main' : 'v1.0.0'}.`,
      kind,
    );
  return name;
}

function environmentName(raw: string): string {
  if (raw.trim() === '' || raw.length > 255 || hasControlCharacter(raw))
    throw usageError(
      'INVALID_ENVIRONMENT',
      `The environment name ${quote(raw)} is empty, longer than 255 characters or holds control characters.`,
      'Give the environment exactly as the workflow names it (environment: production).',
      'environment',
    );
  return raw;
}

export function githubTarget(repo: string | undefined, flags: JobFlags, cloud: CloudName): SetupTarget {
  const [owner, name, ...rest] = (repo ?? '').split('/');
  if (
    repo === undefined ||
    owner === undefined ||
    name === undefined ||
    rest.length > 0 ||
    !GITHUB_OWNER.test(owner) ||
    !GITHUB_REPO.test(name) ||
    name === '.' ||
    name === '..'
  )
    throw usageError(
      'INVALID_REPO',
      repo === undefined ? '`setup github` needs --repo.' : `The repository ${quote(repo)} is not in OWNER/NAME form.`,
      'Pass --repo OWNER/NAME as GitHub shows it, e.g. --repo octo-org/octo-repo (the subject is case-sensitive).',
      'repo',
    );
  const notes: string[] = [];
  const job = kindOf(flags, ['branch', 'environment', 'tag', 'pull-request'], 'github');
  const repository = `${owner}/${name}`;
  let subject: string;
  let value: string | undefined;
  if (job.kind === 'pull-request') subject = expectedSubject({ provider: 'github', repository, kind: 'pull-request' });
  else {
    value = job.kind === 'environment' ? environmentName(job.name ?? '') : refName(job.name ?? '', job.kind, notes);
    subject = expectedSubject({ provider: 'github', repository, kind: job.kind, name: value });
  }
  return {
    provider: 'github',
    issuer: GITHUB_ISSUER,
    subject,
    audience: validateAudience(undefined, cloud),
    repository,
    kind: job.kind,
    ...(value === undefined ? {} : { name: value }),
    defaultAppName: `entra-federate-${owner}-${name}`,
    notes,
  };
}

export function gitlabTarget(
  project: string | undefined,
  server: string | undefined,
  flags: JobFlags,
  cloud: CloudName,
): SetupTarget {
  const segments = (project ?? '').split('/');
  if (
    project === undefined ||
    project.length > 255 ||
    segments.length < 2 ||
    !segments.every((s) => GITLAB_SEGMENT.test(s) && !/\.(git|atom)$/.test(s))
  )
    throw usageError(
      'INVALID_PROJECT',
      project === undefined
        ? '`setup gitlab` needs --project.'
        : `The project ${quote(project)} is not in GROUP/PROJECT form.`,
      'Pass --project with the full path as GitLab shows it, subgroups included, e.g. --project my-group/my-project.',
      'project',
    );
  const issuer =
    server === undefined
      ? GITLAB_DEFAULT_SERVER
      : validateServiceUrl(server, 'server', 'GitLab server', 'https://gitlab.example.com');
  const job = kindOf(flags, ['branch', 'tag', 'environment'], 'gitlab');
  if (job.kind === 'environment')
    // GitLab's subject is project_path:...:ref_type:...:ref:... and its custom components cannot
    // name the environment (https://docs.gitlab.com/ci/secrets/id_token_authentication/), so no
    // exact FIC can tell an environment's jobs from any other job on the same ref.
    throw usageError(
      'GITLAB_ENVIRONMENT_NOT_IN_SUBJECT',
      `GitLab ID tokens do not carry the environment ${quote(job.name ?? '')} in their subject (project_path:${project}:ref_type:<branch|tag>:ref:<ref>), and Entra matches only the subject.`,
      'Protect the branch or tag that deploys to this environment and pass --branch NAME or --tag NAME; the environment stays a GitLab rule (protected environments).',
      'environment',
    );
  const notes: string[] = [];
  const name = refName(job.name ?? '', job.kind === 'tag' ? 'tag' : 'branch', notes);
  const kind = job.kind === 'tag' ? 'tag' : 'branch';
  return {
    provider: 'gitlab',
    issuer,
    subject: expectedSubject({ provider: 'gitlab', project, kind, name }),
    audience: validateAudience(undefined, cloud),
    repository: project,
    kind,
    name,
    defaultAppName: `entra-federate-${segments.join('-')}`,
    notes,
  };
}

export function genericTarget(
  issuer: string | undefined,
  subject: string | undefined,
  audience: string | undefined,
  cloud: CloudName,
): SetupTarget {
  if (issuer === undefined || subject === undefined)
    throw usageError(
      'MISSING_ISSUER_OR_SUBJECT',
      '`setup generic` needs --issuer and --subject.',
      "Pass the iss and sub of the CI's tokens exactly, e.g. --issuer https://oidc.example.com --subject pipeline:42 (entra-federate verify shows them).",
    );
  // Entra compares the issuer exactly: validated as a URL, but kept as written (a trailing slash counts).
  validateServiceUrl(issuer, 'issuer', 'issuer', 'https://oidc.example.com');
  const exactIssuer = issuer.trim();
  if (subject.trim() === '' || subject.length > 600 || hasControlCharacter(subject))
    throw usageError(
      'INVALID_SUBJECT',
      `The subject ${quote(subject)} is empty, longer than 600 characters or holds control characters.`,
      "Pass the CI token's sub claim exactly (entra-federate verify prints it).",
      'subject',
    );
  const slug = subject
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return {
    provider: 'generic',
    issuer: exactIssuer,
    subject,
    audience: validateAudience(audience, cloud),
    defaultAppName: `entra-federate-${slug === '' ? 'ci' : slug}`,
    notes: [],
  };
}
