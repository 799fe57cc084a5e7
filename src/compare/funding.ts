import type { Decimal } from 'decimal.js';
import type { ResolvedRuleSet } from '../versions/resolve.js';
import type { Assumption } from '../explain/assumptions.js';
import type { Localized } from '../ruleset/schema.js';

/** What a district brings to a funding rule. */
export interface DistrictWeights {
  district: string;
  eligibleA: number;
  eligibleB: number;
  population: number | null;
  allocations: number | null;
}

/** Yearly funding per district under one rule set. */
export interface DistrictFunding {
  perDistrict: Map<string, { fte: Decimal | null; funding: Decimal }>;
  hasFte: boolean;
  basis: Localized;
  assumptions: (Assumption | null)[];
  notes: Localized[];
}

/** Placeholder replaced in the next commit by the money rules. */
export function districtFunding(_r: ResolvedRuleSet, _w: readonly DistrictWeights[], _side: 'A' | 'B', _on: string): DistrictFunding {
  return { perDistrict: new Map(), hasFte: false, basis: { de: '—', en: '—' }, assumptions: [], notes: [] };
}
