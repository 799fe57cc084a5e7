import type { Decimal } from 'decimal.js';
import { reportMessage as message } from '../messages/reports.js';
import { parameterDate, parameterValueAt, type ResolvedRuleSet } from '../versions/resolve.js';
import type { Assumption } from '../computation/assumptions.js';
import type { Issue } from '../issues.js';
import type { Localized } from '../ruleset/schema.js';
import type { RuleSetRegistry } from '../versions/registry.js';
import { STAFFING } from '../domain/staffing.js';
import { ALLOCATION } from '../domain/allocation.js';
import { bwDistricts } from '../data/districts.js';
import { Money } from '../money/decimal.js';

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

function none(basis: Localized, notes: Localized[] = []): DistrictFunding {
  return { perDistrict: new Map(), hasFte: false, basis, assumptions: [], notes };
}
const failed = (issues: readonly Issue[]): DistrictFunding =>
  none(message('compare.error', { issues: { de: issues.map((i) => i.message.de).join('; '), en: issues.map((i) => i.message.en).join('; ') } }));

/**
 * Yearly funding per district under one rule set, from what the rule set defines:
 * a staffing ratio (persons in the target group per FTE × rate per FTE: the proposal and
 * scenarios), an allocation key for a budget or a per-unit rate (2017 planning frames, 2025
 * "Geld folgt Geflüchteten"), or nothing that a caseload determines (versions that fund posts at
 * a fixed rate: then no amount per district is computed, and the report says so).
 */
export function districtFunding(
  r: ResolvedRuleSet,
  weights: readonly DistrictWeights[],
  side: 'A' | 'B',
  on: string,
  registry: RuleSetRegistry,
): DistrictFunding {
  const date = parameterDate(r, on);
  const rows = weights.filter((w) => w.district !== 'unknown');
  const eligible = (w: DistrictWeights): number => (side === 'A' ? w.eligibleA : w.eligibleB);
  const notes: Localized[] = [];
  if (weights.some((w) => w.district === 'unknown' && eligible(w) > 0)) {
    notes.push(message('compare.note-no-district', { id: r.id }));
  }
  if (STAFFING.supports(r, date)) {
    const res = STAFFING.evaluate(
      rows.map((w) => ({ id: w.district, persons: eligible(w) })),
      { ruleSet: r.id, registry, on: date },
    );
    if (!res.ok) return failed(res.issues);
    const perDistrict = new Map<string, { fte: Decimal | null; funding: Decimal }>();
    for (const row of res.rows) {
      if (!row.ok) continue;
      perDistrict.set(row.id, { fte: row.fte === null ? null : new Money(row.fte), funding: new Money(row.funding ?? '0') });
    }
    const ratio = parameterValueAt(r, 'staffingRatio', date)?.value;
    const rate = parameterValueAt(r, 'staffingRatePerFte', date)?.value;
    return {
      perDistrict,
      hasFte: true,
      basis: message('compare.basis-staffing', { ratio: String(ratio), rate: String(rate), id: r.id }),
      assumptions: res.assumptions,
      notes: [...notes, ...res.notes],
    };
  }
  if (ALLOCATION.supports(r, date)) {
    const key = parameterValueAt(r, 'allocationKey', date)?.value;
    const population = new Map(bwDistricts().map((d) => [d.ags, d.population]));
    let keyText = message('compare.key-persons');
    let recipients: Record<string, string | number>[] = rows.map((w) => ({ id: w.district, persons: eligible(w) }));
    if (key === 'population') {
      keyText = message('compare.key-population');
      recipients = rows.map((w) => ({ id: w.district, population: w.population ?? population.get(w.district) ?? 0 }));
    } else if (key === 'allocations-from-initial-reception') {
      keyText = message('compare.key-allocations');
      recipients = rows.map((w) => ({ id: w.district, allocations: w.allocations ?? 0 }));
      if (rows.some((w) => w.allocations === null)) notes.push(message('compare.note-allocations-missing', { id: r.id }));
    }
    const res = ALLOCATION.evaluate(recipients, { ruleSet: r.id, registry, on: date });
    if (!res.ok) return failed(res.issues);
    const perDistrict = new Map<string, { fte: Decimal | null; funding: Decimal }>();
    for (const row of res.rows) if (row.ok) perDistrict.set(row.id, { fte: null, funding: new Money(row.amount) });
    return {
      perDistrict,
      hasFte: false,
      basis: message('compare.basis-allocation', { mode: res.mode, method: res.method, key: keyText, budget: res.summary.budget, id: r.id }),
      assumptions: res.assumptions,
      notes: [...notes, ...res.notes],
    };
  }
  return none(message('compare.basis-fixed-rate', { id: r.id }), notes);
}
