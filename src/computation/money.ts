/**
 * What the money computations (grant, allocation, staffing, lump sums) share: reading parameters
 * and rounding points of a resolved rule set while recording which ones produced each figure,
 * parsing decimal inputs, and the result envelope.
 *
 * Money convention of the library: every amount in a result is a decimal string with exactly two
 * places (`"132149.00"`), made by {@link formatMoney} from an exact decimal.js value that was
 * rounded only where the rule set says. Non-money quantities (FTE, weights, shares, ratios) are
 * decimal strings too, never JS floats.
 */
import type { Decimal } from 'decimal.js';
import { Money, roundTo, type RoundingMode } from '../money/decimal.js';
import { FoerderregelnError, issueOf, type Issue } from '../issues.js';
import { ownId } from '../_lib/guard.js';
import type { Confidence, Localized, ParameterValue, RoundingEntry, Unit } from '../ruleset/schema.js';
import { parameterValueAt, type ResolvedRuleSet } from '../versions/resolve.js';
import { noteFields } from '../ruleset/note.js';
import { addAssumptions, validityAssumptions, type Assumption } from './assumptions.js';
import type { RuleSetRef } from '../versions/select.js';

/**
 * A parameter value that went into a figure, with where it comes from.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) for (const s of r.trace) for (const p of s.parameters) console.log(p.name, p.value, p.confidence);
 */
export interface ParameterUse {
  name: string;
  /** The rule set that defines the parameter (a base or an overlay). */
  definedIn: string;
  unit: Unit;
  value: ParameterValue;
  /** First day the value applies. */
  from: string;
  source: string;
  confidence: Confidence;
  /** The note as one text, German and English joined as `"de / en"` (kept for compatibility). */
  note?: string;
  /** The note in German and English. */
  noteText?: Localized;
}

/**
 * A rounding point that was applied to a figure.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) for (const s of r.trace) if (s.rounding) console.log(s.rounding.appliesTo, s.rounding.step, s.rounding.mode);
 */
export interface RoundingUse {
  appliesTo: string;
  step: string;
  mode: RoundingMode;
  source: string;
  confidence: Confidence;
  /** The note as one text, German and English joined as `"de / en"` (kept for compatibility). */
  note?: string;
  /** The note in German and English. */
  noteText?: Localized;
}

/**
 * How one figure of a result was obtained.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) for (const s of r.trace) console.log(s.figure, s.value, s.formula);
 */
export interface MoneyTraceStep {
  /** The result field, e.g. `ratePerFteYear`, `months`, `total`, `unitRate`. */
  figure: string;
  /** The value as in the result. */
  value: string;
  /** The computation in words and symbols, e.g. `rate × fte × months ÷ 12`. */
  formula: string;
  parameters: ParameterUse[];
  rounding: RoundingUse | null;
}

/**
 * The result envelope shared by all money computations.
 *
 * @example
 * const r = computeGrant(post);
 * if (r.ok) console.log(r.ruleSet.id, r.ruleSet.hash, r.assumptions.length, r.trace.length);
 */
export interface MoneyProvenance {
  ruleSet: RuleSetRef;
  /** Which parameters and rounding points produced each figure. */
  trace: MoneyTraceStep[];
  /** Every inferred or assumed value the result depended on. */
  assumptions: Assumption[];
  /** Remarks on the result, e.g. data that was not available. */
  notes: Localized[];
}

/** Reads parameters and rounding points of one resolved rule set on one date, recording each use. */
export class ParameterReader {
  readonly resolved: ResolvedRuleSet;
  readonly date: string;
  readonly assumptions: Assumption[];
  readonly notes: Localized[] = [];

  constructor(resolved: ResolvedRuleSet, date: string) {
    this.resolved = resolved;
    this.date = date;
    this.assumptions = validityAssumptions(resolved);
  }

  /** The rule set the result came from. */
  ref(): RuleSetRef {
    const r = this.resolved;
    return { id: r.id, hash: r.hash, overlays: [...r.overlays], resolvedHash: r.resolvedHash };
  }

  /** True when the rule set defines the parameter (with a value on `date`). */
  has(name: string, date: string = this.date): boolean {
    return parameterValueAt(this.resolved, name, date) !== undefined;
  }

  /** A parameter's value on a date, recorded as used; `parameter-unavailable` when missing. */
  use(name: string, date: string = this.date): ParameterUse {
    const v = parameterValueAt(this.resolved, name, date);
    if (v === undefined) {
      throw new FoerderregelnError([
        issueOf('parameter-unavailable.rule-set-parameter-on', ['parameters', name], { id: this.resolved.id, name, date }),
      ]);
    }
    const u: ParameterUse = {
      name,
      definedIn: v.parameter.definedIn,
      unit: v.parameter.unit,
      value: v.value,
      from: v.from,
      source: v.source,
      confidence: v.confidence,
      ...noteFields(v.note),
    };
    if (v.confidence !== 'sourced') {
      addAssumptions(this.assumptions, [
        {
          kind: 'parameter',
          ruleSet: u.definedIn,
          name,
          value: v.value,
          from: v.from,
          confidence: v.confidence,
          source: v.source,
          ...noteFields(v.note),
        },
      ]);
    }
    return u;
  }

  /** The parameter's value if the rule set defines it on the date, else null (nothing recorded). */
  useOptional(name: string, date: string = this.date): ParameterUse | null {
    return this.has(name, date) ? this.use(name, date) : null;
  }

  /** The rounding point `appliesTo`, recorded as used; `parameter-unavailable` when the rule set states none. */
  rounding(appliesTo: string): RoundingUse {
    const found = roundingEntries(this.resolved).find((r) => r.appliesTo === appliesTo);
    if (found === undefined) {
      throw new FoerderregelnError([
        issueOf('parameter-unavailable.rounding', ['rounding', appliesTo], { id: this.resolved.id, appliesTo }),
      ]);
    }
    const ruleSet = definingRuleSet(this.resolved, appliesTo);
    if (found.confidence !== 'sourced') {
      addAssumptions(this.assumptions, [
        {
          kind: 'rounding',
          ruleSet,
          name: appliesTo,
          value: `${found.step} ${found.mode}`,
          confidence: found.confidence,
          source: found.source,
          ...noteFields(found.note),
        },
      ]);
    }
    return {
      appliesTo,
      step: found.step,
      mode: found.mode,
      source: found.source,
      confidence: found.confidence,
      ...noteFields(found.note),
    };
  }

  /** Adds a note, once. */
  note(n: Localized): void {
    if (!this.notes.some((x) => x.en === n.en)) this.notes.push(n);
  }

  /** The parameter's value as an exact decimal. */
  decimal(name: string, date: string = this.date): { value: Decimal; use: ParameterUse } {
    const use = this.use(name, date);
    return { value: decimalParam(use, this.resolved.id), use };
  }

  /** The parameter's value as an integer (months, years, counts). */
  integer(name: string, date: string = this.date): { value: number; use: ParameterUse } {
    const use = this.use(name, date);
    const d = decimalParam(use, this.resolved.id);
    if (!d.isInteger() || d.abs().greaterThan(1e9)) throw badParameter(this.resolved.id, use, 'eine ganze Zahl', 'an integer');
    return { value: d.toNumber(), use };
  }

  /** The parameter's value as one of the allowed texts. */
  text<T extends string>(name: string, allowed: readonly T[], date: string = this.date): { value: T; use: ParameterUse } {
    const use = this.use(name, date);
    if (typeof use.value !== 'string' || !(allowed as readonly string[]).includes(use.value)) {
      throw badParameter(this.resolved.id, use, allowed.join(' | '), allowed.join(' | '));
    }
    return { value: use.value as T, use };
  }
}

function badParameter(ruleSet: string, use: ParameterUse, de: string, en: string): FoerderregelnError {
  return new FoerderregelnError([
    issueOf('invalid-parameter-value.must-be', ['parameters', use.name], { ruleSet, name: use.name, expected: { de, en }, value: JSON.stringify(use.value) }),
  ]);
}

function decimalParam(use: ParameterUse, ruleSet: string): Decimal {
  const d = parseDecimal(use.value);
  if (d === null) throw badParameter(ruleSet, use, 'eine Dezimalzahl', 'a decimal number');
  return d;
}

/** The rounding points of a resolved rule set as a list (a single point is a list of one). */
export function roundingEntries(resolved: ResolvedRuleSet): readonly RoundingEntry[] {
  const r = resolved.rounding;
  if (r === undefined) return [];
  return Array.isArray(r) ? r : [r];
}

function definingRuleSet(resolved: ResolvedRuleSet, appliesTo: string): string {
  for (let i = resolved.chain.length - 1; i >= 0; i--) {
    const d = resolved.chain[i]?.document;
    if (d?.rounding === undefined) continue;
    const list = Array.isArray(d.rounding) ? d.rounding : [d.rounding];
    if (list.some((x) => x.appliesTo === appliesTo)) return d.id;
  }
  return resolved.id;
}

/** Applies a rounding point to an exact value. */
export function applyRounding(value: Decimal, r: RoundingUse): Decimal {
  return roundTo(value, r.step, r.mode);
}

/**
 * Parses a decimal quantity from input: a finite JS number (taken as written, via its shortest
 * decimal form), or a string with digits and an optional `.` or `,` decimal separator. Null when
 * it is neither.
 */
export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return new Money(String(value));
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (!/^[+-]?\d{1,30}([.,]\d{1,30})?$/.test(t)) return null;
    return new Money(t.replace(',', '.'));
  }
  return null;
}

/** A decimal string without trailing zeros beyond what is needed (`"0.5"`, `"25"`). */
export function plain(value: Decimal): string {
  return new Money(value).toFixed();
}

/** A decimal string with `places` places, half-up (for descriptive ratios and shares, not money). */
export function fixed(value: Decimal, places: number): string {
  return new Money(value).toFixed(places, Money.ROUND_HALF_UP);
}

/** The row id of an input: its `id` (string or number) or null. */
export function idOf(input: unknown): string | null {
  return ownId(input);
}

/** Runs `f`, turning a thrown {@link FoerderregelnError} into its issues. Other errors propagate. */
export function catchIssues<T>(f: () => T): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof FoerderregelnError) return { ok: false, issues: e.issues };
    throw e;
  }
}

