/**
 * Staffing ratio and per-case funding: how many FTE a district's caseload justifies under a
 * staffing ratio (persons per FTE), what that costs a year at a rate per FTE uprated from a base
 * year, and the equivalent per-case amount (rate ÷ ratio per person and year). For rule sets
 * without a staffing ratio (the grant regulations), the implied ratio — persons per funded FTE —
 * is reported as a descriptive figure.
 */
import * as z from 'zod';
import type { Decimal } from 'decimal.js';
import { Money, formatMoney, roundTo, type RoundingMode } from '../money/decimal.js';
import { defineListComputation, fieldColumns, orThrow, type DecideContext, type ListOptions, type ListRow, type TypedReader } from '../computation/define.js';
import { PARAMETER_CONTRACT } from '../contract/parameters.js';
import { FoerderregelnError, issueOf, type Issue } from '../issues.js';
import { reportMessage } from '../messages/reports.js';
import { DEFAULT_PROGRAMME } from '../versions/select.js';
import { applyRounding, fixed, parseDecimal, plain, type MoneyProvenance, type MoneyTraceStep, type RoundingUse } from './money-common.js';
import { guardApi } from '../_lib/guard.js';

const quantity = z
  .union([z.number(), z.string()])
  .refine((v) => {
    const d = parseDecimal(v);
    return d !== null && !d.isNegative();
  }, { message: 'expected a decimal number ≥ 0' });

/**
 * A district (or any unit) with its caseload.
 *
 * @example
 * caseloadSchema.safeParse({ id: 'biberach', persons: 1998 }).success; // true
 */
export const caseloadSchema = z.strictObject({
  /** Your identifier of the district or unit; `district` is accepted instead, as in `compare --caseload`. */
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  name: z.string().max(400).optional(),
  /** Persons in the target group. */
  persons: quantity,
  /** FTE actually funded (for the implied ratio). */
  fundedFte: quantity.optional(),
  /** Year whose rate applies (uprating); default the option's year or the rule set's date. */
  year: z.number().int().min(1900).max(2200).optional(),
});
/** Takes `district` as the id when there is no `id`, so a `compare` district caseload can be used as it is. */
function withDistrictAsId(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (o.id !== undefined || o.district === undefined) return input;
  const { district, ...rest } = o;
  return { ...rest, id: district };
}

/**
 * A district (or any unit) with its caseload: the input rows of {@link computeStaffing}.
 *
 * @example
 * const row: Caseload = { id: '08426', name: 'Biberach', persons: 1998 };
 */
export type Caseload = z.input<typeof caseloadSchema>;

/**
 * Options of {@link computeStaffing}.
 *
 * @example
 * const opts: StaffingOptions = { ruleSet: 'bw-im-proposal', year: 2027 };
 * computeStaffing(rows, opts);
 */
export interface StaffingOptions extends ListOptions {
  /** Default year for rows without `year`; default the year of the parameter date. */
  year?: number;
}

/**
 * One output row per input row. Money as decimal strings with two places.
 *
 * @example
 * const r = computeStaffingOrThrow([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * const row = r.rows[0];
 * if (row?.ok) console.log(row.fte, row.ratePerFte, row.perCaseAmount); // '25' '61813.50' '772.67'
 */
export type StaffingRow =
  | {
      ok: true;
      row: number;
      id: string;
      name: string | null;
      persons: string;
      year: number;
      /** FTE justified by the ratio, rounded to the FTE step; null without a staffing ratio. */
      fte: string | null;
      /** Rate per FTE and year for `year`. */
      ratePerFte: string | null;
      /** fte × ratePerFte. */
      funding: string | null;
      /** ratePerFte ÷ ratio: per person and year. */
      perCaseAmount: string | null;
      /** persons × perCaseAmount. */
      perCaseFunding: string | null;
      fundedFte: string | null;
      /** persons ÷ fundedFte (descriptive, 2 places); null without fundedFte. */
      impliedRatio: string | null;
    }
  | { ok: false; row: number; id: string | null; issues: Issue[] };
type StaffingFigures = Extract<StaffingRow, { ok: true }>;

/**
 * A computed staffing: one row per district (invalid rows included, `ok: false`) and the provenance.
 *
 * @example
 * const r = computeStaffing([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * if (r.ok) console.log(r.rows.length, r.assumptions.map((a) => a.name));
 */
export interface StaffingOk extends MoneyProvenance {
  ok: true;
  rows: StaffingRow[];
  summary: { persons: string; fte: string | null; funding: string | null; perCaseFunding: string | null; fundedFte: string | null; impliedRatio: string | null; invalidRows: number };
}
/**
 * A staffing computation that could not run at all (bad options, or the rule set has no staffing parameters).
 *
 * @example
 * const r = computeStaffing([{ id: 'x', persons: 10 }], { ruleSet: 'nope' });
 * if (!r.ok) console.log(r.issues[0]?.code); // 'unknown-rule-set'
 */
export interface StaffingError {
  ok: false;
  issues: Issue[];
}
/**
 * The result of {@link computeStaffing}: the rows and provenance, or the issues of invalid options. Narrow on `ok`.
 *
 * @example
 * const r: StaffingResult = computeStaffing(rows, { ruleSet: 'bw-im-proposal' });
 * if (!r.ok) console.error(r.issues);
 */
export type StaffingResult = StaffingOk | StaffingError;

type StaffingReader = TypedReader<typeof PARAMETER_CONTRACT.staffing>;

interface Model {
  ratio: Decimal;
  step: string;
  mode: RoundingMode;
  rateFor: (year: number) => Decimal;
  perCaseFor: (year: number) => Decimal;
  fundingRounding: RoundingUse;
}

function model(reader: StaffingReader, trace: MoneyTraceStep[]): Model | null {
  if (!reader.has('staffingRatio')) {
    reader.note(reportMessage('note.staffing-no-ratio', { id: reader.resolved.id }));
    return null;
  }
  const ratio = reader.get('staffingRatio');
  if (!ratio.value.greaterThan(0)) {
    throw new FoerderregelnError([issueOf('invalid-parameter-value.must-be-positive', ['parameters', 'staffingRatio'], { name: 'staffingRatio' })]);
  }
  const step = reader.get('staffingFteStep');
  if (!step.value.greaterThan(0)) {
    throw new FoerderregelnError([issueOf('invalid-parameter-value.must-be-positive', ['parameters', 'staffingFteStep'], { name: 'staffingFteStep' })]);
  }
  const mode = reader.get('staffingFteRoundingMode');
  const rate = reader.get('staffingRatePerFte');
  const baseYear = reader.get('staffingRateBaseYear');
  const pct = reader.get('staffingUpratingPercent');
  const rateRounding = reader.rounding('staffing-rate');
  const perCaseRounding = reader.rounding('per-case-amount');
  const fundingRounding = reader.rounding('staffing-funding');
  trace.push({ figure: 'fte', value: '(per row)', formula: `round(persons ÷ staffingRatio, step staffingFteStep, staffingFteRoundingMode)`, parameters: [ratio.use, step.use, mode.use], rounding: null });
  trace.push({
    figure: 'ratePerFte',
    value: '(per year)',
    formula: 'staffingRatePerFte × (1 + staffingUpratingPercent ÷ 100)^(year − staffingRateBaseYear), for years after the base year',
    parameters: [rate.use, baseYear.use, pct.use],
    rounding: rateRounding,
  });
  trace.push({ figure: 'perCaseAmount', value: '(per year)', formula: 'ratePerFte ÷ staffingRatio', parameters: [ratio.use], rounding: perCaseRounding });
  trace.push({ figure: 'funding', value: '(per row)', formula: 'fte × ratePerFte; perCaseFunding = persons × perCaseAmount', parameters: [], rounding: fundingRounding });
  const rates = new Map<number, Decimal>();
  const rateFor = (year: number): Decimal => {
    let r = rates.get(year);
    if (r === undefined) {
      const n = Math.max(0, year - baseYear.value);
      r = applyRounding(rate.value.mul(new Money(1).plus(pct.value.div(100)).pow(n)), rateRounding);
      rates.set(year, r);
      if (year < baseYear.value) {
        reader.note(reportMessage('note.staffing-before-base-year', { year, baseYear: baseYear.value }));
      }
    }
    return r;
  };
  return {
    ratio: ratio.value,
    step: plain(step.value),
    mode: mode.value,
    rateFor,
    perCaseFor: (year) => applyRounding(rateFor(year).div(ratio.value), perCaseRounding),
    fundingRounding,
  };
}

function decide(inputs: readonly ListRow<z.output<typeof caseloadSchema>>[], reader: StaffingReader, { options, trace }: DecideContext<StaffingOptions>): Omit<StaffingOk, 'ok' | keyof MoneyProvenance> {
  const defaultYear = options.year ?? Number(reader.date.slice(0, 4));
  const m = model(reader, trace);
  const zero = (): Decimal => new Money(0);
  const totals = { persons: zero(), fte: zero(), funding: zero(), perCaseFunding: zero(), fundedFte: zero(), personsWithFunded: zero() };
  let invalidRows = 0;
  const rows: StaffingRow[] = inputs.map((parsed): StaffingRow => {
    if (!parsed.ok) {
      invalidRows++;
      return parsed;
    }
    const { row, value: d } = parsed;
    const persons = parseDecimal(d.persons) as Decimal;
    const year = d.year ?? defaultYear;
    const funded = d.fundedFte === undefined ? null : (parseDecimal(d.fundedFte) as Decimal);
    totals.persons = totals.persons.plus(persons);
    let implied: string | null = null;
    if (funded !== null) {
      totals.fundedFte = totals.fundedFte.plus(funded);
      totals.personsWithFunded = totals.personsWithFunded.plus(persons);
      implied = funded.isZero() ? null : fixed(persons.div(funded), 2);
    }
    let fte: Decimal | null = null;
    let rate: Decimal | null = null;
    let funding: Decimal | null = null;
    let perCase: Decimal | null = null;
    let perCaseFunding: Decimal | null = null;
    if (m !== null) {
      fte = roundTo(persons.div(m.ratio), m.step, m.mode);
      rate = m.rateFor(year);
      funding = applyRounding(fte.mul(rate), m.fundingRounding);
      perCase = m.perCaseFor(year);
      perCaseFunding = applyRounding(persons.mul(perCase), m.fundingRounding);
      totals.fte = totals.fte.plus(fte);
      totals.funding = totals.funding.plus(funding);
      totals.perCaseFunding = totals.perCaseFunding.plus(perCaseFunding);
    }
    return {
      ok: true,
      row,
      id: d.id,
      name: d.name ?? null,
      persons: plain(persons),
      year,
      fte: fte === null ? null : plain(fte),
      ratePerFte: rate === null ? null : formatMoney(rate),
      funding: funding === null ? null : formatMoney(funding),
      perCaseAmount: perCase === null ? null : formatMoney(perCase),
      perCaseFunding: perCaseFunding === null ? null : formatMoney(perCaseFunding),
      fundedFte: funded === null ? null : plain(funded),
      impliedRatio: implied,
    };
  });
  if (rows.some((r) => r.ok && r.impliedRatio !== null)) {
    trace.push({ figure: 'impliedRatio', value: '(per row)', formula: 'persons ÷ fundedFte (descriptive, from the input)', parameters: [], rounding: null });
  }
  const anyFunded = rows.some((r) => r.ok && r.fundedFte !== null);
  return {
    rows,
    summary: {
      persons: plain(totals.persons),
      fte: m === null ? null : plain(totals.fte),
      funding: m === null ? null : formatMoney(totals.funding),
      perCaseFunding: m === null ? null : formatMoney(totals.perCaseFunding),
      fundedFte: anyFunded ? plain(totals.fundedFte) : null,
      impliedRatio: anyFunded && !totals.fundedFte.isZero() ? fixed(totals.personsWithFunded.div(totals.fundedFte), 2) : null,
      invalidRows,
    },
  };
}

/** How staffing is computed: the declaration of the `staffing` list computation (one row per district). */
export const STAFFING = defineListComputation({
  name: 'staffing',
  programme: DEFAULT_PROGRAMME,
  input: caseloadSchema,
  contract: PARAMETER_CONTRACT.staffing,
  list: 'districts',
  notAList: 'invalid-type.districts-list',
  prepare: withDistrictAsId,
  optionIssues: (options: StaffingOptions): Issue[] =>
    options.year !== undefined && (!Number.isInteger(options.year) || options.year < 1900 || options.year > 2200) ? [issueOf('out-of-range.year', ['options', 'year'])] : [],
  decide,
  columns: fieldColumns<StaffingFigures>('persons', 'year', 'fte', 'ratePerFte', 'funding', 'perCaseAmount', 'perCaseFunding', 'fundedFte', 'impliedRatio'),
  caseOptions: (facts) => (typeof facts.year === 'number' ? { year: facts.year } : {}),
});

/**
 * FTE justified by the staffing ratio, yearly funding and per-case amount per district — or, for
 * rule sets without a staffing ratio, the implied ratio persons ÷ funded FTE. One row per input.
 *
 * @example
 * const r = computeStaffing([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * if (r.ok && r.rows[0]?.ok) console.log(r.rows[0].fte, r.rows[0].perCaseAmount);
 */
export const computeStaffing = guardApi('computeStaffing', function computeStaffing(districts: readonly unknown[], options: StaffingOptions = {}): StaffingResult {
  return STAFFING.evaluate(districts, options);
});

/**
 * Like {@link computeStaffing}, but throws when the options are invalid.
 *
 * @throws FoerderregelnError e.g. `parameter-unavailable at parameters.staffingFteStep: …`
 *
 * @example
 * const r = computeStaffingOrThrow([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 * if (r.rows[0]?.ok) console.log(r.rows[0].fte, r.rows[0].funding); // '25' '1545337.50'
 */
export const computeStaffingOrThrow: (districts: readonly unknown[], options?: StaffingOptions) => StaffingOk = orThrow('computeStaffingOrThrow', computeStaffing);
