import {
  checkEligibility,
  compiledEligibility,
  counsellingEnd,
  eligibilityFacts,
  selectRuleSet,
  validatePerson,
  type CompiledEligibility,
  type EligibilityError,
  type EligibilityOk,
  type EligibilityOptions,
} from '../domain/eligibility.js';
import type { ReferenceEngine } from '../engine/reference.js';

/**
 * What json-rules-engine decides for a person: every eligibility rule's result and the decision
 * made from them the way the library makes it (first target-group rule that holds, then the first
 * exclusion).
 *
 * @example
 * const r = await checkEligibilityWithReference(person, { on: '2024-01-15' });
 * if (r.ok) console.log(r.reference.eligible, r.reference.basis, r.reference.rules.length); // true 'follow-up-accommodation' 5
 */
export interface ReferenceDecision {
  /** Whether the person is in the target group and not excluded. */
  eligible: boolean;
  /** Basis code of the deciding rule, or `not-in-target-group`. */
  basis: string;
  /** Id of the deciding rule, or null when no target-group rule holds. */
  rule: string | null;
  /** Every eligibility rule in evaluation order with json-rules-engine's result. */
  rules: { id: string; result: boolean }[];
}

/**
 * The library's answer next to json-rules-engine's, and whether they agree on eligibility,
 * basis, deciding rule and every rule's result.
 *
 * @example
 * const r = await checkEligibilityWithReference(person, { on: '2024-01-15' });
 * if (r.ok && !r.agrees) console.error(r.library.basis.code, r.reference.basis);
 */
export interface ReferenceComparison {
  ok: true;
  /** The result of `checkEligibility` (with trace). */
  library: EligibilityOk;
  /** What json-rules-engine decides on the same facts. */
  reference: ReferenceDecision;
  /** True when both agree on the decision and on every rule. */
  agrees: boolean;
}

const engines = new WeakMap<CompiledEligibility, ReferenceEngine>();

/**
 * Checks a person with the library and, on the same facts, with json-rules-engine (the reference
 * semantics the compiled evaluator is tested against). For your own differential tests, e.g. of a
 * custom rule set. Needs the optional peer dependency `json-rules-engine` (`npm install -D
 * json-rules-engine`); it is loaded only when this function runs. Invalid input gives the
 * library's `ok: false` result.
 *
 * @example
 * import { checkEligibilityWithReference } from 'foerderregeln/testing';
 * const r = await checkEligibilityWithReference(
 *   { id: 'p1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
 *   { on: '2024-01-15' },
 * );
 * if (r.ok) console.log(r.agrees, r.reference.eligible); // true true
 */
export async function checkEligibilityWithReference(
  person: unknown,
  options: Omit<EligibilityOptions, 'trace'> = {},
): Promise<ReferenceComparison | EligibilityError> {
  const library = checkEligibility(person, { ...options, trace: true });
  if (!library.ok) return library;
  const valid = validatePerson(person);
  const sel = selectRuleSet(options, library.on);
  /* c8 ignore next 3 -- checkEligibility succeeded, so both succeed */
  if (!valid.ok || !sel.ok) {
    throw new Error('internal: person or rule set rejected after checkEligibility accepted them');
  }
  const compiled = compiledEligibility(sel.resolved, library.on);
  const facts = eligibilityFacts(valid.person, library.on);
  if (compiled.limit !== null) facts.counsellingEndsOn = counsellingEnd(compiled.limit, facts);
  let engine = engines.get(compiled);
  if (engine === undefined) {
    const { ReferenceEngine: Ctor } = await import('../engine/reference.js');
    engine = new Ctor(compiled.rules.map((r) => r.rule));
    engines.set(compiled, engine);
  }
  const results = await engine.run(facts);
  const bound = compiled.rules.map((r) => r.rule);
  const rules = bound.map((r) => ({ id: r.id, result: results.get(r.id)?.result === true }));
  const holds = (id: string): boolean => results.get(id)?.result === true;
  const admitted = bound.find((r) => r.event.type === 'target-group' && holds(r.id));
  let reference: ReferenceDecision;
  if (admitted === undefined) reference = { eligible: false, basis: 'not-in-target-group', rule: null, rules };
  else {
    const excluded = bound.find((r) => r.event.type === 'exclusion' && holds(r.id));
    const decider = excluded ?? admitted;
    reference = { eligible: excluded === undefined, basis: String(decider.event.params.basis), rule: decider.id, rules };
  }
  const libRules = (library.trace ?? []).map((t) => ({ id: t.rule, result: t.result }));
  const agrees =
    reference.eligible === library.eligible &&
    reference.basis === library.basis.code &&
    reference.rule === library.basis.rule &&
    JSON.stringify(libRules) === JSON.stringify(rules);
  return { ok: true, library, reference, agrees };
}
