/**
 * The parameter contract between rules/ and src/: every parameter a computation (or a bundled
 * programme's rules) reads, with the kind, unit and allowed values it must have, and every
 * rounding point a computation applies. A rule set, an overlay and a scenario are checked against
 * it when they load (`loadRuleSet`, `validate`), so a typo such as
 * `"counsellingPeriodCounting": "bgb-187-l"`, `"appliesTo": "grant-totl"` or a misspelt parameter
 * name is a load error naming the parameter, the value and the allowed values, never a silent
 * default.
 *
 * Names, kinds and allowed values only; no legal numbers (those live in rules/). A computation
 * that reads a new parameter declares it here in the same change:
 * `test/contract/parameters.test.ts` fails for a parameter the golden cases read that is not
 * declared, and its type tests fail when a computation's own list of allowed values drifts from
 * the one declared here.
 */
import type { ParameterKind, ParameterSpec } from '../ruleset/parameter-contract.js';
import type { Unit } from '../ruleset/schema.js';
import { ACCOMMODATIONS, ELIGIBILITY_FACTS, RESIDENCE_STATUSES } from './person.js';

/** How a counselling period is counted: BGB § 187 (1) (the event day does not count) or § 187 (2) (the first day counts). */
export const COUNSELLING_PERIOD_COUNTINGS = ['bgb-187-1', 'bgb-187-2'] as const;
/** Allocation keys a rule set can name (`allocationKey`). */
export const CONTRACT_ALLOCATION_KEYS = ['persons-counted', 'population', 'allocations-from-initial-reception'] as const;
/** How a rule set turns a budget into amounts (`allocationMode`). */
export const CONTRACT_ALLOCATION_MODES = ['per-unit-rate', 'split-budget'] as const;
/** How a budget split is rounded (`allocationMethod`). */
export const CONTRACT_ALLOCATION_METHODS = ['proportional', 'largest-remainder'] as const;
/** Rounding modes a rule set may name for the FTE step of staffing (`staffingFteRoundingMode`), as in `rounding`. */
export const CONTRACT_ROUNDING_MODES = ['half-up', 'down', 'up', 'half-even'] as const;
/**
 * The date facts a counselling period may start from (`counsellingStartFacts`): every date fact of
 * eligibility but the derived end itself. A fact that is no date could never give a start.
 */
export const COUNSELLING_START_FACTS = Object.freeze(
  Object.entries(ELIGIBILITY_FACTS)
    .filter(([name, kind]) => kind.type === 'date' && name !== 'counsellingEndsOn')
    .map(([name]) => name),
);

const DISTRICT_KEY = { pattern: /^\d{5}$/, de: 'ein fünfstelliger Kreisschlüssel ("08111")', en: 'a five-digit district key ("08111")' } as const;

const money = <const U extends readonly Unit[]>(units: U) => ({ kind: 'money', units }) as const;
const decimal = <const U extends readonly Unit[]>(units: U) => ({ kind: 'decimal', units }) as const;
const positive = <const U extends readonly Unit[]>(units: U) => ({ kind: 'decimal', units, positive: true }) as const;
const text = <const A extends readonly string[]>(allowed: A) => ({ kind: 'text', units: ['text'], allowed }) as const;
const list = <const A extends readonly string[]>(allowed: A) => ({ kind: 'list', units: ['list'], allowed }) as const;
const date = { kind: 'date', units: ['date'], nullable: true } as const;
const flag = { kind: 'flag', units: ['flag'] } as const;
const months = { kind: 'integer', units: ['months'] } as const;
const monthsOrNone = { kind: 'integer', units: ['months'], nullable: true } as const;
const year = { kind: 'integer', units: ['year'], min: 1, max: 9999 } as const;

/**
 * One computation's part of the contract: the parameters it reads and the rounding points it
 * applies. `required` parameters come together: a rule set that defines one of them defines all
 * (its own or inherited), so a computation never meets half a parameter set.
 */
export interface ComputationContract {
  /** Parameters it reads, by name. */
  readonly parameters: Readonly<Record<string, Omit<ParameterSpec, 'computation'>>>;
  /** Rounding points (`appliesTo`) it applies. */
  readonly rounding: readonly string[];
}

/**
 * The contract of every computation of the bundled programmes, by computation.
 *
 * @example
 * console.log(PARAMETER_CONTRACT.eligibility.parameters.counsellingPeriodCounting.allowed); // ['bgb-187-1', 'bgb-187-2']
 * console.log(PARAMETER_CONTRACT.grant.rounding); // ['grant-total']
 */
export const PARAMETER_CONTRACT = {
  eligibility: {
    parameters: {
      counsellingLimitMonths: monthsOrNone,
      counsellingLimitMonthsJustified: monthsOrNone,
      counsellingLimitFrom: date,
      counsellingStartFacts: { kind: 'fact-list', units: ['fact-list'], allowed: COUNSELLING_START_FACTS },
      counsellingPeriodCounting: text(COUNSELLING_PERIOD_COUNTINGS),
      // Read by the eligibility rules (`{ "param": … }`), compared with the person's facts.
      targetAccommodations: list(ACCOMMODATIONS),
      displacedFromUkraineExcludedStages: list(ACCOMMODATIONS),
      statusesWithProspect: list(RESIDENCE_STATUSES),
    },
    rounding: [],
  },
  grant: {
    parameters: {
      grantRateSocialWorkDegree: { ...money(['EUR/FTE/year']), required: true },
      grantRateOtherDegree: { ...money(['EUR/FTE/year']), required: true },
      grantRateVocational: { ...money(['EUR/FTE/year']), required: true },
      grantMaxMonths: { ...monthsOrNone, required: true },
      grantMinimumFteShare: { ...decimal(['FTE']), required: true },
      grantFollowOnMonths: months,
      grantSalaryInterruptionExtensionMonths: months,
      grantExtensionMonths: months,
      grantExtensionReferenceDate: date,
      grantExistingPostsApprovedBy: date,
      grantFundedUntil: date,
    },
    rounding: ['grant-total'],
  },
  allocation: {
    parameters: {
      allocationKey: { ...text(CONTRACT_ALLOCATION_KEYS), required: true },
      allocationMode: { ...text(CONTRACT_ALLOCATION_MODES), required: true },
      allocationMethod: text(CONTRACT_ALLOCATION_METHODS),
      allocationBudget: money(['EUR', 'EUR/year']),
      allocationStatewideWeight: positive(['persons']),
      allocationKeyReferenceDate: date,
      allocationKeyFiguresAvailable: flag,
      allocationRecipients: { kind: 'list', units: ['list'], item: DISTRICT_KEY },
      minimumFrameToApplyAlone: money(['EUR', 'EUR/year']),
    },
    rounding: ['allocation'],
  },
  staffing: {
    parameters: {
      staffingRatio: { ...positive(['persons/FTE']), required: true },
      staffingFteStep: { ...positive(['FTE']), required: true },
      staffingFteRoundingMode: { ...text(CONTRACT_ROUNDING_MODES), required: true },
      staffingRatePerFte: { ...money(['EUR/FTE/year']), required: true },
      staffingRateBaseYear: { ...year, required: true },
      staffingUpratingPercent: { ...decimal(['percent']), required: true },
    },
    rounding: ['staffing-rate', 'per-case-amount', 'staffing-funding'],
  },
  lumpSum: {
    parameters: {
      lumpSumAsylumSeeker: money(['EUR/person']),
      lumpSumAsylumSeekerBaseYear: year,
      lumpSumAsylumSeekerUpratingPercent: decimal(['percent']),
      lumpSumOtherPerson: money(['EUR/person']),
      lumpSumOtherPersonBaseYear: year,
      lumpSumOtherPersonUpratingPercent: decimal(['percent']),
      lumpSumPerPersonAssigned: money(['EUR/person']),
      lumpSumPerPersonAssignedBaseYear: year,
      lumpSumPerPersonAssignedUpratingPercent: decimal(['percent']),
    },
    rounding: ['lump-sum-per-person-taken-in', 'lump-sum-per-person-assigned'],
  },
} as const satisfies Readonly<Record<string, ComputationContract>>;

/** A computation with a parameter contract. */
export type ContractComputation = keyof typeof PARAMETER_CONTRACT;

type Contracts = typeof PARAMETER_CONTRACT;
type SpecsOf<C extends ContractComputation> = Contracts[C]['parameters'];
type AllSpecs = { [C in ContractComputation]: SpecsOf<C> }[ContractComputation];
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type SpecOfName<N extends string> = { [C in ContractComputation]: N extends keyof SpecsOf<C> ? SpecsOf<C>[N] : never }[ContractComputation];

/**
 * The name of a parameter in the contract.
 *
 * @example
 * const n: ContractParameterName = 'staffingRatio';
 */
export type ContractParameterName = Extract<KeysOfUnion<AllSpecs>, string>;

/**
 * A rounding point (`appliesTo`) a computation applies.
 *
 * @example
 * const p: RoundingPoint = 'grant-total';
 */
export type RoundingPoint = Contracts[ContractComputation]['rounding'][number];

/**
 * For a `text` or `list` parameter, the values code understands (for a list: of each entry).
 *
 * @example
 * const c: AllowedParameterValue<'counsellingPeriodCounting'> = 'bgb-187-1';
 */
export type AllowedParameterValue<N extends ContractParameterName> = SpecOfName<N> extends { readonly allowed: readonly (infer V)[] } ? V : never;

type ValueOfKind<S> = S extends { readonly kind: infer K extends ParameterKind }
  ? K extends 'money'
    ? string
    : K extends 'decimal'
      ? number | string
      : K extends 'integer'
        ? number
        : K extends 'text'
          ? S extends { readonly allowed: readonly (infer V)[] } ? V : string
          : K extends 'flag'
            ? boolean
            : K extends 'date'
              ? string
              : S extends { readonly allowed: readonly (infer V)[] }
                ? readonly V[]
                : readonly string[]
  : never;

/**
 * The value a parameter holds once its rule set has loaded (the contract is checked then):
 * money and dates are strings, integers numbers, a text one of its allowed values, a list an
 * array of allowed entries, and `null` where the contract allows "none".
 *
 * @example
 * const m: ContractParameterValue<'grantMaxMonths'> = null; // no maximum period
 * const k: ContractParameterValue<'allocationKey'> = 'population';
 */
export type ContractParameterValue<N extends ContractParameterName> =
  | ValueOfKind<SpecOfName<N>>
  | (SpecOfName<N> extends { readonly nullable: true } ? null : never);

function flatten(): Readonly<Record<string, ParameterSpec>> {
  const out: Record<string, ParameterSpec> = Object.create(null) as Record<string, ParameterSpec>;
  for (const [computation, c] of Object.entries(PARAMETER_CONTRACT) as [string, ComputationContract][]) {
    for (const [name, spec] of Object.entries(c.parameters)) {
      if (name in out) throw new Error(`parameter ${name} is declared twice in the parameter contract`);
      out[name] = Object.freeze({ ...spec, computation });
    }
  }
  return Object.freeze(out);
}

/**
 * Every parameter of the contract by name, with the computation that reads it.
 *
 * @example
 * console.log(PARAMETER_SPECS['allocationKey']?.computation); // 'allocation'
 */
export const PARAMETER_SPECS: Readonly<Record<ContractParameterName, ParameterSpec>> = flatten();

/**
 * Every rounding point (`appliesTo`) a computation applies.
 *
 * @example
 * console.log(ROUNDING_POINTS.includes('grant-total')); // true
 */
export const ROUNDING_POINTS: readonly RoundingPoint[] = Object.freeze([
  ...new Set(Object.values(PARAMETER_CONTRACT).flatMap((c: ComputationContract) => c.rounding as readonly RoundingPoint[])),
]);
