import { describe, expect, it } from 'vitest';
import { FoerderregelnError, loadRuleSet, defaultRegistry } from '../../src/index.js';
import { computeLumpSum, computeLumpSumOrThrow } from '../../src/entry/untrusted.js';
import { Money, roundTo } from '../../src/money/decimal.js';
import { resolveNamed, parameterValueAt } from '../../src/versions/resolve.js';

describe('computeLumpSum (FlüAG § 15, § 18 Abs. 4)', () => {
  it('gives the sourced § 15 amounts for 2014, 2015 and 2016 as stated', () => {
    expect(computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2014 }).amount).toBe('12566.00');
    expect(computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2015 }).amount).toBe('13260.00');
    const y2016 = computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2016 });
    expect(y2016.amount).toBe('13972.00');
    expect(y2016.upratingYears).toBe(0);
  });

  it('reproduces the published 2023 figure of 15,506 € from the 2016 base, compounded and rounded down once', () => {
    const r = computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2023 });
    expect(r.amount).toBe('15506.00');
    expect(r.unrounded).toBe('15506.7531230636734346875');
    expect(r.baseYear).toBe(2016);
    expect(r.upratingYears).toBe(7);
    expect(r.trace[0]?.rounding).toMatchObject({ step: '1', mode: 'down', appliesTo: 'lump-sum-per-person-taken-in' });
  });

  it('documents why rounding happens once: rounding down every year would give 15,503 €, not the published 15,506 €', () => {
    let yearly = new Money('13972');
    for (let y = 2017; y <= 2023; y++) yearly = roundTo(yearly.mul('1.015'), '1', 'down');
    expect(yearly.toFixed(0)).toBe('15503');
    const once = roundTo(new Money('13972').mul(new Money('1.015').pow(7)), '1', 'down');
    expect(once.toFixed(0)).toBe('15506');
  });

  it('reports every inferred value the 2023 figure rests on', () => {
    const r = computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2023 });
    expect(r.assumptions.map((a) => `${a.kind}:${a.name}`)).toEqual([
      'validity:validFrom',
      'parameter:lumpSumAsylumSeekerBaseYear',
      'parameter:lumpSumAsylumSeekerUpratingPercent',
      'rounding:lump-sum-per-person-taken-in',
    ]);
    const params = r.trace.flatMap((t) => t.parameters.map((p) => `${p.name}@${p.from}:${p.confidence}`));
    expect(params).toContain('lumpSumAsylumSeeker@2016-01-01:sourced');
  });

  it('uprates the 4,657 € for other persons like the asylum-seeker amount (§ 15: "Die Beträge … erhöhen sich") and says it is inferred', () => {
    const r = computeLumpSumOrThrow({ kind: 'other', year: 2023 });
    expect(r.amount).toBe('5168.00');
    expect(r.assumptions.some((a) => a.name === 'lumpSumOtherPersonUpratingPercent' && a.confidence === 'inferred')).toBe(true);
    expect(['2024', '2025', '2026'].map((y) => computeLumpSumOrThrow({ kind: 'other', year: Number(y) }).amount)).toEqual(['5246.00', '5324.00', '5404.00']);
  });

  it('uprates the § 18 Abs. 4 amount of 135 € by 1.5 % a year from the assumed base year 2016', () => {
    expect(computeLumpSumOrThrow({ kind: 'municipality', year: 2016 }).amount).toBe('135.00');
    expect(computeLumpSumOrThrow({ kind: 'municipality', year: 2017 }).amount).toBe('137.00');
    const r = computeLumpSumOrThrow({ kind: 'municipality', year: 2023 });
    expect(r.amount).toBe('149.00');
    expect(r.assumptions.map((a) => a.name)).toContain('lumpSumPerPersonAssignedBaseYear');
  });

  it('is monotone in the year after the base year', () => {
    let prev = 0;
    for (let y = 2016; y <= 2060; y++) {
      const a = Number(computeLumpSumOrThrow({ kind: 'asylum-seeker', year: y }).amount);
      expect(a).toBeGreaterThanOrEqual(prev);
      prev = a;
    }
  });

  it('answers with coded issues for years before the statute, bad kinds and bad years', () => {
    const before = computeLumpSum({ kind: 'asylum-seeker', year: 2013 });
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.issues[0]?.code).toBe('no-rule-set-in-force');
    const named = computeLumpSum({ kind: 'asylum-seeker', year: 2013 }, { ruleSet: 'bw-fluag-2014' });
    expect(!named.ok && named.issues[0]?.code).toBe('out-of-range');
    const kind = computeLumpSum({ kind: 'refugee', year: 2020 });
    expect(!kind.ok && kind.issues[0]?.code).toBe('invalid-value');
    const year = computeLumpSum({ kind: 'other', year: '2020' });
    expect(!year.ok && year.issues[0]?.code).toBe('invalid-type');
    expect(computeLumpSum(null).ok).toBe(false);
    expect(computeLumpSum(JSON.parse('{"__proto__":{"x":1},"kind":"other","year":2020}')).ok).toBe(false);
  });

  it('throws FoerderregelnError from the OrThrow twin', () => {
    expect(() => computeLumpSumOrThrow({ kind: 'other', year: 1990 })).toThrow(FoerderregelnError);
  });

  it('follows a scenario that overrides the uprating (data, not code)', () => {
    const base = defaultRegistry();
    const doc = {
      id: 'fluag-scenario-2pct',
      programme: 'bw-fluag',
      title: { de: 'Szenario 2 %', en: 'Scenario 2 %' },
      kind: 'scenario',
      status: 'proposed',
      validFrom: '2014-01-01',
      extends: 'bw-fluag-2014',
      validity: { from: { source: 'test', confidence: 'assumed' } },
      citations: [{ id: 'test', title: 'test' }],
      parameters: {
        lumpSumAsylumSeekerUpratingPercent: {
          unit: 'percent',
          description: { de: 'x', en: 'x' },
          values: [{ from: '2014-01-01', value: '2', source: 'test', confidence: 'assumed' }],
        },
      },
    };
    const added = base.add(doc);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const r = computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 2017 }, { ruleSet: 'fluag-scenario-2pct', registry: added.registry });
    expect(r.amount).toBe('14251.00'); // 13972 × 1.02 = 14251.44 → 14251
    expect(r.ruleSet.id).toBe('fluag-scenario-2pct');
    expect(loadRuleSet(doc, { registry: added.registry }).ok).toBe(false); // duplicate id
    const resolved = resolveNamed(added.registry, 'fluag-scenario-2pct');
    expect(resolved && parameterValueAt(resolved, 'lumpSumAsylumSeeker', '2016-06-01')?.value).toBe('13972.00');
  });
});
