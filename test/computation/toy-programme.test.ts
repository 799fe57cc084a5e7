/**
 * A toy programme is one folder of code plus its rule data (test/fixtures/toy-programme/): its
 * rule set loads checked against its contract, evaluate returns the rounded money with
 * provenance and assumptions, and its golden cases run. docs/contributing.md walks through it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, loadRuleSet } from '../../src/index.js';
import { programmeContract, runComputationCase, type ComputationCase } from '../../src/entry/testing.js';
import { TOY_WELCOME, WELCOME_BONUS } from '../fixtures/toy-programme/welcome-bonus.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'toy-programme', 'toy-2026');
const json = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
/** The rule set as one document: ruleset.json with parameters.json. */
const document = (): Record<string, unknown> => ({ ...(json('ruleset.json') as object), parameters: json('parameters.json') });

function load(doc: unknown) {
  return loadRuleSet(doc, { contract: programmeContract(TOY_WELCOME) });
}

describe('a toy programme declared with defineComputation and defineProgramme', () => {
  it('its rule set loads, checked against its contract', () => {
    const r = load(document());
    expect(r.ok, JSON.stringify(r)).toBe(true);
    // Without the programme's contract the loader knows no computation that applies its rounding point.
    const without = loadRuleSet(document());
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.issues[0]?.message.en).toMatch(/^Unknown rounding point "welcome-bonus-total"/);
  });

  it('a typo in a parameter value fails at load, naming the parameter and the allowed values', () => {
    const doc = document();
    const parameters = doc.parameters as Record<string, { values: { value: unknown }[] }>;
    const basis = parameters.welcomeBonusBasis?.values[0];
    if (basis === undefined) throw new Error('fixture');
    basis.value = 'household';
    const r = load(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe('invalid-parameter-value');
    expect(r.issues[0]?.message.en).toBe('Parameter welcomeBonusBasis (welcome-bonus) is "household", but must be one of "persons", "households".');
  });

  it('a typo in a rounding point fails at load, naming the rounding points the programme applies', () => {
    const doc = document();
    doc.rounding = [{ step: '1', mode: 'down', appliesTo: 'welcome-bonus-totl', source: 'toy', confidence: 'sourced' }];
    const r = load(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message.en).join('\n')).toMatch(/welcome-bonus-totl.*welcome-bonus-total/s);
  });

  it('evaluate returns the rounded money with provenance and assumptions', () => {
    const loaded = load(document());
    if (!loaded.ok) throw new Error('fixture');
    const registry = defaultRegistry().with(loaded.ruleSet);
    const r = WELCOME_BONUS.evaluate({ persons: 3, households: 1, year: 2026 }, { registry });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.total).toBe('451.00'); // 3 × 150.50 = 451.50, rounded down to whole euros
    expect(r.ruleSet.id).toBe('toy-welcome-2026');
    expect(r.trace[0]?.parameters.map((p) => [p.name, p.value, p.confidence])).toEqual([
      ['welcomeBonusPerUnit', '150.50', 'sourced'],
      ['welcomeBonusBasis', 'persons', 'sourced'],
      ['welcomeBonusCap', '1000.00', 'assumed'],
    ]);
    expect(r.trace[0]?.rounding).toMatchObject({ appliesTo: 'welcome-bonus-total', step: '1', mode: 'down' });
    expect(r.assumptions.map((a) => `${a.kind}:${a.name}:${a.confidence}`)).toEqual(['parameter:welcomeBonusCap:assumed']);
    expect(WELCOME_BONUS.project(r)).toEqual({ basis: 'persons', count: 3, total: '451.00' });
    // Bad input: coded issues, never a throw.
    const bad = WELCOME_BONUS.evaluate({ persons: -1, households: 1, year: 2026 }, { registry });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toEqual(['persons']);
  });

  it('its golden cases run (and a wrong expectation fails)', () => {
    const loaded = load(document());
    if (!loaded.ok) throw new Error('fixture');
    const registry = defaultRegistry().with(loaded.ruleSet);
    const cases = json('golden.json') as (ComputationCase & { name: string; expected: Record<string, unknown> })[];
    const outcomes = cases.map((c) => runComputationCase(WELCOME_BONUS, c, loaded.ruleSet, registry));
    expect(outcomes.length).toBe(3);
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    const [first] = cases;
    if (first === undefined) throw new Error('fixture');
    const wrong = runComputationCase(WELCOME_BONUS, { ...first, expected: { total: '451.50' } }, loaded.ruleSet, registry);
    expect(wrong.mismatches).toEqual([{ field: 'total', expected: '451.50', actual: '451.00' }]);
  });
});
