/**
 * Tests added where mutation testing (docs/quality.md) found version-resolution behaviour no test
 * pinned down: selection by date at every boundary, overlays, clamping of the parameter date,
 * parameter values at their change points, period starts, merging (override, remove, validity),
 * and rebuilding from recorded content.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/calendar.js';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/ruleset/registry.js';
import { chainOf, parameterDate, parameterValueAt, periodStart, resolvedFromContent, resolveNamed, resolveOnDate } from '../../src/versions/resolve.js';
import { scenarioDocument } from '../security/fixtures.js';

const reg = defaultRegistry();
const P = 'bw-integrationsmanagement';

describe('resolveOnDate: the rule set in force, at every boundary', () => {
  it.each([
    ['2017-06-30', null, []],
    ['2017-07-01', 'bw-im-2017', []],
    ['2018-12-31', 'bw-im-2017', []],
    ['2019-01-01', 'bw-im-2019', []],
    ['2019-12-31', 'bw-im-2019', []],
    ['2020-01-01', 'bw-im-2020', []],
    ['2021-12-31', 'bw-im-2020', []],
    ['2022-01-01', 'bw-im-2022', []],
    ['2022-03-10', 'bw-im-2022', []],
    ['2022-03-11', 'bw-im-2022', ['bw-im-2022-ukraine']],
    ['2023-06-05', 'bw-im-2022', ['bw-im-2022-ukraine']],
    ['2023-06-06', 'bw-im-2023', []],
    ['2024-12-31', 'bw-im-2023', []],
    ['2025-01-01', 'bw-im-2025', []],
    ['2030-01-01', 'bw-im-2025', []],
  ] as const)('%s → %s %j (never the proposal)', (on, id, overlays) => {
    const r = resolveOnDate(reg, P, on);
    expect(r?.id ?? null).toBe(id);
    if (r === undefined) return;
    expect(r.overlays).toEqual(overlays);
    expect(r.chain.map((c) => c.id)).toEqual([id, ...overlays]);
    expect(r.programme).toBe(P);
  });
  it('knows no programme it has not got', () => {
    expect(resolveOnDate(reg, 'no-programme', '2024-01-01')).toBeUndefined();
  });
  it('the overlay brings its rule and validity into the merged rule set', () => {
    const plain = resolveNamed(reg, 'bw-im-2022')!;
    const withDecree = resolveOnDate(reg, P, '2022-06-01')!;
    expect((withDecree.rules.eligibility ?? []).length).toBeGreaterThan((plain.rules.eligibility ?? []).length);
    expect(withDecree.resolvedHash).not.toBe(plain.resolvedHash);
    expect(withDecree.hash).toBe(plain.hash);
    expect(withDecree.validFrom).toBe('2022-03-11');
    expect(withDecree.validTo).toBe('2023-06-05');
    expect(withDecree.rules.eligibility?.some((r) => r.definedIn === 'bw-im-2022-ukraine')).toBe(true);
    expect(withDecree.citations.length).toBeGreaterThan(plain.citations.length);
  });
  it('is cached per registry: the same object twice', () => {
    expect(resolveOnDate(reg, P, '2024-01-01')).toBe(resolveOnDate(reg, P, '2024-02-01'));
    expect(resolveNamed(reg, 'bw-im-2023')).toBe(resolveNamed(reg, 'bw-im-2023'));
    expect(resolveNamed(reg, 'no-such')).toBeUndefined();
  });
});

describe('parameter dates, values and periods', () => {
  const r = resolveNamed(reg, 'bw-im-2023')!;
  it('clamps the date into the validity', () => {
    expect(parameterDate(r, '2020-01-01')).toBe('2023-06-06');
    expect(parameterDate(r, '2023-06-06')).toBe('2023-06-06');
    expect(parameterDate(r, '2024-01-01')).toBe('2024-01-01');
    expect(parameterDate(r, '2024-12-31')).toBe('2024-12-31');
    expect(parameterDate(r, '2026-01-01')).toBe('2024-12-31');
    const open = resolveNamed(reg, 'bw-im-2025')!;
    expect(parameterDate(open, '2040-01-01')).toBe('2040-01-01');
  });
  it('gives each dated value from its own day until the day before the next', () => {
    for (const [name, p] of Object.entries(r.parameters)) {
      p.values.forEach((v, i) => {
        expect(parameterValueAt(r, name, v.from)?.value).toEqual(v.value);
        expect(parameterValueAt(r, name, v.from)?.parameter.name).toBe(name);
        const before = parameterValueAt(r, name, addDays(v.from, -1));
        if (i === 0) expect(before).toBeUndefined();
        else expect(before?.value).toEqual(p.values[i - 1]!.value);
      });
    }
    expect(parameterValueAt(r, 'noSuchParameter', '2024-01-01')).toBeUndefined();
  });
  it('starts each parameter period at a change point', () => {
    expect(r.changePoints.length).toBeGreaterThan(0);
    expect([...r.changePoints].sort()).toEqual(r.changePoints);
    r.changePoints.forEach((p, i) => {
      expect(periodStart(r, p)).toBe(p);
      expect(periodStart(r, addDays(p, -1))).toBe(i === 0 ? '0001-01-01' : r.changePoints[i - 1]);
    });
    expect(periodStart(r, '9999-12-31')).toBe(r.changePoints.at(-1));
  });
});

describe('merging a chain', () => {
  const base = defaultRegistry().get('bw-im-2025')!;
  const doc = scenarioDocument();
  const baseRule = (base.document.rules.eligibility ?? [])[0]!;
  doc.validTo = '2027-12-31';
  doc.validity = { from: { source: 'user', confidence: 'assumed', note: 'n' }, to: { source: 'user', confidence: 'inferred', note: 'n' } };
  (doc.parameters as Record<string, unknown>).targetAccommodations = {
    unit: 'list',
    description: { de: 'd', en: 'e' },
    values: [{ from: '2025-01-01', value: ['follow-up', 'private'], source: 'user', confidence: 'assumed', note: 'n' }],
  };
  (doc.rules as { eligibility: unknown[] }).eligibility.push({ ...baseRule, description: { de: 'ersetzt', en: 'replaced' } });
  const second = (base.document.rules.eligibility ?? [])[1];
  if (second !== undefined) doc.removeRules = [second.id];
  const loaded = loadRuleSet(doc);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const registry = new RuleSetRegistry([...defaultRegistry().list(), loaded.ruleSet]);
  const r = resolveNamed(registry, 'user-scenario')!;

  it('follows extends to the base', () => {
    expect(chainOf(registry, loaded.ruleSet).map((s) => s.id)).toEqual(['bw-im-2025', 'user-scenario']);
    expect(r.overlays).toEqual(['user-scenario']);
    expect(r.programme).toBe(P);
    expect(r.kind).toBe('scenario');
    expect(r.title).toEqual(doc.title);
    expect(r.hash).toBe(loaded.ruleSet.hash);
  });
  it('later parameters and same-id rules replace earlier ones, removeRules removes', () => {
    expect(r.parameters.targetAccommodations?.definedIn).toBe('user-scenario');
    expect(parameterValueAt(r, 'targetAccommodations', '2025-06-01')?.value).toEqual(['follow-up', 'private']);
    const rules = r.rules.eligibility ?? [];
    const replaced = rules.filter((x) => x.id === baseRule.id);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.definedIn).toBe('user-scenario');
    expect(replaced[0]?.description.en).toBe('replaced');
    // replaced in place, not moved to the end
    expect(rules.findIndex((x) => x.id === baseRule.id)).toBe(0);
    if (second !== undefined) expect(rules.some((x) => x.id === second.id)).toBe(false);
    expect(rules.some((x) => x.id === 'user-tolerated')).toBe(true);
    expect(r.parameters.counsellingLimitMonths?.definedIn).toBe('bw-im-2025');
  });
  it('validity is the intersection; unsourced validity dates are reported', () => {
    expect(r.validFrom).toBe('2025-01-01');
    expect(r.validTo).toBe('2027-12-31');
    expect(r.validityBases).toContainEqual(expect.objectContaining({ ruleSet: 'user-scenario', which: 'from', date: '2025-01-01' }));
    expect(r.validityBases).toContainEqual(expect.objectContaining({ ruleSet: 'user-scenario', which: 'to', date: '2027-12-31' }));
    expect(r.validityBases.some((b) => b.ruleSet === 'bw-im-2025' && b.basis.confidence === 'sourced')).toBe(false);
    expect(r.citations.map((c) => c.id)).toEqual([...base.document.citations.map((c) => c.id), 'user-note']);
  });
  it('rebuilds from its recorded content with the same resolved hash', () => {
    const again = resolvedFromContent(r.content, { hash: r.hash, programme: r.programme, title: r.title, kind: r.kind, status: r.status });
    expect(again.resolvedHash).toBe(r.resolvedHash);
    expect(again.changePoints).toEqual(r.changePoints);
    expect(again.overlays).toEqual(r.overlays);
    expect(again.validFrom).toBe(r.validFrom);
    expect(again.validTo).toBe(r.validTo);
    expect(Object.keys(again.parameters).sort()).toEqual(Object.keys(r.parameters).sort());
    expect(again.parameters.targetAccommodations?.definedIn).toBe('user-scenario');
  });
});
