/**
 * The bundled programmes and the computations each declares (src/computation/define.ts). What is
 * generic over a declaration — golden cases, the flat output columns — finds a computation here
 * by its name; compare asks a declaration whether a rule set supports it. Eligibility is declared
 * too (src/domain/eligibility-computation.ts), by the programme whose rule sets carry eligibility
 * rules; its fast paths (`checkEligibility`, the batch forms, the CLI `check`) stay its own.
 */
import { defineProgramme, type AnyComputation, type Provenance } from '../computation/define.js';
import { ALLOCATION } from '../domain/allocation.js';
import { ELIGIBILITY } from '../domain/eligibility-computation.js';
import { GRANT } from '../domain/grant.js';
import { STAFFING } from '../domain/staffing.js';
import { LUMP_SUM } from '../domain/lumpSum.js';

/**
 * Baden-Württemberg's Integrationsmanagement (VwV Integrationsmanagement and its versions). Not
 * every version supports every computation: staffing needs the staffing ratio (the proposal),
 * allocation a key and mode (2017, 2025); see `supports` of a computation. Its rule sets are the
 * only bundled ones with eligibility (target-group) rules.
 */
export const BW_INTEGRATIONSMANAGEMENT = defineProgramme({
  id: 'bw-integrationsmanagement',
  name: { de: 'Integrationsmanagement Baden-Württemberg', en: 'Integration management Baden-Württemberg' },
  computations: [ELIGIBILITY, GRANT, STAFFING, ALLOCATION],
});

/** Baden-Württemberg's emergency aid for taking in refugees from Ukraine (budgets split by a key). */
export const BW_SOFORTHILFE_UKRAINE = defineProgramme({
  id: 'bw-soforthilfe-ukraine',
  name: { de: 'Soforthilfe Ukraine Baden-Württemberg', en: 'Emergency aid Ukraine Baden-Württemberg' },
  computations: [ALLOCATION],
});

/** The lump sums of Baden-Württemberg's Flüchtlingsaufnahmegesetz. */
export const BW_FLUAG = defineProgramme({
  id: 'bw-fluag',
  name: { de: 'Flüchtlingsaufnahmegesetz Baden-Württemberg (Pauschalen)', en: 'Refugee Reception Act Baden-Württemberg (lump sums)' },
  computations: [LUMP_SUM],
});

/** The bundled programmes. */
export const BUNDLED_PROGRAMMES = [BW_INTEGRATIONSMANAGEMENT, BW_SOFORTHILFE_UKRAINE, BW_FLUAG] as const;

/** A declared computation of a bundled programme by its name, or undefined. */
export function declaredComputation(name: string): AnyComputation<Provenance> | undefined {
  for (const p of BUNDLED_PROGRAMMES) for (const c of p.computations) if (c.name === name) return c;
  return undefined;
}

/** The names of the bundled programmes' declared computations, each once, in programme order. */
export function declaredComputationNames(): string[] {
  return [...new Set(BUNDLED_PROGRAMMES.flatMap((p) => p.computations.map((c) => c.name)))];
}
