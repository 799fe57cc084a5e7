/**
 * The typed parameter reader: a computation reads only the parameters and rounding points its
 * contract declares — an undeclared name is a compile-time error (the `@ts-expect-error` lines,
 * checked by `npm run typecheck`) and a run-time error — and the value's type follows the
 * declared kind.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Decimal } from 'decimal.js';
import { PARAMETER_CONTRACT } from '../../src/contract/parameters.js';
import { ParameterReader } from '../../src/computation/money.js';
import { TypedReader } from '../../src/computation/define.js';
import { resolveNamed } from '../../src/versions/resolve.js';
import { defaultRegistry } from '../../src/index.js';
import { LUMP_SUM } from '../../src/domain/lumpSum.js';
import { GRANT } from '../../src/domain/grant.js';

function reader<C extends (typeof PARAMETER_CONTRACT)[keyof typeof PARAMETER_CONTRACT]>(ruleSet: string, date: string, name: string, contract: C): TypedReader<C> {
  const resolved = resolveNamed(defaultRegistry(), ruleSet);
  if (resolved === undefined) throw new Error(ruleSet);
  return new TypedReader(new ParameterReader(resolved, date), name, contract);
}

describe('TypedReader', () => {
  it('types each value by its declared kind', () => {
    const staffing = reader('bw-im-proposal', '2026-01-01', 'staffing', PARAMETER_CONTRACT.staffing);
    expectTypeOf(staffing.get('staffingRatePerFte').value).toEqualTypeOf<Decimal>();
    expectTypeOf(staffing.get('staffingRateBaseYear').value).toEqualTypeOf<number>();
    expectTypeOf(staffing.get('staffingFteRoundingMode').value).toEqualTypeOf<'half-up' | 'down' | 'up' | 'half-even'>();
    const grant = reader('bw-im-2023', '2023-07-01', 'grant', PARAMETER_CONTRACT.grant);
    expectTypeOf(grant.get('grantMaxMonths').value).toEqualTypeOf<number | null>();
    expectTypeOf(grant.get('grantFundedUntil').value).toEqualTypeOf<string | null>();
    const allocation = reader('bw-soforthilfe-2022', '2022-06-01', 'allocation', PARAMETER_CONTRACT.allocation);
    expectTypeOf(allocation.get('allocationKeyFiguresAvailable').value).toEqualTypeOf<boolean>();
    expectTypeOf(allocation.get('allocationKey').value).toEqualTypeOf<'persons-counted' | 'population' | 'allocations-from-initial-reception'>();
    const eligibility = reader('bw-im-2023', '2023-07-01', 'eligibility', PARAMETER_CONTRACT.eligibility);
    expectTypeOf(eligibility.get('targetAccommodations').value).toEqualTypeOf<readonly ('initial-reception' | 'provisional' | 'follow-up' | 'private')[]>();

    const rate = staffing.get('staffingRatePerFte');
    expect(rate.value.toFixed(2)).toBe(String(rate.use.value));
    expect(typeof staffing.get('staffingRateBaseYear').value).toBe('number');
    expect(['half-up', 'down', 'up', 'half-even']).toContain(staffing.get('staffingFteRoundingMode').value);
  });

  it('refuses undeclared parameters and rounding points at compile time and at run time', () => {
    const r = reader('bw-fluag-2014', '2020-01-01', 'lump-sum', PARAMETER_CONTRACT.lumpSum);
    // @ts-expect-error grantMaxMonths is the grant's parameter, not the lump sum's
    expect(() => r.get('grantMaxMonths')).toThrow('computation lump-sum reads parameter grantMaxMonths, which its contract does not declare');
    // @ts-expect-error a misspelt name
    expect(() => r.has('lumpSumAsylumSeekr')).toThrow(/does not declare/);
    // @ts-expect-error a misspelt rounding point
    expect(() => r.rounding('lump-sum-per-person-takenin')).toThrow('computation lump-sum applies rounding point lump-sum-per-person-takenin, which its contract does not declare');
    // @ts-expect-error the grant's rounding point
    expect(() => r.rounding('grant-total')).toThrow(/does not declare/);
    expect(r.get('lumpSumAsylumSeeker').value.toFixed(2)).toBe('13972.00');
  });

  it('the declarations carry their contracts and flat columns', () => {
    expect(LUMP_SUM.contract).toBe(PARAMETER_CONTRACT.lumpSum);
    expect(GRANT.contract).toBe(PARAMETER_CONTRACT.grant);
    const r = LUMP_SUM.evaluate({ kind: 'asylum-seeker', year: 2023 });
    if (!r.ok) throw new Error('lump sum');
    expect(LUMP_SUM.project(r)).toEqual({ kind: 'asylum-seeker', year: 2023, amount: r.amount, baseAmount: r.baseAmount, baseYear: r.baseYear, upratingYears: r.upratingYears, unrounded: r.unrounded });
  });
});
