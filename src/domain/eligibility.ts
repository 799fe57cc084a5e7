import type { BundledBasisCode } from '../ruleset/bundled.generated.js';
import { accommodationStage, personSchema, type Person } from '../contract/person.js';
import { noteFields, notedBasis, type NotedBasis } from '../ruleset/note.js';
import { isValidPersonFast } from './person-check.js';
import { compileRules, type CompiledRule, type ConditionTrace, type Facts } from '../engine/compile.js';
import { bindRules, forEachLeaf, isParamRef } from '../engine/bind.js';
import { periodEnd, periodEndAfterEvent } from '../dates/calendar.js';
import { isCalendarDateFast as isCalendarDate } from '../engine/date-check.js';
import { FoerderregelnError, forbiddenKeys, fromZodIssues, issueOf, onOptionIssues, type Issue } from '../issues.js';
import { message } from '../messages/catalogue.js';
import { guardApi, ownData, ownId } from '../_lib/guard.js';
import { isLoadedRuleSet, RuleSetRegistry, type LoadedRuleSet } from '../versions/registry.js';
import type { Localized, ParameterValue } from '../ruleset/schema.js';
import {
  parameterDate,
  parameterValueAt,
  periodStart,
  type ResolvedRuleSet,
} from '../versions/resolve.js';
import { DEFAULT_PROGRAMME, selectRuleSet, type RuleSetRef, type RuleSetName } from '../versions/select.js';
import { addAssumptions, parameterAssumption, ruleAssumption, validityAssumptions, type Assumption } from '../computation/assumptions.js';

// Rule-set selection is shared by every computation; it lives in versions/select.ts.
export { DEFAULT_PROGRAMME, selectRuleSet, type RuleSetRef };

/**
 * Options of {@link checkEligibility}.
 *
 * @example
 * const byDate: EligibilityOptions = { on: '2022-03-14' }; // VwV 2022 with the Ukraine decree
 * const named: EligibilityOptions = { on: '2026-03-01', ruleSet: 'bw-im-proposal', trace: false };
 */
export interface EligibilityOptions {
  /** Assessment date `YYYY-MM-DD`; overrides the person's `on`. One of the two is required. */
  on?: string;
  /**
   * A rule-set id (or a loaded rule set) to use instead of the one in force on the date. A named
   * rule set is used with the rule sets it extends, and without overlays chosen by date.
   */
  ruleSet?: RuleSetName | LoadedRuleSet;
  /** Registry to look rule sets up in; defaults to the bundled rule sets. */
  registry?: RuleSetRegistry;
  /** Programme for selection by date; default `bw-integrationsmanagement`. */
  programme?: string;
  /** Record every rule and condition evaluated (default true for single checks, false in batches). */
  trace?: boolean;
}

/**
 * Why a person is, or is not, in the target group.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01' });
 * if (r.ok) console.log(r.basis.code, r.basis.rule, r.basis.description.de, r.basis.citation?.source);
 */
export interface EligibilityBasis {
  /** Stable code, e.g. `displaced-from-ukraine`, `not-in-target-group`, `counselling-period-expired` (a loaded rule set may add its own). */
   
  code: BundledBasisCode | (string & {});
  /** The deciding rule, or null when no target-group rule admitted the person. */
  rule: string | null;
  description: Localized;
  /** Source, confidence and note (`note` as one text, `noteText` in German and English). */
  citation: NotedBasis | null;
}

/**
 * One rule as evaluated.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01', trace: true });
 * if (r.ok) for (const t of r.trace ?? []) console.log(t.rule, t.type, t.result, t.citation.confidence);
 */
export interface RuleTrace {
  rule: string;
  definedIn: string;
  type: string;
  basis: string;
  description: Localized;
  /** Source, confidence and note (`note` as one text, `noteText` in German and English). */
  citation: NotedBasis;
  result: boolean;
  conditions: ConditionTrace;
}

/**
 * A successful eligibility check (the person may or may not be eligible).
 *
 * @example
 * const r = checkEligibility(
 *   { id: 'v1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
 *   { on: '2024-03-01' },
 * );
 * if (r.ok) console.log(r.eligible, r.basis.code, r.counsellingEndsOn, r.ruleSet.id); // true 'follow-up-accommodation' '2026-06-30' 'bw-im-2023'
 */
export interface EligibilityOk {
  ok: true;
  id: string;
  on: string;
  eligible: boolean;
  basis: EligibilityBasis;
  /** Last day counselling may continue where the version limits it; else null. */
  counsellingEndsOn: string | null;
  ruleSet: RuleSetRef;
  /** Every inferred or assumed value or reading the result depended on (shared between results with the same decision; frozen). */
  assumptions: readonly Assumption[];
  /** Rules and conditions evaluated, or null when no trace was asked for. */
  trace: RuleTrace[] | null;
  /** Remarks on the result, e.g. a limit that could not be computed (shared; frozen). */
  notes: readonly Localized[];
}
/**
 * A failed check: the input or options were invalid.
 *
 * @example
 * const r = checkEligibility({ id: 'x', residenceStatus: 'tourist' }, { on: '2024-03-01' });
 * if (!r.ok) for (const i of r.issues) console.log(i.code, i.path.join('.'), i.message.en);
 * // invalid-value residenceStatus residenceStatus: value not allowed; allowed are "asylum-seeker", …
 */
export interface EligibilityError {
  ok: false;
  id: string | null;
  issues: Issue[];
}
/**
 * The result of {@link checkEligibility}: `ok: true` with the decision, or `ok: false` with the issues of an invalid input. Narrow on `ok`.
 *
 * @example
 * const r: EligibilityResult = checkEligibility(person, { on: '2024-03-01' });
 * if (!r.ok) console.error(r.issues.map((i) => i.message.en));
 * else console.log(r.eligible, r.basis.code, r.counsellingEndsOn);
 */
export type EligibilityResult = EligibilityOk | EligibilityError;

/** Internal: a counselling-period limit read from a rule set's parameters for one date. */
export interface CounsellingLimit {
  months: number;
  justifiedMonths: number;
  startFacts: string[];
  counting: 'bgb-187-2' | 'bgb-187-1';
  assumptions: (Assumption | null)[];
  /** The rule set that defines the limit (for the assumption when no start is known). */
  ruleSet: string;
  /** Source of the limit itself. */
  source: string;
  /** The date the limit came into force (`counsellingLimitFrom`), or null. */
  inForceFrom: string | null;
}

/** Internal: the eligibility rules of a rule set compiled for one parameter period. */
export interface CompiledEligibility {
  resolved: ResolvedRuleSet;
  paramDate: string;
  rules: CompiledRule[];
  targetIdx: number[];
  exclusionIdx: number[];
  limit: CounsellingLimit | null;
  ruleAssumptions: Assumption[][];
  baseAssumptions: Assumption[];
  ref: RuleSetRef;
}

/** Internal: description of the basis `not-in-target-group`. */
export const NOT_IN_TARGET_GROUP: Localized = message('eligibility.not-in-target-group');

const compiledCache = new WeakMap<ResolvedRuleSet, Map<string, CompiledEligibility>>();

function paramOrThrow(resolved: ResolvedRuleSet, name: string, date: string): ParameterValue {
  const v = parameterValueAt(resolved, name, date);
  if (v === undefined) {
    throw new FoerderregelnError([
      issueOf('parameter-unavailable.no-value-on', ['parameters', name], { name, date }),
    ]);
  }
  return v.value;
}

function readLimit(resolved: ResolvedRuleSet, date: string): CounsellingLimit | null {
  const months = parameterValueAt(resolved, 'counsellingLimitMonths', date);
  if (months === undefined || months.value === null) return null;
  const justified = parameterValueAt(resolved, 'counsellingLimitMonthsJustified', date);
  const start = parameterValueAt(resolved, 'counsellingStartFacts', date);
  const counting = parameterValueAt(resolved, 'counsellingPeriodCounting', date);
  const inForce = parameterValueAt(resolved, 'counsellingLimitFrom', date);
  const names = ['counsellingLimitMonths', 'counsellingLimitMonthsJustified', 'counsellingStartFacts', 'counsellingPeriodCounting'];
  return {
    months: Number(months.value),
    justifiedMonths: justified !== undefined && typeof justified.value === 'number' ? justified.value : Number(months.value),
    startFacts: Array.isArray(start?.value) ? start.value.filter((x): x is string => typeof x === 'string') : ['followUpSince'],
    counting: counting?.value === 'bgb-187-1' ? 'bgb-187-1' : 'bgb-187-2',
    assumptions: names.map((n) => parameterAssumption(resolved, n, date)),
    ruleSet: months.parameter.definedIn,
    source: months.source,
    inForceFrom: inForce !== undefined && isCalendarDate(inForce.value) ? inForce.value : null,
  };
}

// The compiled rules per rule set and assessment date (a shortcut past the period lookup).
const byDateCache = new WeakMap<ResolvedRuleSet, Map<string, CompiledEligibility>>();

function compileFor(resolved: ResolvedRuleSet, on: string): CompiledEligibility {
  let byDate = byDateCache.get(resolved);
  if (byDate === undefined) {
    byDate = new Map();
    byDateCache.set(resolved, byDate);
  }
  const known = byDate.get(on);
  if (known !== undefined) return known;
  const found = compileForPeriod(resolved, on);
  if (byDate.size > 20_000) byDate.clear();
  byDate.set(on, found);
  return found;
}

/**
 * Internal: true when the rule set has target-group rules. Without them it cannot decide
 * eligibility at all: "no target-group rule applies" would be a confident wrong answer (a FlüAG or
 * Soforthilfe rule set knows no target group), so checks against it fail instead.
 */
export function hasTargetGroupRules(resolved: ResolvedRuleSet): boolean {
  return (resolved.rules.eligibility ?? []).some((r) => r.event.type === 'target-group');
}

function compileForPeriod(resolved: ResolvedRuleSet, on: string): CompiledEligibility {
  if (!hasTargetGroupRules(resolved)) throw new FoerderregelnError([issueOf('parameter-unavailable.no-target-group', ['ruleSet'], { id: resolved.id })]);
  const date = parameterDate(resolved, on);
  const key = periodStart(resolved, date);
  let perSet = compiledCache.get(resolved);
  if (perSet === undefined) {
    perSet = new Map();
    compiledCache.set(resolved, perSet);
  }
  const hit = perSet.get(key);
  if (hit !== undefined) return hit;
  const source = resolved.rules.eligibility ?? [];
  const bound = bindRules(source, (name) => paramOrThrow(resolved, name, date));
  const rules = compileRules(bound, { dateFacts: ELIGIBILITY_DATE_FACTS });
  const ruleAssumptions = rules.map((c) => {
    const src = c.rule.source as (typeof source)[number];
    const list: Assumption[] = [];
    const params = new Set<string>();
    forEachLeaf(src.conditions, (leaf) => {
      if (isParamRef(leaf.value)) params.add(leaf.value.param);
    });
    addAssumptions(list, [...params].map((p) => parameterAssumption(resolved, p, date)));
    addAssumptions(list, [ruleAssumption(src.definedIn, src.id, src.citation)]);
    return list;
  });
  const compiled: CompiledEligibility = {
    resolved,
    paramDate: date,
    rules,
    targetIdx: rules.map((r, i) => (r.rule.event.type === 'target-group' ? i : -1)).filter((i) => i >= 0),
    exclusionIdx: rules.map((r, i) => (r.rule.event.type === 'exclusion' ? i : -1)).filter((i) => i >= 0),
    limit: readLimit(resolved, date),
    ruleAssumptions,
    baseAssumptions: validityAssumptions(resolved),
    ref: Object.freeze({ id: resolved.id, hash: resolved.hash, overlays: Object.freeze([...resolved.overlays]) as string[], resolvedHash: resolved.resolvedHash }),
  };
  if (perSet.size > 1000) perSet.clear();
  perSet.set(key, compiled);
  return compiled;
}

/**
 * The facts of {@link eligibilityFacts} that hold a validated date or null whenever the rules
 * run: the person's dates (the person schema admits only calendar dates), the assessment date
 * (checked before any rule runs) and the computed counselling end. The compiled rules skip
 * re-checking them (see `CompileOptions.dateFacts`); whoever builds facts for these rules must
 * keep that promise (the batch path validates the same fields).
 */
const ELIGIBILITY_DATE_FACTS: ReadonlySet<string> = new Set(['followUpSince', 'counsellingSince', 'arrivalDate', 'on', 'counsellingEndsOn']);

/** Internal: the start of the counselling period: the first start fact with a date, and its name. */
export function counsellingStart(limit: CounsellingLimit, facts: Record<string, unknown>): { date: string; fact: string } | null {
  for (const f of limit.startFacts) {
    const v = facts[f];
    if (isCalendarDate(v)) return { date: v, fact: f };
  }
  return null;
}

/** Internal: last day of counselling for the facts under a limit (null without a start date). */
export function counsellingEnd(limit: CounsellingLimit, facts: Record<string, unknown>): string | null {
  const found = counsellingStart(limit, facts);
  if (found === null) return null;
  const start = found.date;
  const justified = facts.justifiedExtension === true;
  // Memoised per limit, start date and extension: the period arithmetic is the costly part.
  let memo = endMemo.get(limit);
  if (memo === undefined) {
    memo = [new Map<string, string>(), new Map<string, string>()];
    endMemo.set(limit, memo);
  }
  const map = justified ? memo[1] : memo[0];
  const hit = map.get(start);
  if (hit !== undefined) return hit;
  const months = justified ? limit.justifiedMonths : limit.months;
  const end = limit.counting === 'bgb-187-1' ? periodEndAfterEvent(start, months) : periodEnd(start, months);
  if (map.size > 50_000) map.clear();
  map.set(start, end);
  return end;
}
const endMemo = new WeakMap<CounsellingLimit, [Map<string, string>, Map<string, string>]>();

/**
 * Per-limit memo of values that depend only on the limit and a short key (a start date, a fact):
 * the notes and assumptions every person with the same start shares. Values are immutable and
 * shared between results; the maps are bounded.
 */
const limitMemo = new WeakMap<CounsellingLimit, Map<string, Map<string, unknown>>>();
function memoFor<T>(limit: CounsellingLimit, kind: string, key: string, make: () => T): T {
  let kinds = limitMemo.get(limit);
  if (kinds === undefined) {
    kinds = new Map();
    limitMemo.set(limit, kinds);
  }
  let map = kinds.get(kind);
  if (map === undefined) {
    map = new Map();
    kinds.set(kind, map);
  }
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as T;
  const value = make();
  // Shared between results: frozen, so a caller editing one result cannot change another.
  if (value !== null && typeof value === 'object') Object.freeze(value);
  if (map.size > 50_000) map.clear();
  map.set(key, value);
  return value;
}

/** Builds the facts the eligibility rules see from a valid person and a date. */
export function eligibilityFacts(person: Person, on: string): Record<string, unknown> {
  return {
    residenceStatus: person.residenceStatus,
    accommodation: person.accommodation,
    displacedFromUkraine: person.displacedFromUkraine,
    goodProspects: person.goodProspects ?? false,
    justifiedExtension: person.justifiedExtension ?? false,
    followUpSince: person.followUpSince ?? null,
    counsellingSince: person.counsellingSince ?? null,
    arrivalDate: person.arrivalDate ?? null,
    district: person.district ?? null,
    on,
    accommodationStage: accommodationStage(person.accommodation, person.followUpSince, on),
    counsellingEndsOn: null,
  };
}

/**
 * Internal: contradictions between a valid person's fields and the assessment date (empty when
 * none): a person in follow-up accommodation cannot have been allocated to it after the date.
 */
export function personDateIssues(person: Pick<Person, 'accommodation' | 'followUpSince'>, on: string): Issue[] {
  if (person.accommodation === 'follow-up' && person.followUpSince !== undefined && person.followUpSince > on) {
    return [
      issueOf('inconsistent-input.follow-up-since-after-on', ['followUpSince'], { since: person.followUpSince, on }),
    ];
  }
  return [];
}

/** Internal: the assumption that the counselling end is unknown because no start is known. */
export function unknownEndAssumption(limit: CounsellingLimit): Assumption {
  return {
    kind: 'fact',
    ruleSet: limit.ruleSet,
    name: 'counsellingEndsOn',
    value: null,
    confidence: 'assumed',
    source: limit.source,
    ...noteFields(message('eligibility.unknown-end-assumption', { months: limit.months, justifiedMonths: limit.justifiedMonths, facts: limit.startFacts.join(', ') })),
  };
}

/**
 * Internal: where the counting rule is not sourced (a question of interpretation), the end under
 * the other reading of BGB § 187, so a reader sees both.
 */
export function otherReadingNote(limit: CounsellingLimit, start: string, justified: boolean): Localized | null {
  if (limit.assumptions[3] === null || limit.assumptions[3] === undefined) return null;
  const months = justified ? limit.justifiedMonths : limit.months;
  const other = limit.counting === 'bgb-187-1' ? periodEnd(start, months) : periodEndAfterEvent(start, months);
  // Citations of BGB § 187 as each language writes them.
  const abs1 = { de: '§ 187 Abs. 1', en: '§ 187(1)' };
  const abs2 = { de: '§ 187 Abs. 2', en: '§ 187(2)' };
  const [rule, otherRule] = limit.counting === 'bgb-187-1' ? [abs1, abs2] : [abs2, abs1];
  return message('eligibility.other-reading', { rule, otherRule, other });
}

/** Internal: the note when the counselling start lies before the limit came into force. */
export function startBeforeLimitNote(limit: CounsellingLimit, start: { date: string; fact: string }): Localized | null {
  if (limit.inForceFrom === null || start.date >= limit.inForceFrom) return null;
  return message('eligibility.start-before-limit', { fact: start.fact, date: start.date, inForceFrom: limit.inForceFrom });
}

/** Internal: the id of an input row, when it has one. */
export function idOf(input: unknown): string | null {
  return ownId(input);
}

/** The basis of a decision by rule index (-1: not in the target group); one object per rule, shared. */
const basisMemo = new WeakMap<CompiledEligibility, Map<number, EligibilityBasis>>();
function decisionBasis(compiled: CompiledEligibility, decidingIdx: number): EligibilityBasis {
  let map = basisMemo.get(compiled);
  if (map === undefined) {
    map = new Map();
    basisMemo.set(compiled, map);
  }
  let basis = map.get(decidingIdx);
  if (basis === undefined) {
    const decider = decidingIdx >= 0 ? compiled.rules[decidingIdx] : undefined;
    if (decider !== undefined) {
      const src = decider.rule.source as NonNullable<ResolvedRuleSet['rules']['eligibility']>[number];
      basis = { code: String(decider.rule.event.params.basis), rule: decider.rule.id, description: src.description, citation: notedBasis(src.citation) };
    } else {
      basis = { code: 'not-in-target-group', rule: null, description: NOT_IN_TARGET_GROUP, citation: null };
    }
    Object.freeze(basis);
    map.set(decidingIdx, basis);
  }
  return basis;
}

/**
 * The assumptions of a decision: the rule set's validity, the deciding rules' readings (every
 * target rule's when none admitted), and the counselling limit's (only its start facts when no
 * start is known). The same for every person with the same decision, so computed once per
 * compiled rule set and decision; callers copy the list.
 */
const assumptionsMemo = new WeakMap<CompiledEligibility, Map<string, readonly Assumption[]>>();
function decisionAssumptions(compiled: CompiledEligibility, decided: boolean, admitted: number, excluded: number, endState: 'none' | 'unknown' | 'known'): readonly Assumption[] {
  let map = assumptionsMemo.get(compiled);
  if (map === undefined) {
    map = new Map();
    assumptionsMemo.set(compiled, map);
  }
  const key = `${decided ? 'd' : 'n'}|${String(admitted)}|${String(excluded)}|${endState}`;
  let list = map.get(key);
  if (list === undefined) {
    const assumptions: Assumption[] = [...compiled.baseAssumptions];
    if (decided) {
      addAssumptions(assumptions, compiled.ruleAssumptions[admitted] ?? []);
      if (excluded >= 0) addAssumptions(assumptions, compiled.ruleAssumptions[excluded] ?? []);
    } else {
      for (const i of compiled.targetIdx) addAssumptions(assumptions, compiled.ruleAssumptions[i] ?? []);
    }
    const limit = compiled.limit;
    if (limit !== null && endState === 'unknown') {
      // Only the start facts matter when no start is known (no counting, no month count was used).
      addAssumptions(assumptions, [limit.assumptions[2] ?? null, unknownEndAssumption(limit)]);
    } else if (limit !== null && endState === 'known') {
      addAssumptions(assumptions, limit.assumptions);
    }
    list = Object.freeze(assumptions);
    map.set(key, list);
  }
  return list;
}

function evaluate(compiled: CompiledEligibility, person: Person, on: string, trace: boolean): EligibilityOk {
  const facts = eligibilityFacts(person, on);
  if (compiled.limit !== null) {
    facts.counsellingEndsOn = counsellingEnd(compiled.limit, facts);
  }
  const f = facts as Facts;
  const { rules } = compiled;
  let traces: RuleTrace[] | null = null;
  let results: boolean[];
  if (trace) {
    traces = [];
    results = [];
    for (const r of rules) {
      const conditions = r.explain(f);
      results.push(conditions.result);
      const src = r.rule.source as NonNullable<ResolvedRuleSet['rules']['eligibility']>[number];
      traces.push({
        rule: r.rule.id,
        definedIn: src.definedIn,
        type: r.rule.event.type,
        basis: String(r.rule.event.params.basis),
        description: src.description,
        citation: notedBasis(src.citation),
        result: conditions.result,
        conditions,
      });
    }
  } else {
    results = rules.map((r) => r.test(f));
  }
  let admitted = -1;
  for (const i of compiled.targetIdx) {
    if (results[i] === true) {
      admitted = i;
      break;
    }
  }
  let excluded = -1;
  if (admitted >= 0) {
    for (const i of compiled.exclusionIdx) {
      if (results[i] === true) {
        excluded = i;
        break;
      }
    }
  }
  let counsellingEndsOn: string | null = null;
  let start: { date: string; fact: string } | null = null;
  if (admitted >= 0 && compiled.limit !== null) {
    counsellingEndsOn = facts.counsellingEndsOn as string | null;
    if (counsellingEndsOn !== null) start = counsellingStart(compiled.limit, facts);
  }
  const parts = decisionParts(compiled, admitted, excluded, counsellingEndsOn !== null, start?.date ?? null, start?.fact ?? null, facts.justifiedExtension === true);
  return {
    ok: true,
    id: person.id,
    on,
    eligible: admitted >= 0 && excluded < 0,
    basis: parts.basis,
    counsellingEndsOn,
    ruleSet: compiled.ref,
    assumptions: parts.assumptions,
    trace: traces,
    notes: parts.notes,
  };
}

/**
 * Internal: what every person with the same decision shares — basis, assumptions and notes —
 * shared between results and frozen. `admitted`/`excluded` are rule indexes (-1: none); `endKnown`
 * whether a counselling end was computed (then `start`/`startFact` name its start); `justified`
 * the person's justified extension.
 */
export interface DecisionParts {
  readonly basis: EligibilityBasis;
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Localized[];
}
const partsMemo = new WeakMap<CompiledEligibility, Map<string, DecisionParts>>();
export function decisionParts(
  compiled: CompiledEligibility,
  admitted: number,
  excluded: number,
  endKnown: boolean,
  start: string | null,
  startFact: string | null,
  justified: boolean,
): DecisionParts {
  const limit = admitted >= 0 ? compiled.limit : null;
  // What the parts depend on: the deciding rules, and whether (and from when) a counselling end is known.
  const endState: 'none' | 'unknown' | 'known' = limit === null ? 'none' : endKnown && start !== null && startFact !== null ? 'known' : 'unknown';
  const key = endState === 'known' ? `${String(admitted)}|${String(excluded)}|${startFact ?? ''}|${justified ? 'j' : 'n'}|${start ?? ''}` : `${String(admitted)}|${String(excluded)}|${endState}`;
  let map = partsMemo.get(compiled);
  if (map === undefined) {
    map = new Map();
    partsMemo.set(compiled, map);
  }
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const decidingIdx = excluded >= 0 ? excluded : admitted;
  const notes: Localized[] = [];
  if (limit !== null && endState === 'unknown') {
    notes.push(memoFor(limit, 'unknown-end-note', '', (): Localized => message('eligibility.unknown-end-note', { facts: limit.startFacts.join(', ') })));
  } else if (limit !== null && start !== null && startFact !== null) {
    if (limit.assumptions[3] !== null && limit.assumptions[3] !== undefined) {
      const other = memoFor(limit, justified ? 'other-j' : 'other-n', start, () => otherReadingNote(limit, start, justified));
      if (other !== null) notes.push(other);
    }
    if (limit.inForceFrom !== null && start < limit.inForceFrom) {
      const before = memoFor(limit, `before-${startFact}`, start, () => startBeforeLimitNote(limit, { date: start, fact: startFact }));
      if (before !== null) notes.push(before);
    }
  }
  const parts: DecisionParts = Object.freeze({
    basis: decisionBasis(compiled, decidingIdx),
    assumptions: decisionAssumptions(compiled, decidingIdx >= 0, admitted, excluded, endState),
    notes: Object.freeze(notes),
  });
  if (map.size > 50_000) map.clear();
  map.set(key, parts);
  return parts;
}

/** Internal: validates a person; the allocation-free pre-check spares zod for valid plain objects. */
export function validatePerson(input: unknown): { ok: true; person: Person } | { ok: false; issues: Issue[] } {
  if (isValidPersonFast(input)) return { ok: true, person: input };
  // Own properties only, copied: inherited (polluted) fields are not read, the input is not kept.
  const own = ownData(input);
  if (!own.ok) return own;
  const copy = own.value;
  const bad = forbiddenKeys(copy);
  if (bad.length > 0) return { ok: false, issues: bad };
  const parsed = personSchema.safeParse(copy);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], copy) };
  return { ok: true, person: parsed.data };
}

/**
 * Checks the options object of the eligibility functions as an untyped caller could pass it:
 * an object; `ruleSet` an id or a rule set from `loadRuleSet`; `registry` a RuleSetRegistry;
 * `programme` a string; `trace` a boolean.
 */
export function optionIssues(options: unknown): Issue[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return [{ code: 'invalid-type', path: ['options'], message: message('invalid-input.options-object') }];
  }
  const o = options as Record<string, unknown>;
  const out: Issue[] = [];
  if (o.ruleSet !== undefined && typeof o.ruleSet !== 'string' && !isLoadedRuleSet(o.ruleSet)) {
    out.push(
      issueOf('invalid-type.rule-set-option', ['options', 'ruleSet']),
    );
  }
  if (o.registry !== undefined && !(o.registry instanceof RuleSetRegistry)) {
    out.push(issueOf('invalid-type.registry', ['options', 'registry']));
  }
  if (o.programme !== undefined && typeof o.programme !== 'string') {
    out.push(issueOf('invalid-type.programme-string', ['options', 'programme']));
  }
  if (o.trace !== undefined && typeof o.trace !== 'boolean') {
    out.push(issueOf('invalid-type.trace-flag', ['options', 'trace']));
  }
  return out;
}

function checkOne(input: unknown, options: EligibilityOptions, trace: boolean, onIssues: readonly Issue[] = onOptionIssues(options.on)): EligibilityResult {
  const id = idOf(input);
  try {
    const v = validatePerson(input);
    const optIssues: Issue[] = [...onIssues];
    if (!v.ok) return { ok: false, id, issues: [...v.issues, ...optIssues] };
    if (optIssues.length > 0) return { ok: false, id, issues: optIssues };
    const on = options.on ?? v.person.on;
    if (on === undefined) {
      return {
        ok: false,
        id,
        issues: [issueOf('missing-field.on', ['on'])],
      };
    }
    const sel = selectRuleSet(options, on);
    if (!sel.ok) return { ok: false, id, issues: sel.issues };
    const inconsistent = personDateIssues(v.person, on);
    if (inconsistent.length > 0) return { ok: false, id, issues: inconsistent };
    return evaluate(compileFor(sel.resolved, on), v.person, on, trace);
  } catch (e) {
    if (e instanceof FoerderregelnError) return { ok: false, id, issues: e.issues };
    throw e;
  }
}

/**
 * Is this person in the target group on this date, and until when may they be counselled?
 * Synchronous. Ineligibility is a result (`ok: true, eligible: false`); invalid input gives
 * `ok: false` with coded issues.
 *
 * @example
 * const r = checkEligibility(
 *   { id: 'p1', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true },
 *   { on: '2022-03-14' },
 * );
 * if (r.ok) console.log(r.eligible, r.basis.code, r.ruleSet.id, r.ruleSet.overlays); // true 'displaced-from-ukraine' 'bw-im-2022' ['bw-im-2022-ukraine']
 */
export const checkEligibility = guardApi('checkEligibility', function checkEligibility(person: unknown, options: EligibilityOptions = {}): EligibilityResult {
  const bad = optionIssues(options);
  if (bad.length > 0) return { ok: false, id: idOf(person), issues: bad };
  return checkOne(person, options, options.trace ?? true);
});

/**
 * Like {@link checkEligibility}, but throws a {@link FoerderregelnError} carrying the issues
 * instead of returning `ok: false`.
 *
 * @throws FoerderregelnError when the person or the options are invalid, e.g.
 * `missing-field at on: An assessment date (on) is missing.`
 * @example
 * const r = checkEligibilityOrThrow(person, { on: '2024-01-15' });
 */
export const checkEligibilityOrThrow = guardApi('checkEligibilityOrThrow', function checkEligibilityOrThrow(person: unknown, options: EligibilityOptions = {}): EligibilityOk {
  const r = checkEligibility(person, options);
  if (!r.ok) throw new FoerderregelnError(r.issues);
  return r;
});

/** Internal: compile the eligibility rules of a resolved rule set for a date (for benchmarks and tests). */
export function compiledEligibility(resolved: ResolvedRuleSet, on: string): CompiledEligibility {
  return compileFor(resolved, on);
}
