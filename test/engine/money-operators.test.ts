/**
 * Why money conditions use the decimal operators: json-rules-engine's numeric operators work on
 * JavaScript numbers (binary floating point) and give wrong answers on amounts; the decimal
 * operators compare exactly, in both engines.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Rule } from 'json-rules-engine';
import { OPERATORS } from '../../src/engine/operators.js';
import { compileRules } from '../../src/engine/compile.js';
import { ReferenceEngine } from '../../src/engine/reference.js';
import type { BoundRule } from '../../src/engine/bind.js';

function op(name: string): (a: unknown, b: unknown) => boolean {
  const d = OPERATORS.get(name);
  if (d === undefined) throw new Error(name);
  return (a, b) => d.validate(a) && d.compare(a, b);
}

/** json-rules-engine with its own built-in operators, as its README uses it. */
async function builtin(operator: string, fact: unknown, value: unknown): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule(new Rule({ name: 'r', conditions: { all: [{ fact: 'x', operator, value: value as never }] }, event: { type: 't' } }));
  const { results } = await engine.run({ x: fact });
  return results.length === 1;
}

function rule(operator: string, value: unknown): BoundRule[] {
  return [
    {
      id: 'm',
      priority: 1,
      order: 0,
      conditions: { all: [{ fact: 'x', operator, value: value as string }] },
      event: { type: 'target-group', params: {} },
      source: {} as BoundRule['source'],
    },
  ];
}

async function bothEngines(operator: string, fact: unknown, value: unknown): Promise<boolean> {
  const rules = rule(operator, value);
  const [compiled] = compileRules(rules);
  const ref = await new ReferenceEngine(rules).run({ x: fact });
  const a = compiled?.test({ x: fact });
  expect(ref.get('m')?.result).toBe(a);
  return a === true;
}

describe('money with numeric operators is wrong', () => {
  it('0.1 + 0.2 is not equal to 0.3 in binary floating point', async () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(await builtin('equal', 0.1 + 0.2, 0.3)).toBe(false);
    expect(await builtin('lessThanInclusive', 0.1 + 0.2, 0.3)).toBe(false);
    expect(await builtin('greaterThan', 0.1 + 0.2, 0.3)).toBe(true);
    expect(op('lessThanInclusive')(0.1 + 0.2, 0.3)).toBe(false);
  });

  it('large amounts collapse: 90,071,992,547,409.93 EUR equals …92 EUR as a number of cents', async () => {
    const a = Number('9007199254740993'); // cents
    const b = Number('9007199254740992');
    expect(a).toBe(b);
    expect(await builtin('greaterThan', a, b)).toBe(false);
    expect(op('greaterThan')(a, b)).toBe(false);
  });

  it('built-in numeric operators compare amounts given as strings as text', async () => {
    // json-rules-engine's greaterThan is `a > b`: on strings that is dictionary order.
    expect(await builtin('greaterThan', '9.00', '10.00')).toBe(true);
    expect(await builtin('lessThan', '100.00', '99.00')).toBe(true);
    expect(await bothEngines('decimalGreaterThan', '9.00', '10.00')).toBe(false);
    expect(await bothEngines('decimalLessThan', '100.00', '99.00')).toBe(false);
  });
});

describe('decimal operators are exact in both engines', () => {
  it('"0.1" + "0.2" vs "0.3": exact sum equals, float sum does not validate', async () => {
    expect(await bothEngines('decimalEqual', '0.30', '0.3')).toBe(true);
    // A non-integer JS number is not accepted as money: the condition fails instead of guessing.
    expect(await bothEngines('decimalEqual', 0.1 + 0.2, '0.3')).toBe(false);
    expect(await bothEngines('decimalLessThanInclusive', '0.3', '0.30')).toBe(true);
  });

  it('distinguishes amounts beyond 2^53 cents', async () => {
    expect(await bothEngines('decimalGreaterThan', '90071992547409.93', '90071992547409.92')).toBe(true);
    expect(await bothEngines('decimalLessThan', '90071992547409.92', '90071992547409.93')).toBe(true);
    expect(await bothEngines('decimalEqual', '90071992547409.93', '90071992547409.92')).toBe(false);
  });

  it('distinguishes differences below float precision', async () => {
    expect(await bothEngines('decimalGreaterThan', '0.30000000000000001', '0.3')).toBe(true);
    expect(await bothEngines('decimalLessThan', '132149.00', '132149.0000000000000001')).toBe(true);
    expect(await bothEngines('decimalGreaterThanInclusive', '132149.00', '132149')).toBe(true);
  });

  it('rejects values that are not decimal strings or safe integers', async () => {
    expect(await bothEngines('decimalEqual', '1e3', '1000')).toBe(false);
    expect(await bothEngines('decimalEqual', 1000, '1000.00')).toBe(true);
    expect(await bothEngines('decimalEqual', 9007199254740993, '9007199254740993')).toBe(false);
    expect(await bothEngines('decimalGreaterThan', null, '0')).toBe(false);
  });
});
