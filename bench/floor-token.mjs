// The floor for `entra-federate token`: a bare Node process that does only what it must do:
// read the CI token file, make the one https request to the token endpoint, print the token.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as plain } from 'node:http';

const [tokenFile, endpoint, clientId, scope] = process.argv.slice(2);
const body = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: clientId,
  scope,
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: readFileSync(tokenFile, 'utf8').trim(),
}).toString();
const url = new URL(endpoint);
const req = (url.protocol === 'https:' ? request : plain)(
  url,
  {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
  },
  (res) => {
    let data = '';
    res
      .setEncoding('utf8')
      .on('data', (d) => {
        data += d;
      })
      .on('end', () => {
        process.stdout.write(`${JSON.parse(data).access_token}\n`);
      });
  },
);
req.end(body);
