import { isCalendarDateFast as isCalendarDate } from './date-check.js';
import { compareDecimal, isDecimalString } from '../money/decimal-string.js';
import type { Localized } from '../ruleset/schema.js';
import { message } from '../messages/catalogue.js';

/**
 * One definition per operator, registered in both engines (the compiled evaluator and the
 * json-rules-engine reference), so the two cannot drift apart. As in json-rules-engine, an
 * operator first validates the fact value and is false when that fails.
 */
export interface OperatorDefinition {
  readonly name: string;
  /** What the right-hand value must be (checked when a rule set is validated). */
  readonly valueKind: 'any' | 'list' | 'number' | 'date' | 'decimal';
  readonly validate: (factValue: unknown) => boolean;
  readonly compare: (factValue: unknown, value: unknown) => boolean;
  readonly reads: Localized;
}

const always = (): boolean => true;
// json-rules-engine's own numeric fact check, kept identical.
const numberValidator = (factValue: unknown): boolean => Number.parseFloat(factValue as string).toString() !== 'NaN';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isDecimalLike = (v: unknown): boolean => isDecimalString(v) || (typeof v === 'number' && Number.isSafeInteger(v));

function decimalCompare(a: unknown, b: unknown): number | null {
  if (!isDecimalLike(a) || !isDecimalLike(b)) return null;
  return compareDecimal(a as string | number, b as string | number);
}

const defs: OperatorDefinition[] = [
  { name: 'equal', valueKind: 'any', validate: always, compare: (a, b) => a === b, reads: message('operator.equal') },
  { name: 'notEqual', valueKind: 'any', validate: always, compare: (a, b) => a !== b, reads: message('operator.not-equal') },
  {
    name: 'in',
    valueKind: 'list',
    validate: always,
    compare: (a, b) => Array.isArray(b) && b.indexOf(a) > -1,
    reads: message('operator.in'),
  },
  {
    name: 'notIn',
    valueKind: 'list',
    validate: always,
    compare: (a, b) => Array.isArray(b) && b.indexOf(a) === -1,
    reads: message('operator.not-in'),
  },
  {
    name: 'contains',
    valueKind: 'any',
    validate: Array.isArray,
    compare: (a, b) => (a as unknown[]).indexOf(b) > -1,
    reads: message('operator.contains'),
  },
  {
    name: 'doesNotContain',
    valueKind: 'any',
    validate: Array.isArray,
    compare: (a, b) => (a as unknown[]).indexOf(b) === -1,
    reads: message('operator.does-not-contain'),
  },
  {
    name: 'lessThan',
    valueKind: 'number',
    validate: numberValidator,
    compare: (a, b) => isNumber(a) && isNumber(b) && a < b,
    reads: message('operator.less-than'),
  },
  {
    name: 'lessThanInclusive',
    valueKind: 'number',
    validate: numberValidator,
    compare: (a, b) => isNumber(a) && isNumber(b) && a <= b,
    reads: message('operator.less-than-inclusive'),
  },
  {
    name: 'greaterThan',
    valueKind: 'number',
    validate: numberValidator,
    compare: (a, b) => isNumber(a) && isNumber(b) && a > b,
    reads: message('operator.greater-than'),
  },
  {
    name: 'greaterThanInclusive',
    valueKind: 'number',
    validate: numberValidator,
    compare: (a, b) => isNumber(a) && isNumber(b) && a >= b,
    reads: message('operator.greater-than-inclusive'),
  },
  {
    name: 'dateBefore',
    valueKind: 'date',
    validate: isCalendarDate,
    compare: (a, b) => isCalendarDate(b) && (a as string) < b,
    reads: message('operator.date-before'),
  },
  {
    name: 'dateOnOrBefore',
    valueKind: 'date',
    validate: isCalendarDate,
    compare: (a, b) => isCalendarDate(b) && (a as string) <= b,
    reads: message('operator.date-on-or-before'),
  },
  {
    name: 'dateAfter',
    valueKind: 'date',
    validate: isCalendarDate,
    compare: (a, b) => isCalendarDate(b) && (a as string) > b,
    reads: message('operator.date-after'),
  },
  {
    name: 'dateOnOrAfter',
    valueKind: 'date',
    validate: isCalendarDate,
    compare: (a, b) => isCalendarDate(b) && (a as string) >= b,
    reads: message('operator.date-on-or-after'),
  },
  {
    name: 'decimalEqual',
    valueKind: 'decimal',
    validate: isDecimalLike,
    compare: (a, b) => decimalCompare(a, b) === 0,
    reads: message('operator.decimal-equal'),
  },
  {
    name: 'decimalLessThan',
    valueKind: 'decimal',
    validate: isDecimalLike,
    compare: (a, b) => decimalCompare(a, b) === -1,
    reads: message('operator.decimal-less-than'),
  },
  {
    name: 'decimalLessThanInclusive',
    valueKind: 'decimal',
    validate: isDecimalLike,
    compare: (a, b) => {
      const c = decimalCompare(a, b);
      return c === -1 || c === 0;
    },
    reads: message('operator.decimal-less-than-inclusive'),
  },
  {
    name: 'decimalGreaterThan',
    valueKind: 'decimal',
    validate: isDecimalLike,
    compare: (a, b) => decimalCompare(a, b) === 1,
    reads: message('operator.decimal-greater-than'),
  },
  {
    name: 'decimalGreaterThanInclusive',
    valueKind: 'decimal',
    validate: isDecimalLike,
    compare: (a, b) => {
      const c = decimalCompare(a, b);
      return c === 1 || c === 0;
    },
    reads: message('operator.decimal-greater-than-inclusive'),
  },
];

/** The allow-list of operators a rule may use, by name. */
export const OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(defs.map((d) => [d.name, d]));

/**
 * Names of all allowed operators.
 *
 * @example
 * console.log(OPERATOR_NAMES.includes('dateOnOrAfter')); // true
 */
export const OPERATOR_NAMES: readonly string[] = defs.map((d) => d.name);
