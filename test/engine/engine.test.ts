/**
 * Tests added where mutation testing (docs/quality.md) found engine behaviour that only the slow
 * differential test pinned down: every operator on hand-computed cases, every specialised path of
 * the compiled evaluator (and its trace), the json-rules-engine adapter, and rule binding.
 */
import { describe, expect, it } from 'vitest';
import { OPERATOR_NAMES, OPERATORS } from '../../src/engine/operators.js';
import { compileRules, leafResults, type ConditionTrace, type Facts } from '../../src/engine/compile.js';
import { bindCondition, bindRules, forEachLeaf, isFactRef, isLeaf, isParamRef, type BoundCondition, type BoundRule, type BoundTop } from '../../src/engine/bind.js';
import { ReferenceEngine, strictPathResolver } from '../../src/engine/reference.js';
import type { Condition, Rule } from '../../src/ruleset/schema.js';

/** [operator, fact value, rule value, expected] — worked out by hand from the operator's meaning. */
const TABLE: [string, unknown, unknown, boolean][] = [
  ['equal', 'a', 'a', true], ['equal', 'a', 'b', false], ['equal', 1, '1', false], ['equal', undefined, null, false], ['equal', null, null, true],
  ['notEqual', 'a', 'a', false], ['notEqual', 'a', 'b', true], ['notEqual', undefined, 'a', true],
  ['in', 'a', ['a', 'b'], true], ['in', 'c', ['a', 'b'], false], ['in', 'a', ['a'], true], ['in', 'b', ['a'], false], ['in', 'a', 'a', false], ['in', undefined, ['a'], false], ['in', 'a', [], false],
  ['notIn', 'a', ['a', 'b'], false], ['notIn', 'c', ['a', 'b'], true], ['notIn', 'a', 'a', false], ['notIn', 'a', [], true],
  ['contains', ['a', 'b'], 'a', true], ['contains', ['a', 'b'], 'c', false], ['contains', 'abc', 'a', false], ['contains', undefined, 'a', false],
  ['doesNotContain', ['a', 'b'], 'a', false], ['doesNotContain', ['a', 'b'], 'c', true], ['doesNotContain', 'abc', 'z', false],
  ['lessThan', 1, 2, true], ['lessThan', 2, 2, false], ['lessThan', 3, 2, false], ['lessThan', '1', 2, false], ['lessThan', null, 2, false], ['lessThan', 1, '2', false],
  ['lessThanInclusive', 1, 2, true], ['lessThanInclusive', 2, 2, true], ['lessThanInclusive', 3, 2, false], ['lessThanInclusive', 'x', 2, false],
  ['greaterThan', 3, 2, true], ['greaterThan', 2, 2, false], ['greaterThan', 1, 2, false], ['greaterThan', Infinity, 2, false],
  ['greaterThanInclusive', 3, 2, true], ['greaterThanInclusive', 2, 2, true], ['greaterThanInclusive', 1, 2, false], ['greaterThanInclusive', 2, NaN, false],
  ['dateBefore', '2024-01-01', '2024-01-02', true], ['dateBefore', '2024-01-02', '2024-01-02', false], ['dateBefore', '2024-01-03', '2024-01-02', false],
  ['dateBefore', '2024-02-30', '2024-03-01', false], ['dateBefore', null, '2024-01-02', false], ['dateBefore', '2024-01-01', '2024-13-01', false],
  ['dateOnOrBefore', '2024-01-01', '2024-01-02', true], ['dateOnOrBefore', '2024-01-02', '2024-01-02', true], ['dateOnOrBefore', '2024-01-03', '2024-01-02', false], ['dateOnOrBefore', 20240101, '2024-01-02', false],
  ['dateAfter', '2024-01-03', '2024-01-02', true], ['dateAfter', '2024-01-02', '2024-01-02', false], ['dateAfter', '2024-01-01', '2024-01-02', false], ['dateAfter', '2024-01-03', 'tomorrow', false],
  ['dateOnOrAfter', '2024-01-03', '2024-01-02', true], ['dateOnOrAfter', '2024-01-02', '2024-01-02', true], ['dateOnOrAfter', '2024-01-01', '2024-01-02', false], ['dateOnOrAfter', '2024-1-03', '2024-01-02', false],
  ['decimalEqual', '1.50', '1.5', true], ['decimalEqual', '1.51', '1.5', false], ['decimalEqual', 2, '2.00', true], ['decimalEqual', 'x', '1', false], ['decimalEqual', 1.5, '1.5', false], ['decimalEqual', '1', 'y', false],
  ['decimalLessThan', '1.49', '1.5', true], ['decimalLessThan', '1.5', '1.5', false], ['decimalLessThan', '1.51', '1.5', false],
  ['decimalLessThanInclusive', '1.49', '1.5', true], ['decimalLessThanInclusive', '1.50', '1.5', true], ['decimalLessThanInclusive', '1.51', '1.5', false], ['decimalLessThanInclusive', null, '1.5', false],
  ['decimalGreaterThan', '1.51', '1.5', true], ['decimalGreaterThan', '1.5', '1.5', false], ['decimalGreaterThan', '1.49', '1.5', false],
  ['decimalGreaterThanInclusive', '1.51', '1.5', true], ['decimalGreaterThanInclusive', '1.50', '1.5', true], ['decimalGreaterThanInclusive', '1.49', '1.5', false], ['decimalGreaterThanInclusive', '1.6', undefined, false],
];

function rule(conditions: BoundTop, id = 'r'): BoundRule {
  return { id, priority: 1, order: 0, conditions, event: { type: 'target-group', params: { basis: id } }, source: {} as Rule };
}
function decide(c: BoundCondition, facts: Facts): { test: boolean; explain: ConditionTrace } {
  const [compiled] = compileRules([rule({ all: [c] })]);
  return { test: compiled!.test(facts), explain: compiled!.explain(facts) };
}

describe('operators', () => {
  it('the table covers every operator', () => {
    expect(new Set(TABLE.map((t) => t[0]))).toEqual(new Set(OPERATOR_NAMES));
    expect(OPERATOR_NAMES.length).toBe(19);
  });
  it.each(TABLE)('%s(%j, %j) is %s in the definition, the compiled evaluator and its trace', (op, fv, v, want) => {
    const def = OPERATORS.get(op)!;
    expect(def.validate(fv) && def.compare(fv, v)).toBe(want);
    const c: BoundCondition = { fact: 'x', operator: op, value: v as never };
    const d = decide(c, { x: fv });
    expect(d.test).toBe(want);
    expect(d.explain).toEqual({ kind: 'all', result: want, conditions: [{ kind: 'leaf', fact: 'x', operator: op, value: v, factValue: fv, result: want }] });
    // the same through a fact named like an Object.prototype member, read as an own property
    expect(decide({ fact: 'valueOf', operator: op, value: v as never }, { valueOf: fv }).test).toBe(want);
    // and with the value taken from another fact
    expect(decide({ fact: 'x', operator: op, value: { fact: 'y' } }, { x: fv, y: v }).test).toBe(want);
  });
  it('reference engine agrees with the table', async () => {
    const rules = TABLE.map(([op, , v], i) => rule({ all: [{ fact: `f${i}`, operator: op, value: v as never }] }, `r${i}`));
    const facts = Object.fromEntries(TABLE.map(([, fv], i) => [`f${i}`, fv]));
    const out = await new ReferenceEngine(rules).run(facts);
    TABLE.forEach(([, , , want], i) => {
      expect(out.get(`r${i}`)?.result, `row ${i}`).toBe(want);
      expect(out.get(`r${i}`)?.leaves).toEqual([want]);
    });
  });
  it('every operator has German and English readings and a value kind', () => {
    for (const name of OPERATOR_NAMES) {
      const d = OPERATORS.get(name)!;
      expect(d.name).toBe(name);
      expect(d.reads.de.length).toBeGreaterThan(0);
      expect(d.reads.en.length).toBeGreaterThan(0);
      expect(['any', 'list', 'number', 'date', 'decimal']).toContain(d.valueKind);
    }
  });
});

describe('compiled evaluator', () => {
  const leafA: BoundCondition = { fact: 'a', operator: 'equal', value: 1 };
  const leafB: BoundCondition = { fact: 'b', operator: 'equal', value: 1 };
  const cases: [string, BoundTop, Facts, boolean, boolean[]][] = [
    ['empty all', { all: [] }, {}, true, []],
    ['empty any', { any: [] }, {}, true, []],
    ['all of one', { all: [leafA] }, { a: 1 }, true, [true]],
    ['all of two, second false', { all: [leafA, leafB] }, { a: 1, b: 2 }, false, [true, false]],
    ['all of two, first false', { all: [leafA, leafB] }, { a: 2, b: 1 }, false, [false, true]],
    ['all of two, both true', { all: [leafA, leafB] }, { a: 1, b: 1 }, true, [true, true]],
    ['any of one', { any: [leafA] }, { a: 2 }, false, [false]],
    ['any of two, second true', { any: [leafA, leafB] }, { a: 2, b: 1 }, true, [false, true]],
    ['any of two, first true', { any: [leafA, leafB] }, { a: 1, b: 2 }, true, [true, false]],
    ['any of two, none', { any: [leafA, leafB] }, { a: 2, b: 2 }, false, [false, false]],
    ['not', { not: leafA }, { a: 1 }, false, [true]],
    ['not not', { not: { not: leafA } }, { a: 1 }, true, [true]],
    ['nested', { any: [{ all: [leafA, { not: leafB }] }, { all: [] }] }, { a: 2, b: 2 }, true, [false, false]],
    ['missing facts are undefined', { all: [{ fact: 'zz', operator: 'equal', value: null }] }, {}, false, [false]],
    ['inherited names are no facts', { all: [{ fact: 'toString', operator: 'notEqual', value: 'x' }] }, {}, true, [true]],
  ];
  it.each(cases)('%s', async (_n, conditions, facts, want, leaves) => {
    const [c] = compileRules([rule(conditions)]);
    expect(c!.test(facts)).toBe(want);
    const trace = c!.explain(facts);
    expect(trace.result).toBe(want);
    expect(leafResults(trace)).toEqual(leaves);
    const ref = await new ReferenceEngine([rule(conditions)]).run(facts);
    expect(ref.get('r')).toEqual({ id: 'r', result: want, leaves });
  });
  it('records the parameter a value came from, and the trace shapes', () => {
    const [c] = compileRules([rule({ not: { fact: 'a', operator: 'in', value: ['x'], param: 'p' } })]);
    expect(c!.explain({ a: 'x' })).toEqual({
      kind: 'not',
      result: false,
      condition: { kind: 'leaf', fact: 'a', operator: 'in', param: 'p', value: ['x'], factValue: 'x', result: true },
    });
    const [d] = compileRules([rule({ any: [{ fact: 'a', operator: 'dateBefore', value: { fact: 'b' } }] })]);
    expect(d!.explain({ a: '2024-01-01', b: '2024-02-01' })).toEqual({
      kind: 'any',
      result: true,
      conditions: [{ kind: 'leaf', fact: 'a', operator: 'dateBefore', value: '2024-02-01', factValue: '2024-01-01', result: true }],
    });
  });
  it('refuses an operator outside the allow-list when compiling', () => {
    expect(() => compileRules([rule({ all: [{ fact: 'a', operator: 'eval', value: 1 }] })])).toThrow(/operator not allowed: eval/);
  });
});

describe('binding', () => {
  const src = (id: string, priority: number | undefined, conditions: Condition | { all: Condition[] }): Rule =>
    ({ id, ...(priority !== undefined ? { priority } : {}), citation: { source: 's', confidence: 'sourced' }, description: { de: 'd', en: 'e' }, conditions, event: { type: 'target-group', params: { basis: id } } }) as Rule;
  it('orders by priority (high first), then file order, and binds parameters', () => {
    const rules = [
      src('a', undefined, { all: [{ fact: 'x', operator: 'in', value: { param: 'p' } }] }),
      src('b', 5, { all: [{ fact: 'x', operator: 'equal', value: 1 }] }),
      src('c', 1, { all: [{ fact: 'x', operator: 'equal', value: { fact: 'y' } }] }),
      src('d', 5, { all: [] }),
    ];
    const bound = bindRules(rules, (name) => (name === 'p' ? ['v'] : null));
    expect(bound.map((r) => [r.id, r.priority, r.order])).toEqual([
      ['b', 5, 1],
      ['d', 5, 3],
      ['a', 1, 0],
      ['c', 1, 2],
    ]);
    expect(bound[2]!.conditions).toEqual({ all: [{ fact: 'x', operator: 'in', value: ['v'], param: 'p' }] });
    expect(bound[3]!.conditions).toEqual({ all: [{ fact: 'x', operator: 'equal', value: { fact: 'y' } }] });
    expect(bound[0]!.event).toEqual({ type: 'target-group', params: { basis: 'b' } });
    expect(bound[0]!.source).toBe(rules[1]);
    // event params are copied, not shared
    expect(bound[0]!.event.params).not.toBe(rules[1]!.event.params);
  });
  it('binds through not/any and leaves literals alone', () => {
    const c: Condition = { not: { any: [{ fact: 'x', operator: 'equal', value: { param: 'q' } }, { fact: 'y', operator: 'equal', value: 2 }] } };
    expect(bindCondition(c, () => 7)).toEqual({ not: { any: [{ fact: 'x', operator: 'equal', value: 7, param: 'q' }, { fact: 'y', operator: 'equal', value: 2 }] } });
  });
  it('walks leaves in document order and tells leaves and references apart', () => {
    const seen: string[] = [];
    forEachLeaf({ all: [{ fact: 'a', operator: 'equal', value: 1 }, { not: { any: [{ fact: 'b', operator: 'equal', value: 1 }, { fact: 'c', operator: 'equal', value: 1 }] } }] }, (l) => seen.push(l.fact));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(isLeaf({ fact: 'a', operator: 'equal', value: 1 })).toBe(true);
    expect(isLeaf({ all: [] })).toBe(false);
    expect(isParamRef({ param: 'p' })).toBe(true);
    expect(isParamRef({ fact: 'p' })).toBe(false);
    expect(isParamRef(null)).toBe(false);
    expect(isParamRef(['p'])).toBe(false);
    expect(isParamRef('p')).toBe(false);
    expect(isFactRef({ fact: 'f' })).toBe(true);
    expect(isFactRef({ param: 'f' })).toBe(false);
    expect(isFactRef([{ fact: 'f' }])).toBe(false);
    expect(isFactRef(null)).toBe(false);
  });
});

describe('strictPathResolver', () => {
  it('resolves only $.a.b over own properties', () => {
    const v = { a: { b: 1, c: [5] }, n: null };
    expect(strictPathResolver(v, '$.a.b')).toBe(1);
    expect(strictPathResolver(v, '$.a')).toEqual({ b: 1, c: [5] });
    expect(strictPathResolver(v, '$.a.x')).toBeUndefined();
    expect(strictPathResolver(v, '$.n.x')).toBeUndefined();
    expect(strictPathResolver(v, '$.a.b.c')).toBeUndefined();
    expect(strictPathResolver(v, '$.a.toString')).toBeUndefined();
    expect(strictPathResolver(v, 'a.b')).toBeUndefined();
    expect(strictPathResolver(v, '$')).toBeUndefined();
    expect(strictPathResolver(v, '$..b')).toBeUndefined();
    expect(strictPathResolver(v, '$.a[0]')).toBeUndefined();
    expect(strictPathResolver(v, `$${'.a'.repeat(17)}`)).toBeUndefined();
    expect(strictPathResolver(JSON.parse('{"__proto__":{"x":1}}') as unknown, '$.__proto__.x')).toBeUndefined();
    expect(strictPathResolver(v, 5 as unknown as string)).toBeUndefined();
  });
});
