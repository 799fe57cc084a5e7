#!/usr/bin/env node
import { main } from './main.js';
import { t } from './context.js';

// A closed pipe (e.g. `foerderregeln check big.csv | head`) ends the run quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // main() reports its own errors; this is the last resort, in the language asked for (German by default).
    const args = process.argv;
    const en = args.some((a, i) => a === '--lang=en' || (a === '--lang' && args[i + 1] === 'en'));
    process.stderr.write(`${t(en ? 'en' : 'de', 'cli.internal-error', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) })}\n`);
    process.exitCode = 2;
  },
);
