import type { Basis, Confidence, Localized, ParameterValue } from '../ruleset/schema.js';
import { noteFields, type NotedBasis } from '../ruleset/note.js';
import type { ResolvedRuleSet } from '../versions/resolve.js';
import { parameterValueAt } from '../versions/resolve.js';

/**
 * Something a result depends on that no source states outright.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01' });
 * if (r.ok) for (const a of r.assumptions) console.log(a.kind, a.ruleSet, a.name, a.confidence, a.noteText?.en);
 * // validity bw-im-2023 validFrom assumed Die VwV ist vom 06.06.2023 datiert; …
 */
export interface Assumption {
  /**
   * A parameter value, a rule's reading of the law, a rule set's validity date, a rounding point,
   * or a `fact` the input did not supply and the result had to assume (e.g. `counsellingEndsOn`
   * unknown because no counselling start is known).
   */
  kind: 'parameter' | 'rule' | 'validity' | 'rounding' | 'fact';
  /** The rule set that defines it. */
  ruleSet: string;
  /** Parameter name, rule id, `validFrom`/`validTo`, the rounding point's `appliesTo`, or the fact. */
  name: string;
  value?: ParameterValue;
  /** For parameters: the date from which the value used applies. */
  from?: string;
  confidence: Exclude<Confidence, 'sourced'>;
  source: string;
  /** The note as one text, German and English joined as `"de / en"` (kept for compatibility). */
  note?: string;
  /** The note in German and English: show `noteText.de` or `noteText.en`, not `note`. */
  noteText?: Localized;
}

/** The assumption for a parameter's value on a date, or null when it is sourced. */
export function parameterAssumption(resolved: ResolvedRuleSet, name: string, date: string): Assumption | null {
  const v = parameterValueAt(resolved, name, date);
  if (v === undefined || v.confidence === 'sourced') return null;
  return {
    kind: 'parameter',
    ruleSet: v.parameter.definedIn,
    name,
    value: v.value,
    from: v.from,
    confidence: v.confidence,
    source: v.source,
    ...noteFields(v.note),
  };
}

/** The assumption behind a rule's reading of the law, or null when it is sourced. */
export function ruleAssumption(ruleSet: string, ruleId: string, citation: Basis | NotedBasis): Assumption | null {
  if (citation.confidence === 'sourced') return null;
  return {
    kind: 'rule',
    ruleSet,
    name: ruleId,
    confidence: citation.confidence,
    source: citation.source,
    ...('noteText' in citation ? { note: citation.note ?? citation.noteText.en, noteText: citation.noteText } : noteFields(citation.note)),
  };
}

/** Assumptions about the validity dates of the rule sets in a resolved chain. */
export function validityAssumptions(resolved: ResolvedRuleSet): Assumption[] {
  return resolved.validityBases.map((v) => ({
    kind: 'validity' as const,
    ruleSet: v.ruleSet,
    name: v.which === 'from' ? 'validFrom' : 'validTo',
    value: v.date,
    confidence: v.basis.confidence as Exclude<Confidence, 'sourced'>,
    source: v.basis.source,
    ...noteFields(v.basis.note),
  }));
}

/** Adds assumptions to a list, skipping ones already there. */
export function addAssumptions(into: Assumption[], more: readonly (Assumption | null)[]): Assumption[] {
  for (const a of more) {
    if (a === null) continue;
    if (!into.some((x) => x.kind === a.kind && x.ruleSet === a.ruleSet && x.name === a.name)) into.push(a);
  }
  return into;
}
