/** Which managed-identity dialect the installed az speaks, from `az version`. */
import { describe, expect, test } from 'vitest';
import { azEndpointVariables, azUsesMsal, parseAzVersion } from '../../../src/handoff/az.js';

describe('az version and dialect', () => {
  test('`az version` JSON is read; anything else is unknown', () => {
    expect(parseAzVersion('{"azure-cli": "2.45.0", "azure-cli-core": "2.45.0", "extensions": {}}')).toEqual([2, 45, 0]);
    expect(parseAzVersion('{"azure-cli": "2.73.0b1"}')).toEqual([2, 73, 0]);
    expect(parseAzVersion('not json')).toBeUndefined();
    expect(parseAzVersion('{"azure-cli": 2}')).toBeUndefined();
  });

  test('MSAL managed identity (App Service 2019) from 2.73.0; msrestazure (2017) before', () => {
    expect(azUsesMsal([2, 45, 0])).toBe(false);
    expect(azUsesMsal([2, 72, 9])).toBe(false);
    expect(azUsesMsal([2, 73, 0])).toBe(true);
    expect(azUsesMsal([3, 0, 0])).toBe(true);
  });

  test("2017: the App Service marker msrestazure needs to send the secret header; 2019: MSAL's pair", () => {
    const running = { url: 'http://127.0.0.1:1/msi/token', secret: 's', ends: 'at cleanup' };
    expect(azEndpointVariables(running, false)).toEqual({
      MSI_ENDPOINT: running.url,
      MSI_SECRET: 's',
      APPSETTING_WEBSITE_SITE_NAME: 'entra-federate',
    });
    expect(azEndpointVariables(running, true)).toEqual({ IDENTITY_ENDPOINT: running.url, IDENTITY_HEADER: 's' });
  });
});
