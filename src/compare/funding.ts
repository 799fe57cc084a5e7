import type { Decimal } from 'decimal.js';
import { parameterDate, parameterValueAt, type ResolvedRuleSet } from '../versions/resolve.js';
import type { Assumption } from '../computation/assumptions.js';
import type { Localized } from '../ruleset/schema.js';
import type { RuleSetRegistry } from '../versions/registry.js';
import { computeStaffing } from '../domain/staffing.js';
import { allocate } from '../domain/allocation.js';
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
    notes.push({
      de: `${r.id}: Personen ohne Kreisschlüssel sind in keinem Kreisbetrag enthalten.`,
      en: `${r.id}: persons without a district key are in no district's amount.`,
    });
  }
  if (parameterValueAt(r, 'staffingRatio', date) !== undefined) {
    const res = computeStaffing(
      rows.map((w) => ({ id: w.district, persons: eligible(w) })),
      { ruleSet: r.id, registry, on: date },
    );
    if (!res.ok) return none({ de: `Fehler: ${res.issues.map((i) => i.message.de).join('; ')}`, en: `Error: ${res.issues.map((i) => i.message.en).join('; ')}` });
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
      basis: {
        de: `Personalschlüssel: berechtigte Personen ÷ ${String(ratio)} je VZÄ, gerundet auf die VZÄ-Stufe, × ${String(rate)} € je VZÄ und Jahr (${r.id}).`,
        en: `Staffing ratio: eligible persons ÷ ${String(ratio)} per FTE, rounded to the FTE step, × ${String(rate)} € per FTE and year (${r.id}).`,
      },
      assumptions: res.assumptions,
      notes: [...notes, ...res.notes],
    };
  }
  const key = parameterValueAt(r, 'allocationKey', date)?.value;
  if (typeof key === 'string') {
    const population = new Map(bwDistricts().map((d) => [d.ags, d.population]));
    let keyText: Localized;
    const recipients = rows.map((w) => {
      if (key === 'population') return { id: w.district, population: w.population ?? population.get(w.district) ?? 0 };
      if (key === 'allocations-from-initial-reception') return { id: w.district, allocations: w.allocations ?? 0 };
      return { id: w.district, persons: eligible(w) };
    });
    if (key === 'population') {
      keyText = { de: 'Bevölkerung (Kreiszeilen, sonst mitgelieferte Zahlen zum 31.12.2020)', en: 'population (district rows, else the bundled 2020-12-31 figures)' };
    } else if (key === 'allocations-from-initial-reception') {
      keyText = {
        de: 'Zuweisungen aus der Erstaufnahme (Kreiszeilen; ohne sie angenähert durch die Personen des Fallbestands außerhalb der Erstaufnahme)',
        en: 'allocations from initial reception (district rows; without them approximated by the caseload persons outside initial reception)',
      };
      if (rows.some((w) => w.allocations === null)) {
        notes.push({
          de: `${r.id}: Zuweisungen aus der Erstaufnahme fehlen für manche Kreise und zählen dort als 0.`,
          en: `${r.id}: allocations from initial reception are missing for some districts and count as 0 there.`,
        });
      }
    } else {
      keyText = {
        de: 'gezählte Personen, angenähert durch die nach diesem Regelwerk berechtigten Personen',
        en: 'counted persons, approximated by the persons eligible under this rule set',
      };
    }
    const res = allocate(recipients, { ruleSet: r.id, registry, on: date });
    if (!res.ok) return none({ de: `Fehler: ${res.issues.map((i) => i.message.de).join('; ')}`, en: `Error: ${res.issues.map((i) => i.message.en).join('; ')}` });
    const perDistrict = new Map<string, { fte: Decimal | null; funding: Decimal }>();
    for (const row of res.rows) if (row.ok) perDistrict.set(row.id, { fte: null, funding: new Money(row.amount) });
    return {
      perDistrict,
      hasFte: false,
      basis: {
        de: `Verteilschlüssel (${res.mode}, ${res.method}): ${keyText.de}; Budget ${res.summary.budget} € (${r.id}).`,
        en: `Allocation key (${res.mode}, ${res.method}): ${keyText.en}; budget ${res.summary.budget} € (${r.id}).`,
      },
      assumptions: res.assumptions,
      notes: [...notes, ...res.notes],
    };
  }
  return none(
    {
      de: `${r.id} fördert Stellen mit einem Festbetrag je VZÄ; aus einem Fallbestand ergibt sich kein Betrag je Kreis (siehe \`grant\`).`,
      en: `${r.id} funds posts at a fixed rate per FTE; a caseload determines no amount per district (see \`grant\`).`,
    },
    notes,
  );
}
