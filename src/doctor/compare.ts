/**
 * Field-by-field comparison of a CI token with one federated credential, naming the kind of
 * difference people actually hit rather than just "not equal". Entra compares issuer, subject
 * and audience exactly and case-sensitively, so any difference at all fails the exchange.
 */
import { CLOUDS } from '../core/options.js';

export type Field = 'issuer' | 'subject' | 'audience';

export type Verdict =
  | 'equal'
  | 'matches-expression'
  | 'case-only'
  | 'trailing-slash'
  | 'pull-request-hyphen'
  | 'environment-vs-branch'
  | 'branch-vs-environment'
  | 'pull-request-vs-branch'
  | 'branch-vs-pull-request'
  | 'tag-vs-branch'
  | 'branch-vs-tag'
  | 'other-branch'
  | 'other-environment'
  | 'other-repository'
  | 'other-kind'
  | 'immutable-vs-name'
  | 'name-vs-immutable'
  | 'custom-template'
  | 'gitlab-ref-type'
  | 'gitlab-other-ref'
  | 'gitlab-custom-components'
  | 'circleci-other-user'
  | 'circleci-token-version'
  | 'enterprise-issuer'
  | 'other-cloud-audience'
  | 'circleci-org-audience'
  | 'not-checked'
  | 'different';

export interface FieldCheck {
  field: Field;
  /** What the CI token holds. */
  token: string;
  /** What the FIC holds. */
  fic: string;
  verdict: Verdict;
  /** One or two sentences: why they differ and what to change. */
  explanation: string;
  /** The AADSTS code Entra answers with for this difference. */
  aadsts?: number;
}

// Environment names encode ':' as %3A and git refs cannot hold ':', so a further ':' means more claims.
const GITHUB_CONTEXT = /^(environment:[^:]+|pull_request|ref:refs\/(?:heads|tags)\/[^:]+)$/;

function check(
  field: Field,
  token: string,
  fic: string,
  verdict: Verdict,
  explanation: string,
  aadsts?: number,
): FieldCheck {
  return { field, token, fic, verdict, explanation, ...(aadsts === undefined ? {} : { aadsts }) };
}

export function compareIssuer(token: string, fic: string): FieldCheck {
  if (token === fic) return check('issuer', token, fic, 'equal', 'Equal.');
  if (token.replace(/\/+$/, '') === fic.replace(/\/+$/, '')) {
    return check(
      'issuer',
      token,
      fic,
      'trailing-slash',
      `Differ only by a trailing slash. Set the FIC issuer to exactly ${token} (as the token says it).`,
      700211,
    );
  }
  if (token.toLowerCase() === fic.toLowerCase()) {
    return check(
      'issuer',
      token,
      fic,
      'case-only',
      `Differ only in letter case; issuers are compared case-sensitively. Use ${token}.`,
      700211,
    );
  }
  const gh = 'https://token.actions.githubusercontent.com';
  if (
    (token.startsWith(`${gh}/`) && fic.replace(/\/+$/, '') === gh) ||
    (fic.startsWith(`${gh}/`) && token.replace(/\/+$/, '') === gh)
  ) {
    return check(
      'issuer',
      token,
      fic,
      'enterprise-issuer',
      "One side uses the GitHub Enterprise Cloud unique issuer (…/<enterprise-slug>) and the other the standard one. The FIC must hold the issuer the token carries, which the enterprise's OIDC setting (include_enterprise_slug) decides.",
      700211,
    );
  }
  return check(
    'issuer',
    token,
    fic,
    'different',
    `Different issuers: the FIC trusts ${fic} but this token comes from ${token}.`,
    700211,
  );
}

function cloudOfAudience(aud: string): string | undefined {
  return Object.entries(CLOUDS).find(([, info]) => info.audience === aud)?.[0];
}

export function compareAudience(
  tokenAud: string | string[] | undefined,
  ficAudiences: string[],
  issuer: string | undefined,
): FieldCheck {
  const tokenList = tokenAud === undefined ? [] : Array.isArray(tokenAud) ? tokenAud : [tokenAud];
  const token = tokenList.join(', ');
  const fic = ficAudiences[0] ?? '';
  if (fic !== '' && tokenList.includes(fic)) return check('audience', token, fic, 'equal', 'Equal.');
  if (fic !== '' && tokenList.some((a) => a.toLowerCase() === fic.toLowerCase())) {
    return check(
      'audience',
      token,
      fic,
      'case-only',
      'Differ only in letter case; audiences are compared case-sensitively.',
      700212,
    );
  }
  const tokenCloud = tokenList.map(cloudOfAudience).find((c) => c !== undefined);
  const ficCloud = cloudOfAudience(fic);
  if (tokenCloud !== undefined && ficCloud !== undefined) {
    return check(
      'audience',
      token,
      fic,
      'other-cloud-audience',
      `The token was requested for ${tokenCloud}'s audience but the FIC holds ${ficCloud}'s. Pass --cloud ${ficCloud} (or --audience ${fic}), or fix the FIC.`,
      700212,
    );
  }
  const orgId = /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)$/.exec(issuer ?? '')?.[1];
  if (orgId !== undefined && tokenList.includes(orgId)) {
    return check(
      'audience',
      token,
      fic,
      'circleci-org-audience',
      `CircleCI's default audience is the organization id. entra-federate mints a token with audience ${fic} through \`circleci run oidc get\` when the CircleCI CLI is on the path; otherwise set the FIC audience to ${orgId}.`,
      700212,
    );
  }
  return check(
    'audience',
    token,
    fic,
    'different',
    `The token's audience is ${token || '(none)'} but the FIC holds ${fic}. Request the token with --audience ${fic}, or change the FIC.`,
    700212,
  );
}

/** Splits `repo:<owner>/<repo>:<context>`, keeping `owner@id/repo@id` immutable forms intact. */
function githubParts(sub: string): { repo: string; context: string } | undefined {
  const m = /^repo:([^:]+\/[^:]+):(.+)$/.exec(sub);
  return m === null ? undefined : { repo: m[1] ?? '', context: m[2] ?? '' };
}

const stripIds = (repo: string): string => repo.replace(/@\d+/g, '');
const isImmutable = (repo: string): boolean => /@\d+\/[^/]+@\d+$/.test(repo);

function kindOf(context: string): 'environment' | 'pull_request' | 'branch' | 'tag' | 'other' {
  if (context.startsWith('environment:')) return 'environment';
  if (context === 'pull_request' || context === 'pull-request') return 'pull_request';
  if (context.startsWith('ref:refs/heads/')) return 'branch';
  if (context.startsWith('ref:refs/tags/')) return 'tag';
  return 'other';
}

function githubSubject(token: string, fic: string): FieldCheck | undefined {
  const t = githubParts(token);
  const f = githubParts(fic);
  if (
    t === undefined &&
    f !== undefined &&
    /(^|:)(job_workflow_ref|repository_owner|repository|workflow|context|environment|ref):/.test(token)
  ) {
    return check(
      'subject',
      token,
      fic,
      'custom-template',
      "This token's subject follows a custom template (the organization or repository set include_claim_keys), not repo:<owner>/<repo>:…. The FIC must hold the custom form, or reset the template with use_default: true.",
      700213,
    );
  }
  if (t === undefined || f === undefined) return undefined;
  if (!GITHUB_CONTEXT.test(t.context) && GITHUB_CONTEXT.test(f.context)) {
    return check(
      'subject',
      token,
      fic,
      'custom-template',
      'The subject starts like the default but carries extra claims (a custom template with keys such as repo, context, job_workflow_ref). The FIC must hold the whole custom subject.',
      700213,
    );
  }
  if (t.repo !== f.repo) {
    if (stripIds(t.repo) === stripIds(f.repo)) {
      return isImmutable(t.repo)
        ? check(
            'subject',
            token,
            fic,
            'immutable-vs-name',
            'GitHub issues the immutable form repo:<owner>@<owner_id>/<repo>@<repo_id> for this repository (created or renamed after 2026-07-15, or opted in), but the FIC holds the name form. Put the id form in the FIC.',
            700213,
          )
        : check(
            'subject',
            token,
            fic,
            'name-vs-immutable',
            "The FIC holds the immutable owner@id/repo@id form (the Azure portal now generates it) but this repository's tokens use the name form. Opt the repository in to immutable subjects, or use the name form in the FIC.",
            700213,
          );
    }
    if (t.repo.toLowerCase() !== f.repo.toLowerCase()) {
      return check(
        'subject',
        token,
        fic,
        'other-repository',
        `The FIC is for repository ${f.repo}, this token for ${t.repo}.`,
        700213,
      );
    }
    // Same repository but for case: fall through to the context, case is reported last.
  }
  const tk = kindOf(t.context);
  const fk = kindOf(f.context);
  if (t.context === f.context) return undefined;
  const envName = t.context.slice('environment:'.length);
  if (tk === 'environment' && fk === 'branch')
    return check(
      'subject',
      token,
      fic,
      'environment-vs-branch',
      `The job references the environment "${envName}", so GitHub puts environment:${envName} in the subject instead of the branch. Add a FIC for the environment subject (it is the stronger boundary), or drop environment: from the job.`,
      700213,
    );
  if (tk === 'branch' && fk === 'environment')
    return check(
      'subject',
      token,
      fic,
      'branch-vs-environment',
      `The FIC expects a job in the environment "${f.context.slice('environment:'.length)}", but this job references no environment. Add \`environment: ${f.context.slice('environment:'.length)}\` to the job.`,
      700213,
    );
  if (tk === 'pull_request' && fk !== 'pull_request')
    return check(
      'subject',
      token,
      fic,
      'pull-request-vs-branch',
      'pull_request events always get the subject repo:<owner>/<repo>:pull_request, whatever the branch. Add a FIC with that subject if pull requests should have access (forks never get a token).',
      700213,
    );
  if ((tk === 'branch' || tk === 'tag') && fk === 'pull_request')
    return check(
      'subject',
      token,
      fic,
      'branch-vs-pull-request',
      `The FIC is for pull_request events, but this run's subject is ${t.context}.`,
      700213,
    );
  if (tk === 'tag' && fk === 'branch')
    return check(
      'subject',
      token,
      fic,
      'tag-vs-branch',
      `This run is for the tag ${t.context.slice('ref:refs/tags/'.length)}, but the FIC names a branch. Add a FIC for the tag subject (or a flexible FIC for refs/tags/*).`,
      700213,
    );
  if (tk === 'branch' && fk === 'tag')
    return check(
      'subject',
      token,
      fic,
      'branch-vs-tag',
      `This run is for the branch ${t.context.slice('ref:refs/heads/'.length)}, but the FIC names a tag.`,
      700213,
    );
  if (tk === 'branch' && fk === 'branch' && t.context.toLowerCase() !== f.context.toLowerCase())
    return check(
      'subject',
      token,
      fic,
      'other-branch',
      `The FIC is for the branch ${f.context.slice('ref:refs/heads/'.length)}, this run for ${t.context.slice('ref:refs/heads/'.length)}.`,
      700213,
    );
  if (tk === 'environment' && fk === 'environment' && t.context.toLowerCase() !== f.context.toLowerCase())
    return check(
      'subject',
      token,
      fic,
      'other-environment',
      `The FIC is for the environment ${f.context.slice('environment:'.length)}, this job runs in ${envName}.`,
      700213,
    );
  if (tk !== fk && tk !== 'other' && fk !== 'other') {
    const describeKind = (k: string, ctx: string): string =>
      k === 'environment'
        ? `the environment ${ctx.slice('environment:'.length)}`
        : k === 'pull_request'
          ? 'pull_request events'
          : `the ${k} ${ctx.replace(/^ref:refs\/(heads|tags)\//, '')}`;
    return check(
      'subject',
      token,
      fic,
      'other-kind',
      `The FIC is for ${describeKind(fk, f.context)}, but this run's subject is for ${describeKind(tk, t.context)}.${f.context === 'pull-request' ? ' (The FIC also spells pull-request with a hyphen; GitHub sends pull_request.)' : ''}`,
      700213,
    );
  }
  return undefined;
}

function gitlabParts(sub: string): Record<string, string> | undefined {
  const m = /^project_path:(.+):ref_type:(branch|tag):ref:(.+)$/.exec(sub);
  return m === null ? undefined : { project: m[1] ?? '', refType: m[2] ?? '', ref: m[3] ?? '' };
}

function gitlabSubject(token: string, fic: string): FieldCheck | undefined {
  const t = gitlabParts(token);
  const f = gitlabParts(fic);
  if (
    f !== undefined &&
    t === undefined &&
    /^(project_id|namespace_id|project_path|ref_type|ref|environment|user_id):/.test(token)
  ) {
    return check(
      'subject',
      token,
      fic,
      'gitlab-custom-components',
      'This project customised its subject (ci_id_token_sub_claim_components, e.g. project_id first). The FIC must hold the custom form.',
      700213,
    );
  }
  if (t === undefined || f === undefined) return undefined;
  if (t['project'] !== f['project'] && t['project']?.toLowerCase() !== f['project']?.toLowerCase())
    return check(
      'subject',
      token,
      fic,
      'other-repository',
      `The FIC is for project ${f['project']}, this token for ${t['project']}.`,
      700213,
    );
  if (t['refType'] !== f['refType'])
    return check(
      'subject',
      token,
      fic,
      'gitlab-ref-type',
      `This pipeline runs for a ${t['refType']} but the FIC names a ${f['refType']} (ref_type:${f['refType']}).`,
      700213,
    );
  if (t['ref'] !== f['ref'] && t['ref']?.toLowerCase() !== f['ref']?.toLowerCase())
    return check(
      'subject',
      token,
      fic,
      'gitlab-other-ref',
      `The FIC is for ${f['refType']} ${f['ref']}, this pipeline for ${t['ref']}.`,
      700213,
    );
  return undefined;
}

function circleciSubject(token: string, fic: string): FieldCheck | undefined {
  const re = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(\/vcs-origin\/.+)?$/;
  const t = re.exec(token);
  const f = re.exec(fic);
  if (t === null || f === null) return undefined;
  if (t[1] === f[1] && t[2] === f[2] && t[3] !== f[3]) {
    return check(
      'subject',
      token,
      fic,
      'circleci-other-user',
      `CircleCI subjects hold the id of the user who triggered the pipeline: this run was triggered by ${t[3]}, the FIC names ${f[3]}. Each triggering user needs an exact FIC (at most 20 per app; flexible FICs do not cover CircleCI).`,
      700213,
    );
  }
  if (t[1] === f[1] && t[2] === f[2] && t[3] === f[3] && (t[4] === undefined) !== (f[4] === undefined)) {
    return check(
      'subject',
      token,
      fic,
      'circleci-token-version',
      'One side uses the v2 subject (with /vcs-origin/…/vcs-ref/…) and the other the v1 form. CIRCLE_OIDC_TOKEN_V2 carries the long form, CIRCLE_OIDC_TOKEN the short one.',
      700213,
    );
  }
  return undefined;
}

export function compareSubject(token: string, fic: string): FieldCheck {
  if (token === fic) return check('subject', token, fic, 'equal', 'Equal.');
  if (fic.includes(':pull-request') && fic.replace(':pull-request', ':pull_request') === token) {
    return check(
      'subject',
      token,
      fic,
      'pull-request-hyphen',
      "The FIC says pull-request (a typo found in Microsoft's documentation); GitHub sends pull_request with an underscore.",
      700213,
    );
  }
  const specific = githubSubject(token, fic) ?? gitlabSubject(token, fic) ?? circleciSubject(token, fic);
  if (specific !== undefined) return specific;
  if (token.toLowerCase() === fic.toLowerCase()) {
    return check(
      'subject',
      token,
      fic,
      'case-only',
      'Differ only in letter case (organisation, repository or environment names); subjects are compared case-sensitively since 2024. Copy the subject exactly as the token has it.',
      7002138,
    );
  }
  return check(
    'subject',
    token,
    fic,
    'different',
    "Different subjects; the FIC must hold the token's subject exactly.",
    700213,
  );
}
