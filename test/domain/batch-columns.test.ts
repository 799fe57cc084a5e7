/**
 * The string columns of an eligibility batch (`on`, `counsellingEndsOn`) are kept as codes and
 * built when first read: they must read as plain own properties (in JSON and spreads too), be
 * the same array on every read, and say per row what checkEligibilityMany says. The fast enum
 * membership test of the person pre-check equals list membership.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibilityMany, evaluateEligibilityBatch } from '../../src/domain/batch.js';
import { enumCheck } from '../../src/domain/person-check.js';
import { ACCOMMODATIONS, RESIDENCE_STATUSES } from '../../src/contract/person.js';
import { generatePersons } from '../../src/synthetic/persons.js';

describe('enumCheck', () => {
  const lists: (readonly string[])[] = [RESIDENCE_STATUSES, ACCOMMODATIONS, ['ab', 'cd', 'e'], ['a', 'bb', ''], []];
  it('accepts exactly the members, also as copies built at run time', () => {
    for (const list of lists) {
      const check = enumCheck(list);
      for (const v of list) {
        expect(check(v)).toBe(true);
        expect(check(Array.from({ length: v.length }, (_, k) => v.charAt(k)).join(''))).toBe(true);
      }
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.string({ maxLength: 25 }), fc.constantFrom(...list, 'x').map((v) => `${v} `), fc.constantFrom(...list, 'x').map((v) => v.toUpperCase())), (v) => {
          expect(check(v)).toBe(list.includes(v as string));
        }),
        { numRuns: 500, seed: 3 },
      );
    }
  });
});

describe('lazy string columns of evaluateEligibilityBatch', () => {
  const rows: unknown[] = [
    ...generatePersons({ count: 400, seed: 'columns', on: { from: '2016-06-01', to: '2027-12-31' } }),
    { id: 'bad', residenceStatus: 'tourist' },
    { id: 'nodate', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
  ];

  for (const options of [{}, { on: '2024-01-15' }, { on: '2026-03-01', ruleSet: 'bw-im-proposal' as const }] as { on?: string; ruleSet?: 'bw-im-proposal' }[]) {
    it(`match checkEligibilityMany row by row (${JSON.stringify(options)})`, () => {
      const b = evaluateEligibilityBatch(rows, options);
      const many = checkEligibilityMany(rows, options);
      expect(b.on).toBe(b.on);
      expect(b.counsellingEndsOn).toBe(b.counsellingEndsOn);
      expect(Array.isArray(b.on) && Array.isArray(b.counsellingEndsOn)).toBe(true);
      expect(b.on).toHaveLength(rows.length);
      expect(b.counsellingEndsOn).toHaveLength(rows.length);
      many.forEach((r, i) => {
        expect(b.on[i]).toBe(r.ok ? r.on : null);
        expect(b.counsellingEndsOn[i]).toBe(r.ok ? r.counsellingEndsOn : null);
      });
      if (options.ruleSet === undefined) expect(b.counsellingEndsOn.some((e) => e !== null)).toBe(true);
    });
  }

  it('are own enumerable properties in their place (JSON, spread, Object.keys)', () => {
    const b = evaluateEligibilityBatch(rows.slice(0, 3), { on: '2024-01-15' });
    const keys = Object.keys(b);
    expect(keys.filter((k) => k !== 'persons' && k !== 'options')).toEqual(['length', 'ok', 'eligible', 'basis', 'ruleSet', 'counsellingEndsOn', 'on', 'issues', 'bases', 'ruleSets', 'validCount', 'eligibleCount', 'fixed']);
    const json = JSON.parse(JSON.stringify(b)) as { on: unknown; counsellingEndsOn: unknown };
    expect(json.on).toEqual(b.on);
    expect(json.counsellingEndsOn).toEqual(b.counsellingEndsOn);
    expect({ ...b }.on).toBe(b.on);
  });
});
