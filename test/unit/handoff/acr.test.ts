import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { isAcrLoginServer, parseRegistry } from '../../../src/handoff/acr.js';

describe('which registries may receive a token', () => {
  test('ACR login servers of the three clouds, and loopback', () => {
    for (const host of [
      'myregistry.azurecr.io',
      'contoso.azurecr.us',
      'contoso.azurecr.cn',
      'localhost:5000',
      '127.0.0.1:443',
      '[::1]:8443',
    ])
      expect(isAcrLoginServer(host), host).toBe(true);
  });
  test('anything else, look-alikes included', () => {
    for (const host of [
      'azurecr.io',
      'registry.example.com',
      'myregistry.azurecr.io.example.com',
      'myregistryazurecr.io',
      'index.docker.io',
      'ghcr.io',
    ])
      expect(isAcrLoginServer(host), host).toBe(false);
  });
  test('parseRegistry refuses a non-ACR host as bad usage naming the rule', () => {
    try {
      parseRegistry('registry.example.com');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FederationError);
      expect((err as FederationError).code).toBe('REGISTRY_NOT_ACR');
      expect((err as FederationError).remedy).toContain('*.azurecr.io, *.azurecr.us, *.azurecr.cn');
    }
    expect(parseRegistry(' MyRegistry.AzureCR.io ')).toBe('myregistry.azurecr.io');
  });
});
