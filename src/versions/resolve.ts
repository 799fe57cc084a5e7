import { contentHash } from '../ruleset/canonical.js';
import type { LoadedRuleSet, RuleSetRegistry } from './registry.js';
import type {
  Basis,
  Citation,
  Computation,
  DatedValue,
  Parameter,
  Rounding,
  Rule,
  RuleSetDocument,
} from '../ruleset/schema.js';
import { maxDate, minDate, type CalendarDate } from '../dates/calendar.js';

/**
 * A parameter after overlays, with the rule set that defined it.
 *
 * @example
 * const r = resolveRuleSet('bw-im-2022-ukraine');
 * if (r.ok) console.log(r.ruleSet.parameters['statusesWithProspect']?.definedIn); // 'bw-im-2022'
 */
export interface ResolvedParameter extends Parameter {
  readonly name: string;
  readonly definedIn: string;
}
/**
 * A rule after overlays, with the rule set that defined it.
 *
 * @example
 * const r = resolveRuleSet('bw-im-2022-ukraine');
 * if (r.ok) for (const rule of r.ruleSet.rules.eligibility ?? []) console.log(rule.id, rule.definedIn);
 */
export interface ResolvedRule extends Rule {
  readonly definedIn: string;
}

/**
 * A base rule set with its overlays applied: what evaluation actually runs.
 *
 * @example
 * const r = resolveRuleSet({ on: '2022-03-14' });
 * if (r.ok) console.log(r.ruleSet.id, r.ruleSet.overlays, r.ruleSet.parameters['targetAccommodations']?.values);
 */
export interface ResolvedRuleSet {
  /** The named rule set, or the base when selected by date. */
  readonly id: string;
  readonly programme: string;
  readonly title: RuleSetDocument['title'];
  /** Kind and status of the rule set named by `id`. */
  readonly kind: RuleSetDocument['kind'];
  readonly status: RuleSetDocument['status'];
  /** Base first, then each overlay in the order applied. */
  readonly chain: readonly LoadedRuleSet[];
  /** Ids of the overlays applied on top of the base. */
  readonly overlays: readonly string[];
  /** The content hash of the rule set named by `id`. */
  readonly hash: string;
  /** The content hash of the merged rule set (base + overlays). */
  readonly resolvedHash: string;
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate | undefined;
  readonly parameters: Readonly<Record<string, ResolvedParameter>>;
  readonly rules: Readonly<Partial<Record<Computation, readonly ResolvedRule[]>>>;
  readonly citations: readonly Citation[];
  readonly rounding: Rounding | undefined;
  /** Validity bases that are not sourced (inferred or assumed dates), per rule set. */
  readonly validityBases: readonly { ruleSet: string; which: 'from' | 'to'; date: CalendarDate; basis: Basis }[];
  /** Dates at which any parameter value changes, ascending. */
  readonly changePoints: readonly CalendarDate[];
  /** The merged content whose canonical JSON `resolvedHash` is the hash of. */
  readonly content: ResolvedContent;
}

/** The merged law of a resolved rule set, as hashed and as recorded in lock files. */
export interface ResolvedContent {
  id: string;
  overlays: string[];
  validFrom: string;
  validTo: string | undefined;
  parameters: Record<string, Parameter>;
  rules: Partial<Record<Computation, ResolvedRule[]>>;
  rounding: Rounding | undefined;
  citations: Citation[];
}

/** The chain from the base to `top`, following `extends`. */
export function chainOf(registry: RuleSetRegistry, top: LoadedRuleSet): LoadedRuleSet[] {
  const chain: LoadedRuleSet[] = [top];
  let cur = top.document.extends;
  const seen = new Set([top.id]);
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    const s = registry.get(cur);
    if (s === undefined) break;
    chain.unshift(s);
    cur = s.document.extends;
  }
  return chain;
}

const cache = new WeakMap<RuleSetRegistry, Map<string, ResolvedRuleSet>>();

/** Merges a chain: later rule sets replace same-named parameters and same-id rules, and may remove rules. */
export function mergeChain(registry: RuleSetRegistry, chain: readonly LoadedRuleSet[], id: string): ResolvedRuleSet {
  const key = `${id}|${chain.map((c) => `${c.id}@${c.hash}`).join('>')}`;
  let perRegistry = cache.get(registry);
  if (perRegistry === undefined) {
    perRegistry = new Map();
    cache.set(registry, perRegistry);
  }
  const hit = perRegistry.get(key);
  if (hit !== undefined) return hit;

  const parameters: Record<string, ResolvedParameter> = {};
  const rules: Partial<Record<Computation, ResolvedRule[]>> = {};
  const citations: Citation[] = [];
  let rounding: Rounding | undefined;
  let validFrom = '0001-01-01';
  let validTo: string | undefined;
  const validityBases: ResolvedRuleSet['validityBases'][number][] = [];
  for (const set of chain) {
    const d = set.document;
    for (const [name, p] of Object.entries(d.parameters)) parameters[name] = { ...p, name, definedIn: d.id };
    for (const [comp, list] of Object.entries(d.rules) as [Computation, Rule[]][]) {
      let current = rules[comp] ?? [];
      for (const r of list) {
        const idx = current.findIndex((x) => x.id === r.id);
        const resolved = { ...r, definedIn: d.id };
        if (idx >= 0) current = current.map((x, i) => (i === idx ? resolved : x));
        else current = [...current, resolved];
      }
      rules[comp] = current;
    }
    if (d.removeRules !== undefined) {
      for (const comp of Object.keys(rules) as Computation[]) {
        rules[comp] = (rules[comp] ?? []).filter((r) => !d.removeRules?.includes(r.id));
      }
    }
    citations.push(...d.citations);
    if (d.rounding !== undefined) rounding = d.rounding;
    validFrom = maxDate(validFrom, d.validFrom);
    if (d.validTo !== undefined) validTo = validTo === undefined ? d.validTo : minDate(validTo, d.validTo);
    if (d.validity.from.confidence !== 'sourced') validityBases.push({ ruleSet: d.id, which: 'from', date: d.validFrom, basis: d.validity.from });
    if (d.validTo !== undefined && d.validity.to !== undefined && d.validity.to.confidence !== 'sourced') {
      validityBases.push({ ruleSet: d.id, which: 'to', date: d.validTo, basis: d.validity.to });
    }
  }
  const points = new Set<string>();
  for (const p of Object.values(parameters)) for (const v of p.values) points.add(v.from);
  const top = chain[chain.length - 1];
  const base = chain[0];
  if (top === undefined || base === undefined) throw new Error('empty rule-set chain');
  const merged: ResolvedContent = {
    id,
    overlays: chain.slice(1).map((c) => c.id),
    validFrom,
    validTo,
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k, { unit: p.unit, description: p.description, values: p.values }])),
    rules,
    rounding,
    citations,
  };
  const named = chain.find((c) => c.id === id) ?? top;
  const resolved: ResolvedRuleSet = {
    id,
    programme: base.document.programme,
    title: named.document.title,
    kind: named.document.kind,
    status: named.document.status,
    chain,
    overlays: chain.slice(1).map((c) => c.id),
    hash: named.hash,
    resolvedHash: contentHash(merged),
    validFrom,
    validTo,
    parameters,
    rules,
    citations,
    rounding,
    validityBases,
    changePoints: [...points].sort(),
    content: merged,
  };
  if (perRegistry.size > 10000) perRegistry.clear();
  perRegistry.set(key, resolved);
  return resolved;
}

/** The named rule set with the rule sets it extends; no overlay is added by date. */
export function resolveNamed(registry: RuleSetRegistry, id: string): ResolvedRuleSet | undefined {
  const top = registry.get(id);
  if (top === undefined) return undefined;
  return mergeChain(registry, chainOf(registry, top), id);
}

function inForce(d: RuleSetDocument, on: CalendarDate): boolean {
  return d.validFrom <= on && (d.validTo === undefined || on <= d.validTo) && d.status !== 'proposed';
}

/**
 * The rule set of `programme` in force on `on`, with every overlay (decree) in force that day
 * applied. Proposals and scenarios are never selected by date. Undefined when none is in force.
 */
export function resolveOnDate(registry: RuleSetRegistry, programme: string, on: CalendarDate): ResolvedRuleSet | undefined {
  const all = registry.list().filter((s) => s.document.programme === programme);
  const bases = all.filter(
    (s) => s.document.extends === undefined && (s.document.kind === 'grant-regulation' || s.document.kind === 'statute') && inForce(s.document, on),
  );
  bases.sort((a, b) => b.document.validFrom.localeCompare(a.document.validFrom, 'en') || a.id.localeCompare(b.id, 'en'));
  const base = bases[0];
  if (base === undefined) return undefined;
  const chain: LoadedRuleSet[] = [base];
  const included = new Set([base.id]);
  let added = true;
  while (added) {
    added = false;
    const next = all
      .filter((s) => s.document.kind === 'decree' && !included.has(s.id) && s.document.extends !== undefined && included.has(s.document.extends) && inForce(s.document, on))
      .sort((a, b) => a.document.validFrom.localeCompare(b.document.validFrom, 'en') || a.id.localeCompare(b.id, 'en'));
    for (const s of next) {
      chain.push(s);
      included.add(s.id);
      added = true;
    }
  }
  return mergeChain(registry, chain, base.id);
}

/** The date parameter values are read for: `on` clamped into the resolved rule set's validity. */
export function parameterDate(resolved: ResolvedRuleSet, on: CalendarDate): CalendarDate {
  let d = maxDate(on, resolved.validFrom);
  if (resolved.validTo !== undefined) d = minDate(d, resolved.validTo);
  return d;
}

/** The value of a parameter in force on a date (the last value whose `from` is not after it). */
export function parameterValueAt(resolved: ResolvedRuleSet, name: string, date: CalendarDate): (DatedValue & { parameter: ResolvedParameter }) | undefined {
  // Own properties only: a parameter named toString must not resolve to Object.prototype.toString.
  const p = Object.prototype.hasOwnProperty.call(resolved.parameters, name) ? resolved.parameters[name] : undefined;
  if (p === undefined) return undefined;
  let found: DatedValue | undefined;
  for (const v of p.values) {
    if (v.from <= date) found = v;
    else break;
  }
  return found === undefined ? undefined : { ...found, parameter: p };
}

/** The first day of the parameter period that contains `date` (a cache key for compiled rules). */
export function periodStart(resolved: ResolvedRuleSet, date: CalendarDate): CalendarDate {
  let start = '0001-01-01';
  for (const p of resolved.changePoints) {
    if (p <= date) start = p;
    else break;
  }
  return start;
}

/**
 * Rebuilds a resolved rule set from recorded content (a lock file), so that it can be compared
 * with an installed one. Evaluation never uses such a rebuilt rule set.
 */
export function resolvedFromContent(
  content: ResolvedContent,
  meta: { hash: string; programme: string; title: RuleSetDocument['title']; kind: RuleSetDocument['kind']; status: RuleSetDocument['status'] },
): ResolvedRuleSet {
  const parameters: Record<string, ResolvedParameter> = {};
  for (const [name, p] of Object.entries(content.parameters)) parameters[name] = { ...p, name, definedIn: content.id };
  const points = new Set<string>();
  for (const p of Object.values(parameters)) for (const v of p.values) points.add(v.from);
  return {
    id: content.id,
    programme: meta.programme,
    title: meta.title,
    kind: meta.kind,
    status: meta.status,
    chain: [],
    overlays: content.overlays,
    hash: meta.hash,
    resolvedHash: contentHash(content),
    validFrom: content.validFrom,
    validTo: content.validTo,
    parameters,
    rules: content.rules,
    citations: content.citations,
    rounding: content.rounding,
    validityBases: [],
    changePoints: [...points].sort(),
    content,
  };
}
