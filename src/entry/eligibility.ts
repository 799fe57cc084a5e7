/**
 * `foerderregeln/eligibility`: only what a page that checks eligibility needs, so that a browser
 * bundle stays small. The same functions as the main entry (`foerderregeln`), same objects.
 *
 * @packageDocumentation
 */
import {
  checkEligibility as checkEligibilityUntrusted,
  checkEligibilityOrThrow as checkEligibilityOrThrowUntrusted,
  type EligibilityOk,
  type EligibilityOptions,
  type EligibilityResult,
} from '../domain/eligibility.js';
import {
  checkEligibilityMany as checkEligibilityManyUntrusted,
  evaluateEligibilityBatch as evaluateEligibilityBatchUntrusted,
  type EligibilityBatch,
  type EligibilityBatchOptions,
} from '../domain/batch.js';
import type { Person } from '../contract/person.js';
export {
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
export type { EligibilityBatch, EligibilityBatchOptions } from '../domain/batch.js';
export { explainEligibility } from '../explain/text.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
export type { Assumption } from '../computation/assumptions.js';
export type { ConditionTrace } from '../engine/compile.js';
export type { Localized, Citation } from '../ruleset/schema.js';
export type { RuleSetName } from '../versions/select.js';
export type { BundledRuleSetId, BundledBasisCode } from '../ruleset/bundled.generated.js';

// The computations typed on their inputs: a misspelt field or value is a compile error. The same
// functions, typed on `unknown` for input of unknown shape, are exported by `foerderregeln/untrusted`;
// both validate every input at run time.
/**
 * Is this person in the target group on this date, and until when may they be counselled?
 * Synchronous. Ineligibility is a result (`ok: true, eligible: false`); invalid input gives
 * `ok: false` with coded issues. Typed on {@link Person}; for input of unknown shape use the same
 * function from `foerderregeln/untrusted`.
 *
 * @example
 * const r = checkEligibility(
 *   { id: 'p1', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true },
 *   { on: '2022-03-14' },
 * );
 * if (r.ok) console.log(r.eligible, r.basis.code, r.ruleSet.id, r.ruleSet.overlays); // true 'displaced-from-ukraine' 'bw-im-2022' ['bw-im-2022-ukraine']
 */
export const checkEligibility: (person: Person, options?: EligibilityOptions) => EligibilityResult = checkEligibilityUntrusted;

/**
 * Like {@link checkEligibility}, but throws a `FoerderregelnError` carrying the issues instead of
 * returning `ok: false`.
 *
 * @throws FoerderregelnError when the person or the options are invalid, e.g.
 * `missing-field at on: An assessment date (on) is missing.`
 * @example
 * const r = checkEligibilityOrThrow(person, { on: '2024-01-15' });
 */
export const checkEligibilityOrThrow: (person: Person, options?: EligibilityOptions) => EligibilityOk = checkEligibilityOrThrowUntrusted;

/**
 * Checks many persons: one result per input, in input order; no trace unless asked for. Without
 * trace, valid rows are decided on the allocation-free path of {@link evaluateEligibilityBatch},
 * and results with the same decision share their `basis`, `assumptions`, `notes` and `ruleSet`
 * (frozen): copy them before changing them.
 *
 * @example
 * const results = checkEligibilityMany(rows, { on: '2024-01-15' });
 * const eligible = results.filter((r) => r.ok && r.eligible).length;
 */
export const checkEligibilityMany: (persons: readonly Person[], options?: EligibilityOptions) => EligibilityResult[] = checkEligibilityManyUntrusted;

/**
 * Decides many persons into flat columns (typed arrays and an issue map) instead of one result
 * object per person (see {@link EligibilityBatch}); the decisions are exactly those of
 * {@link checkEligibilityMany}. Every row is still validated.
 *
 * @example
 * const b = evaluateEligibilityBatch(rows, { on: '2024-01-15' });
 * for (let i = 0; i < b.length; i++) if (b.ok[i]) console.log(b.eligible[i] === 1, b.bases[b.basis[i]!]?.code);
 */
export const evaluateEligibilityBatch: (persons: readonly Person[], options?: EligibilityBatchOptions) => EligibilityBatch = evaluateEligibilityBatchUntrusted;

