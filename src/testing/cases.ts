import { computationCaseActual, type ComputationCase } from './money-cases.js';
import { declaredComputation, declaredComputationNames } from '../programmes/index.js';
import { issueOf, type Issue } from '../issues.js';
import type { AnyComputation, Provenance } from '../computation/define.js';
import { canonicalJson } from '../ruleset/canonical.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { RuleSetCase } from '../ruleset/schema.js';
import { BUNDLED_CASES } from '../ruleset/bundled-cases.generated.js';

/**
 * The golden cases of a rule set: its own `cases`, or for a bundled rule set the cases shipped
 * with it (bundled rule-set documents carry none, so a browser page does not load them).
 */
export function casesOf(ruleSet: LoadedRuleSet): readonly RuleSetCase[] {
  if (ruleSet.document.cases !== undefined) return ruleSet.document.cases;
  if (ruleSet.origin !== 'bundled' || !Object.prototype.hasOwnProperty.call(BUNDLED_CASES, ruleSet.id)) return [];
  return (BUNDLED_CASES[ruleSet.id] ?? []) as readonly RuleSetCase[];
}

/** The outcome of one golden case. */
export interface CaseOutcome {
  name: string;
  passed: boolean;
  /** Each expected field that differed: expected and actual value. */
  mismatches: { field: string; expected: unknown; actual: unknown }[];
  /** Why the case could not run (e.g. it names no declared computation); absent when it ran. */
  issues?: Issue[];
}

// Canonical JSON: objects compare regardless of key order (bundled cases have sorted keys).
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Runs one golden case against a rule set (by name, or by date when the case says `byDate`). */
export function runCase(c: RuleSetCase, ruleSet: LoadedRuleSet, registry: RuleSetRegistry): CaseOutcome {
  const declared = declaredComputation(c.computation);
  if (declared === undefined) {
    // The case schema takes any name: the declared computations are what a case can run.
    const known = declaredComputationNames();
    const issues = [issueOf('invalid-value.case-computation', ['computation'], { computation: c.computation, computations: known.join(', ') })];
    return { name: c.name, passed: false, mismatches: [{ field: 'computation', expected: known, actual: c.computation }], issues };
  }
  return outcome(c, computationCaseActual(declared, c, ruleSet, registry));
}

/** Runs one golden case of a declared computation (e.g. a programme of your own) against a rule set. */
export function runComputationCase(
  computation: AnyComputation<Provenance>,
  c: ComputationCase & Pick<RuleSetCase, 'name' | 'expected'>,
  ruleSet: LoadedRuleSet,
  registry: RuleSetRegistry,
): CaseOutcome {
  return outcome(c, computationCaseActual(computation, c, ruleSet, registry));
}

function outcome(c: Pick<RuleSetCase, 'name' | 'expected'>, actual: Record<string, unknown>): CaseOutcome {
  const expectsOk = c.expected.ok !== false;
  const mismatches: CaseOutcome['mismatches'] = [];
  if (expectsOk && actual.ok !== true) mismatches.push({ field: 'ok', expected: true, actual: actual.issueCodes });
  for (const [field, expected] of Object.entries(c.expected)) {
    if (!Object.prototype.hasOwnProperty.call(actual, field)) {
      mismatches.push({ field, expected, actual: undefined });
      continue;
    }
    if (!same(expected, actual[field])) mismatches.push({ field, expected, actual: actual[field] });
  }
  return { name: c.name, passed: mismatches.length === 0, mismatches };
}

/** Runs every golden case of a rule set. */
export function runCases(ruleSet: LoadedRuleSet, registry: RuleSetRegistry): CaseOutcome[] {
  return casesOf(ruleSet).map((c) => runCase(c, ruleSet, registry));
}
