import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/build-data.js';
import { bwDistricts } from '../../src/index.js';

describe('bundled district data', () => {
  it('src/data/bwDistricts.generated.ts is up to date with data/bw-districts.csv (run npm run data:build)', () => {
    const current = readFileSync(join(import.meta.dirname, '..', '..', 'src/data/bwDistricts.generated.ts'), 'utf8');
    expect(current).toBe(generate());
  });

  it('has 44 distinct district keys of Baden-Württemberg, 9 urban and 35 rural', () => {
    const d = bwDistricts();
    expect(new Set(d.map((x) => x.ags)).size).toBe(44);
    expect(d.filter((x) => x.type === 'urban')).toHaveLength(9);
    expect(d.every((x) => x.populationDate === '2020-12-31')).toBe(true);
  });

  it('hands out copies: callers cannot change the bundled data', () => {
    const d = bwDistricts();
    (d[0] as { population: number }).population = 1;
    expect(bwDistricts()[0]?.population).toBe(630305);
  });
});
