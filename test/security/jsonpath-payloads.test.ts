/**
 * Regression tests: the published jsonpath-plus RCE payloads (CVE-2024-21534, CVE-2025-1302 and
 * the 2026 safe-eval bypass) placed everywhere a rule file or a person can carry a string — the
 * condition `path`, `params`, fact names, values, parameter values, event params, case facts —
 * and pushed through loadRuleSet, checkEligibility, the file reader and the reference engine.
 * No code may run (no canary file, no global canary, no prototype change) and nothing may throw.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, Rule } from 'json-rules-engine';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { loadRuleSet } from '../../src/versions/registry.js';
import { readRuleSetDocument } from '../../src/ruleset/fs.js';
import { ReferenceEngine, strictPathResolver } from '../../src/engine/reference.js';
import type { BoundRule } from '../../src/engine/bind.js';
import { canaryFile, FOLLOW_UP_PERSON, globalCanarySet, prototypesClean, scenarioDocument, setAt, TOLERATED_PERSON, withoutUnreadParameter } from './fixtures.js';
import { payloads } from './payloads.js';

const JSONPATH_ENTRY = createRequire(import.meta.url).resolve('jsonpath-plus');
const canary = canaryFile();
const PAYLOADS = payloads(canary.file);

function nothingRan(): void {
  expect(canary.exists(), 'a payload created the canary file').toBe(false);
  expect(globalCanarySet(), 'a payload set a global canary').toBe(false);
  expect(prototypesClean(), 'a payload changed Object.prototype').toBe(true);
}

beforeAll(() => {
  nothingRan();
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(10);
});
afterEach(nothingRan);

function withLeaf(leaf: unknown): Record<string, unknown> {
  const doc = scenarioDocument();
  setAt(doc, ['rules', 'eligibility', 0, 'conditions', 'all', 0], leaf);
  return withoutUnreadParameter(doc);
}
const districtLeaf = { fact: 'district', operator: 'equal', value: '08111' };

describe.each(PAYLOADS)('$name', ({ path }) => {
  describe('in a rule file, through loadRuleSet', () => {
    it('as a condition path: rejected as unknown-field', () => {
      const r = loadRuleSet(withLeaf({ ...districtLeaf, path }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'unknown-field', path: ['rules', 'eligibility', 0, 'conditions', 'all', 0, 'path'] }));
    });
    it('as condition params: rejected', () => {
      const r = loadRuleSet(withLeaf({ ...districtLeaf, params: { path } }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('unknown-field');
    });
    it('as a path on a fact reference: rejected', () => {
      const r = loadRuleSet(withLeaf({ fact: 'on', operator: 'dateBefore', value: { fact: 'followUpSince', path } }));
      expect(r.ok).toBe(false);
    });
    it('as a fact name, an operator, a parameter name or reference: rejected', () => {
      for (const doc of [
        withLeaf({ fact: path, operator: 'equal', value: 'x' }),
        withLeaf({ fact: 'district', operator: path, value: 'x' }),
        withLeaf({ fact: 'district', operator: 'in', value: { param: path } }),
        { ...scenarioDocument(), parameters: { [path]: (scenarioDocument().parameters as Record<string, unknown>).extraStatuses } },
      ]) {
        const r = loadRuleSet(doc);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }
    });
    it('as a literal value, a parameter value, an event param and a text: loads as inert data and evaluates', () => {
      const doc = withLeaf({ fact: 'district', operator: 'in', value: { param: 'payloadDistricts' } });
      setAt(doc, ['parameters', 'payloadDistricts'], {
        unit: 'list',
        description: { de: path.slice(0, 4000), en: 'payload' },
        values: [{ from: '2025-01-01', value: [path, '08111'], source: path, confidence: 'assumed', note: path }],
      });
      setAt(doc, ['rules', 'eligibility', 0, 'event', 'params'], { basis: 'payload', note: path });
      setAt(doc, ['rules', 'eligibility', 0, 'description', 'en'], path);
      doc.cases = [{ name: path, computation: 'eligibility', on: '2025-06-01', facts: { id: path, district: path }, expected: { note: path } }];
      const r = loadRuleSet(doc);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      // a person whose district is the payload string cannot exist (five digits), but its id can
      const hit = checkEligibility({ ...TOLERATED_PERSON, id: path.slice(0, 200), district: '08111' }, { on: '2025-06-01', ruleSet: r.ruleSet });
      expect(hit.ok && hit.eligible).toBe(true);
      expect(hit.ok && hit.basis.code).toBe('payload');
      const miss = checkEligibility({ ...TOLERATED_PERSON, district: '08222' }, { on: '2025-06-01', ruleSet: r.ruleSet });
      expect(miss.ok && miss.eligible).toBe(false);
      const literal = loadRuleSet(withLeaf({ fact: 'district', operator: 'equal', value: path }));
      expect(literal.ok).toBe(true);
    });
  });

  describe('in a person, through checkEligibility', () => {
    it('as a field value: a coded issue or an inert id', () => {
      const bad = checkEligibility({ ...FOLLOW_UP_PERSON, district: path, residenceStatus: path }, { on: '2025-06-01' });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['invalid-value']));
      const asId = checkEligibility({ ...FOLLOW_UP_PERSON, id: path.slice(0, 200) }, { on: '2025-06-01' });
      expect(asId.ok && asId.eligible).toBe(true);
    });
    it('as a key, and as on / ruleSet / programme options: coded issues', () => {
      const [asKey, asOn, asRuleSet, asProgramme] = [
        checkEligibility({ ...FOLLOW_UP_PERSON, [path]: 1 }, { on: '2025-06-01' }),
        checkEligibility(FOLLOW_UP_PERSON, { on: path }),
        checkEligibility(FOLLOW_UP_PERSON, { on: '2025-06-01', ruleSet: path }),
        checkEligibility(FOLLOW_UP_PERSON, { on: '2025-06-01', programme: path }),
      ];
      expect(!asKey.ok && asKey.issues[0]?.code).toBe('unknown-field');
      expect(!asOn.ok && asOn.issues[0]?.code).toBe('invalid-date');
      expect(!asRuleSet.ok && asRuleSet.issues[0]?.code).toBe('unknown-rule-set');
      expect(!asProgramme.ok && asProgramme.issues[0]?.code).toBe('no-rule-set-in-force');
      expect(checkEligibilityMany([{ [path]: path }, path, FOLLOW_UP_PERSON], { on: '2025-06-01' }).map((r) => r.ok)).toEqual([false, false, true]);
    });
  });

  describe('through the reference engine (json-rules-engine)', () => {
    it('the strict path resolver refuses it', () => {
      expect(strictPathResolver({ a: { b: 1 } }, path)).toBeUndefined();
      expect(strictPathResolver({}, path)).toBeUndefined();
    });
    it('smuggled into a bound rule: the adapter drops it', async () => {
      const rule = {
        id: 'smuggled',
        priority: 1,
        order: 0,
        conditions: { all: [{ fact: 'district', operator: 'equal', value: '08111', path, params: { path } }, { fact: 'on', operator: 'equal', value: { fact: 'on', path } }] },
        event: { type: 'target-group', params: { basis: 'x' } },
        source: {},
      } as unknown as BoundRule;
      const results = await new ReferenceEngine([rule]).run({ district: '08111', on: '2025-06-01' });
      expect(results.get('smuggled')?.result).toBe(true);
    });
    it('added to the adapter’s engine with a path: the strict resolver answers undefined, no code runs', async () => {
      const ref = new ReferenceEngine([]);
      ref.engine.addRule(
        new Rule({
          name: 'raw',
          conditions: { any: [{ fact: 'person', path, operator: 'equal', value: 1 }, { fact: 'district', operator: 'equal', value: { fact: 'person', path } }] },
          event: { type: 'target-group' },
        }),
      );
      const results = await ref.run({ person: { a: { b: 1 } }, district: '08111' });
      expect(results.get('raw')?.result).toBe(false);
    });
  });

  describe('through the file reader (what `validate` and `check --rule-set` read)', () => {
    it('a rule directory and a single scenario file carrying it are rejected with coded issues', () => {
      const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-payload-'));
      const doc = withLeaf({ ...districtLeaf, path });
      const { parameters, rules, cases: _c, ...meta } = doc;
      writeFileSync(join(dir, 'ruleset.json'), JSON.stringify(meta));
      writeFileSync(join(dir, 'parameters.json'), JSON.stringify(parameters));
      writeFileSync(join(dir, 'eligibility.rules.json'), JSON.stringify((rules as { eligibility: unknown }).eligibility));
      const file = join(dir, 'scenario.json');
      writeFileSync(file, JSON.stringify(doc));
      for (const source of [dir, file]) {
        const read = readRuleSetDocument(source);
        expect(read.ok).toBe(true);
        if (!read.ok) continue;
        const r = loadRuleSet(read.document);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('unknown-field');
      }
    });
  });
});

describe('controls', () => {
  it('the resolved jsonpath-plus (safe eval, as json-rules-engine calls it) does not run the payloads either', async () => {
    for (const { path } of PAYLOADS) {
      const engine = new Engine([], { allowUndefinedFacts: true });
      engine.addRule(new Rule({ name: 'raw', conditions: { all: [{ fact: 'person', path, operator: 'equal', value: 1 }] }, event: { type: 'x' } }));
      await engine.run({ person: { a: { b: 1 } } }).catch(() => undefined);
    }
    nothingRan();
  });
  it('the canaries do detect execution: the same payloads through an evaluating JSONPath (eval: native) create the canary', () => {
    // Run in a plain Node process (the test runner's own realm has no `process` global in `Function`).
    const control = canaryFile();
    // Payloads that start from a primitive ('' or a number) get that realm's Function inside
    // jsonpath-plus's vm sandbox; the one starting from a host object (@) reaches the host.
    const live = payloads(control.file).filter((p) => p.name === 'CVE-2024-21534 original, ESM-capable (getBuiltinModule)');
    expect(live.length).toBe(1);
    for (const p of live) {
      rmSync(control.file, { force: true });
      const script = `import { JSONPath } from ${JSON.stringify(JSONPATH_ENTRY)};
try { JSONPath({ path: ${JSON.stringify(p.path)}, json: { a: { b: 1 } }, eval: 'native', wrap: false }); } catch {}`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20000 });
      expect(run.status, run.stderr).toBe(0);
      expect(control.exists(), p.name).toBe(true);
    }
    rmSync(control.file, { force: true });
  });
});
