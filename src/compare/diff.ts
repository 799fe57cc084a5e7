import { canonicalJson } from '../ruleset/canonical.js';
import { defaultRegistry, type LoadedRuleSet, type RuleSetRegistry } from '../versions/registry.js';
import type { Basis, Computation, Condition, DatedValue, Localized, Unit } from '../ruleset/schema.js';
import { resolveNamed, type ResolvedRuleSet, type ResolvedRule } from '../versions/resolve.js';
import { bilingual, conditionText, leafTexts, showValue } from '../explain/render.js';
import { type Issue, issueOf } from '../issues.js';
import { addDays } from '../dates/calendar.js';
import { guardApi } from '../_lib/guard.js';
import { reportMessage } from '../messages/reports.js';

/**
 * One side of a comparison.
 *
 * @example
 * const d = diffRuleSets('bw-im-2022', 'bw-im-2022-ukraine');
 * if (d.ok) console.log(d.diff.b.id, d.diff.b.overlays, d.diff.b.resolvedHash);
 */
export interface DiffSide {
  id: string;
  title: Localized;
  kind: string;
  status: string;
  validFrom: string;
  validTo: string | null;
  overlays: string[];
  hash: string;
  resolvedHash: string;
}

/**
 * A parameter present on one side only.
 *
 * @example
 * const d = diffRuleSets('bw-im-2025', 'bw-im-proposal');
 * if (d.ok) console.log(d.diff.parameters.added.map((p) => p.name)); // ['staffingFteRoundingMode', 'staffingFteStep', …]
 */
export interface ParameterOnly {
  name: string;
  unit: Unit;
  description: Localized;
  definedIn: string;
  values: DatedValue[];
}

/**
 * A parameter whose dated values differ.
 *
 * @example
 * const d = diffRuleSets('bw-im-2022', 'bw-im-2023');
 * if (d.ok) for (const c of d.diff.parameters.changed) console.log(c.name, c.latest.a, '→', c.latest.b, c.impactedPeriods);
 * // e.g. grantRateVocational 51000.00 → 60000.00 [{ from: '2022-01-01', to: null }]
 */
export interface ParameterChange {
  name: string;
  unit: Unit;
  description: Localized;
  a: DatedValue[];
  b: DatedValue[];
  /** The value in force at the end of each side's list (the latest). */
  latest: { a: DatedValue['value']; b: DatedValue['value'] };
  /** True when only sources, confidence or notes changed, not the values or dates. */
  sourcesOnly: boolean;
  /** Periods in which the value in force differs (`to` null = open-ended). */
  impactedPeriods: { from: string; to: string | null }[];
}

/**
 * A rule present on one side only.
 *
 * @example
 * const d = diffRuleSets('bw-im-2022', 'bw-im-2022-ukraine');
 * if (d.ok) console.log(d.diff.rules.added.map((r) => `${r.id}: ${r.conditions.en}`)); // ['displaced-from-ukraine: displacedFromUkraine = true']
 */
export interface RuleOnly {
  computation: Computation;
  id: string;
  definedIn: string;
  eventType: string;
  basis: string;
  description: Localized;
  citation: Basis;
  conditions: Localized;
}

/**
 * A rule that differs between the sides.
 *
 * @example
 * const d = diffRuleSets('bw-im-2023', 'my-scenario', { registry });
 * if (d.ok) for (const c of d.diff.rules.changed) console.log(c.id, c.addedConditions.map((t) => t.en), c.citationChanged);
 */
export interface RuleChange {
  computation: Computation;
  id: string;
  description: { a: Localized; b: Localized };
  conditions: { a: Localized; b: Localized };
  /** Leaf conditions only in B (added) or only in A (removed), readable. */
  addedConditions: Localized[];
  removedConditions: Localized[];
  /** The and/or/not structure changed even where the leaves did not. */
  structureChanged: boolean;
  eventChanged: { a: string; b: string } | null;
  citationChanged: { a: Basis; b: Basis } | null;
}

/**
 * What changed from rule set A to rule set B.
 *
 * @example
 * const d = diffRuleSets('bw-im-2022', 'bw-im-2023');
 * if (d.ok) {
 *   console.log(d.diff.identical, d.diff.rules.added.map((r) => r.id)); // false ['follow-up-accommodation', 'displaced-from-ukraine', 'counselling-period-expired']
 *   for (const line of d.diff.summary) console.log(line.de);
 * }
 */
export interface RuleSetDiff {
  a: DiffSide;
  b: DiffSide;
  identical: boolean;
  metadata: { field: string; a: unknown; b: unknown }[];
  parameters: { added: ParameterOnly[]; removed: ParameterOnly[]; changed: ParameterChange[] };
  rules: { added: RuleOnly[]; removed: RuleOnly[]; changed: RuleChange[] };
  /** The changes as readable lines, German and English. */
  summary: Localized[];
}

function side(r: ResolvedRuleSet): DiffSide {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    validFrom: r.validFrom,
    validTo: r.validTo ?? null,
    overlays: [...r.overlays],
    hash: r.hash,
    resolvedHash: r.resolvedHash,
  };
}

function stripSources(values: readonly DatedValue[]): unknown {
  return values.map((v) => ({ from: v.from, value: v.value }));
}

function valueAt(values: readonly DatedValue[], date: string): unknown {
  let found: unknown = undefined;
  for (const v of values) {
    if (v.from <= date) found = v.value;
    else break;
  }
  return found;
}

/**
 * Periods in which the value in force differs between two dated value lists.
 *
 * @example
 * impactedPeriods(
 *   [{ from: '2023-06-06', value: 36, source: 'VwV 2023', confidence: 'sourced' }],
 *   [{ from: '2023-06-06', value: 24, source: 'new release', confidence: 'sourced' }],
 * ); // [{ from: '2023-06-06', to: null }]
 */
export const impactedPeriods = guardApi('impactedPeriods', function impactedPeriods(a: readonly DatedValue[], b: readonly DatedValue[]): { from: string; to: string | null }[] {
  const points = [...new Set([...a.map((v) => v.from), ...b.map((v) => v.from)])].sort();
  const out: { from: string; to: string | null }[] = [];
  let open: string | null = null;
  for (const p of points) {
    const differs = canonicalJson(valueAt(a, p) ?? null) !== canonicalJson(valueAt(b, p) ?? null);
    if (differs && open === null) open = p;
    if (!differs && open !== null) {
      out.push({ from: open, to: addDays(p, -1) });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open, to: null });
  return out;
});

/**
 * Limits periods to the days either side applies: from the earlier `validFrom` to the later
 * `validTo` (open when either side is open-ended). Periods outside that vanish.
 */
function clampPeriods(periods: { from: string; to: string | null }[], ra: ResolvedRuleSet, rb: ResolvedRuleSet): { from: string; to: string | null }[] {
  const start = ra.validFrom < rb.validFrom ? ra.validFrom : rb.validFrom;
  const end = ra.validTo === undefined || rb.validTo === undefined ? null : ra.validTo > rb.validTo ? ra.validTo : rb.validTo;
  const out: { from: string; to: string | null }[] = [];
  for (const p of periods) {
    const from = p.from < start ? start : p.from;
    const to = end === null ? p.to : p.to === null || p.to > end ? end : p.to;
    if (to === null || from <= to) out.push({ from, to });
  }
  return out;
}

function ruleOnly(computation: Computation, r: ResolvedRule): RuleOnly {
  return {
    computation,
    id: r.id,
    definedIn: r.definedIn,
    eventType: r.event.type,
    basis: String(r.event.params?.basis ?? ''),
    description: r.description,
    citation: r.citation,
    conditions: bilingual((l) => conditionText(r.conditions, l)),
  };
}

function multisetDiff(a: string[], b: string[]): { onlyA: number[]; onlyB: number[] } {
  const rest = [...b];
  const onlyA: number[] = [];
  a.forEach((t, i) => {
    const j = rest.indexOf(t);
    if (j >= 0) rest[j] = '\u0000';
    else onlyA.push(i);
  });
  const restA = [...a];
  const onlyB: number[] = [];
  b.forEach((t, i) => {
    const j = restA.indexOf(t);
    if (j >= 0) restA[j] = '\u0000';
    else onlyB.push(i);
  });
  return { onlyA, onlyB };
}

function structureOf(c: Condition): unknown {
  if ('all' in c) return { all: c.all.map(structureOf) };
  if ('any' in c) return { any: c.any.map(structureOf) };
  if ('not' in c) return { not: structureOf(c.not) };
  return 'leaf';
}

function unitWord(unit: Unit, lang: 'de' | 'en'): string {
  const words: Partial<Record<Unit, Localized>> = { months: reportMessage('compare.unit-months'), years: reportMessage('compare.unit-years') };
  return words[unit]?.[lang] ?? (unit === 'list' || unit === 'text' || unit === 'fact-list' || unit === 'flag' || unit === 'date' ? '' : unit);
}

function withUnit(v: unknown, unit: Unit, lang: 'de' | 'en'): string {
  const u = unitWord(unit, lang);
  return u && v !== null && v !== undefined ? `${showValue(v)} ${u}` : showValue(v);
}

/** Compares two resolved rule sets. */
export function diffResolved(ra: ResolvedRuleSet, rb: ResolvedRuleSet): RuleSetDiff {
  const a = side(ra);
  const b = side(rb);
  const metadata: RuleSetDiff['metadata'] = [];
  for (const field of ['kind', 'status', 'validFrom', 'validTo'] as const) {
    if (a[field] !== b[field]) metadata.push({ field, a: a[field], b: b[field] });
  }
  if (canonicalJson(ra.rounding ?? null) !== canonicalJson(rb.rounding ?? null)) metadata.push({ field: 'rounding', a: ra.rounding ?? null, b: rb.rounding ?? null });

  const added: ParameterOnly[] = [];
  const removed: ParameterOnly[] = [];
  const changed: ParameterChange[] = [];
  const names = [...new Set([...Object.keys(ra.parameters), ...Object.keys(rb.parameters)])].sort();
  for (const name of names) {
    // Own properties only: a parameter named toString or valueOf must not meet Object.prototype.
    const pa = Object.prototype.hasOwnProperty.call(ra.parameters, name) ? ra.parameters[name] : undefined;
    const pb = Object.prototype.hasOwnProperty.call(rb.parameters, name) ? rb.parameters[name] : undefined;
    if (pa === undefined && pb !== undefined) {
      added.push({ name, unit: pb.unit, description: pb.description, definedIn: pb.definedIn, values: [...pb.values] });
    } else if (pb === undefined && pa !== undefined) {
      removed.push({ name, unit: pa.unit, description: pa.description, definedIn: pa.definedIn, values: [...pa.values] });
    } else if (pa !== undefined && pb !== undefined && canonicalJson(pa.values) !== canonicalJson(pb.values)) {
      changed.push({
        name,
        unit: pb.unit,
        description: pb.description,
        a: [...pa.values],
        b: [...pb.values],
        latest: { a: pa.values[pa.values.length - 1]?.value ?? null, b: pb.values[pb.values.length - 1]?.value ?? null },
        sourcesOnly: canonicalJson(stripSources(pa.values)) === canonicalJson(stripSources(pb.values)),
        impactedPeriods: clampPeriods(impactedPeriods(pa.values, pb.values), ra, rb),
      });
    }
  }

  const rulesAdded: RuleOnly[] = [];
  const rulesRemoved: RuleOnly[] = [];
  const rulesChanged: RuleChange[] = [];
  const comps = [...new Set([...Object.keys(ra.rules), ...Object.keys(rb.rules)])].sort() as Computation[];
  for (const comp of comps) {
    const la = ra.rules[comp] ?? [];
    const lb = rb.rules[comp] ?? [];
    for (const r of lb) if (!la.some((x) => x.id === r.id)) rulesAdded.push(ruleOnly(comp, r));
    for (const r of la) if (!lb.some((x) => x.id === r.id)) rulesRemoved.push(ruleOnly(comp, r));
    for (const rA of la) {
      const rB = lb.find((x) => x.id === rA.id);
      if (rB === undefined) continue;
      const { definedIn: _da, ...lawA } = rA;
      const { definedIn: _db, ...lawB } = rB;
      if (canonicalJson(lawA) === canonicalJson(lawB)) continue;
      const ca = rA.conditions as Condition;
      const cb = rB.conditions as Condition;
      const leavesA = leafTexts(ca, 'en');
      const leavesB = leafTexts(cb, 'en');
      const { onlyA, onlyB } = multisetDiff(leavesA, leavesB);
      const deA = leafTexts(ca, 'de');
      const deB = leafTexts(cb, 'de');
      const evA = canonicalJson(rA.event);
      const evB = canonicalJson(rB.event);
      rulesChanged.push({
        computation: comp,
        id: rA.id,
        description: { a: rA.description, b: rB.description },
        conditions: { a: bilingual((l) => conditionText(ca, l)), b: bilingual((l) => conditionText(cb, l)) },
        addedConditions: onlyB.map((i) => ({ de: deB[i] ?? '', en: leavesB[i] ?? '' })),
        removedConditions: onlyA.map((i) => ({ de: deA[i] ?? '', en: leavesA[i] ?? '' })),
        structureChanged: canonicalJson(structureOf(ca)) !== canonicalJson(structureOf(cb)),
        eventChanged: evA === evB ? null : { a: evA, b: evB },
        citationChanged: canonicalJson(rA.citation) === canonicalJson(rB.citation) ? null : { a: rA.citation, b: rB.citation },
      });
    }
  }

  const summary: Localized[] = [];
  for (const m of metadata) summary.push(bilingual(() => `${m.field}: ${showValue(typeof m.a === 'object' ? canonicalJson(m.a) : m.a)} → ${showValue(typeof m.b === 'object' ? canonicalJson(m.b) : m.b)}`));
  const group = (t: string): Localized =>
    t === 'target-group' ? reportMessage('compare.group-target-group') : t === 'exclusion' ? reportMessage('compare.group-exclusion') : { de: t, en: t };
  for (const r of rulesAdded) summary.push(bilingual((l) => `${group(r.eventType)[l]}: + ${r.description[l]} (${r.conditions[l]}) [${r.id}]`));
  for (const r of rulesRemoved) summary.push(bilingual((l) => `${group(r.eventType)[l]}: − ${r.description[l]} (${r.conditions[l]}) [${r.id}]`));
  for (const r of rulesChanged) {
    const parts = (l: 'de' | 'en'): string => {
      const bits: string[] = [];
      for (const c of r.addedConditions) bits.push(`+ ${c[l]}`);
      for (const c of r.removedConditions) bits.push(`− ${c[l]}`);
      if (bits.length === 0 && r.structureChanged) bits.push(`${r.conditions.a[l]} → ${r.conditions.b[l]}`);
      if (r.eventChanged !== null) bits.push(reportMessage('compare.event-changed')[l]);
      if (r.citationChanged !== null) bits.push(reportMessage('compare.source-changed', { source: r.citationChanged.b.source, confidence: r.citationChanged.b.confidence })[l]);
      return bits.join('; ');
    };
    summary.push(bilingual((l) => `${r.description.b[l]} [${r.id}]: ${parts(l)}`));
  }
  for (const p of added) summary.push(reportMessage('compare.parameter-added', { description: p.description, name: p.name, value: bilingual((l) => withUnit(p.values[p.values.length - 1]?.value, p.unit, l)) }));
  for (const p of removed) summary.push(reportMessage('compare.parameter-removed', { description: p.description, name: p.name, value: bilingual((l) => withUnit(p.values[p.values.length - 1]?.value, p.unit, l)) }));
  for (const p of changed) {
    const named = { description: p.description, name: p.name };
    summary.push(
      p.sourcesOnly
        ? reportMessage('compare.parameter-sources-only', named)
        : canonicalJson(p.latest.a) === canonicalJson(p.latest.b)
          ? reportMessage('compare.parameter-same-value', { ...named, value: bilingual((l) => withUnit(p.latest.b, p.unit, l)) })
          : bilingual((l) => `${p.description[l]} [${p.name}]: ${withUnit(p.latest.a, p.unit, l)} → ${withUnit(p.latest.b, p.unit, l)}`),
    );
  }
  const identical = ra.resolvedHash === rb.resolvedHash;
  return {
    a,
    b,
    identical,
    metadata,
    parameters: { added, removed, changed },
    rules: { added: rulesAdded, removed: rulesRemoved, changed: rulesChanged },
    summary,
  };
}

/**
 * What changed between two rule sets: parameters (added, removed, changed values by date, with
 * sources on both sides), rules (added, removed, changed down to the condition) and metadata, with
 * a readable summary in German and English. Works for any two rule sets, e.g. a base and its
 * overlay, or a version and the proposal. Each side is resolved by name (with what it extends).
 *
 * @example
 * const d = diffRuleSets('bw-im-2022', 'bw-im-2022-ukraine');
 * if (d.ok) for (const line of d.diff.summary) console.log(line.en);
 * // target group: + People displaced from Ukraine, in any accommodation (displacedFromUkraine = true) [displaced-from-ukraine]
 */
export const diffRuleSets = guardApi('diffRuleSets', function diffRuleSets(
  a: string | LoadedRuleSet,
  b: string | LoadedRuleSet,
  options: { registry?: RuleSetRegistry } = {},
): { ok: true; diff: RuleSetDiff } | { ok: false; issues: Issue[] } {
  const sides = resolveSides(a, b, options.registry);
  if (!sides.ok) return sides;
  return { ok: true, diff: diffResolved(sides.a, sides.b) };
});

/**
 * Resolves the two sides of a comparison by name (each with what it extends) in one registry that
 * also holds any rule set passed as an object (a user's scenario).
 */
export function resolveSides(
  a: string | LoadedRuleSet,
  b: string | LoadedRuleSet,
  registryOption: RuleSetRegistry | undefined,
): { ok: true; a: ResolvedRuleSet; b: ResolvedRuleSet; registry: RuleSetRegistry } | { ok: false; issues: Issue[] } {
  const registry = (registryOption ?? defaultRegistry()).with(...[a, b].filter((x): x is LoadedRuleSet => typeof x !== 'string'));
  const issues: Issue[] = [];
  const resolve = (x: string | LoadedRuleSet, key: string): ResolvedRuleSet | undefined => {
    const id = typeof x === 'string' ? x : x.id;
    const r = resolveNamed(registry, id);
    if (r === undefined) issues.push(issueOf('unknown-rule-set.by-id', [key], { id }));
    return r;
  };
  const ra = resolve(a, 'a');
  const rb = resolve(b, 'b');
  if (ra === undefined || rb === undefined) return { ok: false, issues };
  return { ok: true, a: ra, b: rb, registry };
}
