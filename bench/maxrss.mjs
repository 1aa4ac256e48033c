// Runs a script in this process and, when it exits, reports the peak resident set size on
// stderr as `maxrss-kb N`: the memory a user's runner sees the command take.
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  process.stderr.write(`\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
if (script !== undefined) await import(pathToFileURL(script).href);
