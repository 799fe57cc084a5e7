import { OPERATORS } from './operators.js';
import { isFactRef, isLeaf, type BoundCondition, type BoundRule } from './bind.js';

/** Facts handed to the evaluator: a plain object of named values. */
export type Facts = Readonly<Record<string, unknown>>;

/** What one condition did, for explanations and for the differential test. */
export type ConditionTrace =
  | {
      kind: 'leaf';
      fact: string;
      operator: string;
      value: unknown;
      param?: string;
      factValue: unknown;
      result: boolean;
    }
  | { kind: 'all' | 'any'; result: boolean; conditions: ConditionTrace[] }
  | { kind: 'not'; result: boolean; condition: ConditionTrace };

/** A rule compiled into closures. */
export interface CompiledRule {
  readonly rule: BoundRule;
  /** Decides the rule, short-circuiting; allocates nothing. */
  readonly test: (facts: Facts) => boolean;
  /** Decides the rule and records every condition (all are evaluated, as json-rules-engine does). */
  readonly explain: (facts: Facts) => ConditionTrace;
}

type Test = (f: Facts) => boolean;
type Explain = (f: Facts) => ConditionTrace;

function compileCondition(c: BoundCondition): { test: Test; explain: Explain } {
  if (isLeaf(c)) {
    const op = OPERATORS.get(c.operator);
    if (op === undefined) throw new Error(`operator not allowed: ${c.operator}`);
    const { validate, compare } = op;
    const fact = c.fact;
    const base = { kind: 'leaf' as const, fact, operator: c.operator, ...(c.param !== undefined ? { param: c.param } : {}) };
    if (isFactRef(c.value)) {
      const other = c.value.fact;
      const test: Test = (f) => {
        const fv = f[fact];
        return validate(fv) && compare(fv, f[other]);
      };
      return {
        test,
        explain: (f) => ({ ...base, value: f[other], factValue: f[fact], result: test(f) }),
      };
    }
    const literal = c.value;
    const test: Test = (f) => {
      const fv = f[fact];
      return validate(fv) && compare(fv, literal);
    };
    return { test, explain: (f) => ({ ...base, value: literal, factValue: f[fact], result: test(f) }) };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    const t = inner.test;
    return {
      test: (f) => !t(f),
      explain: (f) => {
        const condition = inner.explain(f);
        return { kind: 'not', result: !condition.result, condition };
      },
    };
  }
  const isAll = 'all' in c;
  const parts = (isAll ? c.all : c.any).map(compileCondition);
  const tests = parts.map((p) => p.test);
  const kind = isAll ? ('all' as const) : ('any' as const);
  let test: Test;
  // json-rules-engine treats an empty `all` and an empty `any` both as true.
  if (tests.length === 0) test = () => true;
  else if (tests.length === 1) test = tests[0] as Test;
  else if (isAll) {
    test = (f) => {
      for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(f)) return false;
      return true;
    };
  } else {
    test = (f) => {
      for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(f)) return true;
      return false;
    };
  }
  return {
    test,
    explain: (f) => {
      const conditions = parts.map((p) => p.explain(f));
      const result =
        conditions.length === 0 ? true : isAll ? conditions.every((x) => x.result) : conditions.some((x) => x.result);
      return { kind, result, conditions };
    },
  };
}

/**
 * Compiles bound rules into closures, once per rule set and parameter period. No code is
 * generated from text: every closure is written here and only parameterised by the rule data.
 */
export function compileRules(rules: readonly BoundRule[]): CompiledRule[] {
  return rules.map((rule) => {
    const { test, explain } = compileCondition(rule.conditions);
    return { rule, test, explain };
  });
}

/** The leaf results of a condition trace, in document order. */
export function leafResults(trace: ConditionTrace, out: boolean[] = []): boolean[] {
  if (trace.kind === 'leaf') out.push(trace.result);
  else if (trace.kind === 'not') leafResults(trace.condition, out);
  else trace.conditions.forEach((c) => leafResults(c, out));
  return out;
}
