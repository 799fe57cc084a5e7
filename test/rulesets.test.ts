import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRuleSetDirs, readRuleSetDocument } from '../src/ruleset/fs.js';
import { defaultRegistry, hashRuleSet } from '../src/versions/registry.js';
import { casesOf, runCases } from '../src/testing/cases.js';
import { ruleSetDocumentSchema } from '../src/ruleset/schema.js';

const dirs = findRuleSetDirs(join(import.meta.dirname, '..', 'rules'));

describe('every rules/**/cases.json', () => {
  it('finds the shipped rule sets', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(8);
  });
  for (const dir of dirs) {
    const read = readRuleSetDocument(dir);
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const id = (read.document as { id: string }).id;
    describe(id, () => {
      const loaded = defaultRegistry().get(id);
      it('is bundled with the same content as on disk', () => {
        expect(loaded).toBeDefined();
        const onDisk = ruleSetDocumentSchema.parse(read.document);
        expect(loaded?.hash).toBe(hashRuleSet(onDisk));
      });
      it('has golden cases, shipped beside the document (not in it) and the same as on disk', () => {
        expect(loaded?.document.cases).toBeUndefined();
        expect(loaded ? casesOf(loaded) : []).toEqual((read.document as { cases?: unknown }).cases);
        expect(loaded ? casesOf(loaded).length : 0).toBeGreaterThan(0);
      });
      for (const c of loaded ? casesOf(loaded) : []) {
        it(c.name, () => {
          const [outcome] = runCases({ ...loaded!, document: { ...loaded!.document, cases: [c] } }, defaultRegistry());
          expect(outcome?.mismatches).toEqual([]);
        });
      }
    });
  }
});
