/**
 * Tests added where mutation testing (docs/quality.md) found version-resolution behaviour no test
 * pinned down: selection by date at every boundary, overlays, clamping of the parameter date,
 * parameter values at their change points, period starts, merging (override, remove, validity),
 * and rebuilding from recorded content.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/calendar.js';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import { chainOf, mergeChain, parameterDate, parameterValueAt, periodStart, resolvedFromContent, resolveNamed, resolveOnDate } from '../../src/versions/resolve.js';
import { scenarioDocument } from '../security/fixtures.js';
import { ASSUMED, doc, param, registryOf, rule, SRC, TP } from '../fixtures/test-programme.js';

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

/*
 * The tests below build their registries inside each test. The resolver caches merged rule sets
 * per registry, so a registry built once (at collection time or shared between tests) would hand
 * later calls an earlier result and hide what the merge itself does.
 */

const ids = (r: { chain: readonly { id: string }[] } | undefined): string[] | undefined => r?.chain.map((c) => c.id);

describe('resolveOnDate: which bases and decrees are chosen', () => {
  it('never selects a proposed rule set, whatever its kind, nor a proposed decree', () => {
    const reg = registryOf(
      doc('base'),
      doc('later-proposed', { validFrom: '2021-01-01', status: 'proposed' }),
      doc('decree-proposed', { kind: 'decree', extends: 'base', validFrom: '2021-01-01', status: 'proposed' }),
    );
    expect(ids(resolveOnDate(reg, TP, '2022-01-01'))).toEqual(['base']);
  });
  it('takes only statutes and grant regulations without extends as bases', () => {
    const reg = registryOf(
      doc('regulation'),
      doc('proposal-later', { kind: 'proposal', validFrom: '2021-01-01' }),
      doc('extending-regulation', { extends: 'regulation', validFrom: '2021-06-01' }),
    );
    expect(resolveOnDate(reg, TP, '2022-01-01')?.id).toBe('regulation');
    const statute = registryOf(doc('statute', { kind: 'statute' }));
    expect(resolveOnDate(statute, TP, '2022-01-01')?.id).toBe('statute');
    expect(resolveOnDate(registryOf(doc('only-proposal', { kind: 'proposal' })), TP, '2022-01-01')).toBeUndefined();
  });
  it('of two bases in force the later one wins; on the same day the smaller id', () => {
    const reg = registryOf(doc('a-early', { validFrom: '2020-01-01' }), doc('z-late', { validFrom: '2021-01-01' }));
    expect(resolveOnDate(reg, TP, '2020-12-31')?.id).toBe('a-early');
    expect(resolveOnDate(reg, TP, '2022-01-01')?.id).toBe('z-late');
    const tie = registryOf(doc('m-one', { validFrom: '2020-01-01' }), doc('k-two', { validFrom: '2020-01-01' }), doc('x-three', { validFrom: '2020-01-01' }));
    expect(resolveOnDate(tie, TP, '2022-01-01')?.id).toBe('k-two');
  });
  it('applies decrees in force in date order (then by id), decrees on decrees too, and only to the chosen base', () => {
    const reg = registryOf(
      // The decrees change a parameter of the base (one nothing reads would be refused as a misspelt name).
      doc('base', { parameters: { p: param([['2020-01-01', 0]]) } }),
      doc('other-base', { validFrom: '2019-01-01', validTo: '2019-12-31' }),
      doc('z-first', { kind: 'decree', extends: 'base', validFrom: '2021-01-01', parameters: { p: param([['2021-01-01', 1]]) } }),
      doc('a-second', { kind: 'decree', extends: 'base', validFrom: '2021-06-01', parameters: { p: param([['2021-06-01', 2]]) } }),
      doc('b-same-day', { kind: 'decree', extends: 'base', validFrom: '2021-06-01' }),
      doc('on-decree', { kind: 'decree', extends: 'z-first', validFrom: '2021-01-01' }),
      doc('on-other-base', { kind: 'decree', extends: 'other-base', validFrom: '2019-01-01' }),
      doc('scenario-on-base', { kind: 'scenario', extends: 'base', validFrom: '2021-01-01' }),
      doc('ended', { kind: 'decree', extends: 'base', validFrom: '2020-01-01', validTo: '2020-06-30' }),
    );
    const r = resolveOnDate(reg, TP, '2022-01-01');
    expect(ids(r)).toEqual(['base', 'z-first', 'a-second', 'b-same-day', 'on-decree']);
    expect(r?.id).toBe('base');
    expect(r?.parameters.p?.definedIn).toBe('a-second');
    expect(ids(resolveOnDate(reg, TP, '2020-03-01'))).toEqual(['base', 'ended']);
    expect(ids(resolveOnDate(reg, TP, '2019-06-01'))).toEqual(['other-base', 'on-other-base']);
  });
  it('gives different merged rule sets for two chains of the same length on the same base', () => {
    const reg = registryOf(
      doc('base'),
      doc('spring', { kind: 'decree', extends: 'base', validFrom: '2021-03-01', validTo: '2021-05-31', rules: { eligibility: [rule('spring-rule', 'tolerated')] } }),
      doc('autumn', { kind: 'decree', extends: 'base', validFrom: '2021-09-01', validTo: '2021-11-30', rules: { eligibility: [rule('autumn-rule', 'tolerated')] } }),
    );
    const spring = resolveOnDate(reg, TP, '2021-04-01');
    const autumn = resolveOnDate(reg, TP, '2021-10-01');
    expect(spring?.overlays).toEqual(['spring']);
    expect(autumn?.overlays).toEqual(['autumn']);
    expect(autumn?.rules.eligibility?.map((x) => x.id)).toEqual(['autumn-rule']);
    expect(autumn?.resolvedHash).not.toBe(spring?.resolvedHash);
  });
  it('names the base, not the last overlay: title, kind, status and hash are the base’s', () => {
    const reg = registryOf(doc('base'), doc('decree', { kind: 'decree', status: 'repealed', extends: 'base', validFrom: '2021-01-01' }));
    const r = resolveOnDate(reg, TP, '2022-01-01')!;
    expect(r.overlays).toEqual(['decree']);
    expect(r.title.en).toBe('T base');
    expect(r.kind).toBe('grant-regulation');
    expect(r.status).toBe('in-force');
    expect(r.hash).toBe(reg.get('base')!.hash);
    expect(resolveNamed(reg, 'decree')?.kind).toBe('decree');
    expect(resolveNamed(reg, 'decree')?.hash).toBe(reg.get('decree')!.hash);
  });
});

describe('mergeChain with fresh registries', () => {
  it('adds new rules at the end, replaces same-id rules in place and removes listed ones in every computation', () => {
    const reg = registryOf(
      doc('base', { rules: { eligibility: [rule('r1', 'tolerated'), rule('r2', 'asylum-seeker'), rule('r3', 'recognised-refugee')] } }),
      doc('top', { kind: 'scenario', status: 'in-force', extends: 'base', rules: { eligibility: [rule('r2', 'tolerated'), rule('r4', 'tolerated')] }, removeRules: ['r3'] }),
    );
    const base = resolveNamed(reg, 'base')!;
    expect(base.rules.eligibility?.map((x) => x.id)).toEqual(['r1', 'r2', 'r3']);
    const top = resolveNamed(reg, 'top')!;
    expect(top.rules.eligibility?.map((x) => `${x.id}@${x.definedIn}`)).toEqual(['r1@base', 'r2@top', 'r4@top']);
    expect(JSON.stringify(top.rules.eligibility?.[1]?.conditions)).toContain('tolerated');
  });
  it('keeps every rule when no rule set removes any', () => {
    const reg = registryOf(
      doc('base', { rules: { eligibility: [rule('r1', 'tolerated')] } }),
      doc('top', { kind: 'scenario', status: 'in-force', extends: 'base' }),
    );
    expect(resolveNamed(reg, 'top')?.rules.eligibility?.map((x) => x.id)).toEqual(['r1']);
  });
  it('validity: the latest start and the earliest end of the chain', () => {
    const reg = registryOf(
      doc('base', { validTo: '2024-12-31', validity: { from: SRC, to: SRC } }),
      doc('wider', { kind: 'scenario', status: 'in-force', extends: 'base', validFrom: '2019-01-01', validTo: '2026-12-31', validity: { from: SRC, to: SRC } }),
      doc('narrower', { kind: 'scenario', status: 'in-force', extends: 'base', validFrom: '2021-01-01', validTo: '2022-12-31', validity: { from: SRC, to: SRC } }),
      doc('open-on-closed', { kind: 'scenario', status: 'in-force', extends: 'base' }),
      doc('open'),
      doc('open-on-open', { kind: 'scenario', status: 'in-force', extends: 'open' }),
      doc('closing', { kind: 'scenario', status: 'in-force', extends: 'open', validTo: '2023-06-30', validity: { from: SRC, to: SRC } }),
    );
    expect([resolveNamed(reg, 'wider')?.validFrom, resolveNamed(reg, 'wider')?.validTo]).toEqual(['2020-01-01', '2024-12-31']);
    expect([resolveNamed(reg, 'narrower')?.validFrom, resolveNamed(reg, 'narrower')?.validTo]).toEqual(['2021-01-01', '2022-12-31']);
    expect(resolveNamed(reg, 'open-on-open')?.validTo).toBeUndefined();
    expect(resolveNamed(reg, 'closing')?.validTo).toBe('2023-06-30');
    // an overlay without an end keeps the base's end
    expect(resolveNamed(reg, 'open-on-closed')?.validTo).toBe('2024-12-31');
  });
  it('reports each unsourced validity date once, with its rule set, and no sourced one', () => {
    const reg = registryOf(
      doc('base', { validTo: '2024-12-31', validity: { from: SRC, to: SRC } }),
      doc('from-assumed', { kind: 'scenario', status: 'in-force', extends: 'base', validity: { from: ASSUMED } }),
      doc('to-assumed', { kind: 'scenario', status: 'in-force', extends: 'base', validTo: '2023-12-31', validity: { from: SRC, to: ASSUMED } }),
      doc('to-no-basis', { kind: 'scenario', status: 'in-force', extends: 'base', validTo: '2023-12-31', validity: { from: SRC } }),
    );
    expect(resolveNamed(reg, 'base')?.validityBases).toEqual([]);
    expect(resolveNamed(reg, 'from-assumed')?.validityBases).toEqual([{ ruleSet: 'from-assumed', which: 'from', date: '2020-01-01', basis: ASSUMED }]);
    expect(resolveNamed(reg, 'to-assumed')?.validityBases).toEqual([{ ruleSet: 'to-assumed', which: 'to', date: '2023-12-31', basis: ASSUMED }]);
    expect(resolveNamed(reg, 'to-no-basis')?.validityBases).toEqual([]);
  });
  it('lists the change points of all parameters, ascending and without repeats', () => {
    const reg = registryOf(
      doc('base', { parameters: { a: param([['2020-01-01', 1], ['2023-01-01', 2]]), b: param([['2020-01-01', 3], ['2021-06-01', 4]]) } }),
    );
    const r = resolveNamed(reg, 'base')!;
    expect(r.changePoints).toEqual(['2020-01-01', '2021-06-01', '2023-01-01']);
    expect(periodStart(r, '2022-01-01')).toBe('2021-06-01');
    const again = resolvedFromContent(r.content, { hash: r.hash, programme: r.programme, title: r.title, kind: r.kind, status: r.status });
    expect(again.changePoints).toEqual(['2020-01-01', '2021-06-01', '2023-01-01']);
    expect(again.chain).toEqual([]);
    expect(again.validityBases).toEqual([]);
  });
  it('caches per registry and chain: several rule sets stay cached side by side', () => {
    const reg = registryOf(doc('one'), doc('two', { kind: 'scenario', status: 'in-force', extends: 'one' }));
    const one = resolveNamed(reg, 'one');
    const two = resolveNamed(reg, 'two');
    expect(resolveNamed(reg, 'one')).toBe(one);
    expect(resolveNamed(reg, 'two')).toBe(two);
    expect(resolveNamed(registryOf(doc('one'), doc('two', { kind: 'scenario', status: 'in-force', extends: 'one' })), 'one')).not.toBe(one);
  });
  it('refuses an empty chain', () => {
    expect(() => mergeChain(registryOf(), [], 'x')).toThrow('empty rule-set chain');
  });
});

describe('chainOf stops where extends leads nowhere', () => {
  it('at a base the registry does not hold', () => {
    const full = registryOf(doc('base'), doc('top', { kind: 'scenario', status: 'in-force', extends: 'base' }));
    const top = full.get('top')!;
    const partial = new RuleSetRegistry([top]);
    expect(chainOf(partial, top).map((s) => s.id)).toEqual(['top']);
    expect(resolveNamed(partial, 'top')?.overlays).toEqual([]);
  });
  it('at a cycle (a registry assembled without loadRuleSet’s checks)', () => {
    const full = registryOf(doc('a'), doc('b', { kind: 'scenario', status: 'in-force', extends: 'a' }));
    const b = full.get('b')!;
    // 'a' replaced by a copy that extends 'b': a → b → a.
    const a = { ...full.get('a')!, document: { ...full.get('a')!.document, extends: 'b' } };
    const cyclic = { get: (id: string) => (id === 'a' ? a : id === 'b' ? b : undefined) } as unknown as RuleSetRegistry;
    expect(chainOf(cyclic, b).map((s) => s.id)).toEqual(['a', 'b']);
    expect(chainOf(cyclic, a as typeof b).map((s) => s.id)).toEqual(['b', 'a']);
  });
});
