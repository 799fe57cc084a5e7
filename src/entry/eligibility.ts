/**
 * `foerderregeln/eligibility`: only what a page that checks eligibility needs, so that a browser
 * bundle stays small. The same functions as the main entry (`foerderregeln`), same objects.
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
} from '../domain/eligibility.js';
export { personSchema, RESIDENCE_STATUSES, ACCOMMODATIONS, type Person, type ResidenceStatus, type Accommodation } from '../contract/person.js';
export { checkEligibilityMany, evaluateEligibilityBatch, type EligibilityBatch, type EligibilityBatchOptions } from '../domain/batch.js';
export { explainEligibility } from '../explain/text.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
export type { Assumption } from '../computation/assumptions.js';
export type { ConditionTrace } from '../engine/compile.js';
export type { Localized, Citation } from '../ruleset/schema.js';
export type { RuleSetName } from '../versions/select.js';
export type { BundledRuleSetId, BundledBasisCode } from '../ruleset/bundled.generated.js';
