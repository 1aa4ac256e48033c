/** The Drone/Harness plugin's process (dist/drone/index.js): see drone/main.ts. */
import { main } from './drone/main.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { processIo } from './shared/io.js';

tolerateClosedOutput(process.stdout, process.stderr);
process.exitCode = await main(processIo(`entra-federate-drone/${VERSION}`));
