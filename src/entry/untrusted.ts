/**
 * `foerderregeln/untrusted`: the library's computations for input of unknown shape — data read
 * from files, forms, queues or the network. They are the same functions as the typed ones of
 * `foerderregeln` (validation at run time is identical), typed on `unknown` instead of `Person`,
 * `Post`, …, so that no cast is needed: invalid input gives `ok: false` with coded issues in
 * German and English, and every row of a list yields a result.
 *
 * @example
 * import { checkEligibility } from 'foerderregeln/untrusted';
 * const r = checkEligibility(JSON.parse(body) as unknown, { on: '2024-01-15' });
 * if (!r.ok) console.log(r.issues.map((i) => `${i.code} ${i.path.join('.')}`));
 *
 * @packageDocumentation
 */
export {
  checkEligibility,
  checkEligibilityOrThrow,
  type EligibilityOptions,
  type EligibilityResult,
  type EligibilityOk,
  type EligibilityError,
} from '../domain/eligibility.js';
export { checkEligibilityMany, evaluateEligibilityBatch, type EligibilityBatch, type EligibilityBatchOptions } from '../domain/batch.js';
export { computeGrant, computeGrantOrThrow, computeGrants, type GrantOptions, type GrantResult, type GrantOk, type GrantError } from '../domain/grant.js';
export { allocate, allocateOrThrow, type AllocationOptions, type AllocationResult, type AllocationOk, type AllocationError } from '../domain/allocation.js';
export { computeStaffing, computeStaffingOrThrow, type StaffingOptions, type StaffingResult, type StaffingOk, type StaffingError } from '../domain/staffing.js';
export { computeLumpSum, computeLumpSumOrThrow, type LumpSumOptions, type LumpSumResult, type LumpSumOk, type LumpSumError } from '../domain/lumpSum.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
