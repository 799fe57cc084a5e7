/**
 * foerderregeln: the funding law of the Baden-Württemberg Integrationsmanagement as versioned,
 * cited, executable rule sets.
 *
 * @packageDocumentation
 */
// The typed computations and what they need (the same as the subpath entries), and the pins.
export * from './entry/eligibility.js';
export * from './entry/money.js';
export * from './entry/pin.js';
export { listRuleSets, resolveRuleSet, type RuleSetSummary, type RuleSetName } from './versions/select.js';
export type { BundledRuleSetId, BundledBasisCode } from './ruleset/bundled.generated.js';
export { loadRuleSet, defaultRegistry, RuleSetRegistry, hashRuleSet, type LoadedRuleSet } from './versions/registry.js';
export type { ResolvedRuleSet, ResolvedParameter, ResolvedRule } from './versions/resolve.js';
export {
  ruleSetDocumentSchema,
  ruleSetJsonSchema,
  type RuleSetDocument,
  type Parameter,
  type DatedValue,
  type ParameterValue,
  type Rule,
  type Condition,
  type Citation,
  type Basis,
  type Confidence,
  type Localized,
  type Note,
  type RuleSetKind,
  type RuleSetStatus,
  type Rounding,
} from './ruleset/schema.js';
export { canonicalJson, contentHash } from './ruleset/canonical.js';
export { FoerderregelnError, type Issue, type IssueCode } from './issues.js';
export type { Assumption } from './computation/assumptions.js';
export type { NotedBasis, NoteFields } from './ruleset/note.js';
export type { ConditionTrace } from './engine/compile.js';
export { OPERATOR_NAMES } from './engine/operators.js';
export { explainEligibility, type ExplainableEligibility } from './explain/text.js';
export {
  diffRuleSets,
  impactedPeriods,
  type RuleSetDiff,
  type DiffSide,
  type ParameterChange,
  type ParameterOnly,
  type RuleChange,
  type RuleOnly,
} from './compare/diff.js';
export { conditionText } from './explain/render.js';
// What moving from one rule set to another means for a caseload, per district, in euros.
export { compareImpact, type CompareImpactOptions, type DistrictCaseloadRow, type Caseload as ImpactCaseload } from './compare/impact.js';
export type { ImpactReport, DistrictImpact } from './compare/types.js';
export { isLoadedRuleSet } from './versions/registry.js';
export { DOCUMENT_LIMITS } from './ruleset/validate.js';
// Synthetic persons (performance issue).
export { generatePersons, streamPersons, type GeneratePersonsOptions } from './synthetic/persons.js';
