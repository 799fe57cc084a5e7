import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { districtRecipients } from '../../src/index.js';
import { computeStaffing, computeStaffingOrThrow, computeGrantOrThrow, computeLumpSumOrThrow, allocateOrThrow } from '../../src/entry/untrusted.js';
import { Money } from '../../src/money/decimal.js';

describe('computeStaffing', () => {
  it('proposal: Biberach 1,998 persons at 1:80 justify 25 FTE; 2026 rate 60,000 € × 1.015² = 61,813.50 €; 772.67 € per case', () => {
    const r = computeStaffingOrThrow([{ id: '08426', name: 'Biberach', persons: 1998, fundedFte: 25 }], { ruleSet: 'bw-im-proposal' });
    expect(r.rows[0]).toMatchObject({ ok: true, fte: '25', year: 2026, ratePerFte: '61813.50', funding: '1545337.50', perCaseAmount: '772.67', perCaseFunding: '1543794.66', impliedRatio: '79.92' });
  });

  it('every parameter of the proposal is an assumption and is reported', () => {
    const r = computeStaffingOrThrow([{ id: 'x', persons: 10 }], { ruleSet: 'bw-im-proposal' });
    const names = r.assumptions.filter((a) => a.kind === 'parameter').map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['staffingRatio', 'staffingFteStep', 'staffingFteRoundingMode', 'staffingRatePerFte', 'staffingRateBaseYear', 'staffingUpratingPercent']));
    expect(r.assumptions.filter((a) => a.kind === 'rounding').map((a) => a.name).sort()).toEqual(['per-case-amount', 'staffing-funding', 'staffing-rate']);
  });

  it('rounds FTE half-up to the 0.25 step and uprates by year', () => {
    const r = computeStaffingOrThrow([{ id: 'a', persons: 100 }, { id: 'b', persons: 110, year: 2024 }, { id: 'c', persons: 0 }], { ruleSet: 'bw-im-proposal', year: 2030 });
    expect(r.rows.map((x) => x.ok && [x.fte, x.ratePerFte, x.year])).toEqual([
      ['1.25', '65606.60', 2030],
      ['1.5', '60000.00', 2024], // 1.375 → 1.5
      ['0', '65606.60', 2030],
    ]);
  });

  it('for grant regulations reports only the implied ratio, with a note', () => {
    const r = computeStaffingOrThrow([{ id: 'b', persons: '1998', fundedFte: '25' }, { id: 'c', persons: 80 }], { ruleSet: 'bw-im-2017' });
    expect(r.rows[0]).toMatchObject({ fte: null, funding: null, perCaseAmount: null, impliedRatio: '79.92' });
    expect(r.rows[1]).toMatchObject({ impliedRatio: null });
    expect(r.summary.impliedRatio).toBe('79.92');
    expect(r.notes[0]?.en).toMatch(/no staffing ratio/);
  });

  it('one row per input with coded issues for bad rows; bad options are issues too', () => {
    const r = computeStaffingOrThrow([{ id: 'a', persons: -1 }, { persons: 3 }, null, { id: 'd', persons: 5, x: 1 }], { ruleSet: 'bw-im-proposal' });
    expect(r.rows.map((x) => x.ok)).toEqual([false, false, false, false]);
    expect(r.summary.invalidRows).toBe(4);
    expect(computeStaffing([], {}).ok).toBe(false);
    expect(computeStaffing([], { ruleSet: 'bw-im-proposal', year: 1 }).ok).toBe(false);
    expect(computeStaffing([], { ruleSet: 'zzz' }).ok).toBe(false);
  });

  it('FTE are monotone in persons and per-case funding is close to FTE funding (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (a, b) => {
        const r = computeStaffingOrThrow([{ id: 'a', persons: a }, { id: 'b', persons: b }], { ruleSet: 'bw-im-proposal' });
        const [ra, rb] = r.rows;
        if (!ra?.ok || !rb?.ok || ra.fte === null || rb.fte === null) throw new Error('unexpected');
        if (a <= b) expect(new Money(ra.fte).lessThanOrEqualTo(rb.fte)).toBe(true);
        // FTE is rounded to 0.25: the two fundings differ by at most 0.125 FTE × rate plus cent rounding per person.
        const diff = new Money(ra.funding ?? 0).minus(ra.perCaseFunding ?? 0).abs();
        expect(diff.lessThanOrEqualTo(new Money('61813.50').mul('0.125').plus(new Money(a).mul('0.005')).plus(1))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('money results do not depend on TZ', () => {
  it('gives byte-identical results under different time zones', () => {
    const original = process.env.TZ;
    const runAll = (): string =>
      JSON.stringify([
        computeGrantOrThrow({ id: 'a', qualification: 'vocational', fte: '0.75', startDate: '2020-02-29', salaryInterrupted: true }),
        computeGrantOrThrow({ id: 'b', qualification: 'other-degree', fte: 1, startDate: '2024-03-31' }),
        computeLumpSumOrThrow({ kind: 'municipality', year: 2031 }),
        allocateOrThrow(districtRecipients(), { ruleSet: 'bw-soforthilfe-2022', method: 'largest-remainder' }),
        computeStaffingOrThrow([{ id: 'x', persons: 4321 }], { ruleSet: 'bw-im-proposal', year: 2029 }),
      ]);
    try {
      const results = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].map((tz) => {
        process.env.TZ = tz;
        return runAll();
      });
      for (const r of results) expect(r).toBe(results[0]);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
