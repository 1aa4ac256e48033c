/**
 * The FIC the doctor suggests, and the three ways it prints it (az, Microsoft Graph,
 * Terraform), plus a flexible FIC where Entra supports one:
 * https://learn.microsoft.com/graph/api/resources/federatedidentitycredentials-overview
 */
import { describe, expect, test } from 'vitest';
import {
  azCommand,
  ficName,
  flexibleRequest,
  graphHost,
  graphRequest,
  suggestFic,
  terraformBlock,
} from '../../../src/doctor/suggest.js';

const AZURE = 'api://AzureADTokenExchange';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const GITHUB_MAIN = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
};

/** Undoes POSIX single quoting: what the shell hands az as one argument. */
function shellWord(quoted: string): string {
  expect(quoted).toMatch(/^'.*'$/s);
  return quoted.slice(1, -1).replace(/'\\''/g, "'");
}

describe('suggestFic', () => {
  test('a GitHub branch: the exact FIC, and a flexible one for any branch', () => {
    expect(suggestFic(GITHUB_MAIN, 'github', AZURE)).toEqual({
      name: 'github-octo-org-octo-repo-ref-refs-heads-main',
      issuer: GITHUB_MAIN.iss,
      subject: GITHUB_MAIN.sub,
      audiences: [AZURE],
      description: `Created for ${GITHUB_MAIN.sub} (suggested by entra-federate doctor)`,
      flexible: {
        claimsMatchingExpression: "claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'",
        why: 'any branch of this repository',
      },
    });
  });

  test('a GitLab branch gets a flexible FIC for the project; a quote in the path is escaped', () => {
    const s = suggestFic(
      { iss: 'https://gitlab.com', sub: "project_path:grp/it's:ref_type:branch:ref:main" },
      'gitlab',
      'https://gitlab.com',
    );
    expect(s?.flexible?.claimsMatchingExpression).toBe(
      "claims['sub'] matches 'project_path:grp/it\\'s:ref_type:branch:ref:*'",
    );
  });

  test('pull requests, environments and tags get only the exact FIC', () => {
    for (const context of ['pull_request', 'environment:production', 'ref:refs/tags/v1']) {
      const s = suggestFic({ ...GITHUB_MAIN, sub: `repo:octo-org/octo-repo:${context}` }, 'github', AZURE);
      expect(s?.subject).toBe(`repo:octo-org/octo-repo:${context}`);
      expect(s?.flexible).toBeUndefined();
    }
  });

  test('CircleCI, Buildkite and Bitbucket say why one exact FIC is not enough', () => {
    const circle = suggestFic(
      { iss: 'https://oidc.circleci.com/org/o1', sub: 'org/o1/project/p1/user/u1' },
      'circleci',
      'o1',
    );
    expect(circle?.caveat).toContain('user who triggered the pipeline');
    for (const provider of ['buildkite', 'bitbucket'])
      expect(suggestFic({ iss: 'https://ci.example', sub: 'x:1' }, provider, AZURE)?.caveat).toContain(
        'changes on every run',
      );
    expect(suggestFic(GITHUB_MAIN, 'github', AZURE)?.caveat).toBeUndefined();
  });

  test('nothing to suggest without an issuer and a subject', () => {
    expect(suggestFic({ sub: GITHUB_MAIN.sub }, 'github', AZURE)).toBeUndefined();
    expect(suggestFic({ iss: GITHUB_MAIN.iss }, 'github', AZURE)).toBeUndefined();
  });
});

test('ficName: a URL-friendly slug of 3 to 120 characters', () => {
  expect(ficName('gitlab', 'project_path:grp/proj:ref_type:branch:ref:main')).toBe(
    'gitlab-grp-proj-ref-type-branch-ref-main',
  );
  expect(ficName(undefined, 'x')).toBe('ci-x');
  expect(ficName('a', '!')).toBe('a-fic');
  const long = ficName('github', `repo:o/${'r'.repeat(300)}:ref:refs/heads/main`);
  expect(long.length).toBeLessThanOrEqual(120);
  expect(long).toMatch(/^[a-z0-9-]+[a-z0-9]$/);
});

describe('how the suggestion is printed', () => {
  const s = suggestFic({ ...GITHUB_MAIN, sub: "repo:octo-org/it's:ref:refs/heads/main" }, 'github', AZURE);
  if (s === undefined) throw new Error('expected a suggestion');

  test('az: one shell word of JSON, even with a quote in the subject', () => {
    const cmd = azCommand(s, CLIENT_ID);
    const prefix = `az ad app federated-credential create --id ${CLIENT_ID} --parameters `;
    expect(cmd.startsWith(prefix)).toBe(true);
    expect(JSON.parse(shellWord(cmd.slice(prefix.length)))).toEqual({
      name: s.name,
      issuer: s.issuer,
      subject: "repo:octo-org/it's:ref:refs/heads/main",
      audiences: [AZURE],
      description: s.description,
    });
  });

  test("Graph: the cloud's own Graph host", () => {
    expect(graphHost('AzureUSGovernment')).toBe('https://graph.microsoft.us');
    const req = graphRequest(s, CLIENT_ID, 'AzureChinaCloud');
    const [line, header, , ...body] = req.split('\n');
    expect(line).toBe(
      `POST https://microsoftgraph.chinacloudapi.cn/v1.0/applications(appId='${CLIENT_ID}')/federatedIdentityCredentials`,
    );
    expect(header).toBe('Content-Type: application/json');
    expect(JSON.parse(body.join('\n'))).toMatchObject({ subject: s.subject, audiences: [AZURE] });
  });

  test('Terraform: strings escaped so ${ and %{ are not read as templates', () => {
    const template = ['$', '{var.x} %', '{if}'].join('');
    const block = terraformBlock({ ...s, subject: `weird ${template}`, name: '1st-fic' });
    expect(block).toContain('resource "azuread_application_federated_identity_credential" "_1st_fic" {');
    expect(block).toContain('subject        = "weird $${var.x} %%{if}"');
    expect(block).toContain(`audiences      = ["${AZURE}"]`);
  });

  test('the flexible FIC is a Graph beta request; none without one', () => {
    const req = flexibleRequest(s, 'AzureCloud');
    expect(req?.split('\n')[0]).toBe(
      'POST https://graph.microsoft.com/beta/applications/<object-id>/federatedIdentityCredentials',
    );
    const doc = JSON.parse(req?.split('\n\n')[1] ?? '');
    expect(doc).toMatchObject({
      name: `${s.name}-flexible`,
      subject: null,
      claimsMatchingExpression: { value: s.flexible?.claimsMatchingExpression, languageVersion: 1 },
    });
    const { flexible: _none, ...exact } = s;
    expect(flexibleRequest(exact, 'AzureCloud')).toBeUndefined();
  });
});
