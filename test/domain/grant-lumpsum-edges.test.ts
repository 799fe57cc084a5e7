/**
 * Grant per post under a fixed funding end (VwV 2023: posts funded until 2024-12-31, the last
 * partial month pro rata by days), and the statement/uprating split of the FlüAG lump sums —
 * asserted exactly, traces and notes included, so that mutants of these paths are caught.
 */
import { describe, expect, it } from 'vitest';
import { computeGrant, computeLumpSum } from '../../src/entry/untrusted.js';

const post = (over: Record<string, unknown>) => ({ id: 'p', qualification: 'vocational', fte: 1, ...over });
function grant(p: Record<string, unknown>, options: Record<string, unknown> = {}) {
  const r = computeGrant(post(p), options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}
const trace = (r: { trace: { figure: string; value: string; formula: string; parameters: { name: string }[] }[] }) =>
  r.trace.map((t) => [t.figure, t.value, t.formula, t.parameters.map((x) => x.name)]);

describe('grant up to a fixed funding end (VwV 2023)', () => {
  it('funds 9 whole months and 17 of 31 days of the last month from 2024-03-15 to 2024-12-31', () => {
    const r = grant({ startDate: '2024-03-15' });
    expect(r).toMatchObject({ months: null, endDate: '2024-12-31', total: '47741.94', yearlyAmount: '60000.00' });
    expect(r.notes.map((n) => n.en)).toEqual(['The last, partial month is counted pro rata by days; no source found states how partial months are funded.']);
    expect(trace(r)).toEqual([
      ['ratePerFteYear', '60000.00', 'grantRateVocational', ['grantRateVocational']],
      ['yearlyAmount', '60000.00', 'grantRateVocational × fte (1)', ['grantRateVocational', 'grantMinimumFteShare']],
      ['endDate', '2024-12-31', 'grantFundedUntil (fixed end of funding)', ['grantFundedUntil']],
      ['total', '47741.94', 'yearlyAmount × fundedMonths (9.548387096774193548387096774193548387097) ÷ 12', ['grantRateVocational']],
    ]);
  });

  it('funds exactly twelve months from 2024-01-01 with no partial month and no note', () => {
    const r = grant({ startDate: '2024-01-01' });
    expect(r).toMatchObject({ endDate: '2024-12-31', total: '60000.00' });
    expect(r.notes).toEqual([]);
  });

  it('funds one day when the post starts on the last funded day', () => {
    const r = grant({ startDate: '2024-12-31', fte: 0.5 });
    expect(r).toMatchObject({ endDate: '2024-12-31', total: '80.65', yearlyAmount: '30000.00' });
  });

  it('funds nothing and says why when the post starts after the funding end', () => {
    const r = grant({ startDate: '2025-01-05' }, { ruleSet: 'bw-im-2023' });
    expect(r).toMatchObject({ endDate: '2024-12-31', total: '0.00', funded: false, notFunded: { code: 'after-funding-end' } });
    expect(r.notes.map((n) => n.en)).toEqual(['The post starts after the funding end 2024-12-31 of version bw-im-2023; nothing is funded.']);
    expect(r.notes.map((n) => n.de)).toEqual(['Die Stelle beginnt nach dem Förderende 2024-12-31 der Fassung bw-im-2023; es wird nichts gefördert.']);
    expect(trace(r)[2]).toEqual(['endDate', '2024-12-31', 'not funded (after-funding-end)', ['grantFundedUntil']]);
  });

  it('notes that VwV 2017 knows no extension after an interrupted salary, and funds 24 months', () => {
    const r = grant({ startDate: '2018-01-01', salaryInterrupted: true });
    expect(r).toMatchObject({ months: 24, endDate: '2019-12-31', total: '102000.00' });
    expect(r.notes.map((n) => n.en)).toEqual(['Version bw-im-2017 has no extension for interrupted salary payments (only from the amendment of 11.11.2020).']);
    expect(trace(r)[3]).toEqual(['endDate', '2019-12-31', 'startDate + months (BGB § 187 Abs. 2, § 188 Abs. 2: the first day of employment counts)', ['grantMaxMonths']]);
  });

  it('refuses the 2025 rules, which fund districts by a key, not posts', () => {
    const r = computeGrant(post({ startDate: '2025-03-01' }));
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'parameter-unavailable', path: ['ruleSet'] });
    if (!r.ok) expect(r.issues[0]?.message.en).toBe('Rule set bw-im-2025 defines no grant per post (no fixed rate, no grant period); budgets by a key are computed by allocate.');
  });
});

describe('FlüAG lump sums: stated amounts up to the base year, uprated after it', () => {
  const ok = (q: Record<string, unknown>) => {
    const r = computeLumpSum(q);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r;
  };
  it('uses the amount stated for 2016 (the base year) and for 2015, without uprating', () => {
    const r16 = ok({ kind: 'asylum-seeker', year: 2016 });
    expect(r16).toMatchObject({ amount: '13972.00', baseYear: 2016, upratingYears: 0 });
    expect(trace(r16)).toEqual([['amount', '13972.00', 'lumpSumAsylumSeeker (2016 ≤ base year 2016: amount stated for the year)', ['lumpSumAsylumSeeker', 'lumpSumAsylumSeekerBaseYear']]]);
    expect(ok({ kind: 'asylum-seeker', year: 2015 })).toMatchObject({ amount: '13260.00', upratingYears: 0 });
  });
  it('uprates 2017 by one year and § 18 Abs. 4 to 2023 by seven, rounding down once', () => {
    const r = ok({ kind: 'asylum-seeker', year: 2017 });
    expect(r).toMatchObject({ amount: '14181.00', upratingYears: 1 });
    expect(trace(r)[0]?.[2]).toBe('lumpSumAsylumSeeker(2016) × Π(1 + lumpSumAsylumSeekerUpratingPercent ÷ 100) over 1 year(s) 2017–2017 = 14181.58, rounded once');
    expect(trace(r)[0]?.[3]).toEqual(['lumpSumAsylumSeeker', 'lumpSumAsylumSeekerBaseYear', 'lumpSumAsylumSeekerUpratingPercent']);
    expect(ok({ kind: 'municipality', year: 2023 })).toMatchObject({ amount: '149.00', baseAmount: '135.00', upratingYears: 7 });
  });
  it('answers a year before the statute with no-rule-set-in-force', () => {
    const r = computeLumpSum({ kind: 'asylum-seeker', year: 2013 });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'no-rule-set-in-force', path: ['on'] });
  });
});
