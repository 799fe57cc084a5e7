/**
 * The reader fuzz targets (test/fuzz/readers.ts), run briefly on every `npm test`, and every crash
 * ever found (test/fuzz/corpus/) replayed. Longer runs: `npm run fuzz -- SECONDS`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, corpus, fuzz, rng, TARGETS } from './readers.js';

afterAll(cleanup);

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzz target %s', (name, target) => {
  it('keeps its contract on every kept crash input', async () => {
    for (const c of corpus(name)) {
      await expect(target.run(c.bytes, rng(1)), c.name).resolves.toBeUndefined();
    }
  });
  it('keeps its contract on fresh mutations (bounded: 1.5 s or 400 inputs, fixed seed)', async () => {
    const r = await fuzz(target, 1500, 20261130, 400);
    expect(r.runs).toBeGreaterThan(0);
    expect(r.violations.map((v) => v.message)).toEqual([]);
  });
});
