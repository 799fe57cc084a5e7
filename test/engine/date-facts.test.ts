/**
 * `compileRules(rules, { dateFacts })`: for facts that hold a valid calendar date or null (the
 * promise the eligibility facts keep), the shortened date tests answer exactly as the full ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRules, type Facts } from '../../src/engine/compile.js';
import type { BoundCondition, BoundRule } from '../../src/engine/bind.js';
import type { Rule } from '../../src/ruleset/schema.js';

const DATE_OPS = ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter'] as const;
const rule = (c: BoundCondition): BoundRule => ({ id: 'r', priority: 1, order: 0, conditions: { all: [c] }, event: { type: 'target-group', params: { basis: 'r' } }, source: {} as Rule });

const validDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const dateOrNull = fc.oneof(validDate, fc.constant(null), fc.constant(undefined));

describe('compileRules with dateFacts', () => {
  it('gives the same answer as without, on facts that hold a date or null', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATE_OPS), fc.boolean(), validDate, dateOrNull, dateOrNull, fc.boolean(), (operator, againstFact, literal, a, b, trustOther) => {
        const c: BoundCondition = againstFact ? { fact: 'a', operator, value: { fact: 'b' } } : { fact: 'a', operator, value: literal };
        const [full] = compileRules([rule(c)]);
        const [trusted] = compileRules([rule(c)], { dateFacts: new Set(trustOther ? ['a', 'b'] : ['a']) });
        const facts: Facts = { a, b };
        expect(trusted!.test(facts)).toBe(full!.test(facts));
        expect(trusted!.explain(facts)).toEqual(full!.explain(facts));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('still checks facts that are not declared, and literals', () => {
    const [c] = compileRules([rule({ fact: 'a', operator: 'dateAfter', value: { fact: 'b' } })], { dateFacts: new Set(['a']) });
    expect(c!.test({ a: '2024-01-02', b: 'not a date' })).toBe(false);
    expect(c!.test({ a: '2024-01-02', b: '2024-01-01' })).toBe(true);
    const [bad] = compileRules([rule({ fact: 'a', operator: 'dateAfter', value: '2024-13-01' })], { dateFacts: new Set(['a']) });
    expect(bad!.test({ a: '2025-01-01' })).toBe(false);
  });
});
