import { describe, expect, it } from 'vitest';
import { FoerderregelnError } from '../../src/index.js';
import { computeGrant, computeGrantOrThrow, computeGrants } from '../../src/entry/untrusted.js';

const post = (over: Record<string, unknown> = {}) => ({ id: 'p', qualification: 'vocational', fte: 1, startDate: '2018-01-01', ...over });

describe('computeGrant', () => {
  it('funds a 2017 post for 24 months from the start of employment, the first day counting (BGB § 187 Abs. 2)', () => {
    const r = computeGrantOrThrow(post({ fte: '0.5' }));
    expect(r).toMatchObject({ ruleSet: { id: 'bw-im-2017' }, months: 24, startDate: '2018-01-01', endDate: '2019-12-31', ratePerFteYear: '51000.00', yearlyAmount: '25500.00', total: '51000.00', fte: '0.5' });
  });

  it('follows the versions: 24 → 36 (2019) → 60 (2020, posts existing on 31.12.2018) → 60 + 12 follow-on (2022)', () => {
    const months = (startDate: string, firstApprovedOn?: string) =>
      computeGrantOrThrow(post({ startDate, ...(firstApprovedOn !== undefined ? { firstApprovedOn } : {}) })).months;
    expect(months('2018-06-01')).toBe(24);
    expect(months('2019-06-01')).toBe(36);
    expect(months('2020-06-01', '2018-06-01')).toBe(60);
    expect(months('2022-06-01', '2018-06-01')).toBe(72);
    // first approved after the reference date 2018-12-31: no 24-month extension
    expect(months('2020-06-01')).toBe(36);
    expect(months('2022-06-01')).toBe(48);
  });

  it('adds 12 months after an interrupted salary from the 2020 amendment, and notes that it cannot before', () => {
    const r2020 = computeGrantOrThrow(post({ startDate: '2020-03-01', firstApprovedOn: '2018-03-01', salaryInterrupted: true }));
    expect(r2020.months).toBe(72);
    // the post's own period would run to 2024-02-29; the 2020 rules fund up to 2021-12-31
    expect(r2020.endDate).toBe('2021-12-31');
    expect(r2020.notes.map((n) => n.en).join(' ')).toMatch(/maximum period would run to 2024-02-29/);
    const r2019 = computeGrantOrThrow(post({ startDate: '2019-03-01', salaryInterrupted: true }));
    expect(r2019.months).toBe(36);
    expect(r2019.notes.map((n) => n.en).join(' ')).toMatch(/no extension for interrupted salary/);
  });

  it('applies the version of `on` when given: a 2017 post under the 2020 rules gets 60 months, funded until 2021-12-31', () => {
    const r = computeGrantOrThrow(post({ startDate: '2017-10-01' }), { on: '2020-01-01' });
    expect(r.ruleSet.id).toBe('bw-im-2020');
    expect(r.months).toBe(60);
    expect(r.endDate).toBe('2021-12-31');
  });

  it('never funds a post beyond the programme: no per-post grant reaches 2025 under any version', () => {
    for (const startDate of ['2017-07-01', '2018-12-31', '2019-06-01', '2020-03-01', '2021-12-01', '2022-02-01', '2023-06-06', '2024-12-15']) {
      for (const salaryInterrupted of [false, true]) {
        const r = computeGrantOrThrow(post({ startDate, salaryInterrupted }));
        expect(r.endDate <= '2024-12-31', `${startDate} ${String(salaryInterrupted)} → ${r.endDate}`).toBe(true);
      }
    }
  });

  it('marks the university-degree rate (the published cap of 64,000 €) as inferred, with a note saying so', () => {
    const r = computeGrantOrThrow(post({ qualification: 'social-work-degree' }));
    expect(r.ratePerFteYear).toBe('64000.00');
    const a = r.assumptions.find((x) => x.name === 'grantRateSocialWorkDegree');
    expect(a?.confidence).toBe('inferred');
    expect(a?.note).toMatch(/cap/);
    expect(computeGrantOrThrow(post()).assumptions.find((x) => x.name === 'grantRateVocational')?.confidence).toBe('inferred');
  });

  it('carries the VwV 2023 rate conflict as an assumption naming the other figure, and funds to 31.12.2024', () => {
    const r = computeGrantOrThrow(post({ startDate: '2023-07-01' }));
    expect(r.ratePerFteYear).toBe('60000.00');
    expect(r.months).toBeNull();
    expect(r.endDate).toBe('2024-12-31');
    expect(r.fundedMonths).toBe('18');
    expect(r.total).toBe('90000.00');
    const a = r.assumptions.find((x) => x.name === 'grantRateVocational');
    expect(a?.note).toMatch(/47[.,]000/);
  });

  it('counts a partial last month pro rata by days and says so', () => {
    const r = computeGrantOrThrow(post({ startDate: '2024-03-15' }));
    expect(r.fundedMonths).toBe('9.5484');
    expect(r.total).toBe('47741.94');
    expect(r.notes).toHaveLength(1);
  });

  it('funds nothing when a VwV 2023 post starts after the fixed end', () => {
    const r = computeGrantOrThrow(post({ startDate: '2025-01-01' }), { ruleSet: 'bw-im-2023' });
    expect(r.total).toBe('0.00');
    expect(r.notes[0]?.en).toMatch(/after the funding end/);
  });

  it('traces every figure to parameters with source and confidence', () => {
    const r = computeGrantOrThrow(post());
    const figures = r.trace.map((t) => t.figure);
    expect(figures).toEqual(['ratePerFteYear', 'yearlyAmount', 'months', 'endDate', 'total']);
    for (const t of r.trace) {
      for (const p of t.parameters) {
        expect(p.source.length).toBeGreaterThan(0);
        expect(['sourced', 'inferred', 'assumed']).toContain(p.confidence);
      }
    }
    expect(r.trace.find((t) => t.figure === 'total')?.rounding?.appliesTo).toBe('grant-total');
  });

  it('rejects shares below 0.25 FTE and bad input with coded issues, never throwing', () => {
    const low = computeGrant(post({ fte: 0.2 }));
    expect(!low.ok && low.issues[0]?.code).toBe('out-of-range');
    const bad = computeGrant({ id: 'x', qualification: 'phd', fte: 'one', startDate: '2018-02-30' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.code).sort()).toEqual(['invalid-date', 'invalid-input', 'invalid-value']);
    expect(computeGrant(undefined).ok).toBe(false);
    expect(computeGrant(post(), { on: '2020-13-01' }).ok).toBe(false);
    expect(computeGrant(post({ startDate: '2016-01-01' })).ok).toBe(false);
    expect(computeGrant(post({ extra: 1 })).ok).toBe(false);
  });

  it('has no grant per post from 2025', () => {
    const r = computeGrant(post({ startDate: '2025-03-01' }));
    expect(!r.ok && r.issues[0]?.code).toBe('parameter-unavailable');
  });

  it('computes many posts in order, one result each, and the OrThrow twin throws', () => {
    const rs = computeGrants([post({ id: 'a' }), 'nonsense', post({ id: 'c', fte: 0.1 })]);
    expect(rs.map((r) => r.ok)).toEqual([true, false, false]);
    expect(() => computeGrantOrThrow(post({ fte: 0.1 }))).toThrow(/out-of-range at fte/);
    expect(() => computeGrantOrThrow(post({ fte: 0.1 }))).toThrow(FoerderregelnError);
  });
});

describe('a post is at most one full-time equivalent', () => {
  it('rejects fte 1234.5 (a misread decimal comma) with out-of-range, and accepts exactly 1', () => {
    const r = computeGrant({ id: 'p', qualification: 'vocational', fte: 1234.5, startDate: '2018-01-01' });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'out-of-range', path: ['fte'] });
    expect(computeGrant({ id: 'p', qualification: 'vocational', fte: 1, startDate: '2018-01-01' }).ok).toBe(true);
  });
});
