import { describe, expect, it } from 'vitest';
import { checkPins, formatPinReport, pinRuleSets } from '../../src/pin/pin.js';
import { checkOutcomes, formatOutcomeChanges, snapshotOutcomes } from '../../src/pin/snapshot.js';
import { defaultRegistry, RuleSetRegistry } from '../../src/versions/registry.js';
import type { RuleSetDocument } from '../../src/ruleset/schema.js';

/** A registry in which bw-im-2023 has a different counselling limit: a simulated new release. */
function registryWithChanged2023(months: number): RuleSetRegistry {
  const base = defaultRegistry();
  const original = base.get('bw-im-2023');
  if (original === undefined) throw new Error('missing');
  const doc = JSON.parse(JSON.stringify(original.document)) as RuleSetDocument;
  const p = doc.parameters.counsellingLimitMonths;
  if (p === undefined) throw new Error('missing parameter');
  p.values.push({ from: '2024-01-01', value: months, source: 'simulated', confidence: 'assumed' });
  const others = base.list().filter((s) => s.id !== 'bw-im-2023');
  const added = new RuleSetRegistry(others).add(doc, 'bundled');
  if (!added.ok) throw new Error(JSON.stringify(added.issues));
  return added.registry;
}

describe('pinRuleSets / checkPins', () => {
  it('pins every bundled rule set by default, with content that reproduces its hash', () => {
    const r = pinRuleSets();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lock.ruleSets.map((s) => s.id)).toEqual(defaultRegistry().list().map((s) => s.id));
    const check = checkPins(JSON.parse(JSON.stringify(r.lock)));
    expect(check.ok && check.report.unchanged).toBe(true);
  });

  it('fails loudly with the diff and the impacted period when a pinned rule set changes', () => {
    const r = pinRuleSets(['bw-im-2023', 'bw-im-2025']);
    if (!r.ok) throw new Error('pin failed');
    const check = checkPins(r.lock, { registry: registryWithChanged2023(24) });
    if (!check.ok) throw new Error(JSON.stringify(check.issues));
    expect(check.report.unchanged).toBe(false);
    const c = check.report.checks.find((x) => x.id === 'bw-im-2023');
    expect(c?.status).toBe('changed');
    const p = c?.diff?.parameters.changed.find((x) => x.name === 'counsellingLimitMonths');
    expect(p?.impactedPeriods).toEqual([{ from: '2024-01-01', to: '2024-12-31' }]);
    expect(check.report.checks.find((x) => x.id === 'bw-im-2025')?.status).toBe('unchanged');
    const text = formatPinReport(check.report, 'en');
    expect(text).toContain('✗ bw-im-2023 changed');
    expect(text).toContain('Maximum counselling period per person [counsellingLimitMonths]: 36 months → 24 months');
    expect(text).toContain('impacted periods [counsellingLimitMonths]: 2024-01-01 – 2024-12-31');
  });

  it('reports a missing rule set and rejects a hand-edited lock', () => {
    const r = pinRuleSets(['bw-im-2023']);
    if (!r.ok) throw new Error('pin failed');
    const empty = new RuleSetRegistry([]);
    const missing = checkPins(r.lock, { registry: empty });
    expect(missing.ok && missing.report.checks[0]?.status).toBe('missing');
    const tampered = JSON.parse(JSON.stringify(r.lock)) as { ruleSets: { resolved: { validFrom: string } }[] };
    const first = tampered.ruleSets[0];
    if (first) first.resolved.validFrom = '2020-01-01';
    const bad = checkPins(tampered);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.code).toBe('invalid-value');
  });

  it('rejects unknown ids and malformed lock files with coded issues', () => {
    const r = pinRuleSets(['nope']);
    expect(!r.ok && r.issues[0]?.code).toBe('unknown-rule-set');
    const bad = checkPins({ lockfileVersion: 2 });
    expect(bad.ok).toBe(false);
    const polluted = checkPins(JSON.parse('{"__proto__": {"x": 1}}'));
    expect(!polluted.ok && polluted.issues[0]?.code).toBe('forbidden-key');
  });
});

describe('snapshotOutcomes / checkOutcomes', () => {
  const persons = [
    { id: 'a', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
    { id: 'b', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true },
    { id: 'c', residenceStatus: 'nonsense' },
  ];
  it('records one outcome per input, invalid ones included, and finds no change on the same package', () => {
    const snap = snapshotOutcomes(persons, { on: '2024-03-01' });
    expect(snap.cases).toHaveLength(3);
    expect(snap.cases[0]?.outcome).toMatchObject({ eligible: true, basis: 'follow-up-accommodation', counsellingEndsOn: '2026-06-30', ruleSet: 'bw-im-2023' });
    expect(snap.cases[2]?.outcome.ok).toBe(false);
    const check = checkOutcomes(JSON.parse(JSON.stringify(snap)));
    expect(check.ok && check.changes).toEqual([]);
  });

  it('lists each case whose outcome changed, before and after, with the deciding rule', () => {
    const snap = snapshotOutcomes(persons, { on: '2024-03-01' });
    const edited = JSON.parse(JSON.stringify(snap)) as typeof snap;
    const first = edited.cases[0];
    if (first) first.outcome = { ...first.outcome, counsellingEndsOn: '2025-06-30', decidingRule: 'other-rule' };
    const check = checkOutcomes(edited);
    if (!check.ok) throw new Error('check failed');
    expect(check.changes).toHaveLength(1);
    expect(check.changes[0]?.fields.sort()).toEqual(['counsellingEndsOn', 'decidingRule']);
    expect(formatOutcomeChanges(check.changes)).toContain('counsellingEndsOn: "2025-06-30" → "2026-06-30"');
  });
});
