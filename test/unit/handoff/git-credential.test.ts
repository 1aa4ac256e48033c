/** git's credential-helper protocol: what is read, which hosts get a token, what is answered. */
import { describe, expect, test } from 'vitest';
import { credentialAnswer, parseCredentialRequest, servesGitHost } from '../../../src/handoff/git-credential.js';

describe('git credential helper', () => {
  test('protocol, host and path are read up to the blank line; other keys are ignored', () => {
    expect(
      parseCredentialRequest(
        'protocol=https\nhost=dev.azure.com\npath=contoso/web/_git/web\nwwwauth[]=Basic\n\nhost=x\n',
      ),
    ).toEqual({ protocol: 'https', host: 'dev.azure.com', path: 'contoso/web/_git/web' });
    expect(parseCredentialRequest('')).toEqual({});
  });

  test('only Azure DevOps over https (and loopback, for tests) is answered', () => {
    expect(servesGitHost({ protocol: 'https', host: 'dev.azure.com' })).toBe(true);
    expect(servesGitHost({ protocol: 'https', host: 'contoso.visualstudio.com' })).toBe(true);
    expect(servesGitHost({ protocol: 'http', host: 'dev.azure.com' })).toBe(false);
    expect(servesGitHost({ protocol: 'https', host: 'dev.azure.com.evil.example' })).toBe(false);
    expect(servesGitHost({ protocol: 'https', host: 'evil.visualstudio.com.example' })).toBe(false);
    expect(servesGitHost({ protocol: 'https', host: 'github.com' })).toBe(false);
    expect(servesGitHost({ protocol: 'http', host: '127.0.0.1:8080' })).toBe(true);
    expect(servesGitHost({ protocol: 'http', host: 'localhost' })).toBe(true);
    expect(servesGitHost({ protocol: 'http', host: '10.0.0.1' })).toBe(false);
    expect(servesGitHost({ host: 'dev.azure.com' })).toBe(false);
  });

  test('the answer is two lines; a value that could inject a line is never written', () => {
    expect(credentialAnswer('tok')).toBe('username=entra-federate\npassword=tok\n');
    expect(credentialAnswer('a\nhost=evil')).toBe('');
  });
});
