/**
 * Statutory lump sums of the Flüchtlingsaufnahmegesetz (FlüAG) Baden-Württemberg: § 15 (one-off
 * lump sum the state pays the district per person taken in) and § 18 Abs. 4 (one-off amount the
 * district pays the municipality per person assigned to follow-up accommodation).
 *
 * Every amount, uprating percentage, base year and rounding is a parameter of the rule set
 * (`rules/bw-fluag/…`). For a year after the base year the amount is the base amount compounded
 * by each year's uprating percentage and rounded once, at the end, as the rule set's rounding
 * point says.
 */
import * as z from 'zod';
import type { Decimal } from 'decimal.js';
import { Exact, formatMoney } from '../money/decimal.js';
import { FoerderregelnError, issueOf, type Issue } from '../issues.js';
import { reportMessage } from '../messages/reports.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { Localized } from '../ruleset/schema.js';
import type { RuleSetName } from '../versions/select.js';
import { applyRounding, plain, type MoneyProvenance, type ParameterUse } from './money-common.js';
import { defineComputation, type DecideContext, type ParameterName, type RoundingPointOf, type TypedReader } from '../computation/define.js';
import { PARAMETER_CONTRACT } from '../contract/parameters.js';
import { guardApi } from '../_lib/guard.js';

/**
 * The programme lump sums are computed for unless another is named.
 *
 * @example
 * console.log(LUMP_SUM_PROGRAMME); // 'bw-fluag'
 */
export const LUMP_SUM_PROGRAMME = 'bw-fluag';

/**
 * Kinds of lump sum: § 15 per asylum seeker / other person taken in; § 18 Abs. 4 per person assigned to a municipality.
 *
 * @example
 * for (const kind of LUMP_SUM_KINDS) console.log(kind, computeLumpSum({ kind, year: 2024 }));
 */
export const LUMP_SUM_KINDS = ['asylum-seeker', 'other', 'municipality'] as const;
/**
 * One of {@link LUMP_SUM_KINDS}.
 *
 * @example
 * const k: LumpSumKind = 'asylum-seeker';
 */
export type LumpSumKind = (typeof LUMP_SUM_KINDS)[number];

/** Which parameters and rounding point each kind reads. Names only, no legal numbers. */
const KIND_PARAMETERS = {
  'asylum-seeker': {
    amount: 'lumpSumAsylumSeeker',
    roundingPoint: 'lump-sum-per-person-taken-in',
    what: reportMessage('note.lump-sum-asylum-seeker'),
  },
  other: {
    amount: 'lumpSumOtherPerson',
    roundingPoint: 'lump-sum-per-person-taken-in',
    what: reportMessage('note.lump-sum-other'),
  },
  municipality: {
    amount: 'lumpSumPerPersonAssigned',
    roundingPoint: 'lump-sum-per-person-assigned',
    what: reportMessage('note.lump-sum-municipality'),
  },
} as const satisfies Record<LumpSumKind, { amount: ParameterName<LumpSumContract>; roundingPoint: RoundingPointOf<LumpSumContract>; what: Localized }>;
type LumpSumContract = typeof PARAMETER_CONTRACT.lumpSum;

/**
 * Input of {@link computeLumpSum}.
 *
 * @example
 * lumpSumRequestSchema.safeParse({ kind: 'asylum-seeker', year: 2023 }).success; // true
 */
export const lumpSumRequestSchema = z.strictObject({
  kind: z.enum(LUMP_SUM_KINDS),
  year: z.number().int().min(1900).max(2200),
});
/**
 * The input of {@link computeLumpSum}: the kind of lump sum and the year.
 *
 * @example
 * const req: LumpSumRequest = { kind: 'asylum-seeker', year: 2023 };
 */
export type LumpSumRequest = z.infer<typeof lumpSumRequestSchema>;

/**
 * Options of {@link computeLumpSum}.
 *
 * @example
 * const opts: LumpSumOptions = { ruleSet: 'bw-fluag-2014' };
 * computeLumpSum({ kind: 'other', year: 2020 }, opts);
 */
export interface LumpSumOptions {
  /** A rule-set id (or loaded rule set) instead of the one in force on 1 January of the year. */
  ruleSet?: RuleSetName | LoadedRuleSet;
  registry?: RuleSetRegistry;
  /** Programme for selection by date; default `bw-fluag`. */
  programme?: string;
}

/**
 * A computed lump sum. Money as decimal strings with two places.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) console.log(r.amount, r.trace.map((s) => s.figure)); // '15506.00' […]
 */
export interface LumpSumOk extends MoneyProvenance {
  ok: true;
  kind: LumpSumKind;
  year: number;
  description: Localized;
  /** The amount per person for the year. */
  amount: string;
  /** The amount the uprating starts from, and its year. */
  baseAmount: string;
  baseYear: number;
  /** Years of uprating applied (0 when the amount is stated for the year). */
  upratingYears: number;
  /** The compounded amount before rounding, exact. */
  unrounded: string;
}
/**
 * A lump sum that could not be computed, with the issues.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 1990 });
 * if (!r.ok) console.log(r.issues[0]?.code); // 'no-rule-set-in-force'
 */
export interface LumpSumError {
  ok: false;
  issues: Issue[];
}
/**
 * The result of {@link computeLumpSum}: the amount, or the issues of an invalid request. Narrow on `ok`.
 *
 * @example
 * const r: LumpSumResult = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) console.log(r.amount); else console.error(r.issues);
 */
export type LumpSumResult = LumpSumOk | LumpSumError;

/** How a lump sum is computed: the declaration of the `lump-sum` computation. */
export const LUMP_SUM = defineComputation({
  name: 'lump-sum',
  programme: LUMP_SUM_PROGRAMME,
  input: lumpSumRequestSchema,
  contract: PARAMETER_CONTRACT.lumpSum,
  on: ({ year }) => `${String(year).padStart(4, '0')}-01-01`,
  outsideValidity: ({ year }, resolved) =>
    issueOf('out-of-range.year-outside-validity', ['year'], { year, id: resolved.id, validFrom: resolved.validFrom, validTo: resolved.validTo ?? reportMessage('report.open') }),
  decide,
  columns: {
    kind: (r) => r.kind,
    year: (r) => r.year,
    amount: (r) => r.amount,
    baseAmount: (r) => r.baseAmount,
    baseYear: (r) => r.baseYear,
    upratingYears: (r) => r.upratingYears,
    unrounded: (r) => r.unrounded,
  },
});

/**
 * The FlüAG lump sum per person for a kind and year.
 *
 * @example
 * const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
 * if (r.ok) console.log(r.amount); // "15506.00" (13,972 € of 2016, +1.5 % a year, rounded down)
 */
export const computeLumpSum = guardApi('computeLumpSum', function computeLumpSum(request: unknown, options: LumpSumOptions = {}): LumpSumResult {
  return LUMP_SUM.evaluate(request, options);
});

type LumpSumFigures = Omit<LumpSumOk, 'ok' | keyof MoneyProvenance>;

function decide({ kind, year }: LumpSumRequest, reader: TypedReader<LumpSumContract>, { trace }: DecideContext<LumpSumOptions>): LumpSumFigures {
  const spec = KIND_PARAMETERS[kind];
  const baseYearParam = reader.get(`${spec.amount}BaseYear`);
  const baseYear = baseYearParam.value;
  let amount: Decimal;
  let baseAmount: Decimal;
  let unrounded: Decimal;
  let years = 0;
  if (year <= baseYear) {
    const stated = reader.get(spec.amount);
    baseAmount = stated.value;
    unrounded = stated.value;
    amount = stated.value;
    trace.push({
      figure: 'amount',
      value: formatMoney(amount),
      formula: `${spec.amount} (${year} ≤ base year ${baseYear}: amount stated for the year)`,
      parameters: [stated.use, baseYearParam.use],
      rounding: null,
    });
  } else {
    const baseDate = `${String(baseYear).padStart(4, '0')}-01-01`;
    if (!reader.has(spec.amount, baseDate)) {
      throw new FoerderregelnError([
        issueOf('parameter-unavailable.base-year', ['parameters', spec.amount], { name: spec.amount, baseYear }),
      ]);
    }
    const base = reader.get(spec.amount, baseDate);
    baseAmount = base.value;
    // Exact products (F26): the uprated amount keeps every digit; only `amount` is rounded, once.
    let factor: Decimal = new Exact(1);
    const percents: ParameterUse[] = [];
    for (let y = baseYear + 1; y <= year; y++) {
      const p = reader.get(`${spec.amount}UpratingPercent`, `${String(y).padStart(4, '0')}-01-01`);
      factor = factor.mul(new Exact(1).plus(new Exact(p.value).div(100)));
      if (!percents.some((u) => u.from === p.use.from)) percents.push(p.use);
    }
    years = year - baseYear;
    unrounded = new Exact(baseAmount).mul(factor);
    const rounding = reader.rounding(spec.roundingPoint);
    amount = applyRounding(unrounded, rounding);
    trace.push({
      figure: 'amount',
      value: formatMoney(amount),
      formula: `${spec.amount}(${baseYear}) × Π(1 + ${spec.amount}UpratingPercent ÷ 100) over ${years} year(s) ${baseYear + 1}–${year} = ${plain(unrounded)}, rounded once`,
      parameters: [base.use, baseYearParam.use, ...percents],
      rounding,
    });
  }
  return {
    kind,
    year,
    description: spec.what,
    amount: formatMoney(amount),
    baseAmount: formatMoney(baseAmount),
    baseYear,
    upratingYears: years,
    unrounded: plain(unrounded),
  };
}

/**
 * Like {@link computeLumpSum}, but throws instead of returning `ok: false`.
 *
 * @throws FoerderregelnError e.g. `no-rule-set-in-force at on: No rule set of programme bw-fluag is in force on 2013-01-01.`
 *
 * @example
 * console.log(computeLumpSumOrThrow({ kind: 'municipality', year: 2024 }).amount); // '152.00'
 */
export const computeLumpSumOrThrow = guardApi('computeLumpSumOrThrow', function computeLumpSumOrThrow(request: unknown, options: LumpSumOptions = {}): LumpSumOk {
  const r = computeLumpSum(request, options);
  if (!r.ok) throw new FoerderregelnError(r.issues);
  return r;
});
