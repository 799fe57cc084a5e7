import type { Assumption } from '../computation/assumptions.js';
import type { Localized } from '../ruleset/schema.js';
import type { RuleSetDiff } from './diff.js';

/**
 * The impact of moving from rule set A to rule set B in one district.
 *
 * @example
 * if (r.ok) for (const d of r.report.districts) console.log(d.district, d.name, d.gained, d.lost, d.difference);
 */
export interface DistrictImpact {
  /** Five-digit district key, or `unknown` for persons without one. */
  district: string;
  name: string;
  /** Persons in the caseload (person rows) or in the target group (district rows). */
  persons: number;
  eligibleA: number;
  eligibleB: number;
  /** Eligible under B but not under A. */
  gained: number;
  /** Eligible under A but not under B. */
  lost: number;
  /** FTE justified (decimal string), where a side defines a staffing ratio; else null. */
  fteA: string | null;
  fteB: string | null;
  /** Yearly funding (decimal string with two places); null where a side defines no funding rule for this caseload. */
  fundingA: string | null;
  fundingB: string | null;
  /** fundingB − fundingA, or null. */
  difference: string | null;
  /** Difference in percent of A, two places, or null when A is zero or missing. */
  differencePercent: string | null;
}

/**
 * What `compareImpact` returns and the report formats render.
 *
 * @example
 * const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons }, { on: '2026-01-01' });
 * if (r.ok) console.log(r.report.totals.fundingA, r.report.totals.fundingB, r.report.fundingBasis.b.en);
 */
export interface ImpactReport {
  diff: RuleSetDiff;
  /** Assessment date of the eligibility checks. */
  on: string;
  caseload: { label: Localized; synthetic: boolean; personRows: number; districtRows: number; invalidRows: number };
  districts: DistrictImpact[];
  totals: Omit<DistrictImpact, 'district' | 'name'>;
  /** How funding was computed for each side, readable. */
  fundingBasis: { a: Localized; b: Localized };
  assumptions: { a: Assumption[]; b: Assumption[] };
  notes: Localized[];
}
