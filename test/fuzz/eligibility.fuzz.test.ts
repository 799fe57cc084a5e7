/**
 * Property-based fuzzing of the eligibility API: any value as a person (JSON values, arbitrary JS
 * values with dangerous keys, almost-valid persons) either evaluates or yields coded issues;
 * nothing throws, nothing hangs, every input gets its result, and results are deterministic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility, type EligibilityResult } from '../../src/domain/eligibility.js';
import { checkEligibilityMany } from '../../src/domain/batch.js';
import { ACCOMMODATIONS, RESIDENCE_STATUSES } from '../../src/contract/person.js';
import type { IssueCode } from '../../src/issues.js';
import { isCalendarDate } from '../../src/dates/calendar.js';
import { prototypesClean } from '../security/fixtures.js';

const KNOWN_CODES = new Set<IssueCode>([
  'missing-field', 'invalid-type', 'invalid-value', 'invalid-date', 'unknown-field', 'forbidden-key', 'out-of-range',
  'invalid-input', 'unknown-rule-set', 'no-rule-set-in-force', 'invalid-rule-set', 'duplicate-rule-set', 'cyclic-extends',
  'unknown-fact', 'unknown-operator', 'unknown-parameter', 'parameter-unavailable', 'invalid-parameter-value',
  'limit-exceeded', 'malformed-row', 'unreadable-input', 'case-failed', 'inconsistent-input',
]);
/** Per-property wall-clock budget (ms): a hang or a quadratic blow-up fails the run. */
const BUDGET_MS = 15_000;

function wellFormed(r: EligibilityResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    expect(typeof r.eligible).toBe('boolean');
    expect(isCalendarDate(r.on)).toBe(true);
    expect(r.ruleSet.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.counsellingEndsOn === null || isCalendarDate(r.counsellingEndsOn)).toBe(true);
    expect(typeof r.basis.code).toBe('string');
  } else {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(KNOWN_CODES.has(i.code)).toBe(true);
      expect(i.message.de).toEqual(expect.any(String));
      expect(i.message.en).toEqual(expect.any(String));
      expect(Array.isArray(i.path)).toBe(true);
    }
  }
}

function timed(run: () => void): void {
  const t0 = performance.now();
  run();
  expect(performance.now() - t0, 'fuzz run exceeded its time budget').toBeLessThan(BUDGET_MS);
  expect(prototypesClean()).toBe(true);
}

const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty');
const anyKey = fc.oneof(fc.string({ maxLength: 12 }), dangerousKey, fc.constantFrom('id', 'residenceStatus', 'accommodation', 'on', 'district'));
/** Arbitrary JS values, including Maps, Sets, Dates, boxed values, null prototypes, bigints, sparse arrays. */
const anything = fc.anything({
  key: anyKey,
  maxDepth: 4,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});

const date = fc
  .record({ y: fc.integer({ min: 2010, max: 2032 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const validDate = fc
  .record({ y: fc.integer({ min: 2015, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 20, arbitrary: arb }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });

/** Persons that are mostly valid, with each field sometimes wrong, missing or extra. */
const almostPerson = fc.record(
  {
    id: maybe(fc.string({ minLength: 1, maxLength: 20 })),
    residenceStatus: maybe(fc.constantFrom(...RESIDENCE_STATUSES)),
    accommodation: maybe(fc.constantFrom(...ACCOMMODATIONS)),
    displacedFromUkraine: maybe(fc.boolean()),
    followUpSince: maybe(fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 1, arbitrary: date })),
    arrivalDate: maybe(fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 1, arbitrary: date })),
    goodProspects: maybe(fc.boolean()),
    justifiedExtension: maybe(fc.boolean()),
    district: maybe(fc.constantFrom('08111', '08115', '8111', '081111', 'abcde')),
    on: maybe(fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 1, arbitrary: date })),
  },
  { requiredKeys: ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine'] },
);

describe('checkEligibility never throws', () => {
  it('on any JSON value as the person', () => {
    timed(() =>
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), fc.option(validDate, { nil: undefined }), (person, on) => {
          const r = checkEligibility(person, on === undefined ? {} : { on });
          wellFormed(r);
        }),
        { numRuns: 1000 },
      ),
    );
  });
  it('on any JS value, with dangerous keys, Maps, boxed values, null prototypes', () => {
    timed(() =>
      fc.assert(
        fc.property(anything, (person) => {
          wellFormed(checkEligibility(person, { on: '2024-01-15' }));
        }),
        { numRuns: 1000 },
      ),
    );
  });
  it('on objects that carry a dangerous key: always forbidden-key', () => {
    timed(() =>
      fc.assert(
        fc.property(almostPerson, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), (p, key, v) => {
          const person = JSON.parse(JSON.stringify(p).replace(/^\{/, () => `{${JSON.stringify(key)}:${JSON.stringify(v)},`)) as unknown;
          const r = checkEligibility(person, { on: '2024-01-15' });
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('forbidden-key');
        }),
        { numRuns: 500 },
      ),
    );
  });
  it('on almost-valid persons and any date: valid ones evaluate, deterministically', () => {
    const seen = { ok: 0, eligible: 0, failed: 0 };
    timed(() =>
      fc.assert(
        fc.property(almostPerson, fc.oneof({ weight: 10, arbitrary: validDate }, { weight: 1, arbitrary: date }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), fc.boolean(), (person, on, trace) => {
          const r = checkEligibility(person, { on, trace });
          wellFormed(r);
          if (r.ok) seen.ok++;
          else seen.failed++;
          if (r.ok && r.eligible) seen.eligible++;
          expect(JSON.stringify(checkEligibility(structuredClone(person), { on, trace }))).toBe(JSON.stringify(r));
        }),
        { numRuns: 1500 },
      ),
    );
    // the generator reaches evaluation, eligibility and rejection alike
    expect(seen.ok).toBeGreaterThan(150);
    expect(seen.eligible).toBeGreaterThan(30);
    expect(seen.failed).toBeGreaterThan(150);
  });
  it('with any options value', () => {
    const options = fc.record(
      {
        on: fc.oneof(validDate, fc.string({ maxLength: 12 })),
        ruleSet: fc.oneof(fc.constantFrom('bw-im-2017', 'bw-im-2023', 'bw-im-proposal', 'no-such'), fc.string({ maxLength: 12 })),
        programme: fc.oneof(fc.constant('bw-integrationsmanagement'), fc.string({ maxLength: 12 })),
        trace: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    timed(() =>
      fc.assert(
        fc.property(almostPerson, options, (person, opts) => {
          wellFormed(checkEligibility(person, opts));
        }),
        { numRuns: 1000 },
      ),
    );
  });
});

describe('checkEligibilityMany: rows in = rows out', () => {
  it('for any array of any values', () => {
    timed(() =>
      fc.assert(
        fc.property(fc.array(fc.oneof(almostPerson, fc.jsonValue({ maxDepth: 2 }), anything), { maxLength: 40 }), validDate, (rows, on) => {
          const out = checkEligibilityMany(rows, { on });
          expect(out.length).toBe(rows.length);
          out.forEach((r, i) => {
            wellFormed(r);
            // each result is the single check of its row
            expect(JSON.stringify(r)).toBe(JSON.stringify(checkEligibility(rows[i], { on, trace: false })));
          });
        }),
        { numRuns: 300 },
      ),
    );
  });
});
