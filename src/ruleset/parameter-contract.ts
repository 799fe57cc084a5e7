/**
 * Checking a rule set's parameters and rounding points against a parameter contract: what code
 * reads (kind, unit, allowed values) and which rounding points it applies. The format knows no
 * programme; the contract itself comes from the layer that does (src/contract/parameters.ts),
 * through the {@link RuleVocabulary} the registry passes.
 */
import { isCalendarDate } from '../dates/calendar.js';
import { isDecimalString } from '../money/decimal-string.js';
import { type Issue, issueOf } from '../issues.js';
import { message, type Localized } from '../messages/catalogue.js';
import type { ParameterValue, RuleSetDocument, Unit } from './schema.js';

/**
 * The kind of value a parameter holds: `money` a decimal string (`"51000.00"`); `decimal` a
 * number or decimal string; `integer` a whole number; `text` one of `allowed`; `flag` true or
 * false; `date` `YYYY-MM-DD`; `list` an array of strings (each one of `allowed`, or matching
 * `item`); `fact-list` an array of fact names (each one of `allowed`).
 */
export type ParameterKind = 'money' | 'decimal' | 'integer' | 'text' | 'flag' | 'date' | 'list' | 'fact-list';

/**
 * What a parameter code reads must hold. Checked for every dated value when a rule set (or an
 * overlay, or a scenario) loads, so a typo is a load error, never a silent default.
 */
export interface ParameterSpec {
  /** The computation that reads it (for messages and for `required`). */
  readonly computation: string;
  readonly kind: ParameterKind;
  /** Units the parameter may be stated in. */
  readonly units: readonly Unit[];
  /** For `text`: the values code understands; for `list` and `fact-list`: the entries it understands. */
  readonly allowed?: readonly string[];
  /** For `list` without `allowed`: the form of each entry. */
  readonly item?: { readonly pattern: RegExp; readonly de: string; readonly en: string };
  /** Whether `null` is a value (e.g. "no limit", "no such date"). */
  readonly nullable?: boolean;
  /** For numbers: must be greater than zero. */
  readonly positive?: boolean;
  /** For integers: the smallest and largest value. */
  readonly min?: number;
  readonly max?: number;
  /** Required whenever the rule set defines another required parameter of the same computation. */
  readonly required?: boolean;
}

/** The parameter contract a rule set is checked against. */
export interface ParameterContract {
  /** The parameters code reads, by name, with what their values must be. */
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** The rounding points code applies (`appliesTo`). */
  readonly roundingPoints: readonly string[];
}

const MAX_ECHO = 80;

/** A value as JSON for a message, cut to a readable length. */
export function echo(value: unknown): string {
  let s: string;
  try {
    const json: unknown = JSON.stringify(value);
    s = typeof json === 'string' ? json : String(value);
  } catch {
    s = String(value);
  }
  return s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO - 1)}…` : s;
}

const quoted = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(', ');

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function oneOf(allowed: readonly string[]): Localized {
  return message('invalid-parameter-value.expect-one-of', { allowed: quoted(allowed) });
}

/** What `v` (not null) fails to be under `spec`, or null when it fits. Lists are checked entry by entry elsewhere. */
function mismatch(spec: ParameterSpec, v: Exclude<ParameterValue, null>): Localized | null {
  const num = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && isDecimalString(v) ? Number(v) : undefined;
  switch (spec.kind) {
    case 'money':
      if (!isDecimalString(v)) return message('invalid-parameter-value.expect-money');
      break;
    case 'decimal':
      if (num === undefined) return message('invalid-parameter-value.expect-decimal');
      break;
    case 'integer': {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return message('invalid-parameter-value.expect-integer');
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        const range = `${String(spec.min ?? '…')}–${String(spec.max ?? '…')}`;
        return message('invalid-parameter-value.expect-integer-range', { range });
      }
      break;
    }
    case 'text':
      return typeof v === 'string' && (spec.allowed ?? []).includes(v) ? null : oneOf(spec.allowed ?? []);
    case 'flag':
      return typeof v === 'boolean' ? null : message('invalid-parameter-value.expect-flag');
    case 'date':
      return isCalendarDate(v) ? null : message('invalid-parameter-value.expect-date');
    case 'list':
    case 'fact-list':
      return Array.isArray(v) ? null : message('invalid-parameter-value.expect-list');
  }
  if (spec.positive === true && num !== undefined && !(num > 0)) return message('invalid-parameter-value.expect-positive');
  return null;
}

/** What a list entry fails to be under `spec`, or null. */
function entryMismatch(spec: ParameterSpec, entry: unknown): Localized | null {
  if (spec.allowed !== undefined) return typeof entry === 'string' && spec.allowed.includes(entry) ? null : oneOf(spec.allowed);
  if (spec.item !== undefined) return typeof entry === 'string' && spec.item.pattern.test(entry) ? null : { de: spec.item.de, en: spec.item.en };
  return typeof entry === 'string' ? null : message('invalid-parameter-value.expect-string');
}

/**
 * Issues for one dated value of a contract parameter (none when it fits). Paths point at the
 * value, or at the list entry that does not fit.
 */
export function parameterValueIssues(name: string, spec: ParameterSpec, value: ParameterValue, path: readonly (string | number)[]): Issue[] {
  const who = `${name} (${spec.computation})`;
  if (value === null) {
    if (spec.nullable === true) return [];
    return [issueOf('invalid-parameter-value.null', [...path], { who })];
  }
  const bad = mismatch(spec, value);
  if (bad !== null) {
    return [issueOf('invalid-parameter-value.wrong-kind', [...path], { who, value: echo(value), expected: bad })];
  }
  if (!Array.isArray(value)) return [];
  const out: Issue[] = [];
  value.forEach((entry, j) => {
    const e = entryMismatch(spec, entry);
    if (e === null) return;
    out.push(issueOf('invalid-parameter-value.wrong-entry', [...path, j], { who, n: j + 1, value: echo(entry), expected: e }));
  });
  return out;
}

/** The issue for a contract parameter stated in a unit its computation does not read. */
export function parameterUnitIssue(name: string, spec: ParameterSpec, unit: Unit): Issue | null {
  if (spec.units.includes(unit)) return null;
  return issueOf('invalid-parameter-value.unit', ['parameters', name, 'unit'], { name, computation: spec.computation, unit: echo(unit), allowed: quoted(spec.units) });
}

/** Edit distance of two short strings (for "did you mean"). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** The known names closest to `name` (at most 3 edits, or one contains the other), best first. */
export function closestNames(name: string, known: Iterable<string>): string[] {
  if (name.length > 200) return [];
  const scored: [string, number][] = [];
  for (const k of known) {
    const d = distance(name, k);
    const contains = name.length >= 4 && (k.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(k.toLowerCase()));
    if (d <= 3 || contains) scored.push([k, d]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], 'en')).slice(0, 3).map(([k]) => k);
}

/**
 * True when `name` differs from one of `known` by at most two edits (ignoring case) without being
 * it: almost surely a misspelling.
 */
export function isNearMiss(name: string, known: readonly string[]): boolean {
  if (name.length > 200) return false;
  return known.some((k) => k !== name && distance(name, k) <= 2);
}

/**
 * The issue for a parameter that no computation and no rule reads: a misspelt name would
 * otherwise be ignored while the computation uses the base's value.
 */
export function unknownParameterIssue(name: string, known: readonly string[]): Issue {
  const near = closestNames(name, known);
  const hintDe = near.length > 0 ? ` Gemeint: ${quoted(near)}?` : '';
  const hintEn = near.length > 0 ? ` Did you mean ${quoted(near)}?` : '';
  return issueOf('unknown-parameter.unread', ['parameters', name], { name: echo(name), hint: { de: hintDe, en: hintEn }, known: quoted(known) });
}

/**
 * Required parameters come together: for each computation, a rule set that defines (or inherits)
 * one required parameter must define (or inherit) all of them.
 */
export function missingRequiredIssues(contract: ParameterContract, visible: ReadonlySet<string>): Issue[] {
  const byComputation = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(contract.parameters)) {
    if (spec.required === true) byComputation.set(spec.computation, [...(byComputation.get(spec.computation) ?? []), name]);
  }
  const out: Issue[] = [];
  for (const [computation, names] of byComputation) {
    const present = names.filter((n) => visible.has(n));
    if (present.length === 0) continue;
    for (const missing of names.filter((n) => !visible.has(n))) {
      out.push(issueOf('missing-field.parameter', ['parameters', missing], { missing, computation, present: present.join(', ') }));
    }
  }
  return out;
}

/**
 * Rounding points of a rule set: each `appliesTo` is one a computation applies, and none appears
 * twice (a computation would read only the first).
 */
export function roundingIssues(doc: RuleSetDocument, points: readonly string[]): Issue[] {
  if (doc.rounding === undefined) return [];
  const isList = Array.isArray(doc.rounding);
  const list = Array.isArray(doc.rounding) ? doc.rounding : [doc.rounding];
  const out: Issue[] = [];
  const seen = new Set<string>();
  list.forEach((r, i) => {
    const path = isList ? ['rounding', i, 'appliesTo'] : ['rounding', 'appliesTo'];
    if (!points.includes(r.appliesTo)) {
      const near = closestNames(r.appliesTo, points);
      const hintDe = near.length > 0 ? ` Gemeint: ${quoted(near)}?` : '';
      const hintEn = near.length > 0 ? ` Did you mean ${quoted(near)}?` : '';
      out.push(issueOf('invalid-value.rounding-point-unknown', path, { point: echo(r.appliesTo), hint: { de: hintDe, en: hintEn }, allowed: quoted(points) }));
    } else if (seen.has(r.appliesTo)) {
      out.push(issueOf('invalid-value.rounding-point-twice', path, { point: echo(r.appliesTo) }));
    }
    seen.add(r.appliesTo);
  });
  return out;
}

/** The spec of a contract parameter, looked up as an own property only. */
export function specOf(contract: ParameterContract, name: string): ParameterSpec | undefined {
  return own(contract.parameters, name);
}
