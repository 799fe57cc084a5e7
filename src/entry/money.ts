/**
 * `foerderregeln/money`: grants per post, allocation of budgets, staffing ratio and per-case
 * funding, FlüAG lump sums. The same functions as the main entry (`foerderregeln`).
 *
 * @packageDocumentation
 */
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
} from '../domain/grant.js';
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
} from '../domain/allocation.js';
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
} from '../domain/staffing.js';
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
} from '../domain/lumpSum.js';
export type { MoneyProvenance, MoneyTraceStep, ParameterUse, RoundingUse } from '../domain/money-common.js';
export type { RoundingEntry } from '../ruleset/schema.js';
export { bwDistricts, districtRecipients, BW_DISTRICTS_SOURCE, type District } from '../data/districts.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
export type { Assumption } from '../computation/assumptions.js';
