import * as z from 'zod/mini';
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
 * Accommodation (FlüAG): initial reception, provisional, follow-up (allocated to follow-up
 * accommodation, in any form of housing), private housing (never allocated, unless
 * `followUpSince` says otherwise).
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
 * A person whose eligibility for counselling is checked (a `zod/mini` schema: `safeParse`, `parse`,
 * `shape`; compose it with `z.extend`, `z.array` and the other zod functions).
 *
 * @example
 * const parsed = personSchema.safeParse({ id: 'a', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false });
 * console.log(parsed.success); // true
 */
export const personSchema = z.strictObject({
  /** Your identifier for the person; returned unchanged. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  residenceStatus: z.enum(RESIDENCE_STATUSES),
  accommodation: z.enum(ACCOMMODATIONS),
  /** Displaced from Ukraine (temporary protection under § 24 AufenthG or applying for it). */
  displacedFromUkraine: z.boolean(),
  /**
   * Date of allocation to follow-up accommodation (Zuteilung in die Anschlussunterbringung). The
   * follow-up stage is a legal stage that begins with the allocation, whatever the form of housing:
   * a person with `accommodation: 'private'` and this date on or before the assessment date is in
   * the follow-up stage (see `accommodationStage`).
   */
  followUpSince: z.optional(inputDateSchema),
  /**
   * Start of counselling: the first counselling session or the Integrationsplan. Where a version
   * limits counselling in time (VwV 2023: 3 years, 4 in justified cases) this is the first start
   * the limit uses; the rule set names the fall-backs (parameter `counsellingStartFacts`).
   */
  counsellingSince: z.optional(inputDateSchema),
  /** Date of arrival in Baden-Württemberg. */
  arrivalDate: z.optional(inputDateSchema),
  /** An asylum seeker with a good prospect of staying. */
  goodProspects: z.optional(z.boolean()),
  /** A justified individual case for a fourth year of counselling (VwV 2023). */
  justifiedExtension: z.optional(z.boolean()),
  /** Five-digit district key (AGS of the Stadt- or Landkreis), e.g. "08111". */
  district: z.optional(z.string().check(z.regex(/^\d{5}$/, { message: 'expected a five-digit district key' }))),
  /** Assessment date; the call's `on` option overrides it. */
  on: z.optional(inputDateSchema),
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
  counsellingSince: { type: 'date', nullable: true },
  arrivalDate: { type: 'date', nullable: true },
  district: { type: 'string', nullable: true },
  /** The assessment date. */
  on: { type: 'date', nullable: false },
  /**
   * Derived: the legal accommodation stage on the assessment date. `follow-up` when the person
   * was allocated to follow-up accommodation (accommodation `follow-up`, or any housing with
   * `followUpSince` on or before the date, except initial reception and provisional
   * accommodation); otherwise the accommodation given.
   */
  accommodationStage: { type: 'enum', values: ACCOMMODATIONS },
  /** Derived: last day counselling may continue, or null where no limit applies or no start is known. */
  counsellingEndsOn: { type: 'date', nullable: true },
};

/** Facts per computation. */
export const FACT_CATALOGUE = { eligibility: ELIGIBILITY_FACTS } as const;

/**
 * The legal accommodation stage on a date (Anschlussunterbringung begins with the allocation, not
 * with a form of housing): `follow-up` for accommodation `follow-up`, and for `private` housing
 * when `followUpSince` is on or before `on`; otherwise the accommodation itself.
 *
 * @example
 * accommodationStage('private', '2023-01-01', '2024-03-01'); // 'follow-up'
 * accommodationStage('private', null, '2024-03-01'); // 'private'
 */
export function accommodationStage(accommodation: Accommodation, followUpSince: string | null | undefined, on: string): Accommodation {
  if (accommodation === 'private' && typeof followUpSince === 'string' && followUpSince <= on) return 'follow-up';
  return accommodation;
}
