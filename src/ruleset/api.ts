import { defaultRegistry, RuleSetRegistry } from './registry.js';
import type { Localized, RuleSetKind, RuleSetStatus } from './schema.js';
import { resolveNamed, resolveOnDate, type ResolvedRuleSet } from '../versions/resolve.js';
import { isCalendarDate } from '../dates/calendar.js';
import { FoerderregelnError, issue, type Issue } from '../issues.js';
import { DEFAULT_PROGRAMME } from '../domain/eligibility.js';
import { guardApi } from '../guard.js';

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
    throw new FoerderregelnError([issue('invalid-type', ['registry'], 'registry muss eine RuleSetRegistry sein.', 'registry must be a RuleSetRegistry.')]);
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
    return { ok: false, issues: [issue('invalid-type', ['registry'], 'registry muss eine RuleSetRegistry sein.', 'registry must be a RuleSetRegistry.')] };
  }
  // Callers without types can pass anything.
  const input: unknown = selector;
  if (typeof input !== 'string' && (input === null || typeof input !== 'object')) {
    return {
      ok: false,
      issues: [issue('invalid-type', ['selector'], 'Erwartet eine Regelwerk-ID oder { on }.', 'Expected a rule-set id or { on }.')],
    };
  }
  if (typeof selector === 'string') {
    const r = resolveNamed(registry, selector);
    return r !== undefined
      ? { ok: true, ruleSet: r }
      : { ok: false, issues: [issue('unknown-rule-set', ['ruleSet'], `Regelwerk ${selector} ist unbekannt.`, `Rule set ${selector} is unknown.`)] };
  }
  if (!isCalendarDate(selector.on)) {
    return { ok: false, issues: [issue('invalid-date', ['on'], 'on ist kein gültiges Datum JJJJ-MM-TT.', 'on is not a valid date YYYY-MM-DD.')] };
  }
  const programme = typeof selector.programme === 'string' ? selector.programme : DEFAULT_PROGRAMME;
  const r = resolveOnDate(registry, programme, selector.on);
  return r !== undefined
    ? { ok: true, ruleSet: r }
    : {
        ok: false,
        issues: [issue('no-rule-set-in-force', ['on'], `Am ${selector.on} ist kein Regelwerk des Programms ${programme} in Kraft.`, `No rule set of programme ${programme} is in force on ${selector.on}.`)],
      };
});
