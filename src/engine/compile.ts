import { OPERATORS } from './operators.js';
import { isCalendarDateFast } from './date-check.js';
import { isFactRef, isLeaf, type BoundCondition, type BoundRule } from './bind.js';

/** Facts handed to the evaluator: a plain object of named values. */
export type Facts = Readonly<Record<string, unknown>>;

/**
 * What one condition did, for explanations and for the differential test.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01', trace: true });
 * const first = r.ok ? r.trace?.[0]?.conditions : undefined;
 * if (first?.kind === 'all') for (const c of first.conditions) if (c.kind === 'leaf') console.log(c.fact, c.factValue, c.result);
 */
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

/** Options of {@link compileRules}. */
export interface CompileOptions {
  /**
   * Facts the caller guarantees to hold a calendar date (`YYYY-MM-DD`, as `isCalendarDate`
   * accepts) or null/undefined whenever the rules run, e.g. because they were validated. Date
   * operators then test such a fact with `typeof v === 'string'` instead of checking the date
   * again; the answers are the same for facts that keep the guarantee.
   */
  dateFacts?: ReadonlySet<string>;
}

const NO_DATE_FACTS: ReadonlySet<string> = new Set();


/**
 * Reads a fact as json-rules-engine sees it: a fact missing from the facts object is
 * `undefined`. Names that exist on `Object.prototype` (`toString`, `constructor`, …) are read
 * as own properties only, so an inherited function is never mistaken for a fact value.
 */
function factReader(name: string): ((f: Facts) => unknown) | null {
  if (!(name in Object.prototype)) return null;
  return (f) => (Object.hasOwn(f, name) ? f[name] : undefined);
}

/**
 * The test of a leaf against a literal. Where an operator's validation and comparison are
 * known to reduce to one expression for this literal (`equal`, `notEqual`, `in`, `notIn` on a
 * plain fact), a closure computing exactly that expression is returned; otherwise the generic
 * `validate(fv) && compare(fv, literal)` of the shared operator definition. The differential
 * test holds both forms to json-rules-engine.
 */
function literalTest(operator: string, fact: string, literal: unknown, validate: (v: unknown) => boolean, compare: (a: unknown, b: unknown) => boolean, dateFacts: ReadonlySet<string>): Test {
  const read = factReader(fact);
  if (read === null) {
    switch (operator) {
      case 'equal':
        return (f) => f[fact] === literal;
      case 'notEqual':
        return (f) => f[fact] !== literal;
      case 'in':
        if (!Array.isArray(literal)) return () => false;
        if (literal.length === 1) {
          const only: unknown = literal[0];
          // indexOf uses strict equality; NaN never matches itself there either.
          return (f) => f[fact] === only;
        }
        return (f) => literal.indexOf(f[fact]) > -1;
      case 'notIn':
        if (!Array.isArray(literal)) return () => false;
        return (f) => literal.indexOf(f[fact]) === -1;
      // Date operators: the literal is checked once here instead of once per person.
      case 'dateBefore':
      case 'dateOnOrBefore':
      case 'dateAfter':
      case 'dateOnOrAfter': {
        if (!isCalendarDateFast(literal)) return () => false;
        const d: string = literal;
        if (dateFacts.has(fact)) {
          if (operator === 'dateBefore') return (f) => { const v = f[fact]; return typeof v === 'string' && v < d; };
          if (operator === 'dateOnOrBefore') return (f) => { const v = f[fact]; return typeof v === 'string' && v <= d; };
          if (operator === 'dateAfter') return (f) => { const v = f[fact]; return typeof v === 'string' && v > d; };
          return (f) => { const v = f[fact]; return typeof v === 'string' && v >= d; };
        }
        if (operator === 'dateBefore') return (f) => { const v = f[fact]; return isCalendarDateFast(v) && v < d; };
        if (operator === 'dateOnOrBefore') return (f) => { const v = f[fact]; return isCalendarDateFast(v) && v <= d; };
        if (operator === 'dateAfter') return (f) => { const v = f[fact]; return isCalendarDateFast(v) && v > d; };
        return (f) => { const v = f[fact]; return isCalendarDateFast(v) && v >= d; };
      }
      default:
        return (f) => {
          const fv = f[fact];
          return validate(fv) && compare(fv, literal);
        };
    }
  }
  return (f) => {
    const fv = read(f);
    return validate(fv) && compare(fv, literal);
  };
}

function compileCondition(c: BoundCondition, dateFacts: ReadonlySet<string>): { test: Test; explain: Explain } {
  if (isLeaf(c)) {
    const op = OPERATORS.get(c.operator);
    if (op === undefined) throw new Error(`operator not allowed: ${c.operator}`);
    const { validate, compare } = op;
    const fact = c.fact;
    const operator = c.operator;
    const param = c.param;
    // Trace objects are built as plain literals (no spread): spreading a shared template per call
    // is many times slower in V8.
    const leaf = (value: unknown, factValue: unknown, result: boolean): ConditionTrace =>
      param !== undefined
        ? { kind: 'leaf', fact, operator, param, value, factValue, result }
        : { kind: 'leaf', fact, operator, value, factValue, result };
    const readFact = factReader(fact) ?? ((f: Facts) => f[fact]);
    if (isFactRef(c.value)) {
      const other = c.value.fact;
      const readOther = factReader(other) ?? ((f: Facts) => f[other]);
      const plain = factReader(fact) === null && factReader(other) === null;
      let test: Test = (f) => {
        const fv = readFact(f);
        return validate(fv) && compare(fv, readOther(f));
      };
      // Date comparison of two plain facts (e.g. on after counsellingEndsOn): one closure.
      if (plain && dateFacts.has(fact) && dateFacts.has(other) && c.operator === 'dateAfter') test = (f) => { const a = f[fact]; const b = f[other]; return typeof a === 'string' && typeof b === 'string' && a > b; };
      else if (plain && dateFacts.has(fact) && dateFacts.has(other) && c.operator === 'dateOnOrAfter') test = (f) => { const a = f[fact]; const b = f[other]; return typeof a === 'string' && typeof b === 'string' && a >= b; };
      else if (plain && dateFacts.has(fact) && dateFacts.has(other) && c.operator === 'dateBefore') test = (f) => { const a = f[fact]; const b = f[other]; return typeof a === 'string' && typeof b === 'string' && a < b; };
      else if (plain && dateFacts.has(fact) && dateFacts.has(other) && c.operator === 'dateOnOrBefore') test = (f) => { const a = f[fact]; const b = f[other]; return typeof a === 'string' && typeof b === 'string' && a <= b; };
      else if (plain && c.operator === 'dateAfter') test = (f) => { const a = f[fact]; const b = f[other]; return isCalendarDateFast(a) && isCalendarDateFast(b) && a > b; };
      else if (plain && c.operator === 'dateOnOrAfter') test = (f) => { const a = f[fact]; const b = f[other]; return isCalendarDateFast(a) && isCalendarDateFast(b) && a >= b; };
      else if (plain && c.operator === 'dateBefore') test = (f) => { const a = f[fact]; const b = f[other]; return isCalendarDateFast(a) && isCalendarDateFast(b) && a < b; };
      else if (plain && c.operator === 'dateOnOrBefore') test = (f) => { const a = f[fact]; const b = f[other]; return isCalendarDateFast(a) && isCalendarDateFast(b) && a <= b; };
      return {
        test,
        explain: (f) => leaf(readOther(f), readFact(f), test(f)),
      };
    }
    const literal = c.value;
    const test = literalTest(c.operator, fact, literal, validate, compare, dateFacts);
    return { test, explain: (f) => leaf(literal, readFact(f), test(f)) };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, dateFacts);
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
  const parts = (isAll ? c.all : c.any).map((x) => compileCondition(x, dateFacts));
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
export function compileRules(rules: readonly BoundRule[], options: CompileOptions = {}): CompiledRule[] {
  const dateFacts = options.dateFacts ?? NO_DATE_FACTS;
  return rules.map((rule) => {
    const { test, explain } = compileCondition(rule.conditions, dateFacts);
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
