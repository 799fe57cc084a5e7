/**
 * Golden cases of the declared computations (`computation` in `cases.json`, e.g. eligibility,
 * grant, allocation, staffing, lump-sum): runs the computation through its declaration
 * (src/programmes/) and takes the fields a case's `expected` may name from it, so a newly
 * declared computation needs no code here.
 */
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { AnyComputation, Provenance } from '../computation/define.js';

/** A golden case of a declared computation: the input, the date, and whether to select the rule set by date. */
export interface ComputationCase {
  facts: unknown;
  on?: string | undefined;
  byDate?: boolean | undefined;
}

/**
 * The fields of a declared computation's result that a case's `expected` can name (see
 * `caseFields` of the declaration: for one input of a money computation its flat columns, then
 * the rule set, overlays, assumption keys `kind:ruleSet/name` and number of notes); or
 * `ok: false` with the issue codes.
 */
export function computationCaseActual(computation: AnyComputation<Provenance>, c: ComputationCase, ruleSet: LoadedRuleSet, registry: RuleSetRegistry): Record<string, unknown> {
  const select = c.byDate === true ? { programme: ruleSet.document.programme } : { ruleSet: ruleSet.id };
  const { input, options } = computation.caseInput(c.facts);
  const r = computation.evaluate(input, { ...options, registry, ...select, ...(c.on !== undefined ? { on: c.on } : {}) });
  if (!r.ok) return { ok: false, issueCode: r.issues[0]?.code ?? null, issueCodes: r.issues.map((i) => i.code) };
  return { ok: true, ...computation.caseFields(r) };
}
