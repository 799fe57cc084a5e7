/**
 * Grant per integration-management post: the fixed yearly rate per FTE for the post's
 * qualification, the maximum funded months of the version in force, the funding end date and the
 * total. Every rate, month count, date and rounding is a parameter of the rule set.
 */
import * as z from 'zod';
import type { Decimal } from 'decimal.js';
import { Money, formatMoney } from '../money/decimal.js';
import { FoerderregelnError, forbiddenKeys, fromZodIssues, issue, onOptionIssues, type Issue } from '../issues.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import { inputDateSchema } from '../ruleset/schema.js';
import { isCalendarDate, periodEnd, toDayNumber } from '../dates/calendar.js';
import { parameterDate } from '../versions/resolve.js';
import { selectRuleSet } from '../versions/select.js';
import {
  ParameterReader,
  applyRounding,
  catchIssues,
  fixed,
  idOf,
  parseDecimal,
  plain,
  type MoneyProvenance,
  type MoneyTraceStep,
  type ParameterUse,
} from './money-common.js';
import { guardApi, ownData } from '../_lib/guard.js';

/**
 * Qualifications with their own fixed rate.
 *
 * @example
 * console.log(QUALIFICATIONS); // ['social-work-degree', 'other-degree', 'vocational']
 */
export const QUALIFICATIONS = ['social-work-degree', 'other-degree', 'vocational'] as const;
/**
 * One of {@link QUALIFICATIONS}: the qualification that decides the fixed rate of a post.
 *
 * @example
 * const q: Qualification = 'vocational';
 */
export type Qualification = (typeof QUALIFICATIONS)[number];

/** The rate parameter each qualification reads (names, not numbers). */
const RATE_PARAMETER: Record<Qualification, string> = {
  'social-work-degree': 'grantRateSocialWorkDegree',
  'other-degree': 'grantRateOtherDegree',
  vocational: 'grantRateVocational',
};

const decimalInput = z.union([z.number(), z.string()]).refine((v) => parseDecimal(v) !== null, { message: 'expected a decimal number' });

/**
 * A post (or a municipality's share of a post) applied for.
 *
 * @example
 * postSchema.safeParse({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }).success; // true
 */
export const postSchema = z.strictObject({
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  name: z.string().max(400).optional(),
  qualification: z.enum(QUALIFICATIONS),
  /** Full-time equivalent of the post or share, e.g. 0.5; at least the rule set's minimum share. */
  fte: decimalInput,
  /** First day of employment `YYYY-MM-DD`. */
  startDate: inputDateSchema,
  /** Salary payments were interrupted (parental leave, long illness): extension where the version allows it. */
  salaryInterrupted: z.boolean().optional(),
});
/**
 * A post (or a share of one) applied for: the input of {@link computeGrant}.
 *
 * @example
 * const post: Post = { id: 'p1', qualification: 'social-work-degree', fte: 1, startDate: '2023-07-01' };
 */
export type Post = z.input<typeof postSchema>;

/**
 * Options of {@link computeGrant}.
 *
 * @example
 * const opts: GrantOptions = { ruleSet: 'bw-im-2022' };
 * computeGrant(post, opts);
 */
export interface GrantOptions {
  /** Date whose rules apply; default the post's start date (the version in force at the start). */
  on?: string;
  ruleSet?: string | LoadedRuleSet;
  registry?: RuleSetRegistry;
  /** Programme for selection by date; default `bw-integrationsmanagement`. */
  programme?: string;
}

/**
 * A computed grant. Money as decimal strings with two places.
 *
 * @example
 * const r = computeGrant({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' });
 * if (r.ok) console.log(r.months, r.endDate, r.total, r.assumptions.length); // 24 '2019-12-31' '51000.00' …
 */
export interface GrantOk extends MoneyProvenance {
  ok: true;
  id: string;
  on: string;
  qualification: Qualification;
  fte: string;
  /** Fixed rate per FTE and year for the qualification. */
  ratePerFteYear: string;
  /** rate × fte. */
  yearlyAmount: string;
  /** Maximum funded months of the version (with follow-on and salary-interruption extension), or null where the version sets no month limit. */
  months: number | null;
  /** Months actually funded up to `endDate` (may have a fraction when a fixed end date cuts the period). */
  fundedMonths: string;
  startDate: string;
  /** Last funded day. */
  endDate: string;
  /** yearlyAmount × fundedMonths ÷ 12. */
  total: string;
}
/**
 * A post that could not be computed: its id (when readable) and the issues.
 *
 * @example
 * const r = computeGrant({ id: 'p1', qualification: 'pilot', fte: 0.5, startDate: '2018-01-01' });
 * if (!r.ok) console.log(r.id, r.issues[0]?.code); // 'p1' 'invalid-value'
 */
export interface GrantError {
  ok: false;
  id: string | null;
  issues: Issue[];
}
/**
 * The result of {@link computeGrant}: the grant, or the issues of an invalid post. Narrow on `ok`.
 *
 * @example
 * const r: GrantResult = computeGrant(post);
 * if (r.ok) console.log(r.total, r.endDate); else console.error(r.issues);
 */
export type GrantResult = GrantOk | GrantError;

function monthsNumber(use: ParameterUse, ruleSet: string): number | null {
  if (use.value === null) return null;
  if (typeof use.value === 'number' && Number.isInteger(use.value) && use.value >= 0 && use.value <= 1200) return use.value;
  throw new FoerderregelnError([
    issue(
      'invalid-parameter-value',
      ['parameters', use.name],
      `Regelwerk ${ruleSet}: ${use.name} muss eine ganze Zahl von Monaten oder null sein.`,
      `Rule set ${ruleSet}: ${use.name} must be a whole number of months or null.`,
    ),
  ]);
}

function compute(reader: ParameterReader, post: z.output<typeof postSchema>, on: string): GrantOk {
  const id = reader.resolved.id;
  const trace: MoneyTraceStep[] = [];
  const fte = parseDecimal(post.fte) as Decimal;
  if (!reader.has(RATE_PARAMETER[post.qualification]) && !reader.has('grantMaxMonths')) {
    throw new FoerderregelnError([
      issue(
        'parameter-unavailable',
        ['ruleSet'],
        `Regelwerk ${id} kennt keine Förderung je Stelle (kein Festbetrag, keine Förderdauer); Budgets nach Schlüssel berechnet allocate.`,
        `Rule set ${id} defines no grant per post (no fixed rate, no grant period); budgets by a key are computed by allocate.`,
      ),
    ]);
  }
  const minShare = reader.decimal('grantMinimumFteShare');
  if (fte.lessThan(minShare.value)) {
    throw new FoerderregelnError([
      issue(
        'out-of-range',
        ['fte'],
        `Der Stellenanteil ${plain(fte)} liegt unter dem Mindestanteil von ${plain(minShare.value)} VZÄ (${id}).`,
        `The share ${plain(fte)} is below the minimum share of ${plain(minShare.value)} FTE (${id}).`,
      ),
    ]);
  }
  // A post (Stelle) is at most one full-time equivalent, by the definition of FTE; more is an
  // input error (e.g. "1.234,5" read as 1234.5), not a larger grant.
  if (fte.greaterThan(1)) {
    throw new FoerderregelnError([
      issue(
        'out-of-range',
        ['fte'],
        `Der Stellenanteil ${plain(fte)} ist größer als eine Vollzeitstelle (1 VZÄ); mehrere Stellen bitte als eigene Zeilen angeben.`,
        `The share ${plain(fte)} is more than one full-time post (1 FTE); give several posts as separate rows.`,
      ),
    ]);
  }
  const rate = reader.decimal(RATE_PARAMETER[post.qualification]);
  const rounding = reader.rounding('grant-total');
  trace.push({ figure: 'ratePerFteYear', value: formatMoney(rate.value), formula: RATE_PARAMETER[post.qualification], parameters: [rate.use], rounding: null });
  const yearly = applyRounding(rate.value.mul(fte), rounding);
  trace.push({ figure: 'yearlyAmount', value: formatMoney(yearly), formula: `${RATE_PARAMETER[post.qualification]} × fte (${plain(fte)})`, parameters: [rate.use, minShare.use], rounding });

  const maxUse = reader.use('grantMaxMonths');
  const base = monthsNumber(maxUse, id);
  const monthParams: ParameterUse[] = [maxUse];
  let months: number | null = base;
  const followUse = reader.useOptional('grantFollowOnMonths');
  if (followUse !== null && months !== null) {
    const f = monthsNumber(followUse, id);
    if (f !== null) months += f;
    monthParams.push(followUse);
  }
  if (post.salaryInterrupted === true) {
    const ext = reader.useOptional('grantSalaryInterruptionExtensionMonths');
    if (ext === null) {
      reader.note({
        de: `Die Fassung ${id} sieht keine Verlängerung bei unterbrochener Gehaltszahlung vor (erst ab der Änderung vom 11.11.2020).`,
        en: `Version ${id} has no extension for interrupted salary payments (only from the amendment of 11.11.2020).`,
      });
    } else if (months !== null) {
      const e = monthsNumber(ext, id);
      if (e !== null) months += e;
      monthParams.push(ext);
    }
  }
  const capUse = reader.useOptional('grantFundedUntil');
  const cap = capUse !== null && isCalendarDate(capUse.value) ? capUse.value : null;
  if (months === null && cap === null) {
    throw new FoerderregelnError([
      issue(
        'parameter-unavailable',
        ['parameters', 'grantMaxMonths'],
        `Regelwerk ${id} legt weder eine Höchstdauer noch ein Förderende fest.`,
        `Rule set ${id} states neither a maximum period nor a funding end date.`,
      ),
    ]);
  }
  if (months !== null) {
    trace.push({ figure: 'months', value: String(months), formula: monthParams.map((p) => p.name).join(' + '), parameters: monthParams, rounding: null });
  }
  let endDate = months !== null ? periodEnd(post.startDate, months) : (cap as string);
  let funded: Decimal = new Money(months ?? 0);
  if (cap !== null && capUse !== null && (months === null || cap < endDate)) {
    endDate = cap;
    if (cap < post.startDate) {
      funded = new Money(0);
      reader.note({
        de: `Die Stelle beginnt nach dem Förderende ${cap}; es wird nichts gefördert.`,
        en: `The post starts after the funding end ${cap}; nothing is funded.`,
      });
    } else {
      let whole = 0;
      while (periodEnd(post.startDate, whole + 1) <= cap) whole++;
      const lastFull = whole === 0 ? toDayNumber(post.startDate) - 1 : toDayNumber(periodEnd(post.startDate, whole));
      const rest = toDayNumber(cap) - lastFull;
      const monthLength = toDayNumber(periodEnd(post.startDate, whole + 1)) - lastFull;
      funded = new Money(whole).plus(new Money(rest).div(monthLength));
      if (rest > 0) {
        reader.note({
          de: 'Der letzte, angebrochene Monat ist taggenau anteilig gerechnet; keine gefundene Quelle regelt angebrochene Monate.',
          en: 'The last, partial month is counted pro rata by days; no source found states how partial months are funded.',
        });
      }
    }
    trace.push({ figure: 'endDate', value: endDate, formula: 'grantFundedUntil (fixed end of funding)', parameters: [capUse], rounding: null });
  } else {
    trace.push({ figure: 'endDate', value: endDate, formula: 'startDate + months (BGB § 187 Abs. 2, § 188 Abs. 2: the first day of employment counts)', parameters: monthParams, rounding: null });
  }
  const total = applyRounding(yearly.mul(funded).div(12), rounding);
  trace.push({ figure: 'total', value: formatMoney(total), formula: `yearlyAmount × fundedMonths (${plain(funded)}) ÷ 12`, parameters: [rate.use], rounding });
  return {
    ok: true,
    id: post.id,
    on,
    qualification: post.qualification,
    fte: plain(fte),
    ratePerFteYear: formatMoney(rate.value),
    yearlyAmount: formatMoney(yearly),
    months,
    fundedMonths: funded.isInteger() ? plain(funded) : fixed(funded, 4),
    startDate: post.startDate,
    endDate,
    total: formatMoney(total),
    ruleSet: reader.ref(),
    trace,
    assumptions: reader.assumptions,
    notes: reader.notes,
  };
}

/**
 * The grant for one post: rate × FTE per year, the maximum funded months of the version in force
 * (24 months in 2017, 36 from 2019, 60 from 2020, +12 follow-on in 2022, +12 after a salary
 * interruption from 2020), the funding end date and the total, with trace and assumptions.
 *
 * @example
 * const r = computeGrant({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' });
 * if (r.ok) console.log(r.months, r.endDate, r.total); // 24 '2019-12-31' '51000.00'
 */
export const computeGrant = guardApi('computeGrant', function computeGrant(post: unknown, options: GrantOptions = {}): GrantResult {
  const id = idOf(post);
  const own = ownData(post);
  if (!own.ok) return { ok: false, id, issues: own.issues };
  const bad = forbiddenKeys(own.value);
  if (bad.length > 0) return { ok: false, id, issues: bad };
  const parsed = postSchema.safeParse(own.value);
  const optIssues: Issue[] = [];
  optIssues.push(...onOptionIssues(options.on));
  if (!parsed.success) return { ok: false, id, issues: [...fromZodIssues(parsed.error.issues, [], own.value), ...optIssues] };
  if (optIssues.length > 0) return { ok: false, id, issues: optIssues };
  const p = parsed.data;
  const on = options.on ?? p.startDate;
  const sel = selectRuleSet(options, on);
  if (!sel.ok) return { ok: false, id, issues: sel.issues };
  const r = catchIssues(() => compute(new ParameterReader(sel.resolved, parameterDate(sel.resolved, on)), p, on));
  return r.ok ? r.value : { ok: false, id, issues: r.issues };
});

/**
 * Like {@link computeGrant}, but throws instead of returning `ok: false`.
 *
 * @throws FoerderregelnError e.g. `out-of-range at fte: The share 0.2 is below the minimum share of 0.25 FTE (bw-im-2017).`
 *
 * @example
 * const g = computeGrantOrThrow({ id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' });
 * console.log(g.total); // '51000.00'
 */
export const computeGrantOrThrow = guardApi('computeGrantOrThrow', function computeGrantOrThrow(post: unknown, options: GrantOptions = {}): GrantOk {
  const r = computeGrant(post, options);
  if (!r.ok) throw new FoerderregelnError(r.issues);
  return r;
});

/**
 * Grants for many posts: one result per input, in input order.
 *
 * @example
 * const rs = computeGrants([
 *   { id: 'p1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' },
 *   { id: 'p2' },
 * ]);
 * console.log(rs.map((r) => (r.ok ? r.total : r.issues[0]?.code))); // ['51000.00', 'missing-field']
 */
export const computeGrants = guardApi('computeGrants', function computeGrants(posts: readonly unknown[], options: GrantOptions = {}): GrantResult[] {
  if (!Array.isArray(posts)) {
    return [{ ok: false, id: null, issues: [issue('invalid-type', ['posts'], 'posts muss eine Liste sein.', 'posts must be a list.')] }];
  }
  return posts.map((p) => computeGrant(p, options));
});
