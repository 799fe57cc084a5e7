/**
 * Public functions called with bad arguments (as a JavaScript caller without types could):
 * coded issues, not exceptions; where a function documents a throw, it is a FoerderregelnError
 * carrying coded issues.
 */
import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { listRuleSets, resolveRuleSet } from '../../src/versions/select.js';
import { defaultRegistry, isLoadedRuleSet, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import { explainEligibility } from '../../src/explain/text.js';
import { FoerderregelnError } from '../../src/issues.js';
import { FOLLOW_UP_PERSON, scenarioDocument } from './fixtures.js';

const bad = <T>(v: unknown) => v as T;

describe('loadRuleSet options', () => {
  it.each([null, 5, 'registry'])('rejects options %j with invalid-input', (options) => {
    const r = loadRuleSet(scenarioDocument(), bad(options));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid-input', path: ['options'] })]);
  });
  it('rejects a registry that is not a RuleSetRegistry, and an unknown origin', () => {
    const r = loadRuleSet(scenarioDocument(), bad({ registry: { get: () => undefined }, origin: 'trusted' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'invalid-input', path: ['options', 'registry'] }));
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'invalid-value', path: ['options', 'origin'] }));
    }
  });
  it('accepts no options, empty options and a real registry', () => {
    expect(loadRuleSet(scenarioDocument()).ok).toBe(true);
    expect(loadRuleSet(scenarioDocument(), {}).ok).toBe(true);
    expect(loadRuleSet(scenarioDocument(), { registry: defaultRegistry(), origin: 'user' }).ok).toBe(true);
  });
});

describe('isLoadedRuleSet', () => {
  it('tells a validated rule set from a look-alike', () => {
    const r = loadRuleSet(scenarioDocument());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isLoadedRuleSet(r.ruleSet)).toBe(true);
    expect(Object.isFrozen(r.ruleSet)).toBe(true);
    expect(isLoadedRuleSet({ ...r.ruleSet })).toBe(false);
    expect(isLoadedRuleSet({ id: 'x', document: {}, hash: 'sha256:0', origin: 'user' })).toBe(false);
    expect(isLoadedRuleSet(null)).toBe(false);
    expect(isLoadedRuleSet('bw-im-2025')).toBe(false);
    for (const s of defaultRegistry().list()) expect(isLoadedRuleSet(s)).toBe(true);
  });
});

describe('calls that answer with issues', () => {
  it('checkEligibility with wrong option types', () => {
    const on5 = checkEligibility(FOLLOW_UP_PERSON, bad({ on: 5 }));
    expect(!on5.ok && on5.issues[0]?.code).toBe('invalid-date');
    const prog = checkEligibility(FOLLOW_UP_PERSON, bad({ on: '2024-01-01', programme: 5 }));
    expect(!prog.ok && prog.issues[0]).toMatchObject({ code: 'invalid-type', path: ['options', 'programme'] });
  });
  it('checkEligibilityMany refuses a string or an array-like as a whole (not read per character, no 2**32 allocation)', () => {
    for (const v of ['abc', 'x'.repeat(1_000_000), { length: 2 }, { length: 2 ** 32 - 1 }]) {
      const r = checkEligibilityMany(bad(v), { on: '2024-01-01' });
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ ok: false, issues: [{ code: 'invalid-type', path: ['persons'] }] });
    }
  });
  it('resolveRuleSet with a non-date', () => {
    expect(resolveRuleSet(bad(5)).ok).toBe(false);
    expect(resolveRuleSet(bad({ on: 5 })).ok).toBe(false);
    expect(resolveRuleSet('no-such-set').ok).toBe(false);
  });
  it('RuleSetRegistry.add with anything', () => {
    for (const v of [null, 5, 'x', [], {}]) expect(defaultRegistry().add(v).ok).toBe(false);
  });
});

describe('documented throws carry coded issues', () => {
  it.each([
    ['listRuleSets with a registry that is not a RuleSetRegistry', () => listRuleSets(bad({}))],
    ['new RuleSetRegistry(null)', () => new RuleSetRegistry(bad(null))],
    ['new RuleSetRegistry with look-alike rule sets', () => new RuleSetRegistry(bad([{ id: 'x' }]))],
  ] as [string, () => unknown][])('%s throws FoerderregelnError invalid-type', (_name, call) => {
    expect(call).toThrow(FoerderregelnError);
    try {
      call();
    } catch (e) {
      expect((e as FoerderregelnError).issues[0]?.code).toBe('invalid-type');
    }
  });
});

describe('bad arguments that used to throw now answer with issues', () => {
  const person = FOLLOW_UP_PERSON;
  const cases: [string, () => unknown, string][] = [
    ['checkEligibility(person, null)', () => checkEligibility(person, bad(null)), 'options'],
    ['checkEligibility with a look-alike rule set object', () => checkEligibility(person, bad({ on: '2024-01-01', ruleSet: { id: 'x' } })), 'options.ruleSet'],
    ['checkEligibility with ruleSet: 5', () => checkEligibility(person, bad({ on: '2024-01-01', ruleSet: 5 })), 'options.ruleSet'],
    ['checkEligibility with ruleSet: null', () => checkEligibility(person, bad({ on: '2024-01-01', ruleSet: null })), 'options.ruleSet'],
    ['checkEligibility with a registry that is not a RuleSetRegistry', () => checkEligibility(person, bad({ on: '2024-01-01', registry: {} })), 'options.registry'],
    ['checkEligibilityMany(null)', () => checkEligibilityMany(bad(null))[0], 'persons'],
    ['resolveRuleSet(null)', () => resolveRuleSet(bad(null)), 'selector'],
    ['resolveRuleSet with a registry that is not a RuleSetRegistry', () => resolveRuleSet('bw-im-2025', bad({})), 'registry'],
  ];
  it.each(cases)('%s gives invalid-type', (_name, call, path) => {
    let r: unknown;
    expect(() => {
      r = call();
    }).not.toThrow();
    const res = r as { ok: boolean; issues?: { code: string; path: (string | number)[] }[] };
    expect(res.ok).toBe(false);
    expect(res.issues?.[0]?.code).toBe('invalid-type');
    expect(res.issues?.[0]?.path.join('.')).toBe(path);
  });
  it('explainEligibility(null) explains that it got no result', () => {
    expect(explainEligibility(bad(null), 'en')).toBe('Invalid input: not a result of checkEligibility.');
  });
});
