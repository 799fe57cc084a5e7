/**
 * foerderregeln: the funding law of the Baden-Württemberg Integrationsmanagement as versioned,
 * cited, executable rule sets.
 *
 * @packageDocumentation
 */
export {
  checkEligibility,
  checkEligibilityOrThrow,
  checkEligibilityMany,
  DEFAULT_PROGRAMME,
  type EligibilityOptions,
  type EligibilityResult,
  type EligibilityOk,
  type EligibilityError,
  type EligibilityBasis,
  type RuleTrace,
  type RuleSetRef,
} from './domain/eligibility.js';
export {
  personSchema,
  RESIDENCE_STATUSES,
  ACCOMMODATIONS,
  type Person,
  type ResidenceStatus,
  type Accommodation,
} from './domain/person.js';
export { listRuleSets, resolveRuleSet, type RuleSetSummary } from './ruleset/api.js';
export { loadRuleSet, defaultRegistry, RuleSetRegistry, hashRuleSet, type LoadedRuleSet } from './ruleset/registry.js';
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
  type RuleSetKind,
  type RuleSetStatus,
  type Rounding,
} from './ruleset/schema.js';
export { canonicalJson, contentHash } from './ruleset/canonical.js';
export { FoerderregelnError, type Issue, type IssueCode } from './issues.js';
export type { Assumption } from './explain/assumptions.js';
export type { ConditionTrace } from './engine/compile.js';
export { OPERATOR_NAMES } from './engine/operators.js';
export { explainEligibility } from './explain/text.js';
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
export {
  pinRuleSets,
  checkPins,
  formatPinReport,
  type LockFile,
  type PinnedRuleSet,
  type PinCheck,
  type PinReport,
} from './pin/pin.js';
export {
  snapshotOutcomes,
  checkOutcomes,
  formatOutcomeChanges,
  type OutcomeSnapshot,
  type OutcomeChange,
  type Outcome,
  type SnapshotOptions,
} from './pin/snapshot.js';
export { isLoadedRuleSet } from './ruleset/registry.js';
export { DOCUMENT_LIMITS } from './ruleset/validate.js';
// Fast batch evaluation and synthetic persons (performance issue).
export { evaluateEligibilityBatch, type EligibilityBatch, type EligibilityBatchOptions } from './domain/batch.js';
export { generatePersons, streamPersons, type GeneratePersonsOptions } from './synthetic/persons.js';
