import * as z from 'zod';
import { inputDateSchema } from '../ruleset/schema.js';
import type { FactKind } from '../ruleset/validate.js';

/**
 * Residence statuses a person can have.
 *
 * @example
 * console.log(RESIDENCE_STATUSES.includes('temporary-protection')); // true
 */
export const RESIDENCE_STATUSES = [
  'asylum-seeker',
  'recognised-refugee',
  'subsidiary-protection',
  'deportation-ban',
  'humanitarian',
  'temporary-protection',
  'tolerated',
  'obliged-to-leave',
  'other',
] as const;
/**
 * One of {@link RESIDENCE_STATUSES}.
 *
 * @example
 * const s: ResidenceStatus = 'subsidiary-protection';
 */
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];

/**
 * Accommodation stages (FlüAG): initial reception, provisional, follow-up, private housing.
 *
 * @example
 * console.log(ACCOMMODATIONS); // ['initial-reception', 'provisional', 'follow-up', 'private']
 */
export const ACCOMMODATIONS = ['initial-reception', 'provisional', 'follow-up', 'private'] as const;
/**
 * One of {@link ACCOMMODATIONS}: the accommodation stage under the FlüAG.
 *
 * @example
 * const a: Accommodation = 'follow-up';
 */
export type Accommodation = (typeof ACCOMMODATIONS)[number];

/**
 * A person whose eligibility for counselling is checked.
 *
 * @example
 * const parsed = personSchema.safeParse({ id: 'a', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false });
 * console.log(parsed.success); // true
 */
export const personSchema = z.strictObject({
  /** Your identifier for the person; returned unchanged. */
  id: z.string().min(1).max(200),
  residenceStatus: z.enum(RESIDENCE_STATUSES),
  accommodation: z.enum(ACCOMMODATIONS),
  /** Displaced from Ukraine (temporary protection under § 24 AufenthG or applying for it). */
  displacedFromUkraine: z.boolean(),
  /** Date of allocation to follow-up accommodation (Anschlussunterbringung). */
  followUpSince: inputDateSchema.optional(),
  /** Date of arrival in Baden-Württemberg. */
  arrivalDate: inputDateSchema.optional(),
  /** An asylum seeker with a good prospect of staying. */
  goodProspects: z.boolean().optional(),
  /** A justified individual case for a fourth year of counselling (VwV 2023). */
  justifiedExtension: z.boolean().optional(),
  /** Five-digit district key (AGS of the Stadt- or Landkreis), e.g. "08111". */
  district: z.string().regex(/^\d{5}$/, { message: 'expected a five-digit district key' }).optional(),
  /** Assessment date; the call's `on` option overrides it. */
  on: inputDateSchema.optional(),
});
/**
 * A person (input).
 *
 * @example
 * const person: Person = {
 *   id: 'A-001',
 *   residenceStatus: 'recognised-refugee',
 *   accommodation: 'follow-up',
 *   displacedFromUkraine: false,
 *   followUpSince: '2023-07-01',
 * };
 */
export type Person = z.input<typeof personSchema>;

export type { FactKind };

/** Facts that eligibility rules may use: the person's fields plus derived ones. */
export const ELIGIBILITY_FACTS: Readonly<Record<string, FactKind>> = {
  residenceStatus: { type: 'enum', values: RESIDENCE_STATUSES },
  accommodation: { type: 'enum', values: ACCOMMODATIONS },
  displacedFromUkraine: { type: 'boolean' },
  goodProspects: { type: 'boolean' },
  justifiedExtension: { type: 'boolean' },
  followUpSince: { type: 'date', nullable: true },
  arrivalDate: { type: 'date', nullable: true },
  district: { type: 'string', nullable: true },
  /** The assessment date. */
  on: { type: 'date', nullable: false },
  /** Derived: last day counselling may continue, or null where no limit applies or no start is known. */
  counsellingEndsOn: { type: 'date', nullable: true },
};

/** Facts per computation. */
export const FACT_CATALOGUE = { eligibility: ELIGIBILITY_FACTS } as const;
