/**
 * The bundled programmes and the computations each declares (src/computation/define.ts). What is
 * generic over a declaration — golden cases, the flat output columns — finds a computation here
 * by its name. Eligibility, allocation and staffing are not declared yet and keep their own wiring.
 */
import { defineProgramme, type AnyComputation } from '../computation/define.js';
import { GRANT } from '../domain/grant.js';
import { LUMP_SUM } from '../domain/lumpSum.js';

/** Baden-Württemberg's Integrationsmanagement (VwV Integrationsmanagement and its versions). */
export const BW_INTEGRATIONSMANAGEMENT = defineProgramme({
  id: 'bw-integrationsmanagement',
  name: { de: 'Integrationsmanagement Baden-Württemberg', en: 'Integration management Baden-Württemberg' },
  computations: [GRANT],
});

/** Baden-Württemberg's emergency aid for taking in refugees from Ukraine (budgets split by a key). */
export const BW_SOFORTHILFE_UKRAINE = defineProgramme({
  id: 'bw-soforthilfe-ukraine',
  name: { de: 'Soforthilfe Ukraine Baden-Württemberg', en: 'Emergency aid Ukraine Baden-Württemberg' },
  computations: [],
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
export function declaredComputation(name: string): AnyComputation | undefined {
  for (const p of BUNDLED_PROGRAMMES) for (const c of p.computations) if (c.name === name) return c;
  return undefined;
}
