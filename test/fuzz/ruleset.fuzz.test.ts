/**
 * Property-based fuzzing of rule-set loading: any value as a rule-set document, and random
 * mutations (drop, replace, duplicate, retype) of every bundled rule set, either load — and then
 * evaluate persons without throwing — or yield coded issues. Nothing throws, nothing hangs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import type { Issue } from '../../src/issues.js';
import { FOLLOW_UP_PERSON, prototypesClean, scenarioDocument, TOLERATED_PERSON } from '../security/fixtures.js';

const BUDGET_MS = 20_000;
function timed(run: () => void): void {
  const t0 = performance.now();
  run();
  expect(performance.now() - t0, 'fuzz run exceeded its time budget').toBeLessThan(BUDGET_MS);
  expect(prototypesClean()).toBe(true);
}
function wellFormedIssues(issues: Issue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(typeof i.code).toBe('string');
    expect(i.message.de.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
  }
}

const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const docKey = fc.constantFrom('id', 'programme', 'kind', 'status', 'validFrom', 'rules', 'eligibility', 'conditions', 'all', 'any', 'not', 'fact', 'operator', 'value', 'param', 'path', 'params', 'event');

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) pathsOf((value as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}
type Mutation = { at: number; op: 'delete' | 'replace' | 'duplicate' | 'stringify' | 'wrap' | 'dangerous'; value: unknown; key: string };
function mutate(doc: unknown, paths: Path[], m: Mutation): unknown {
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.op === 'replace' ? m.value : doc;
  let parent = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const cur = parent[last];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'replace':
      parent[last] = m.value;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(last as number, 0, structuredClone(cur));
      else parent[`${String(last)}2`] = structuredClone(cur);
      break;
    case 'stringify':
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify(undefined) is undefined at run time, whatever its declared type
      parent[last] = JSON.stringify(cur) ?? 'undefined';
      break;
    case 'wrap':
      parent[last] = m.key === 'not' || m.key === 'all' ? { [m.key]: m.key === 'all' ? [cur] : cur } : [cur];
      break;
    case 'dangerous':
      if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) {
        Object.defineProperty(cur, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      }
      break;
  }
  return doc;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'duplicate', 'stringify', 'wrap', 'dangerous'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('2023-02-30', 'bw-im-2025', 'equal', 'in', 'residenceStatus', 'targetAccommodations', '51000.00', -1, 1e308)),
  key: fc.oneof(dangerousKey, docKey),
});

describe('loadRuleSet never throws', () => {
  it('on any JSON value', () => {
    timed(() =>
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), (doc) => {
          const r = loadRuleSet(doc);
          expect(r.ok).toBe(false);
          if (!r.ok) wellFormedIssues(r.issues);
        }),
        { numRuns: 1000 },
      ),
    );
  });
  it('on any JS value, with dangerous keys, Maps, Sets, boxed values, bigints', () => {
    const anything = fc.anything({
      key: fc.oneof(fc.string({ maxLength: 10 }), dangerousKey, docKey),
      maxDepth: 4,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
    });
    timed(() =>
      fc.assert(
        fc.property(anything, (doc) => {
          const r = loadRuleSet(doc);
          if (!r.ok) wellFormedIssues(r.issues);
        }),
        { numRuns: 1000 },
      ),
    );
  });
  it('on objects shaped like a rule set with random members', () => {
    const base = scenarioDocument();
    timed(() =>
      fc.assert(
        fc.property(fc.dictionary(fc.oneof(docKey, fc.constantFrom(...Object.keys(base))), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 12 }), (extra) => {
          const r = loadRuleSet({ ...base, ...extra });
          if (!r.ok) wellFormedIssues(r.issues);
        }),
        { numRuns: 1000 },
      ),
    );
  });
});

describe('mutated rule sets load with issues, or load and evaluate', () => {
  const persons = [
    FOLLOW_UP_PERSON,
    TOLERATED_PERSON,
    { id: 'u', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true, arrivalDate: '2022-03-10' },
    { id: 'a', residenceStatus: 'asylum-seeker', accommodation: 'provisional', displacedFromUkraine: false, goodProspects: true },
  ];
  const bundled = defaultRegistry().list();
  const cases: [string, Record<string, unknown>, RuleSetRegistry][] = [
    ['user scenario', scenarioDocument(), defaultRegistry()],
    ...bundled.map((s): [string, Record<string, unknown>, RuleSetRegistry] => [
      s.id,
      structuredClone(s.document) as unknown as Record<string, unknown>,
      new RuleSetRegistry(bundled.filter((b) => b.id !== s.id)),
    ]),
  ];
  it.each(cases)('%s', (_id, original, registry) => {
    expect(loadRuleSet(structuredClone(original), { registry }).ok).toBe(true);
    const stats = { loaded: 0, rejected: 0 };
    timed(() =>
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.constantFrom('2017-06-01', '2020-01-01', '2022-04-01', '2023-07-01', '2025-06-01', '2030-01-01'), (ms, on) => {
          let doc: unknown = structuredClone(original);
          for (const m of ms) doc = mutate(doc, pathsOf(doc), m);
          const r = loadRuleSet(doc, { registry });
          if (!r.ok) {
            stats.rejected++;
            wellFormedIssues(r.issues);
            return;
          }
          stats.loaded++;
          const reg = new RuleSetRegistry([...registry.list(), r.ruleSet]);
          const one = checkEligibility(persons[0], { on, ruleSet: r.ruleSet, registry: reg });
          expect(typeof one.ok).toBe('boolean');
          const many = checkEligibilityMany(persons, { on, ruleSet: r.ruleSet.id, registry: reg });
          expect(many.length).toBe(persons.length);
          for (const x of many) if (!x.ok) wellFormedIssues(x.issues);
        }),
        { numRuns: 150 },
      ),
    );
    // both outcomes are reached: the mutations are neither all fatal nor all harmless
    expect(stats.rejected).toBeGreaterThan(10);
    expect(stats.loaded).toBeGreaterThan(5);
  });
});
