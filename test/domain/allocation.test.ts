import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultRegistry, districtRecipients, bwDistricts, BW_DISTRICTS_SOURCE, type AllocationOk } from '../../src/index.js';
import { allocate, allocateOrThrow } from '../../src/entry/untrusted.js';
import { Money } from '../../src/money/decimal.js';

const PUBLISHED_2017 = [
  { id: 'Tettnang', persons: 166, frame: '132149.00' },
  { id: 'Neukirch', persons: 13, frame: '10349.00' },
  { id: 'Weinheim', persons: 352, frame: '280220.00' },
  { id: 'Schriesheim', persons: 85, frame: '67667.00' },
];

function amounts(r: AllocationOk): Record<string, string> {
  return Object.fromEntries(r.rows.flatMap((row) => (row.ok ? [[row.id, row.amount]] : [])));
}

function sum(r: AllocationOk): InstanceType<typeof Money> {
  return r.rows.reduce((s, row) => (row.ok ? s.plus(row.amount) : s), new Money(0));
}

describe('allocate: the published 2017 planning frames', () => {
  it('come out to the euro from the rule-set parameters (58 Mio € ÷ 72,857 persons, whole euros half-up)', () => {
    const r = allocateOrThrow(PUBLISHED_2017.map(({ id, persons }) => ({ id, persons })), { ruleSet: 'bw-im-2017' });
    for (const p of PUBLISHED_2017) expect(amounts(r)[p.id]).toBe(p.frame);
    expect(r.mode).toBe('per-unit-rate');
    expect(r.summary.unitRate).toBe('796.0799923137');
  });

  it('agree with a rate of exactly 796.08 € per person (the other reading in FACTS.md) on all four', () => {
    for (const p of PUBLISHED_2017) {
      const exact = new Money('796.08').mul(p.persons).toDecimalPlaces(0, Money.ROUND_HALF_UP);
      expect(exact.toFixed(2)).toBe(p.frame);
    }
    const viaBudget = allocateOrThrow(PUBLISHED_2017.map(({ id, persons }) => ({ id, persons })), { ruleSet: 'bw-im-2017', budget: new Money('796.08').mul(72857).toFixed(2) });
    for (const p of PUBLISHED_2017) expect(amounts(viaBudget)[p.id]).toBe(p.frame);
  });

  it('Schriesheim is the half-up case: 67,666.80 € becomes 67,667 €', () => {
    const r = allocateOrThrow([{ id: 'Schriesheim', persons: 85 }], { ruleSet: 'bw-im-2017' });
    const row = r.rows[0];
    expect(row?.ok && row.exact).toBe('67666.80');
    expect(row?.ok && row.amount).toBe('67667.00');
  });

  it('flags frames below 51,000 € as mustApplyJointly, and null where a rule set has no minimum', () => {
    const r = allocateOrThrow([{ id: 'a', persons: 64 }, { id: 'b', persons: 65 }], { ruleSet: 'bw-im-2017' });
    expect(r.rows.map((x) => x.ok && x.mustApplyJointly)).toEqual([true, false]); // 50,949 € / 51,745 €
    const s = allocateOrThrow([{ id: 'a', allocations: 1 }], { ruleSet: 'bw-im-2025' });
    expect(s.rows[0]?.ok && s.rows[0].mustApplyJointly).toBeNull();
  });

  it('reports assumptions and traces the unit rate to the budget and the statewide count', () => {
    const r = allocateOrThrow([{ id: 'x', persons: 1 }], { ruleSet: 'bw-im-2017' });
    const unit = r.trace.find((t) => t.figure === 'unitRate');
    expect(unit?.parameters.map((p) => p.name)).toEqual(['allocationBudget', 'allocationStatewideWeight']);
    expect(r.assumptions.map((a) => a.name)).toEqual(expect.arrayContaining(['allocationStatewideWeight', 'allocation']));
    expect(r.assumptions.map((a) => a.name)).not.toContain('allocationBudget'); // 58 Mio € a year is sourced for 2017
  });
});

describe('allocate: Soforthilfe and 2025', () => {
  it('ships the 44 districts with their source and date; the populations sum to the state total', () => {
    const d = bwDistricts();
    expect(d).toHaveLength(44);
    expect(d.reduce((s, x) => s + x.population, 0)).toBe(11103043);
    expect(BW_DISTRICTS_SOURCE.populationDate).toBe('2020-12-31');
  });

  it('splits the 8 Mio € of 2022 by population and says the 30.11.2021 figures were not available', () => {
    const r = allocateOrThrow(districtRecipients(), { ruleSet: 'bw-soforthilfe-2022' });
    expect(r.summary).toMatchObject({ budget: '8000000.00', sum: '8000001.00', residual: '-1.00', recipients: 44 });
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/2021-11-30; those figures were not available/);
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/Weights as of 2020-12-31 were used/);
    const lr = allocateOrThrow(districtRecipients(), { ruleSet: 'bw-soforthilfe-2022', method: 'largest-remainder' });
    expect(lr.summary.sum).toBe('8000000.00');
  });

  it('splits 58 Mio € in 2025 by the user-supplied allocations', () => {
    const r = allocateOrThrow([{ id: 'A', allocations: '1' }, { id: 'B', allocations: '3' }], { ruleSet: 'bw-im-2025' });
    expect(amounts(r)).toEqual({ A: '14500000.00', B: '43500000.00' });
  });

  it('yields one row per input: invalid rows are reported and left out of the split', () => {
    const r = allocateOrThrow([{ id: 'A', allocations: 1 }, { name: 'no id', allocations: 1 }, { id: 'C', allocations: -1 }, 7], { ruleSet: 'bw-im-2025' });
    expect(r.rows.map((x) => x.ok)).toEqual([true, false, false, false]);
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 3, 4]);
    expect(amounts(r)).toEqual({ A: '58000000.00' });
    expect(r.summary.invalidRows).toBe(3);
  });

  it('rejects bad options with coded issues', () => {
    expect(allocate([], {}).ok).toBe(false);
    const unknown = allocate([], { ruleSet: 'nope' });
    expect(!unknown.ok && unknown.issues[0]?.code).toBe('unknown-rule-set');
    const lr = allocate([{ id: 'a', persons: 1 }], { ruleSet: 'bw-im-2017', method: 'largest-remainder' });
    expect(!lr.ok && lr.issues[0]?.code).toBe('invalid-value');
    const none = allocate([{ id: 'a', persons: 1 }], { ruleSet: 'bw-im-2019' });
    expect(!none.ok && none.issues[0]?.code).toBe('parameter-unavailable');
    expect(allocate([{ id: 'a', allocations: 1 }], { ruleSet: 'bw-im-2025', budget: '-5' }).ok).toBe(false);
    expect(allocate('x' as unknown as unknown[], { ruleSet: 'bw-im-2025' }).ok).toBe(false);
    expect(allocate([{ id: 'a', allocations: 0 }], { ruleSet: 'bw-im-2025' }).ok).toBe(false);
  });
});

const weights = fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 60 }).filter((w) => w.some((x) => x > 0));
const budgets = fc.integer({ min: 0, max: 2_000_000_000 });
const recipients = (w: number[]) => w.map((x, i) => ({ id: `r${i}`, allocations: x }));

describe('allocate: properties (fast-check)', () => {
  it('largest-remainder sums exactly to the budget', () => {
    fc.assert(
      fc.property(weights, budgets, (w, b) => {
        const r = allocateOrThrow(recipients(w), { ruleSet: 'bw-im-2025', budget: b, method: 'largest-remainder' });
        expect(sum(r).toFixed(2)).toBe(new Money(b).toFixed(2));
        expect(r.summary.residual).toBe('0.00');
      }),
      { numRuns: 150 },
    );
  });

  it('proportional: the residual is exactly budget − sum, and smaller than half a step per recipient', () => {
    fc.assert(
      fc.property(weights, budgets, (w, b) => {
        const r = allocateOrThrow(recipients(w), { ruleSet: 'bw-im-2025', budget: b, method: 'proportional' });
        const s = sum(r);
        expect(r.summary.residual).toBe(new Money(b).minus(s).toFixed(2));
        expect(new Money(r.summary.residual).abs().lessThanOrEqualTo(new Money(w.length).div(2))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('amounts are monotone in the weight (both methods)', () => {
    fc.assert(
      fc.property(weights, budgets, fc.constantFrom('proportional' as const, 'largest-remainder' as const), (w, b, method) => {
        const r = allocateOrThrow(recipients(w), { ruleSet: 'bw-im-2025', budget: b, method });
        const rows = r.rows.flatMap((x) => (x.ok ? [x] : []));
        for (const a of rows) {
          for (const c of rows) {
            if (new Money(a.weight).lessThan(c.weight)) expect(new Money(a.amount).lessThanOrEqualTo(c.amount)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('under a per-unit rate any subset of recipients gets the same amounts as in a full run', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (w, pick) => {
          const all = w.map((x, i) => ({ id: `m${i}`, persons: x }));
          const full = amounts(allocateOrThrow(all, { ruleSet: 'bw-im-2017' }));
          const subset = all.filter((_, i) => pick[i] === true);
          const part = amounts(allocateOrThrow(subset, { ruleSet: 'bw-im-2017' }));
          for (const [id, a] of Object.entries(part)) expect(a).toBe(full[id]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the bundled registry is not changed by allocating', () => {
    const before = defaultRegistry().list().map((s) => s.hash);
    allocateOrThrow(districtRecipients(), { ruleSet: 'bw-soforthilfe-2022' });
    expect(defaultRegistry().list().map((s) => s.hash)).toEqual(before);
  });
});
