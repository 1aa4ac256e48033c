/**
 * The doctor's judgement: a CI token's claims beside the app's federated credentials, a
 * verdict per field for each FIC (best candidate first), what the token alone says (expired,
 * custom subject, another cloud's audience), and the FIC that would match this run.
 */
import { issuingCi, subjectHints } from '../ci/subjects.js';
import type { JwtClaims } from '../core/jwt.js';
import { audienceClaim, numericClaim, stringClaim } from '../core/jwt.js';
import { CLOUDS } from '../core/options.js';
import type { CloudName } from '../core/options.js';
import { needsEscaping } from '../core/text.js';
import type { FieldCheck } from './compare.js';
import { compareAudience, compareIssuer, compareSubject } from './compare.js';
import type { Fic } from './fic.js';
import { matchesExpression } from './fic.js';
import type { FicSuggestion } from './suggest.js';
import { suggestFic } from './suggest.js';

export interface FicComparison {
  fic: Fic;
  checks: FieldCheck[];
  matches: boolean;
}

export interface TimeCheck {
  verdict: 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry';
  explanation: string;
  aadsts?: number;
}

export interface Diagnosis {
  provider?: string;
  claims: { iss?: string; sub?: string; aud?: string | string[]; exp?: number; iat?: number; nbf?: number };
  /** The claims that make up the subject for this CI (e.g. repository, environment, ref). */
  subjectClaims: Record<string, string>;
  time: TimeCheck;
  /** Best candidate first; empty when no FIC was given. */
  comparisons: FicComparison[];
  /** True when a FIC matches and the token is within its lifetime. */
  ok: boolean;
  /** Whether FICs were given at all: without them there is nothing to compare. */
  compared: boolean;
  observations: string[];
  suggestion?: FicSuggestion;
}

export interface DiagnoseOptions {
  now: number;
  /** The audience the run asks for (from --audience or the cloud). */
  audience: string;
  cloud: CloudName;
  /** Allowed clock skew, seconds. */
  skewSeconds?: number;
}

/** Claims that GitHub, GitLab and CircleCI build their subjects from, shown beside the subject. */
const SUBJECT_CLAIMS: Record<string, readonly string[]> = {
  github: [
    'repository',
    'repository_owner',
    'repository_id',
    'repository_owner_id',
    'environment',
    'event_name',
    'ref',
    'ref_type',
    'job_workflow_ref',
  ],
  gitlab: [
    'project_path',
    'project_id',
    'namespace_path',
    'ref_type',
    'ref',
    'ref_protected',
    'environment',
    'pipeline_source',
    'user_id',
  ],
  circleci: [
    'oidc.circleci.com/org-id',
    'oidc.circleci.com/project-id',
    'oidc.circleci.com/vcs-origin',
    'oidc.circleci.com/vcs-ref',
    'oidc.circleci.com/context-ids',
  ],
};

function timeCheck(claims: JwtClaims, now: number, skew: number): TimeCheck {
  const exp = numericClaim(claims, 'exp');
  const nbf = numericClaim(claims, 'nbf') ?? numericClaim(claims, 'iat');
  const nowSec = now / 1000;
  if (exp === undefined)
    return {
      verdict: 'no-expiry',
      explanation: 'The token has no usable exp claim (missing, or not a date); Entra rejects it.',
      aadsts: 50027,
    };
  if (exp <= nowSec - skew) {
    return {
      verdict: 'expired',
      explanation: `Expired ${Math.round(nowSec - exp)} s ago (at ${new Date(exp * 1000).toISOString()}). CI tokens live minutes: request a fresh one right before the exchange, and check the runner's clock.`,
      aadsts: 700024,
    };
  }
  if (nbf !== undefined && nbf > nowSec + skew) {
    return {
      verdict: 'not-yet-valid',
      explanation: `Not valid until ${Math.round(nbf - nowSec)} s from now: this machine's clock is behind the CI's. Sync the clock (NTP).`,
      aadsts: 700024,
    };
  }
  return { verdict: 'valid', explanation: `Valid for another ${Math.round(exp - nowSec)} s.` };
}

function compareFic(fic: Fic, claims: JwtClaims): FicComparison {
  const iss = stringClaim(claims, 'iss') ?? '';
  const sub = stringClaim(claims, 'sub') ?? '';
  const checks: FieldCheck[] = [];
  if (fic.issuer !== undefined) checks.push(compareIssuer(iss, fic.issuer));
  if (fic.claimsMatchingExpression !== undefined) {
    const ok = matchesExpression(fic.claimsMatchingExpression, claims);
    checks.push({
      field: 'subject',
      token: sub,
      fic: fic.claimsMatchingExpression,
      verdict: ok === true ? 'matches-expression' : ok === undefined ? 'not-checked' : 'different',
      explanation:
        ok === true
          ? 'Matches the flexible expression.'
          : ok === undefined
            ? 'This expression uses syntax the doctor does not evaluate; Entra decides.'
            : "The token's claims do not match the flexible expression.",
      ...(ok === false ? { aadsts: 700213 } : {}),
    });
  } else if (fic.subject !== undefined) {
    checks.push(compareSubject(sub, fic.subject));
  }
  if (fic.audiences !== undefined) checks.push(compareAudience(audienceClaim(claims), fic.audiences, iss));
  const matches =
    checks.length > 0 &&
    checks.every((c) => c.verdict === 'equal' || c.verdict === 'matches-expression' || c.verdict === 'not-checked');
  return { fic, checks, matches };
}

/** How far apart a field is: a typo-sized difference is closer than a different kind of run. */
const DISTANCE: Partial<Record<FieldCheck['verdict'], number>> = {
  equal: 0,
  'matches-expression': 0,
  'not-checked': 0,
  'case-only': 1,
  'trailing-slash': 1,
  'pull-request-hyphen': 1,
  'other-repository': 8,
  different: 8,
};

/** Closest first: the FIC the user most likely meant to match. */
function rank(c: FicComparison): number {
  return c.checks.reduce(
    (sum, x) => sum + (DISTANCE[x.verdict] ?? 3) + (x.field === 'issuer' && x.verdict !== 'equal' ? 2 : 0),
    0,
  );
}

/** CircleCI's default token is for the organization id: its design, not a typo. */
function circleciOrgId(claims: JwtClaims): string | undefined {
  return /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)$/.exec(stringClaim(claims, 'iss') ?? '')?.[1];
}

/**
 * The audience a FIC for this run should hold: the token's when it is the cloud's standard one
 * (or CircleCI's org id); otherwise the standard one, because a typo in --audience must not be
 * copied into Entra. `nonStandard` is the token's audience when it was replaced.
 */
function ficAudience(claims: JwtClaims, opts: DiagnoseOptions): { audience: string; nonStandard?: string } {
  const aud = audienceClaim(claims);
  const tokenAud = Array.isArray(aud) ? aud[0] : aud;
  const standard = CLOUDS[opts.cloud].audience;
  if (tokenAud === undefined) return { audience: opts.audience };
  if (tokenAud === standard || tokenAud === circleciOrgId(claims)) return { audience: tokenAud };
  return { audience: standard, nonStandard: tokenAud };
}

function audienceObservation(nonStandard: string, opts: DiagnoseOptions): string {
  const standard = CLOUDS[opts.cloud].audience;
  const cloud = (Object.keys(CLOUDS) as CloudName[]).find((c) => CLOUDS[c].audience === nonStandard);
  const what =
    cloud === undefined
      ? `The CI token's audience ${JSON.stringify(nonStandard)} is not ${opts.cloud}'s standard audience ${standard} (a typo in --audience?).`
      : `The CI token's audience is ${cloud}'s standard one (${nonStandard}), not ${opts.cloud}'s standard audience ${standard}.`;
  return `${what} Request the CI token with ${standard} (leave --audience out, or pass --cloud) and give the federated credential that audience; the suggestion below does.`;
}

function observe(claims: JwtClaims, provider: string | undefined, opts: DiagnoseOptions): string[] {
  const out: string[] = [];
  const aud = audienceClaim(claims);
  const auds = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  const { nonStandard } = ficAudience(claims, opts);
  if (nonStandard !== undefined) {
    // First: every other reading (and the suggested FIC) depends on the audience being right.
    out.push(audienceObservation(nonStandard, opts));
  } else if (!auds.includes(opts.audience)) {
    const cloud = (Object.keys(CLOUDS) as CloudName[]).find((c) => auds.includes(CLOUDS[c].audience));
    out.push(
      cloud !== undefined && cloud !== opts.cloud
        ? `The token's audience is ${cloud}'s (${CLOUDS[cloud].audience}) but this run targets ${opts.cloud} (${opts.audience}).`
        : `The token's audience (${auds.join(', ') || 'none'}) is not the one this run asks for (${opts.audience}); the FIC must hold the token's.`,
    );
  }
  const sub = stringClaim(claims, 'sub') ?? '';
  if (provider === 'github') {
    if (/^repo:[^:]+@\d+\/[^:]+@\d+:/.test(sub))
      out.push("The subject uses GitHub's immutable form (owner@id/repo@id): FICs written with names do not match it.");
    else if (!sub.startsWith('repo:'))
      out.push(
        'The subject does not start with repo:: a custom subject template (include_claim_keys) is in use for this organization or repository.',
      );
    const env = stringClaim(claims, 'environment');
    if (env !== undefined && !sub.includes(':environment:'))
      out.push(`The job runs in the environment "${env}" but the subject does not name it (custom template).`);
    const iss = stringClaim(claims, 'iss') ?? '';
    if (iss !== 'https://token.actions.githubusercontent.com' && iss.startsWith('https://'))
      out.push(
        `The issuer is ${iss}: a GitHub Enterprise Server, GHE.com or enterprise-slug issuer. The FIC must hold it exactly, and Entra must reach its /.well-known/openid-configuration (AADSTS501661 otherwise).`,
      );
  }
  if (provider === 'gitlab' && !sub.startsWith('project_path:'))
    out.push('The subject does not start with project_path:: the project customised its subject components.');
  if (provider === 'circleci')
    out.push('CircleCI subjects name the user who triggered the pipeline: runs by other users present other subjects.');
  const hints = provider === undefined ? undefined : subjectHints(claims);
  if (hints !== undefined && hints.stability === 'per-run')
    out.push(`${provider}'s default subject changes on every run; an exact FIC cannot match the next one.`);
  return out;
}

function holdsUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return needsEscaping(value);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsUnsafeText);
  return false;
}

export function diagnose(claims: JwtClaims, fics: Fic[], opts: DiagnoseOptions): Diagnosis {
  const provider = issuingCi(claims);
  const skew = opts.skewSeconds ?? 60;
  const time = timeCheck(claims, opts.now, skew);
  const comparisons = fics.map((fic) => compareFic(fic, claims)).sort((a, b) => rank(a) - rank(b));
  const subjectClaims: Record<string, string> = {};
  for (const name of SUBJECT_CLAIMS[provider ?? ''] ?? []) {
    const value = claims[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      subjectClaims[name] = String(value);
  }
  const summary: Diagnosis['claims'] = {};
  const iss = stringClaim(claims, 'iss');
  const sub = stringClaim(claims, 'sub');
  const aud = audienceClaim(claims);
  if (iss !== undefined) summary.iss = iss;
  if (sub !== undefined) summary.sub = sub;
  if (aud !== undefined) summary.aud = aud;
  for (const name of ['exp', 'iat', 'nbf'] as const) {
    const v = numericClaim(claims, name);
    if (v !== undefined) summary[name] = v;
  }
  const audience = ficAudience(claims, opts);
  // A suggested FIC is printed as commands to paste: none is made from a claim that would need escaping.
  const suggested = suggestFic(claims, provider, audience.audience);
  const suggestion = suggested !== undefined && holdsUnsafeText(suggested) ? undefined : suggested;
  if (suggestion !== undefined && audience.nonStandard !== undefined)
    suggestion.replacesAudience = audience.nonStandard;
  const diagnosis: Diagnosis = {
    claims: summary,
    subjectClaims,
    time,
    comparisons,
    compared: fics.length > 0,
    ok: time.verdict === 'valid' && (fics.length === 0 || comparisons.some((c) => c.matches)),
    observations: observe(claims, provider, opts),
  };
  if (provider !== undefined) diagnosis.provider = provider;
  if (suggestion !== undefined) diagnosis.suggestion = suggestion;
  return diagnosis;
}
