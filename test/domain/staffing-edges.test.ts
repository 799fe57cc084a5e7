/**
 * Staffing and lump sums, written from mutation-testing survivors: summary totals and when they
 * are null, the implied ratio only from funded rows, the trace, row numbers, option checks, years
 * before the rate's base year, and a lump-sum year outside a named rule set's validity.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { computeStaffing, computeStaffingOrThrow } from '../../src/domain/staffing.js';
import { computeLumpSum } from '../../src/domain/lumpSum.js';
import { FoerderregelnError } from '../../src/issues.js';

const sum = (xs: (string | null)[]): string => xs.reduce((s, x) => s.plus(x ?? '0'), new Decimal(0)).toFixed(2);

describe('computeStaffing: summary, trace and rows', () => {
  it('sums the rows of a rule set with a staffing ratio; no funded FTE given, no implied ratio', () => {
    const r = computeStaffingOrThrow([{ id: 'a', name: 'A-Kreis', persons: 100 }, { id: 'b', persons: 110, year: 2024 }, { id: 'c', persons: 0 }], { ruleSet: 'bw-im-proposal', year: 2030 });
    const rows = r.rows.flatMap((x) => (x.ok ? [x] : []));
    expect(rows.map((x) => [x.row, x.name])).toEqual([[1, 'A-Kreis'], [2, null], [3, null]]);
    expect(r.summary).toEqual({
      persons: '210',
      fte: '2.75',
      funding: sum(rows.map((x) => x.funding)),
      perCaseFunding: sum(rows.map((x) => x.perCaseFunding)),
      fundedFte: null,
      impliedRatio: null,
      invalidRows: 0,
    });
    expect(Number(r.summary.funding)).toBeGreaterThan(0);
    expect(r.trace.map((t) => t.figure)).toEqual(['fte', 'ratePerFte', 'perCaseAmount', 'funding']);
    expect(r.trace.map((t) => [t.value, t.formula.length > 0])).toEqual([['(per row)', true], ['(per year)', true], ['(per year)', true], ['(per row)', true]]);
    expect(r.trace.find((t) => t.figure === 'ratePerFte')?.parameters.map((p) => p.name)).toEqual(['staffingRatePerFte', 'staffingRateBaseYear', 'staffingUpratingPercent']);
    expect(r.trace.find((t) => t.figure === 'fte')?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['staffingRatio']));
  });

  it('without a staffing ratio: totals null, the implied ratio only where funded FTE are given, traced only then', () => {
    const r = computeStaffingOrThrow([{ id: 'b', persons: 1998, fundedFte: 25 }, { id: 'c', persons: 80 }], { ruleSet: 'bw-im-2017' });
    expect(r.summary).toMatchObject({ persons: '2078', fte: null, funding: null, perCaseFunding: null, fundedFte: '25', impliedRatio: '79.92' });
    expect(r.trace.map((t) => t.figure)).toEqual(['impliedRatio']);
    expect(r.trace[0]?.value).toBe('(per row)');
    const none = computeStaffingOrThrow([{ id: 'c', persons: 80 }], { ruleSet: 'bw-im-2017' });
    expect(none.summary).toMatchObject({ fundedFte: null, impliedRatio: null });
    expect(none.trace).toEqual([]);
    const zero = computeStaffingOrThrow([{ id: 'z', persons: 80, fundedFte: 0 }], { ruleSet: 'bw-im-2017' });
    expect(zero.rows[0]).toMatchObject({ fundedFte: '0', impliedRatio: null });
    expect(zero.summary).toMatchObject({ fundedFte: '0', impliedRatio: null });
    expect(none.notes[0]?.de).toContain('bw-im-2017');
  });

  it('a year before the rate’s base year gets the base rate and a note', () => {
    const base = computeStaffingOrThrow([{ id: 'a', persons: 80, year: 2024 }], { ruleSet: 'bw-im-proposal' });
    const before = computeStaffingOrThrow([{ id: 'a', persons: 80, year: 2020 }], { ruleSet: 'bw-im-proposal' });
    const after = computeStaffingOrThrow([{ id: 'a', persons: 80, year: 2025 }], { ruleSet: 'bw-im-proposal' });
    expect(base.rows[0]).toMatchObject({ ratePerFte: '60000.00' });
    expect(before.rows[0]).toMatchObject({ ratePerFte: '60000.00' });
    expect(after.rows[0]).toMatchObject({ ratePerFte: '60900.00' });
    expect(before.notes.map((n) => n.en).join(' ')).toContain('before the base year');
    expect(base.notes.map((n) => n.en).join(' ')).not.toContain('before the base year');
    expect(after.notes.map((n) => n.en).join(' ')).not.toContain('before the base year');
  });

  it('numbers rows from 1, keeps invalid rows in place and counts them', () => {
    const evil = JSON.parse('{"id":"e","persons":1,"__proto__":{"x":1}}') as unknown;
    const r = computeStaffingOrThrow([{ id: 'a', persons: 1 }, evil, { id: 'c', persons: 'x' }, { id: 'd', persons: 2 }], { ruleSet: 'bw-im-proposal' });
    expect(r.rows.map((x) => [x.row, x.ok, x.id])).toEqual([[1, true, 'a'], [2, false, 'e'], [3, false, 'c'], [4, true, 'd']]);
    expect(r.rows[1]?.ok === false && r.rows[1].issues.map((i) => i.code)).toEqual(['forbidden-key']);
    expect(r.rows[2]?.ok === false && r.rows[2].issues[0]?.path).toEqual(['persons']);
    expect(r.summary).toMatchObject({ persons: '3', invalidRows: 2 });
  });

  it('checks the options: list, date, year 1900–2200, a rule set or a date', () => {
    const codes = (x: ReturnType<typeof computeStaffing>): string[] => (x.ok ? [] : x.issues.map((i) => `${i.code}@${i.path.join('.')}`));
    expect(codes(computeStaffing('x' as never, { ruleSet: 'bw-im-proposal' }))).toEqual(['invalid-type@districts']);
    expect(codes(computeStaffing([], { ruleSet: 'bw-im-proposal', on: '2026-02-30' }))).toEqual(['invalid-date@options.on']);
    for (const year of [1899, 2201, 2025.5]) expect(codes(computeStaffing([], { ruleSet: 'bw-im-proposal', year }))).toEqual(['out-of-range@options.year']);
    for (const year of [1900, 2200]) expect(computeStaffing([{ id: 'a', persons: 1 }], { ruleSet: 'bw-im-proposal', year }).ok).toBe(true);
    expect(codes(computeStaffing([], {}))).toEqual(['missing-field@options.ruleSet']);
    const msgs = computeStaffing([], { year: 1 });
    expect(msgs.ok ? [] : msgs.issues.map((i) => [i.message.de.length > 0, i.message.en.length > 0])).toEqual([[true, true], [true, true]]);
    expect(computeStaffing([{ id: 'a', persons: 1 }], { on: '2026-06-01' }).ok).toBe(true);
    expect(() => computeStaffingOrThrow([], {})).toThrow(FoerderregelnError);
  });
});

describe('computeLumpSum outside the named rule set', () => {
  it('a year before a named rule set starts is out of range, naming its validity', () => {
    const r = computeLumpSum({ kind: 'asylum-seeker', year: 2013 }, { ruleSet: 'bw-fluag-2014' });
    expect(r.ok ? null : r.issues[0]).toMatchObject({ code: 'out-of-range', path: ['year'] });
    expect(r.ok ? '' : r.issues[0]?.message.en).toMatch(/^The year 2013 is outside the validity of bw-fluag-2014 \(2014-01-01 to open\)\.$/);
    expect(r.ok ? '' : r.issues[0]?.message.de).toMatch(/^Das Jahr 2013 liegt außerhalb der Geltung von bw-fluag-2014 \(2014-01-01 bis offen\)\.$/);
  });
  it('traces each uprating percentage once', () => {
    const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
    if (!r.ok) throw new Error('lump sum');
    const amount = r.trace.find((t) => t.figure === 'amount');
    const percents = amount?.parameters.filter((p) => p.name.endsWith('UpratingPercent')) ?? [];
    expect(percents.length).toBeGreaterThan(0);
    expect(new Set(percents.map((p) => p.from)).size).toBe(percents.length);
    expect(amount?.formula).toContain('2016');
  });
});
