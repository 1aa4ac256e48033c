/**
 * A CI token requested with a mistyped audience (`--audience api://AzureADTokenExchangeX`) must
 * not lead the doctor to suggest a federated credential holding the typo: it says first that
 * the audience is not the cloud's standard one, and suggests the standard one. CircleCI's
 * org-id audience is CircleCI's design, not a typo.
 */
import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import type { CloudName } from '../../../src/core/options.js';
import { diagnose } from '../../../src/doctor/diagnose.js';
import { failureReading } from '../../../src/doctor/explain.js';
import { renderDiagnosis } from '../../../src/doctor/render.js';

const NOW = 1_800_000_000_000;
const now = NOW / 1000;
const GITHUB = 'https://token.actions.githubusercontent.com';
const CIRCLE_ORG = 'c9b2a7e5-4d1f-4a3b-9c8d-2f1e0a9b8c7d';

const github = (aud: string) => ({
  iss: GITHUB,
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud,
  iat: now - 10,
  exp: now + 290,
  repository: 'octo-org/octo-repo',
  ref: 'refs/heads/main',
});

const circleci = (aud: string) => ({
  iss: `https://oidc.circleci.com/org/${CIRCLE_ORG}`,
  sub: `org/${CIRCLE_ORG}/project/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/user/1d2c3b4a-0000-4000-8000-00000000aaaa`,
  aud,
  iat: now - 10,
  exp: now + 290,
  'oidc.circleci.com/org-id': CIRCLE_ORG,
  'oidc.circleci.com/project-id': '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
});

describe.each([
  ['AzureCloud', 'api://AzureADTokenExchangeX', 'api://AzureADTokenExchange'],
  ['AzureUSGovernment', 'api://AzureADTokenExchangeUSGovv', 'api://AzureADTokenExchangeUSGov'],
  ['AzureChinaCloud', 'api://azureadtokenexchangechina', 'api://AzureADTokenExchangeChina'],
  ['AzureCloud', 'api://AzureADTokenExchangeUSGov', 'api://AzureADTokenExchange'],
] as const)('%s, token audience %s', (cloud: CloudName, typo, standard) => {
  const d = diagnose(github(typo), [], { now: NOW, audience: typo, cloud });

  test('the first observation says the audience is not the standard one', () => {
    expect(d.observations[0]).toContain(typo);
    expect(d.observations[0]).toContain(standard);
    expect(d.observations[0]).toMatch(/standard/);
  });

  test('the suggested FIC holds the standard audience, never the typo', () => {
    expect(d.suggestion?.audiences).toEqual([standard]);
    const text = renderDiagnosis(d, { cloud });
    expect(text).not.toMatch(new RegExp(`"audiences":\\["${typo}"\\]`));
    expect(text).toContain(`"audiences":["${standard}"]`);
    expect(text.indexOf(typo)).toBeLessThan(text.indexOf('az ad app federated-credential create'));
  });
});

test('a standard audience brings no such observation, and the suggestion keeps it', () => {
  const d = diagnose(github('api://AzureADTokenExchange'), [], {
    now: NOW,
    audience: 'api://AzureADTokenExchange',
    cloud: 'AzureCloud',
  });
  expect(d.observations.join(' ')).not.toMatch(/standard/);
  expect(d.suggestion?.audiences).toEqual(['api://AzureADTokenExchange']);
});

describe('CircleCI', () => {
  test("the org-id audience is CircleCI's design: kept, and no typo is reported", () => {
    const d = diagnose(circleci(CIRCLE_ORG), [], { now: NOW, audience: CIRCLE_ORG, cloud: 'AzureCloud' });
    expect(d.observations.join(' ')).not.toMatch(/not .*standard/);
    expect(d.suggestion?.audiences).toEqual([CIRCLE_ORG]);
  });

  test('a mistyped audience on CircleCI is reported like anywhere else', () => {
    const d = diagnose(circleci('api://AzureADTokenExchang'), [], {
      now: NOW,
      audience: 'api://AzureADTokenExchang',
      cloud: 'AzureCloud',
    });
    expect(d.observations[0]).toContain('api://AzureADTokenExchange');
    expect(d.suggestion?.audiences).toEqual(['api://AzureADTokenExchange']);
  });
});

test('the automatic reading after a failed exchange says it first too', () => {
  const typo = 'api://AzureADTokenExchangeX';
  const err = new FederationError('NO_MATCHING_FIC', 'AADSTS70021: no match', { remedy: 'r', aadsts: 70021 });
  err.claims = github(typo);
  err.request = {
    clientId: '11111111-2222-3333-4444-555555555555',
    tenantId: '00000000-0000-0000-0000-000000000001',
    cloud: 'AzureCloud',
    audience: typo,
  };
  const reading = failureReading(err, NOW);
  expect(reading?.diagnosis.observations[0]).toContain('api://AzureADTokenExchange');
  expect(reading?.diagnosis.suggestion?.audiences).toEqual(['api://AzureADTokenExchange']);
});
