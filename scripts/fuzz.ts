/**
 * `npm run fuzz -- [SECONDS] [TARGET…]`: runs every fuzz target of test/fuzz/readers.ts (or those
 * named) for SECONDS each (default 60) from a random seed, and keeps every input that broke a
 * contract in test/fuzz/corpus/<target>/ — the test suite replays them from then on.
 * An input that kills the process itself (a fatal V8 error cannot be caught) is on disk as
 * test/fuzz/corpus/<target>/.pending while it runs; the next `npm run fuzz` keeps it under its hash.
 * Exit status 1 when something was found.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, CORPUS_DIR, fuzz, TARGETS } from '../test/fuzz/readers.js';

const args = process.argv.slice(2);
const seconds = args[0] !== undefined && /^\d+(\.\d+)?$/.test(args[0]) ? Number(args.shift()) : 60;
const only = new Set(args);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
let found = 0;
const keep = (target: string, bytes: Uint8Array): string => {
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`;
  mkdirSync(join(CORPUS_DIR, target), { recursive: true });
  writeFileSync(join(CORPUS_DIR, target, name), bytes);
  return name;
};
// Inputs left pending by a run whose process died.
for (const t of TARGETS) {
  const pending = join(CORPUS_DIR, t.name, '.pending');
  if (!existsSync(pending)) continue;
  const name = keep(t.name, new Uint8Array(readFileSync(pending)));
  rmSync(pending);
  console.log(`kept test/fuzz/corpus/${t.name}/${name}: it killed the previous fuzz run`);
  found++;
}
console.log(`fuzz: ${seconds} s per target, seed ${seed}`);
for (const t of TARGETS) {
  if (only.size > 0 && !only.has(t.name)) continue;
  const pending = join(CORPUS_DIR, t.name, '.pending');
  mkdirSync(join(CORPUS_DIR, t.name), { recursive: true });
  const r = await fuzz(t, seconds * 1000, seed, Infinity, (input) => writeFileSync(pending, input));
  rmSync(pending, { force: true });
  console.log(`${t.name}: ${r.runs} inputs, ${r.violations.length} contract violations`);
  for (const v of r.violations) {
    const name = keep(t.name, v.bytes);
    console.log(`  kept test/fuzz/corpus/${t.name}/${name}: ${v.message}`);
    found++;
  }
}
cleanup();
process.exit(found > 0 ? 1 : 0);
