/**
 * The doctor's judgement of a CI token against the app's federated credentials: its lifetime
 * at an injected `now`, the closest FIC first, flexible expressions, what the token alone says,
 * and the FIC that would match.
 */
import { describe, expect, test } from 'vitest';
import type { DiagnoseOptions } from '../../../src/doctor/diagnose.js';
import { diagnose } from '../../../src/doctor/diagnose.js';
import type { Fic } from '../../../src/doctor/fic.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const NOW_S = NOW / 1000;
const GITHUB = 'https://token.actions.githubusercontent.com';
const AZURE = 'api://AzureADTokenExchange';
const OPTS: DiagnoseOptions = { now: NOW, audience: AZURE, cloud: 'AzureCloud' };

/** A GitHub Actions ID token's claims, as GitHub documents them. */
function github(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: GITHUB,
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: AZURE,
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 240,
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    repository_id: '5678',
    repository_owner_id: '1234',
    event_name: 'push',
    ref: 'refs/heads/main',
    ref_type: 'branch',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    run_id: '42',
    ...overrides,
  };
}

const fic = (subject: string, extra: Partial<Fic> = {}): Fic => ({
  name: subject,
  issuer: GITHUB,
  subject,
  audiences: [AZURE],
  ...extra,
});

describe('the token lifetime, at the injected now', () => {
  test.each([
    ['valid', {}, undefined, /^Valid for another 240 s\.$/],
    ['expired', { exp: NOW_S - 120 }, 700024, /^Expired 120 s ago \(at 2026-01-01T11:58:00\.000Z\)/],
    // Expired by less than the allowed skew (60 s): still accepted.
    ['valid', { exp: NOW_S - 30 }, undefined, /^Valid/],
    ['not-yet-valid', { nbf: NOW_S + 300, iat: NOW_S + 300 }, 700024, /Not valid until 300 s from now/],
    ['no-expiry', { exp: undefined }, 50027, /no usable exp claim/],
  ] as const)('%s (%o)', (verdict, overrides, aadsts, explanation) => {
    const time = diagnose(github(overrides), [], OPTS).time;
    expect(time.verdict).toBe(verdict);
    expect(time.aadsts).toBe(aadsts);
    expect(time.explanation).toMatch(explanation);
  });

  test('a wider clock skew accepts a token that just expired', () => {
    expect(diagnose(github({ exp: NOW_S - 90 }), [], OPTS).time.verdict).toBe('expired');
    expect(diagnose(github({ exp: NOW_S - 90 }), [], { ...OPTS, skewSeconds: 120 }).time.verdict).toBe('valid');
  });
});

describe('the comparison with the FICs', () => {
  test('the FIC the user most likely meant comes first; ok only when one matches', () => {
    const fics = [
      fic('repo:octo-org/other-repo:ref:refs/heads/main', { name: 'other repo' }),
      fic('repo:octo-org/octo-repo:environment:production', { name: 'environment' }),
      fic('repo:Octo-Org/octo-repo:ref:refs/heads/main', { name: 'case' }),
    ];
    const d = diagnose(github(), fics, OPTS);
    expect(d.comparisons.map((c) => c.fic.name)).toEqual(['case', 'environment', 'other repo']);
    expect(d.comparisons[0]?.checks.map((c) => c.verdict)).toEqual(['equal', 'case-only', 'equal']);
    expect(d.comparisons.every((c) => !c.matches)).toBe(true);
    expect(d).toMatchObject({ ok: false, compared: true });

    const matching = diagnose(
      github(),
      [...fics, fic('repo:octo-org/octo-repo:ref:refs/heads/main', { name: 'main' })],
      OPTS,
    );
    expect(matching.comparisons[0]).toMatchObject({ fic: { name: 'main' }, matches: true });
    expect(matching.ok).toBe(true);
  });

  test('a matching FIC does not make an expired token ok', () => {
    const d = diagnose(github({ exp: NOW_S - 600 }), [fic('repo:octo-org/octo-repo:ref:refs/heads/main')], OPTS);
    expect(d.comparisons[0]?.matches).toBe(true);
    expect(d.ok).toBe(false);
  });

  test('an issuer or audience difference counts against a FIC', () => {
    const d = diagnose(
      github(),
      [
        fic('repo:octo-org/octo-repo:ref:refs/heads/main', { name: 'slash', issuer: `${GITHUB}/` }),
        fic('repo:octo-org/octo-repo:ref:refs/heads/main', {
          name: 'usgov',
          audiences: ['api://AzureADTokenExchangeUSGov'],
        }),
      ],
      OPTS,
    );
    const byName = Object.fromEntries(d.comparisons.map((c) => [c.fic.name, c.checks.map((x) => x.verdict)]));
    expect(byName).toEqual({
      slash: ['trailing-slash', 'equal', 'equal'],
      usgov: ['equal', 'equal', 'other-cloud-audience'],
    });
    expect(d.ok).toBe(false);
  });

  test('flexible FICs: matched, not matched, and syntax the doctor does not evaluate', () => {
    const flexible = (expression: string, name: string): Fic => ({
      name,
      issuer: GITHUB,
      audiences: [AZURE],
      claimsMatchingExpression: expression,
    });
    const d = diagnose(
      github(),
      [
        flexible("claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'", 'any branch'),
        flexible("claims['sub'] matches 'repo:octo-org/octo-repo:environment:*'", 'any environment'),
        flexible("claims['sub'] startswith 'repo:'", 'unknown syntax'),
      ],
      OPTS,
    );
    const subjectOf = (name: string) =>
      d.comparisons.find((c) => c.fic.name === name)?.checks.find((c) => c.field === 'subject');
    expect(subjectOf('any branch')).toMatchObject({ verdict: 'matches-expression' });
    expect(subjectOf('any environment')).toMatchObject({ verdict: 'different', aadsts: 700213 });
    expect(subjectOf('unknown syntax')).toMatchObject({ verdict: 'not-checked' });
    expect(d.ok).toBe(true);
  });

  test('without FICs there is nothing to compare: ok is the lifetime alone', () => {
    expect(diagnose(github(), [], OPTS)).toMatchObject({ compared: false, ok: true, comparisons: [] });
  });
});

describe('what the token alone says', () => {
  test('the claims a GitHub subject is built from are shown beside it', () => {
    const d = diagnose(github({ environment: 'production' }), [], OPTS);
    expect(d.provider).toBe('github');
    expect(d.subjectClaims).toEqual({
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      repository_id: '5678',
      repository_owner_id: '1234',
      environment: 'production',
      event_name: 'push',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    });
  });

  test.each([
    [
      "another cloud's audience",
      github({ aud: 'api://AzureADTokenExchangeUSGov' }),
      "The CI token's audience is AzureUSGovernment's standard one (api://AzureADTokenExchangeUSGov), not AzureCloud's standard audience api://AzureADTokenExchange. Request the CI token with api://AzureADTokenExchange (leave --audience out, or pass --cloud) and give the federated credential that audience; the suggestion below does.",
    ],
    [
      'an audience this run does not ask for',
      github({ aud: 'https://github.com/octo-org' }),
      'The CI token\'s audience "https://github.com/octo-org" is not AzureCloud\'s standard audience api://AzureADTokenExchange (a typo in --audience?). Request the CI token with api://AzureADTokenExchange (leave --audience out, or pass --cloud) and give the federated credential that audience; the suggestion below does.',
    ],
    [
      "GitHub's immutable subject",
      github({ sub: 'repo:octo-org@1234/octo-repo@5678:ref:refs/heads/main' }),
      "The subject uses GitHub's immutable form (owner@id/repo@id): FICs written with names do not match it.",
    ],
    [
      'a custom subject template',
      github({ sub: 'repository_owner_id:1234:repository_id:5678' }),
      'The subject does not start with repo:: a custom subject template (include_claim_keys) is in use for this organization or repository.',
    ],
    [
      'an environment the subject does not name',
      github({ environment: 'production' }),
      'The job runs in the environment "production" but the subject does not name it (custom template).',
    ],
    [
      'a GitHub Enterprise issuer',
      github({ iss: `${GITHUB}/octo-enterprise` }),
      `The issuer is ${GITHUB}/octo-enterprise: a GitHub Enterprise Server, GHE.com or enterprise-slug issuer. The FIC must hold it exactly, and Entra must reach its /.well-known/openid-configuration (AADSTS501661 otherwise).`,
    ],
    [
      'CircleCI subjects name the triggering user',
      {
        iss: 'https://oidc.circleci.com/org/o1',
        sub: 'org/o1/project/p1/user/u1',
        aud: AZURE,
        exp: NOW_S + 60,
        'oidc.circleci.com/org-id': 'o1',
      },
      'CircleCI subjects name the user who triggered the pipeline: runs by other users present other subjects.',
    ],
  ])('%s', (_what, claims, observation) => {
    expect(diagnose(claims, [], OPTS).observations).toContain(observation);
  });

  test('a plain GitHub token on the right audience raises nothing', () => {
    expect(diagnose(github(), [], OPTS).observations).toEqual([]);
  });

  test('the FIC that would match this run is suggested, for the audience the token carries', () => {
    const d = diagnose(github(), [], OPTS);
    expect(d.suggestion).toMatchObject({
      issuer: GITHUB,
      subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      audiences: [AZURE],
      flexible: { claimsMatchingExpression: "claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'" },
    });
    expect(diagnose(github({ sub: undefined }), [], OPTS).suggestion).toBeUndefined();
  });
});
