/**
 * The fast batch path must say exactly what the per-person API says: the allocation-free person
 * pre-check never accepts what zod rejects, the char-code date check equals isCalendarDate, and
 * evaluateEligibilityBatch equals checkEligibilityMany row by row (valid, invalid and odd rows).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateEligibilityBatch, type EligibilityBatchOptions } from '../../src/domain/batch.js';
import type { EligibilityResult } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { isCalendarDateFast, isValidPersonFast } from '../../src/domain/person-check.js';
import { personSchema, type Person } from '../../src/contract/person.js';
import { isCalendarDate } from '../../src/dates/calendar.js';
import { FoerderregelnError, forbiddenKeys } from '../../src/issues.js';
import { generatePersons, streamPersons } from '../../src/synthetic/persons.js';

const zodValid = (x: unknown): boolean => forbiddenKeys(x).length === 0 && personSchema.safeParse(x).success;

const nearDate = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.string({ minLength: 8, maxLength: 12 }),
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-1-01', '２０２４-01-01', '2024-01-01\n', ' 2024-01-01'),
);

const base = generatePersons({ count: 200, seed: 'batch-test', on: { from: '2016-06-01', to: '2027-12-31' } });

type Mutation = (p: Record<string, unknown>) => unknown;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>((p) => p),
  fc.constantFrom('id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'on').map<Mutation>((k) => (p) => {
    const q = { ...p };
    delete q[k];
    return q;
  }),
  fc
    .tuple(
      fc.constantFrom('id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district', 'on'),
      fc.oneof(fc.anything(), nearDate, fc.constantFrom(undefined, null, '', 'x'.repeat(201), 'x'.repeat(200), '0811', '08111', '０８１１１', 'private', 'asylum-seeker')),
    )
    .map<Mutation>(([k, v]) => (p) => ({ ...p, [k]: v })),
  fc.string({ maxLength: 6 }).map<Mutation>((k) => (p) => ({ ...p, [k]: 1 })),
  fc.constant<Mutation>((p) => JSON.parse(`{"__proto__": {"x": 1}, "id": ${JSON.stringify(p.id)}}`) as unknown),
  fc.constant<Mutation>((p) => Object.assign(Object.create(null) as object, p)),
  fc.constant<Mutation>((p) => [p]),
  fc.anything().map<Mutation>((v) => () => v),
);
const rowArb = fc.tuple(fc.integer({ min: 0, max: base.length - 1 }), mutationArb).map(([i, m]) => m({ ...(base[i] as Person) }));

describe('fast checks equal the full validation', () => {
  it('isCalendarDateFast equals isCalendarDate', () => {
    fc.assert(
      fc.property(fc.oneof(nearDate, fc.anything()), (s) => {
        expect(isCalendarDateFast(s)).toBe(isCalendarDate(s));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('isValidPersonFast never accepts what zod rejects, and accepts every valid plain object', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(rowArb, (row) => {
        const fast = isValidPersonFast(row);
        const full = zodValid(row);
        if (fast) expect(full).toBe(true);
        const plain = row !== null && typeof row === 'object' && Object.getPrototypeOf(row) === Object.prototype;
        if (plain) expect(fast).toBe(full);
        if (fast) accepted++;
        else rejected++;
      }),
      { numRuns: 20_000, seed: 8 },
    );
    expect(accepted).toBeGreaterThan(2000);
    expect(rejected).toBeGreaterThan(2000);
  });
});

function expectSame(rows: readonly unknown[], options: EligibilityBatchOptions): { valid: number; eligible: number } {
  const batch = evaluateEligibilityBatch(rows, options);
  const many: EligibilityResult[] = checkEligibilityMany(rows, options);
  expect(batch.length).toBe(rows.length);
  let valid = 0;
  let eligible = 0;
  many.forEach((r, i) => {
    if (r.ok) {
      valid++;
      expect(batch.ok[i]).toBe(1);
      expect(batch.eligible[i]).toBe(r.eligible ? 1 : 0);
      if (r.eligible) eligible++;
      expect(batch.bases[batch.basis[i] ?? -1]).toEqual(r.basis);
      expect(batch.ruleSets[batch.ruleSet[i] ?? -1]).toEqual(r.ruleSet);
      expect(batch.counsellingEndsOn[i]).toBe(r.counsellingEndsOn);
      expect(batch.on[i]).toBe(r.on);
      expect(batch.issues.has(i)).toBe(false);
    } else {
      expect(batch.ok[i]).toBe(0);
      expect(batch.eligible[i]).toBe(0);
      expect(batch.basis[i]).toBe(-1);
      expect(batch.issues.get(i)).toEqual(r.issues);
    }
    // The list API's fast path gives the single check's result exactly (fields, values, key order).
    const single = batch.result(i);
    expect(single).toStrictEqual(r);
    expect(JSON.stringify(single)).toBe(JSON.stringify(r));
  });
  expect(batch.validCount).toBe(valid);
  expect(batch.eligibleCount).toBe(eligible);
  return { valid, eligible };
}

describe('evaluateEligibilityBatch equals checkEligibilityMany', () => {
  const optionsArb: fc.Arbitrary<EligibilityBatchOptions> = fc.oneof(
    fc.constant({}),
    fc.record({ on: fc.oneof(fc.constantFrom('2017-07-01', '2022-03-11', '2023-06-06', '2024-01-15', '2026-06-30', '2016-01-01'), nearDate) }),
    fc.record({ ruleSet: fc.constantFrom('bw-im-2017', 'bw-im-2022-ukraine', 'bw-im-2023', 'bw-im-proposal', 'no-such-set') }),
    fc.record({ on: fc.constantFrom('2019-05-05', '2024-07-01'), ruleSet: fc.constantFrom('bw-im-2023', 'bw-im-2025') }),
    fc.record({ programme: fc.constantFrom('bw-integrationsmanagement', 'unknown-programme') }),
    // Bad options: the batch answers as checkEligibilityMany does (issues on every row, no throw).
    fc.constantFrom<unknown>(null, 5, [], { registry: {} }, { trace: 'x' }, { on: 5 }, { ruleSet: {} }, { programme: 1 }).map((o) => o as EligibilityBatchOptions),
  );

  it('row by row on mixed valid, invalid and odd rows under varied options', () => {
    let valid = 0;
    let eligible = 0;
    let rows = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 10, maxLength: 40 }), optionsArb, (batchRows, options) => {
        const r = expectSame(batchRows, options);
        valid += r.valid;
        eligible += r.eligible;
        rows += batchRows.length;
      }),
      { numRuns: 300, seed: 9 },
    );
    expect(rows).toBeGreaterThan(4000);
    expect(valid).toBeGreaterThan(500);
    expect(eligible).toBeGreaterThan(100);
  });

  it('on 5,000 synthetic persons with their own dates 2016–2027', () => {
    const persons = generatePersons({ count: 5000, seed: 3, on: { from: '2016-01-01', to: '2027-12-31' } });
    const r = expectSame(persons, {});
    expect(r.valid).toBeGreaterThan(3800);
    expect(r.eligible).toBeGreaterThan(750);
  });

  it('answers a non-list input like checkEligibilityMany, without throwing', () => {
    for (const bad of [null, 5, true]) {
      const rows = bad as unknown as unknown[];
      const b = evaluateEligibilityBatch(rows, {});
      const many = checkEligibilityMany(rows, {});
      expect(b.length).toBe(many.length);
      expect(b.result(0)).toEqual(many[0]);
      expect(b.issues.get(0)).toEqual(many[0]?.ok === false ? many[0].issues : undefined);
    }
  });

  it('checkEligibilityMany: equal decisions share frozen parts; a caller cannot change another result', () => {
    const persons = generatePersons({ count: 2000, seed: 5, on: '2024-01-15' });
    const many = checkEligibilityMany(persons, { on: '2024-01-15' });
    const oks = many.filter((r): r is Extract<EligibilityResult, { ok: true }> => r.ok);
    expect(oks.length).toBe(persons.length);
    const byCode = new Map<string, (typeof oks)[number]>();
    let shared = 0;
    for (const r of oks) {
      expect(Object.isFrozen(r.assumptions)).toBe(true);
      expect(Object.isFrozen(r.notes)).toBe(true);
      expect(Object.isFrozen(r.basis)).toBe(true);
      expect(Object.isFrozen(r.ruleSet)).toBe(true);
      const first = byCode.get(r.basis.code);
      if (first === undefined) byCode.set(r.basis.code, r);
      else if (first.basis === r.basis) shared++;
    }
    expect(shared).toBeGreaterThan(1000);
    const r0 = oks[0];
    if (r0 === undefined) throw new Error('no result');
    expect(() => (r0.assumptions as unknown[]).push(1)).toThrow(TypeError);
    expect(() => { (r0.basis as { code: string }).code = 'x'; }).toThrow(TypeError);
    // The result objects themselves are the caller's.
    (r0 as { id: string }).id = 'changed';
    expect(checkEligibilityMany([persons[0]], { on: '2024-01-15' })[0]?.id).toBe(persons[0]?.id);
  });

  it('an empty batch is empty', () => {
    const b = evaluateEligibilityBatch([], { on: '2024-01-15' });
    expect(b.length).toBe(0);
    expect(b.validCount).toBe(0);
    expect(() => b.result(0)).toThrow(RangeError);
  });
});

describe('generatePersons', () => {
  it('is deterministic for a seed, differs between seeds, and yields valid persons', () => {
    const a = generatePersons({ count: 2000, seed: 11, on: { from: '2017-07-01', to: '2027-12-31' } });
    const b = generatePersons({ count: 2000, seed: 11, on: { from: '2017-07-01', to: '2027-12-31' } });
    const c = generatePersons({ count: 2000, seed: 12, on: { from: '2017-07-01', to: '2027-12-31' } });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect([...streamPersons({ count: 2000, seed: 11, on: { from: '2017-07-01', to: '2027-12-31' } })]).toEqual(a);
    for (const p of a) {
      expect(personSchema.safeParse(p).success).toBe(true);
      expect(isValidPersonFast(p)).toBe(true);
      expect(p.on !== undefined && p.on >= '2017-07-01' && p.on <= '2027-12-31').toBe(true);
      if (p.followUpSince !== undefined && p.arrivalDate !== undefined) expect(p.followUpSince >= p.arrivalDate).toBe(true);
      if (p.displacedFromUkraine) expect(p.arrivalDate === undefined || p.arrivalDate >= '2022-02-24').toBe(true);
    }
  });

  it('covers every status, accommodation, Ukraine and missing optional facts', () => {
    const ps = generatePersons({ count: 20_000, seed: 'mix', on: '2024-01-15' });
    const statuses = new Set(ps.map((p) => p.residenceStatus));
    const acc = new Set(ps.map((p) => p.accommodation));
    expect(statuses.size).toBe(personSchema.shape.residenceStatus.options.length);
    expect(acc.size).toBe(personSchema.shape.accommodation.options.length);
    const share = ps.filter((p) => p.displacedFromUkraine).length / ps.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(ps.some((p) => p.followUpSince === undefined)).toBe(true);
    expect(ps.some((p) => p.district === undefined)).toBe(true);
    expect(new Set(ps.map((p) => p.district)).size).toBe(45);
    expect(ps.every((p) => p.on === '2024-01-15')).toBe(true);
    expect(generatePersons({ count: 100, seed: 1, on: '2019-01-01' }).some((p) => p.displacedFromUkraine)).toBe(false);
    expect(generatePersons({ count: 50, seed: 1 }).every((p) => p.on === undefined)).toBe(true);
    expect(generatePersons({ count: 50, seed: 1, districts: ['08111'] }).every((p) => p.district === undefined || p.district === '08111')).toBe(true);
  });

  it('rejects bad options with a FoerderregelnError (the public API throws no other type)', () => {
    expect(() => generatePersons({ count: -1, seed: 1 })).toThrow(FoerderregelnError);
    expect(() => generatePersons({ count: 1, seed: 1, on: '2024-02-30' })).toThrow(/not a calendar date/);
    expect(() => generatePersons({ count: 1, seed: 1, on: { from: '2024-01-02', to: '2024-01-01' } })).toThrow(FoerderregelnError);
    expect(() => generatePersons({ count: 1, seed: 1, ukraineShare: 2 })).toThrow(FoerderregelnError);
    expect(() => generatePersons({ count: 1, seed: 1, districts: ['811'] })).toThrow(FoerderregelnError);
  });
});
