import { defaultRegistry, RuleSetRegistry, type LoadedRuleSet } from './registry.js';
import type { Localized, RuleSetKind, RuleSetStatus } from '../ruleset/schema.js';
import { resolveNamed, resolveOnDate, type ResolvedRuleSet } from './resolve.js';
import { isCalendarDate } from '../dates/calendar.js';
import { FoerderregelnError, type Issue, issueOf } from '../issues.js';
import { guardApi } from '../_lib/guard.js';
import type { BundledRuleSetId } from '../ruleset/bundled.generated.js';

/**
 * The programme eligibility is checked against unless another is named.
 *
 * @example
 * checkEligibility(person, { on: '2024-03-01' }); // same as { on: '2024-03-01', programme: DEFAULT_PROGRAMME }
 * console.log(DEFAULT_PROGRAMME); // 'bw-integrationsmanagement'
 */
export const DEFAULT_PROGRAMME = 'bw-integrationsmanagement';

/**
 * The rule set a result came from.
 *
 * @example
 * const r = checkEligibility(person, { on: '2022-03-14' });
 * if (r.ok) console.log(r.ruleSet.id, r.ruleSet.overlays, r.ruleSet.hash); // 'bw-im-2022' ['bw-im-2022-ukraine'] 'sha256:…'
 */
export interface RuleSetRef {
  id: string;
  hash: string;
  overlays: string[];
  resolvedHash: string;
}

/**
 * A rule-set id: one of the bundled ids (editors complete them), or any other string for a rule
 * set loaded into a registry.
 *
 * @example
 * const name: RuleSetName = 'bw-im-2023';
 */
 
export type RuleSetName = BundledRuleSetId | (string & {});

/**
 * How a computation's options name its rule set: an id or a loaded rule set, or the programme
 * (default {@link DEFAULT_PROGRAMME}) whose rule set in force on the date is used.
 */
export interface RuleSetChoice {
  /** A rule-set id (or a loaded rule set); used with what it extends, without date overlays. */
  ruleSet?: RuleSetName | LoadedRuleSet;
  /** Registry to look rule sets up in; defaults to the bundled rule sets. */
  registry?: RuleSetRegistry;
  /** Programme for selection by date; default `bw-integrationsmanagement`. */
  programme?: string;
}

const dateCache = new WeakMap<RuleSetRegistry, Map<string, ResolvedRuleSet | null>>();

/** Finds the resolved rule set for the options and date, or the issues why there is none. */
export function selectRuleSet(
  options: RuleSetChoice,
  on: string,
): { ok: true; resolved: ResolvedRuleSet } | { ok: false; issues: Issue[] } {
  let registry = options.registry ?? defaultRegistry();
  const named = options.ruleSet;
  if (named !== undefined) {
    let id: string;
    if (typeof named === 'string') id = named;
    else {
      id = named.id;
      if (registry.get(id) !== named) {
        registry = registry.with(named);
      }
    }
    const resolved = resolveNamed(registry, id);
    if (resolved === undefined) {
      return { ok: false, issues: [issueOf('unknown-rule-set.by-id', ['ruleSet'], { id })] };
    }
    return { ok: true, resolved };
  }
  const programme = options.programme ?? DEFAULT_PROGRAMME;
  let perReg = dateCache.get(registry);
  if (perReg === undefined) {
    perReg = new Map();
    dateCache.set(registry, perReg);
  }
  const key = `${programme}|${on}`;
  let resolved = perReg.get(key);
  if (resolved === undefined) {
    resolved = resolveOnDate(registry, programme, on) ?? null;
    if (perReg.size > 50000) perReg.clear();
    perReg.set(key, resolved);
  }
  if (resolved === null) {
    return { ok: false, issues: [issueOf('no-rule-set-in-force.on-date', ['on'], { on, programme })] };
  }
  return { ok: true, resolved };
}

/**
 * One line of `versions`: what a rule set is and its hash.
 *
 * @example
 * const s: RuleSetSummary | undefined = listRuleSets().find((r) => r.id === 'bw-im-2023');
 * console.log(s?.validFrom, s?.validTo, s?.hash); // '2023-06-06' '2024-12-31' 'sha256:…'
 */
export interface RuleSetSummary {
  id: string;
  programme: string;
  title: Localized;
  kind: RuleSetKind;
  status: RuleSetStatus;
  validFrom: string;
  validTo: string | null;
  extends: string | null;
  hash: string;
  /** Hash of the rule set merged with what it extends. */
  resolvedHash: string;
}

/**
 * Lists the rule sets (bundled, or of the given registry), ordered by programme and date.
 *
 * @throws FoerderregelnError (`invalid-type` at `registry`) when `registry` is not a RuleSetRegistry.
 * @example
 * for (const r of listRuleSets()) console.log(r.id, r.validFrom, r.hash);
 */
export const listRuleSets = guardApi('listRuleSets', function listRuleSets(registry: RuleSetRegistry = defaultRegistry()): RuleSetSummary[] {
  if (!(registry instanceof RuleSetRegistry)) {
    throw new FoerderregelnError([issueOf('invalid-type.registry', ['registry'])]);
  }
  return registry.list().map((s) => {
    const d = s.document;
    const resolved = resolveNamed(registry, s.id);
    return {
      id: s.id,
      programme: d.programme,
      title: d.title,
      kind: d.kind,
      status: d.status,
      validFrom: d.validFrom,
      validTo: d.validTo ?? null,
      extends: d.extends ?? null,
      hash: s.hash,
      resolvedHash: resolved?.resolvedHash ?? s.hash,
    };
  });
});

/**
 * Resolves a rule set: by id (with what it extends), or the one in force on a date (with the
 * overlays in force that day).
 *
 * @example
 * const r = resolveRuleSet({ on: '2022-03-14' });
 * if (r.ok) console.log(r.ruleSet.id, r.ruleSet.overlays); // 'bw-im-2022' ['bw-im-2022-ukraine']
 */
export const resolveRuleSet = guardApi('resolveRuleSet', function resolveRuleSet(
  selector: string | { on: string; programme?: string },
  registry: RuleSetRegistry = defaultRegistry(),
): { ok: true; ruleSet: ResolvedRuleSet } | { ok: false; issues: Issue[] } {
  if (!(registry instanceof RuleSetRegistry)) {
    return { ok: false, issues: [issueOf('invalid-type.registry', ['registry'])] };
  }
  // Callers without types can pass anything.
  const input: unknown = selector;
  if (typeof input !== 'string' && (input === null || typeof input !== 'object')) {
    return {
      ok: false,
      issues: [issueOf('invalid-type.rule-set-selector', ['selector'])],
    };
  }
  if (typeof selector === 'string') {
    const r = resolveNamed(registry, selector);
    return r !== undefined ? { ok: true, ruleSet: r } : { ok: false, issues: [issueOf('unknown-rule-set.by-id', ['ruleSet'], { id: selector })] };
  }
  if (!isCalendarDate(selector.on)) {
    return { ok: false, issues: [issueOf('invalid-date.on-option', ['on'])] };
  }
  const programme = typeof selector.programme === 'string' ? selector.programme : DEFAULT_PROGRAMME;
  const r = resolveOnDate(registry, programme, selector.on);
  return r !== undefined
    ? { ok: true, ruleSet: r }
    : {
        ok: false,
        issues: [issueOf('no-rule-set-in-force.on-date', ['on'], { on: selector.on, programme })],
      };
});
