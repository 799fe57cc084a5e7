/**
 * Allocation and grant details written from mutation-testing survivors: the notes an allocation
 * gives (key figures not available, other reference dates, weights without a date, invalid rows,
 * a rounding residual), the coded issues of bad options, and what the trace names.
 */
import { describe, expect, it } from 'vitest';
import { allocate, allocateOrThrow } from '../../src/domain/allocation.js';
import { computeGrant } from '../../src/domain/grant.js';
import { FoerderregelnError } from '../../src/issues.js';

const codes = (r: { ok: boolean; issues?: { code: string; path: (string | number)[] }[] }): string[] => (r.ok ? [] : (r.issues ?? []).map((i) => `${i.code}@${i.path.join('.')}`));
const notes = (r: { notes: { en: string }[] }): string => r.notes.map((n) => n.en).join(' | ');

describe('allocate: notes', () => {
  it('weights with the reference date give no date note; other dates and missing dates each get theirs', () => {
    const exact = allocateOrThrow([{ id: 'a', population: 10, weightDate: '2021-11-30' }, { id: 'b', population: 30, weightDate: '2021-11-30' }], { ruleSet: 'bw-soforthilfe-2022' });
    expect(notes(exact)).toMatch(/figures were not available/);
    expect(notes(exact)).not.toMatch(/were used instead/);
    expect(notes(exact)).not.toMatch(/without a reference date/);
    const mixed = allocateOrThrow(
      [{ id: 'a', population: 10, weightDate: '2020-12-31' }, { id: 'b', population: 30, population_date: '2019-12-31' }, { id: 'c', population: 5 }, { id: 'd', population: 5, weightDate: '2020-12-31' }],
      { ruleSet: 'bw-soforthilfe-2022' },
    );
    expect(notes(mixed)).toContain('Weights as of 2019-12-31, 2020-12-31 were used instead of 2021-11-30');
    expect(notes(mixed)).toContain('Weights without a reference date are taken as figures as of 2021-11-30.');
    expect(mixed.notes.every((n) => n.de.length > 0)).toBe(true);
  });
  it('names invalid rows and a proportional residual; largest remainder leaves none', () => {
    const r = allocateOrThrow([{ id: 'a', allocations: 1 }, { id: 'b', allocations: 1 }, { id: 'c', allocations: 1 }, { id: 'x' }], { ruleSet: 'bw-im-2025', budget: 100, method: 'proportional' });
    expect(r.summary.residual).not.toBe('0.00');
    expect(notes(r)).toContain('1 invalid row(s) are not part of the split.');
    expect(notes(r)).toMatch(/rounded on its own/);
    expect(r.rows[3]).toMatchObject({ ok: false, row: 4, id: 'x' });
    expect(r.rows[3]?.ok === false && r.rows[3].issues.map((i) => i.code)).toEqual(['missing-field']);
    expect(r.rows[3]?.ok === false && r.rows[3].issues[0]?.message.en).toBe('Weight missing: give weight or allocations (key allocations-from-initial-reception).');
    const lr = allocateOrThrow([{ id: 'a', allocations: 1 }, { id: 'b', allocations: 1 }, { id: 'c', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: 100, method: 'largest-remainder' });
    expect(lr.summary.residual).toBe('0.00');
    expect(notes(lr)).not.toMatch(/rounded on its own|invalid row/);
    const even = allocateOrThrow([{ id: 'a', allocations: 1 }, { id: 'b', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: 100, method: 'proportional' });
    expect(notes(even)).not.toMatch(/rounded on its own/);
  });
});

describe('allocate: trace and rows', () => {
  it('per-unit rate: rate from the budget parameter or the option, the minimum traced', () => {
    const r = allocateOrThrow([{ id: 'T', name: 'Tettnang', persons: 166 }, { id: 'N', persons: 13 }], { ruleSet: 'bw-im-2017' });
    expect(r.trace.map((t) => t.figure)).toEqual(['unitRate', 'amount', 'mustApplyJointly', 'residual']);
    expect(r.trace[0]?.formula).toBe('allocationBudget ÷ allocationStatewideWeight');
    expect(r.trace[0]?.parameters.map((p) => p.name)).toEqual(['allocationBudget', 'allocationStatewideWeight']);
    expect(r.trace[1]?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['allocationKey', 'allocationMode', 'allocationBudget']));
    expect(r.rows.map((x) => x.ok && x.name)).toEqual(['Tettnang', null]);
    expect(r.summary.statewideWeight).not.toBeNull();
    const opt = allocateOrThrow([{ id: 'T', persons: 166 }], { ruleSet: 'bw-im-2017', budget: '1000000' });
    expect(opt.trace[0]?.formula).toBe('budget (option) ÷ allocationStatewideWeight');
    expect(opt.trace[0]?.parameters.map((p) => p.name)).toEqual(['allocationStatewideWeight']);
  });
  it('split budget: method named in the trace, no statewide weight, key reference date traced', () => {
    const r = allocateOrThrow([{ id: 'a', population: 1 }, { id: 'b', population: 3 }], { ruleSet: 'bw-soforthilfe-2022' });
    expect(r.summary.statewideWeight).toBeNull();
    expect(r.summary.unitRate).toBeNull();
    const amount = r.trace.find((t) => t.figure === 'amount');
    expect(amount?.formula).toMatch(/each on its own/);
    expect(amount?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['allocationKey', 'allocationMode', 'allocationKeyReferenceDate', 'allocationBudget', 'allocationMethod']));
    const lr = allocateOrThrow([{ id: 'a', population: 1 }], { ruleSet: 'bw-soforthilfe-2022', method: 'largest-remainder', budget: 10 });
    const lrAmount = lr.trace.find((t) => t.figure === 'amount');
    expect(lrAmount?.formula).toMatch(/^largest remainder/);
    expect(lrAmount?.parameters.map((p) => p.name)).not.toContain('allocationMethod');
    expect(lrAmount?.parameters.map((p) => p.name)).not.toContain('allocationBudget');
  });
});

describe('allocate: bad options', () => {
  it('each with its code, path and both languages', () => {
    expect(codes(allocate('x' as never, { ruleSet: 'bw-im-2025' }))).toEqual(['invalid-type@recipients']);
    expect(codes(allocate([], { ruleSet: 'bw-im-2025', on: '2025-02-30' }))).toEqual(['invalid-date@options.on']);
    expect(codes(allocate([], { ruleSet: 'bw-im-2025', method: 'random' as never }))).toEqual(['invalid-value@options.method']);
    expect(codes(allocate([], {}))).toEqual(['missing-field@options.ruleSet']);
    expect(codes(allocate([{ id: 'a', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: 'abc' }))).toEqual(['invalid-value@options.budget']);
    expect(codes(allocate([{ id: 'a', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: '-1' }))).toEqual(['invalid-value@options.budget']);
    expect(allocate([{ id: 'a', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: 0 }).ok).toBe(true);
    expect(codes(allocate([{ id: 'a', allocations: 0 }, { id: 'b', allocations: 0 }], { ruleSet: 'bw-im-2025' }))).toEqual(['invalid-value@weight']);
    expect(allocate([], { ruleSet: 'bw-im-2025' }).ok).toBe(true);
    const lr = allocate([{ id: 'a', persons: 1 }], { ruleSet: 'bw-im-2017', method: 'largest-remainder' });
    expect(codes(lr)).toEqual(['invalid-value@options.method']);
    expect(lr.ok ? '' : lr.issues[0]?.message.en).toContain('bw-im-2017');
    const many = allocate([], { on: 'x', method: 'y' as never });
    expect(many.ok ? [] : many.issues.every((i) => i.message.de.length > 0 && i.message.en.length > 0)).toBe(true);
    expect(codes(many)).toEqual(['invalid-date@options.on', 'invalid-value@options.method']);
    expect(allocate([{ id: 'a', allocations: 1 }], { on: '2025-06-01' }).ok).toBe(true);
    expect(() => allocateOrThrow([], {})).toThrow(FoerderregelnError);
  });
});

describe('computeGrant: trace, messages, options', () => {
  const post = (over: Record<string, unknown> = {}) => ({ id: 'p', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01', ...over });
  it('traces rate, yearly amount, months, end date and total', () => {
    const r = computeGrant(post(), { ruleSet: 'bw-im-2017' });
    if (!r.ok) throw new Error('grant');
    expect(r.trace.map((t) => t.figure)).toEqual(['ratePerFteYear', 'yearlyAmount', 'months', 'endDate', 'total']);
    expect(r.trace.map((t) => t.value)).toEqual([r.ratePerFteYear, r.yearlyAmount, String(r.months), r.endDate, r.total]);
    expect(r.trace[2]?.formula).toBe('grantMaxMonths');
    expect(r.trace[3]?.formula).toMatch(/^startDate \+ months/);
    const follow = computeGrant(post({ startDate: '2022-03-01', firstApprovedOn: '2018-03-01', salaryInterrupted: true }), { ruleSet: 'bw-im-2022' });
    if (!follow.ok) throw new Error('grant');
    expect(follow.trace.find((t) => t.figure === 'months')?.formula).toBe('grantMaxMonths + grantFollowOnMonths + grantSalaryInterruptionExtensionMonths');
    expect(follow.months).toBe(84);
    const late = computeGrant(post({ startDate: '2022-03-01', salaryInterrupted: true }), { ruleSet: 'bw-im-2022' });
    if (!late.ok) throw new Error('grant');
    expect(late.trace.find((t) => t.figure === 'months')?.formula).toBe(
      'grantMaxMonths − grantExtensionMonths (first approved after grantExtensionReferenceDate) + grantFollowOnMonths + grantSalaryInterruptionExtensionMonths',
    );
    expect(late.months).toBe(60);
  });
  it('says why a share is refused, with the figures', () => {
    const low = computeGrant(post({ fte: '0,2' }), { ruleSet: 'bw-im-2017' });
    expect(low.ok ? '' : low.issues[0]?.message.en).toBe('The share 0.2 is below the minimum share of 0.25 FTE (bw-im-2017).');
    expect(low.ok ? '' : low.issues[0]?.message.de).toContain('0.2');
    const high = computeGrant(post({ fte: 1.5 }), { ruleSet: 'bw-im-2017' });
    expect(high.ok ? '' : high.issues[0]?.message.en).toBe('The share 1.5 is more than one full-time post (1 FTE); give several posts as separate rows.');
    const noGrant = computeGrant(post(), { ruleSet: 'bw-soforthilfe-2022' });
    expect(noGrant.ok ? [] : [noGrant.issues[0]?.code, noGrant.issues[0]?.path]).toEqual(['parameter-unavailable', ['ruleSet']]);
  });
  it('checks on, and reports a bad post and a bad date together', () => {
    const badOn = computeGrant(post(), { on: '2018-02-30' });
    expect(codes(badOn)).toEqual(['invalid-date@options.on']);
    expect(badOn.ok ? '' : badOn.issues[0]?.message.en).toBe('on is not a valid date YYYY-MM-DD.');
    expect(codes(computeGrant(post({ qualification: 'pilot' }), { on: 'x' }))).toEqual(['invalid-value@qualification', 'invalid-date@options.on']);
    const evil = computeGrant(JSON.parse('{"id":"e","__proto__":{"x":1}}') as unknown);
    expect(evil.ok ? null : [evil.id, evil.issues.map((i) => i.code)]).toEqual(['e', ['forbidden-key']]);
  });
});
