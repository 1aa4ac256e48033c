/** The identity endpoint's process (dist/identity/index.js): see identity/process.ts and identity/main.ts. */
import { runIdentityEndpointProcess } from './identity/process.js';

await runIdentityEndpointProcess();
