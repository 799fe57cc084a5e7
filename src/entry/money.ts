/**
 * `foerderregeln/money`: grants per post, allocation of budgets, staffing ratio and per-case
 * funding, FlüAG lump sums. The same functions as the main entry (`foerderregeln`).
 *
 * @packageDocumentation
 */
import {
  computeGrant as computeGrantUntrusted,
  computeGrantOrThrow as computeGrantOrThrowUntrusted,
  computeGrants as computeGrantsUntrusted,
  type GrantOk,
  type GrantOptions,
  type GrantResult,
  type Post,
} from '../domain/grant.js';
import {
  allocate as allocateUntrusted,
  allocateOrThrow as allocateOrThrowUntrusted,
  type AllocationOk,
  type AllocationOptions,
  type AllocationResult,
  type Recipient,
} from '../domain/allocation.js';
import {
  computeStaffing as computeStaffingUntrusted,
  computeStaffingOrThrow as computeStaffingOrThrowUntrusted,
  type Caseload,
  type StaffingOk,
  type StaffingOptions,
  type StaffingResult,
} from '../domain/staffing.js';
import {
  computeLumpSum as computeLumpSumUntrusted,
  computeLumpSumOrThrow as computeLumpSumOrThrowUntrusted,
  type LumpSumOk,
  type LumpSumOptions,
  type LumpSumRequest,
  type LumpSumResult,
} from '../domain/lumpSum.js';
export {
  postSchema,
  QUALIFICATIONS,
  type Post,
  type Qualification,
  type GrantOptions,
  type GrantResult,
  type GrantOk,
  type GrantError,
  type NotFundedReason,
} from '../domain/grant.js';
export {
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
} from '../domain/allocation.js';
export {
  caseloadSchema,
  type Caseload,
  type StaffingOptions,
  type StaffingResult,
  type StaffingOk,
  type StaffingError,
  type StaffingRow,
} from '../domain/staffing.js';
export {
  lumpSumRequestSchema,
  LUMP_SUM_KINDS,
  LUMP_SUM_PROGRAMME,
  type LumpSumKind,
  type LumpSumRequest,
  type LumpSumOptions,
  type LumpSumResult,
  type LumpSumOk,
  type LumpSumError,
} from '../domain/lumpSum.js';
export type { MoneyProvenance, MoneyTraceStep, ParameterUse, RoundingUse } from '../domain/money-common.js';
export type { RoundingEntry } from '../ruleset/schema.js';
export { bwDistricts, districtRecipients, BW_DISTRICTS_SOURCE, type District } from '../data/districts.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
export type { Assumption } from '../computation/assumptions.js';

// The computations typed on their inputs: a misspelt field or value is a compile error. The same
// functions, typed on `unknown` for input of unknown shape, are exported by `foerderregeln/untrusted`;
// both validate every input at run time.
/**
 * The state grant for one post (a full-time-equivalent share at the version's rate), with trace
 * and provenance; `ok: false` with coded issues for invalid input.
 *
 * @example
 * const r = computeGrant({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' });
 * if (r.ok) console.log(r.months, r.endDate, r.total); // 24 '2019-12-31' '51000.00'
 */
export const computeGrant: (post: Post, options?: GrantOptions) => GrantResult = computeGrantUntrusted;

/**
 * Like {@link computeGrant}, but throws a `FoerderregelnError` carrying the issues.
 *
 * @example
 * const g = computeGrantOrThrow({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' });
 */
export const computeGrantOrThrow: (post: Post, options?: GrantOptions) => GrantOk = computeGrantOrThrowUntrusted;

/**
 * The grants of many posts: one result per post, in order.
 *
 * @example
 * const results = computeGrants([{ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }]);
 */
export const computeGrants: (posts: readonly Post[], options?: GrantOptions) => GrantResult[] = computeGrantsUntrusted;

/**
 * Allocates a budget (or a rate per unit) to recipients by the rule set's key, in exact money
 * whose parts add up to the whole.
 *
 * @example
 * const r = allocate([{ id: 'Tettnang', persons: 166 }], { ruleSet: 'bw-im-2017' });
 * if (r.ok && r.rows[0]?.ok) console.log(r.rows[0].amount); // "132149.00"
 */
export const allocate: (recipients: readonly Recipient[], options?: AllocationOptions) => AllocationResult = allocateUntrusted;

/**
 * Like {@link allocate}, but throws a `FoerderregelnError` carrying the issues.
 *
 * @example
 * const r = allocateOrThrow([{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }], { ruleSet: 'bw-im-2017' });
 * console.log(r.summary.sum, r.summary.residual); // '142498.00' '0.32'
 */
export const allocateOrThrow: (recipients: readonly Recipient[], options?: AllocationOptions) => AllocationOk = allocateOrThrowUntrusted;

/**
 * Staffing ratio and per-case funding: posts (FTE) and funding per district from its caseload,
 * for rule sets that define a staffing ratio.
 *
 * @example
 * const r = computeStaffing([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * if (r.ok && r.rows[0]?.ok) console.log(r.rows[0].fte, r.rows[0].perCaseAmount);
 */
export const computeStaffing: (districts: readonly Caseload[], options?: StaffingOptions) => StaffingResult = computeStaffingUntrusted;

/**
 * Like {@link computeStaffing}, but throws a `FoerderregelnError` carrying the issues.
 *
 * @example
 * const r = computeStaffingOrThrow([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * if (r.rows[0]?.ok) console.log(r.rows[0].fte, r.rows[0].funding); // '25' '1545337.50'
 */
export const computeStaffingOrThrow: (districts: readonly Caseload[], options?: StaffingOptions) => StaffingOk = computeStaffingOrThrowUntrusted;

/**
 * The FlüAG lump sum per person for a kind and a year (§ 15 per person taken in, § 18 Abs. 4 per
 * person assigned), uprated yearly and rounded once.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) console.log(r.amount); // '15506.00'
 */
export const computeLumpSum: (request: LumpSumRequest, options?: LumpSumOptions) => LumpSumResult = computeLumpSumUntrusted;

/**
 * Like {@link computeLumpSum}, but throws a `FoerderregelnError` carrying the issues.
 *
 * @example
 * console.log(computeLumpSumOrThrow({ kind: 'municipality', year: 2024 }).amount); // '152.00'
 */
export const computeLumpSumOrThrow: (request: LumpSumRequest, options?: LumpSumOptions) => LumpSumOk = computeLumpSumOrThrowUntrusted;
