/**
 * foerderregeln: the funding law of the Baden-Württemberg Integrationsmanagement as versioned,
 * cited, executable rule sets.
 *
 * @packageDocumentation
 */
export {
  checkEligibility,
  checkEligibilityOrThrow,
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
} from './contract/person.js';
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
export { isLoadedRuleSet } from './versions/registry.js';
export { DOCUMENT_LIMITS } from './ruleset/validate.js';
// Fast batch evaluation and synthetic persons (performance issue).
export { checkEligibilityMany, evaluateEligibilityBatch, type EligibilityBatch, type EligibilityBatchOptions } from './domain/batch.js';
export { generatePersons, streamPersons, type GeneratePersonsOptions } from './synthetic/persons.js';
// Money: grants per post, allocation of budgets, staffing ratio and per-case funding, FlüAG lump sums.
export {
  computeGrant,
  computeGrantOrThrow,
  computeGrants,
  postSchema,
  QUALIFICATIONS,
  type Post,
  type Qualification,
  type GrantOptions,
  type GrantResult,
  type GrantOk,
  type GrantError,
  type NotFundedReason,
} from './domain/grant.js';
export {
  allocate,
  allocateOrThrow,
  recipientSchema,
  ALLOCATION_KEYS,
  ALLOCATION_METHODS,
  ALLOCATION_MODES,
  type Recipient,
  type AllocationKey,
  type AllocationMethod,
  type AllocationMode,
  type AllocationOptions,
  type AllocationResult,
  type AllocationOk,
  type AllocationError,
  type AllocationRow,
  type AllocationSummary,
} from './domain/allocation.js';
export {
  computeStaffing,
  computeStaffingOrThrow,
  caseloadSchema,
  type Caseload,
  type StaffingOptions,
  type StaffingResult,
  type StaffingOk,
  type StaffingError,
  type StaffingRow,
} from './domain/staffing.js';
export {
  computeLumpSum,
  computeLumpSumOrThrow,
  lumpSumRequestSchema,
  LUMP_SUM_KINDS,
  LUMP_SUM_PROGRAMME,
  type LumpSumKind,
  type LumpSumRequest,
  type LumpSumOptions,
  type LumpSumResult,
  type LumpSumOk,
  type LumpSumError,
} from './domain/lumpSum.js';
export type { MoneyProvenance, MoneyTraceStep, ParameterUse, RoundingUse } from './domain/money-common.js';
export type { RoundingEntry } from './ruleset/schema.js';
export { bwDistricts, districtRecipients, BW_DISTRICTS_SOURCE, type District } from './data/districts.js';
