// The reference for `entra-federate token`: @azure/identity's ClientAssertionCredential in a
// cold process, reading the same CI token file and asking for the same scope.
import { readFile } from 'node:fs/promises';
import { ClientAssertionCredential } from '@azure/identity';

const [tokenFile, authorityHost, tenantId, clientId, scope] = process.argv.slice(2);
const credential = new ClientAssertionCredential(
  tenantId,
  clientId,
  async () => (await readFile(tokenFile, 'utf8')).trim(),
  { authorityHost, disableInstanceDiscovery: true },
);
const token = await credential.getToken(scope);
process.stdout.write(`${token.token}\n`);
