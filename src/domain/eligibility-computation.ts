/**
 * Eligibility as a declared computation (src/computation/define.ts), so that a programme lists it
 * like its money computations and generic code (golden cases, `declaredComputation`) runs it by
 * name. The decision is not the generic `defineComputation` one: it is the rule data compiled by
 * src/engine, run by {@link checkEligibility} (and its batch forms) unchanged; this module only
 * declares it. It sits beside eligibility.ts so that a page that only checks eligibility does not
 * load the declaration machinery.
 */
import { personSchema } from '../contract/person.js';
import { PARAMETER_CONTRACT } from '../contract/parameters.js';
import { forEachLeaf, isParamRef } from '../engine/bind.js';
import type { AnyComputation, Cell } from '../computation/define.js';
import { parameterDate, parameterValueAt, type ResolvedRuleSet } from '../versions/resolve.js';
import { DEFAULT_PROGRAMME } from '../versions/select.js';
import { checkEligibility, hasTargetGroupRules, type EligibilityOk, type EligibilityOptions, type EligibilityResult } from './eligibility.js';

/** The flat output columns of an eligibility result, in order. */
const COLUMNS = {
  eligible: (r: EligibilityOk): Cell => r.eligible,
  basis: (r: EligibilityOk): Cell => r.basis.code,
  rule: (r: EligibilityOk): Cell => r.basis.rule,
  counsellingEndsOn: (r: EligibilityOk): Cell => r.counsellingEndsOn,
} as const;

function project(r: EligibilityOk): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [name, cell] of Object.entries(COLUMNS)) out[name] = cell(r);
  return out;
}

/**
 * True when the rule set has target-group rules and every parameter its eligibility rules read
 * has a value on the date (moved into the rule set's validity, as a check does): only then can a
 * person be admitted by it.
 */
function supports(resolved: ResolvedRuleSet, date: string): boolean {
  if (!hasTargetGroupRules(resolved)) return false;
  const rules = resolved.rules.eligibility ?? [];
  const on = parameterDate(resolved, date);
  let bound = true;
  for (const r of rules) {
    forEachLeaf(r.conditions, (leaf) => {
      if (isParamRef(leaf.value) && parameterValueAt(resolved, leaf.value.param, on) === undefined) bound = false;
    });
  }
  return bound;
}

/**
 * The declaration of eligibility: is a person in the target group on a date, and until when may
 * they be counselled. Its input is a person (`personSchema`), its parameters those of
 * `PARAMETER_CONTRACT.eligibility`; `evaluate` is {@link checkEligibility} itself (same results,
 * same issues, a trace unless `trace: false`). Its flat columns are `eligible`, `basis` (the
 * code), `rule` (the deciding rule or null) and `counsellingEndsOn`; a golden case can name these
 * and the rule set (`ruleSet`, `overlays`, `hash`) and the assumption keys (`kind:ruleSet/name`).
 * A rule set supports it when it has target-group rules whose parameters are defined.
 *
 * @example
 * const r = ELIGIBILITY.evaluate(
 *   { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
 *   { on: '2024-03-01' },
 * );
 * if (r.ok) console.log(ELIGIBILITY.project(r)); // { eligible: true, basis: 'follow-up-accommodation', rule: …, counsellingEndsOn: '2026-06-30' }
 */
export const ELIGIBILITY: Omit<AnyComputation<EligibilityOk>, 'evaluate'> & {
  readonly input: typeof personSchema;
  readonly columns: typeof COLUMNS;
  /** {@link checkEligibility}: its options (`trace` too) and its result. */
  evaluate(input: unknown, options?: EligibilityOptions): EligibilityResult;
} = Object.freeze({
  name: 'eligibility',
  programme: DEFAULT_PROGRAMME,
  contract: PARAMETER_CONTRACT.eligibility,
  input: personSchema,
  columns: COLUMNS,
  evaluate: checkEligibility,
  project,
  supports,
  // A golden case needs no trace.
  caseInput: (facts: unknown) => ({ input: facts, options: { trace: false } }),
  caseFields: (r: EligibilityOk) => ({
    ...project(r),
    ruleSet: r.ruleSet.id,
    overlays: r.ruleSet.overlays,
    hash: r.ruleSet.hash,
    assumptions: r.assumptions.map((a) => `${a.kind}:${a.ruleSet}/${a.name}`),
  }),
});
