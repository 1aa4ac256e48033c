// The snippets `setup` prints are valid YAML of the right shape (parsed, not grepped), and the
// doctor line is one the CLI takes.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { SetupReport } from '../../../src/setup/run.js';
import { doctorCommand, snippetFor } from '../../../src/setup/snippet.js';
import type { SetupTarget } from '../../../src/setup/target.js';
import { genericTarget, githubTarget, gitlabTarget } from '../../../src/setup/target.js';

const ctx = {
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  cloud: 'AzureCloud' as const,
  version: '0.1.0',
};
const AUD = 'api://AzureADTokenExchange';

function reportFor(t: SetupTarget): SetupReport {
  return {
    dryRun: false,
    target: {
      provider: t.provider,
      issuer: t.issuer,
      subject: t.subject,
      audience: t.audience,
      ...(t.repository && { repository: t.repository }),
      ...(t.kind && { kind: t.kind }),
      ...(t.name && { name: t.name }),
    },
    app: { clientId: ctx.clientId, status: 'created' },
    servicePrincipal: { status: 'created' },
    federatedCredential: {
      name: 'n',
      issuer: t.issuer,
      subject: t.subject,
      audiences: [t.audience],
      description: '',
      status: 'created',
    },
    roleAssignments: [],
    writes: [],
    notes: [],
  };
}

describe('GitHub workflow', () => {
  test.each([
    [{ branch: 'release/1.0' }, { push: { branches: ['release/1.0'] } }],
    [{ tag: 'v1' }, { push: { tags: ['v1'] } }],
    [{ 'pull-request': true }, 'pull_request'],
  ])('%j', (flags, on) => {
    const s = snippetFor(reportFor(githubTarget('o/r', flags, 'AzureCloud')), ctx, AUD);
    const doc = parse(s.text);
    expect(doc.on).toEqual(on);
    expect(doc.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    expect(doc.jobs.deploy.steps[0].with).toEqual({ 'client-id': ctx.clientId, 'tenant-id': ctx.tenantId });
  });

  test('an environment with YAML-special characters stays one string; another cloud is named', () => {
    const s = snippetFor(
      reportFor(githubTarget('o/r', { environment: 'prod: eu #1' }, 'AzureUSGovernment')),
      { ...ctx, cloud: 'AzureUSGovernment', authorityHost: 'https://login.microsoftonline.us' },
      'api://AzureADTokenExchangeUSGov',
    );
    const doc = parse(s.text);
    expect(doc.jobs.deploy.environment).toBe('prod: eu #1');
    expect(doc.jobs.deploy.steps[0].with).toMatchObject({
      cloud: 'AzureUSGovernment',
      'authority-host': 'https://login.microsoftonline.us',
    });
  });
});

test('GitLab: the component include and a rule for the ref', () => {
  const doc = parse(snippetFor(reportFor(gitlabTarget('g/p', undefined, { tag: 'v1' }, 'AzureCloud')), ctx, AUD).text);
  expect(doc.include[0]).toEqual({
    component: '$CI_SERVER_FQDN/<group>/entra-federate/login@0.1.0',
    inputs: { client_id: ctx.clientId, tenant_id: ctx.tenantId },
  });
  expect(doc.deploy.extends).toBe('.entra-federate');
  expect(doc.deploy.rules).toEqual([{ if: '$CI_COMMIT_TAG == "v1"' }]);
});

test('generic: the CLI line with a non-default audience, and the doctor line', () => {
  const r = reportFor(genericTarget('https://ci.example.com', "pipeline:it's", 'api://custom', 'AzureCloud'));
  expect(snippetFor(r, ctx, AUD).text).toBe(
    `entra-federate login --client-id ${ctx.clientId} --tenant-id ${ctx.tenantId} --audience api://custom --id-token-env <VARIABLE_HOLDING_THE_CI_TOKEN>`,
  );
  expect(doctorCommand(r, ctx, AUD)).toContain(`--expect-subject 'pipeline:it'\\''s'`);
});
