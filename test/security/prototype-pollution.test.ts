/**
 * Keys `__proto__`, `constructor` and `prototype` anywhere in a person, a rule file, its
 * parameters or cases are rejected with `forbidden-key` and pollute nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { loadRuleSet, defaultRegistry } from '../../src/versions/registry.js';
import { readRuleSetDocument } from '../../src/ruleset/fs.js';
import { forbiddenKeys } from '../../src/issues.js';
import { FOLLOW_UP_PERSON, prototypesClean, scenarioDocument } from './fixtures.js';

const KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Pollution attempts as JSON text: JSON.parse makes `__proto__` an own key, as an attacker's file would. */
const POLLUTERS = (key: string) => [
  `{"${key}": {"polluted": "yes", "isAdmin": true, "eligible": true}}`,
  `{"${key}": {"prototype": {"polluted": "yes"}}}`,
  `{"${key}": "x"}`,
  `{"${key}": null}`,
];

afterEach(() => {
  expect(prototypesClean(), 'Object.prototype was changed').toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

function forbidden(r: { ok: boolean; issues?: { code: string; path: (string | number)[] }[] }, path?: (string | number)[]): void {
  expect(r.ok).toBe(false);
  const codes = (r.issues ?? []).map((i) => i.code);
  expect(codes).toContain('forbidden-key');
  if (path !== undefined) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'forbidden-key', path }));
}

/** Puts the parsed polluter at a place in an object (as an own property, like JSON.parse would). */
function inject(target: Record<string, unknown>, json: string): Record<string, unknown> {
  const extra = JSON.parse(json) as Record<string, unknown>;
  for (const k of Object.keys(extra)) Object.defineProperty(target, k, { value: extra[k], enumerable: true, writable: true, configurable: true });
  return target;
}

describe.each(KEYS)('key %s', (key) => {
  describe('in a person', () => {
    it.each(POLLUTERS(key))('at the top level: %s', (json) => {
      const person = inject({ ...FOLLOW_UP_PERSON }, json);
      const r = checkEligibility(person, { on: '2025-06-01' });
      forbidden(r, [key]);
    });
    it('nested in a field value', () => {
      const person = { ...FOLLOW_UP_PERSON, district: JSON.parse(`{"a": [{"${key}": {"polluted": 1}}]}`) as unknown };
      forbidden(checkEligibility(person, { on: '2025-06-01' }), ['district', 'a', 0, key]);
    });
    it('in a batch: only that row fails, every row is answered', () => {
      const rows = [FOLLOW_UP_PERSON, JSON.parse(`{"id":"x","${key}":{"polluted":1}}`) as unknown, FOLLOW_UP_PERSON];
      const out = checkEligibilityMany(rows, { on: '2025-06-01' });
      expect(out.map((r) => r.ok)).toEqual([true, false, true]);
      expect(out[1]?.ok === false && out[1].issues[0]?.code).toBe('forbidden-key');
      expect(out[1]?.id).toBe('x');
    });
  });

  describe('in a rule file', () => {
    const places: [string, (doc: Record<string, unknown>, json: string) => void, (string | number)[]][] = [
      ['the document root', (d, j) => inject(d, j), [key]],
      ['the title', (d, j) => inject(d.title as Record<string, unknown>, j), ['title', key]],
      ['parameters', (d, j) => inject(d.parameters as Record<string, unknown>, j), ['parameters', key]],
      ['a parameter', (d, j) => inject((d.parameters as Record<string, Record<string, unknown>>).extraStatuses!, j), ['parameters', 'extraStatuses', key]],
      ['a dated value', (d, j) => inject((d.parameters as Record<string, { values: Record<string, unknown>[] }>).extraStatuses!.values[0]!, j), ['parameters', 'extraStatuses', 'values', 0, key]],
      ['rules', (d, j) => inject(d.rules as Record<string, unknown>, j), ['rules', key]],
      ['a rule', (d, j) => inject((d.rules as { eligibility: Record<string, unknown>[] }).eligibility[0]!, j), ['rules', 'eligibility', 0, key]],
      ['a condition', (d, j) => inject((d.rules as { eligibility: { conditions: { all: Record<string, unknown>[] } }[] }).eligibility[0]!.conditions.all[0]!, j), ['rules', 'eligibility', 0, 'conditions', 'all', 0, key]],
      ['a condition value', (d, j) => inject((d.rules as { eligibility: { conditions: { all: { value: Record<string, unknown> }[] } }[] }).eligibility[0]!.conditions.all[0]!.value, j), ['rules', 'eligibility', 0, 'conditions', 'all', 0, 'value', key]],
      ['event params', (d, j) => inject((d.rules as { eligibility: { event: { params: Record<string, unknown> } }[] }).eligibility[0]!.event.params, j), ['rules', 'eligibility', 0, 'event', 'params', key]],
      ['citations', (d, j) => inject((d.citations as Record<string, unknown>[])[0]!, j), ['citations', 0, key]],
      [
        'case facts',
        (d, j) => {
          d.cases = [{ name: 'c', computation: 'eligibility', on: '2025-06-01', facts: inject({ ...FOLLOW_UP_PERSON }, j), expected: {} }];
        },
        ['cases', 0, 'facts', key],
      ],
      [
        'case expectations',
        (d, j) => {
          d.cases = [{ name: 'c', computation: 'eligibility', on: '2025-06-01', facts: {}, expected: inject({}, j) }];
        },
        ['cases', 0, 'expected', key],
      ],
    ];
    for (const [where, put, path] of places) {
      it.each(POLLUTERS(key))(`in ${where}: %s`, (json) => {
        const doc = scenarioDocument();
        put(doc, json);
        forbidden(loadRuleSet(doc), path);
      });
    }
    it('as a parameter value string, a fact name or a reference it is only data or an unknown name', () => {
      const asParam = scenarioDocument();
      (asParam.rules as { eligibility: { conditions: { all: Record<string, unknown>[] } }[] }).eligibility[0]!.conditions.all[0] = {
        fact: 'residenceStatus',
        operator: 'in',
        value: { param: key },
      };
      expect(loadRuleSet(asParam).ok).toBe(false);
      const asFact = scenarioDocument();
      (asFact.rules as { eligibility: { conditions: { all: Record<string, unknown>[] } }[] }).eligibility[0]!.conditions.all[0] = {
        fact: key,
        operator: 'equal',
        value: 'x',
      };
      expect(loadRuleSet(asFact).ok).toBe(false);
    });
  });

  describe('in rule files on disk (JSON.parse makes it an own key)', () => {
    it.each(['ruleset.json', 'parameters.json', 'eligibility.rules.json', 'cases.json'])('in %s', (file) => {
      const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-proto-'));
      const doc = scenarioDocument();
      const { parameters, rules, ...meta } = doc;
      const texts: Record<string, string> = {
        'ruleset.json': JSON.stringify(meta),
        'parameters.json': JSON.stringify(parameters),
        'eligibility.rules.json': JSON.stringify((rules as { eligibility: unknown }).eligibility),
        'cases.json': JSON.stringify([{ name: 'c', computation: 'eligibility', on: '2025-06-01', facts: {}, expected: {} }]),
      };
      const payload = `"${key}": {"polluted": "yes", "isAdmin": true}`;
      // put the key into the file's first object
      texts[file] = texts[file]!.replace('{', `{${payload},`);
      for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
      const read = readRuleSetDocument(dir);
      expect(read.ok).toBe(true);
      if (read.ok) forbidden(loadRuleSet(read.document));
    });
  });
});

describe('after all of that', () => {
  it('the bundled rule sets still decide as before', () => {
    const r = checkEligibility(FOLLOW_UP_PERSON, { on: '2025-06-01' });
    expect(r.ok && r.eligible).toBe(true);
    expect(defaultRegistry().list().length).toBeGreaterThanOrEqual(8);
  });
  it('forbiddenKeys reports each key with its path and caps the number of issues', () => {
    const many = JSON.parse(`[${Array.from({ length: 100 }, () => '{"__proto__":1}').join(',')}]`) as unknown;
    const issues = forbiddenKeys(many);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThanOrEqual(21);
    expect(issues[0]).toMatchObject({ code: 'forbidden-key', path: [0, '__proto__'] });
    expect(forbiddenKeys({ a: { b: [{ ok: 1 }] } })).toEqual([]);
  });
});
