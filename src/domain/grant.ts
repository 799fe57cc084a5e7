/**
 * Grant per integration-management post: the fixed yearly rate per FTE for the post's
 * qualification, the maximum funded months of the version in force, the funding end date and the
 * total. Every rate, month count, date and rounding is a parameter of the rule set.
 */
import * as z from 'zod';
import { noteFields } from '../ruleset/note.js';
import type { Decimal } from 'decimal.js';
import { Money, formatMoney } from '../money/decimal.js';
import { FoerderregelnError, issueOf, onOptionIssues, type Issue } from '../issues.js';
import { reportMessage } from '../messages/reports.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import { inputDateSchema } from '../ruleset/schema.js';
import { isCalendarDate, periodEnd, toDayNumber } from '../dates/calendar.js';
import type { Assumption } from '../computation/assumptions.js';
import { DEFAULT_PROGRAMME, type RuleSetName } from '../versions/select.js';
import { defineComputation, type DecideContext, type ParameterName, type TypedReader } from '../computation/define.js';
import { PARAMETER_CONTRACT } from '../contract/parameters.js';
import {
  applyRounding,
  fixed,
  idOf,
  parseDecimal,
  plain,
  type MoneyProvenance,
  type ParameterUse,
} from './money-common.js';
import { guardApi } from '../_lib/guard.js';

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

type GrantContract = typeof PARAMETER_CONTRACT.grant;

/** The rate parameter each qualification reads (names, not numbers). */
const RATE_PARAMETER = {
  'social-work-degree': 'grantRateSocialWorkDegree',
  'other-degree': 'grantRateOtherDegree',
  vocational: 'grantRateVocational',
} as const satisfies Record<Qualification, ParameterName<GrantContract>>;

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
  /** First day of employment (of the funded period this row asks for) `YYYY-MM-DD`. */
  startDate: inputDateSchema,
  /**
   * The date the post was first approved (ursprüngliche Bewilligung), when it is earlier than
   * `startDate` (e.g. a post refilled later). The maximum funded months count from it, and the
   * versions' reference dates (24-month extension for posts existing on 31.12.2018, VwV 2023 for
   * existing posts only) are checked against it. Default: `startDate` (an assumption in the result).
   */
  firstApprovedOn: z.optional(inputDateSchema),
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
  ruleSet?: RuleSetName | LoadedRuleSet;
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
  /** Last funded day: the post's period end or the version's funding end (when nothing is funded, that end, which lies before `startDate`). */
  endDate: string;
  /** yearlyAmount × fundedMonths ÷ 12. */
  total: string;
  /** Day the maximum period counts from: `firstApprovedOn`, or `startDate` when it is not given. */
  periodStart: string;
  /** False when the version funds nothing for this post (`total` is "0.00"); `notFunded` says why. */
  funded: boolean;
  /** Why nothing is funded, or null when something is. */
  notFunded: NotFundedReason | null;
}

/**
 * Codes of {@link NotFundedReason}: the post starts after the version's funding end; its maximum
 * period (counted from the original approval) ended before the start; or the version funds only
 * posts that existed on a reference date.
 *
 * @example
 * console.log(NOT_FUNDED_CODES); // ['after-funding-end', 'period-ended', 'new-post']
 */
export const NOT_FUNDED_CODES = ['after-funding-end', 'period-ended', 'new-post'] as const;

/**
 * Why a version funds nothing for a post: a stable code and the reason in German and English.
 *
 * @example
 * const r = computeGrant({ id: 'p', qualification: 'vocational', fte: 1, startDate: '2025-01-15' }, { ruleSet: 'bw-im-2023' });
 * if (r.ok && !r.funded) console.log(r.notFunded?.code); // 'after-funding-end'
 */
export interface NotFundedReason {
  code: (typeof NOT_FUNDED_CODES)[number];
  reason: { de: string; en: string };
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
    issueOf('invalid-parameter-value.months-or-null', ['parameters', use.name], { ruleSet, name: use.name }),
  ]);
}

function approvalAssumption(ruleSet: string, startDate: string): Assumption {
  return {
    kind: 'fact',
    ruleSet,
    name: 'firstApprovedOn',
    value: startDate,
    confidence: 'assumed',
    source: 'input',
    ...noteFields(reportMessage('note.grant-first-approval-assumed', { startDate })),
  };
}

function decide(post: z.output<typeof postSchema>, reader: TypedReader<GrantContract>, { on, trace }: DecideContext<GrantOptions>): Omit<GrantOk, 'ok' | keyof MoneyProvenance> {
  const id = reader.resolved.id;
  const fte = parseDecimal(post.fte) as Decimal;
  if (!reader.has(RATE_PARAMETER[post.qualification]) && !reader.has('grantMaxMonths')) {
    throw new FoerderregelnError([
      issueOf('parameter-unavailable.no-grant-per-post', ['ruleSet'], { id }),
    ]);
  }
  const minShare = reader.get('grantMinimumFteShare');
  if (fte.lessThan(minShare.value)) {
    throw new FoerderregelnError([
      issueOf('out-of-range.fte-below-minimum', ['fte'], { fte: plain(fte), minimum: plain(minShare.value), id }),
    ]);
  }
  // A post (Stelle) is at most one full-time equivalent, by the definition of FTE; more is an
  // input error (e.g. "1.234,5" read as 1234.5), not a larger grant.
  if (fte.greaterThan(1)) {
    throw new FoerderregelnError([
      issueOf('out-of-range.fte-above-one', ['fte'], { fte: plain(fte) }),
    ]);
  }
  const rate = reader.get(RATE_PARAMETER[post.qualification]);
  const rounding = reader.rounding('grant-total');
  trace.push({ figure: 'ratePerFteYear', value: formatMoney(rate.value), formula: RATE_PARAMETER[post.qualification], parameters: [rate.use], rounding: null });
  const yearly = applyRounding(rate.value.mul(fte), rounding);
  trace.push({ figure: 'yearlyAmount', value: formatMoney(yearly), formula: `${RATE_PARAMETER[post.qualification]} × fte (${plain(fte)})`, parameters: [rate.use, minShare.use], rounding });

  const periodStart = post.firstApprovedOn ?? post.startDate;
  const maxUse = reader.get('grantMaxMonths').use;
  const base = monthsNumber(maxUse, id);
  const monthParams: ParameterUse[] = [maxUse];
  const formula: string[] = ['grantMaxMonths'];
  let months: number | null = base;
  if (post.firstApprovedOn === undefined && base !== null) {
    reader.assume(approvalAssumption(id, post.startDate));
  }
  // The 24-month extension of the 2020 amendment: only for posts that existed on the reference date.
  const extRef = reader.optional('grantExtensionReferenceDate')?.use ?? null;
  if (extRef !== null && months !== null && isCalendarDate(extRef.value) && periodStart > extRef.value) {
    const extUse = reader.get('grantExtensionMonths').use;
    const ext = monthsNumber(extUse, id) ?? 0;
    months = Math.max(0, months - ext);
    monthParams.push(extUse, extRef);
    formula.push('− grantExtensionMonths (first approved after grantExtensionReferenceDate)');
    reader.note(reportMessage('note.grant-approved-after-reference', { reference: extRef.value, periodStart, months: ext }));
  }
  const followUse = reader.optional('grantFollowOnMonths')?.use ?? null;
  if (followUse !== null && months !== null) {
    const f = monthsNumber(followUse, id);
    if (f !== null) months += f;
    monthParams.push(followUse);
    formula.push('+ grantFollowOnMonths');
  }
  if (post.salaryInterrupted === true) {
    const ext = reader.optional('grantSalaryInterruptionExtensionMonths')?.use ?? null;
    if (ext === null) {
      reader.note(reportMessage('note.grant-no-salary-extension', { id }));
    } else if (months !== null) {
      const e = monthsNumber(ext, id);
      if (e !== null) months += e;
      monthParams.push(ext);
      formula.push('+ grantSalaryInterruptionExtensionMonths');
    }
  }
  const capUse = reader.optional('grantFundedUntil')?.use ?? null;
  const cap = capUse !== null && isCalendarDate(capUse.value) ? capUse.value : null;
  if (months === null && cap === null) {
    throw new FoerderregelnError([
      issueOf('parameter-unavailable.grant-period', ['parameters', 'grantMaxMonths'], { id }),
    ]);
  }
  if (months !== null) {
    trace.push({ figure: 'months', value: String(months), formula: formula.join(' '), parameters: monthParams, rounding: null });
  }
  let notFunded: NotFundedReason | null = null;
  // The VwV 2023 funds only posts that existed before it (no new posts).
  const existingRef = reader.optional('grantExistingPostsApprovedBy')?.use ?? null;
  if (existingRef !== null && isCalendarDate(existingRef.value) && periodStart > existingRef.value) {
    if (post.firstApprovedOn !== undefined) {
      notFunded = {
        code: 'new-post',
        reason: reportMessage('note.grant-new-post', { id, approvedBy: existingRef.value, firstApprovedOn: post.firstApprovedOn }),
      };
    } else {
      reader.assume({
        kind: 'fact',
        ruleSet: existingRef.definedIn,
        name: 'firstApprovedOn',
        value: null,
        confidence: 'assumed',
        source: existingRef.source,
        ...noteFields(reportMessage('note.grant-existing-post-assumed', { id, approvedBy: existingRef.value })),
      });
    }
  }
  const periodEndDate = months !== null ? periodEnd(periodStart, months) : null;
  let endDate: string;
  let endFormula: string;
  let endParams: ParameterUse[];
  if (periodEndDate !== null && (cap === null || periodEndDate <= cap)) {
    endDate = periodEndDate;
    endFormula =
      periodStart === post.startDate
        ? 'startDate + months (BGB § 187 Abs. 2, § 188 Abs. 2: the first day of employment counts)'
        : 'firstApprovedOn + months (BGB § 187 Abs. 2, § 188 Abs. 2: the day of the first approval counts)';
    endParams = monthParams;
  } else {
    endDate = cap as string;
    endFormula = 'grantFundedUntil (fixed end of funding)';
    endParams = [capUse as ParameterUse];
    if (periodEndDate !== null) {
      reader.note(reportMessage('note.grant-funding-end-caps', { periodEnd: periodEndDate, id, endDate }));
    }
  }
  if (notFunded === null && post.startDate > endDate) {
    notFunded =
      cap !== null && endDate === cap
        ? {
            code: 'after-funding-end',
            reason: reportMessage('note.grant-after-funding-end', { cap, id }),
          }
        : {
            code: 'period-ended',
            reason: reportMessage('note.grant-period-ended', { months: String(months), periodStart, endDate, startDate: post.startDate }),
          };
  }
  let funded: Decimal = new Money(0);
  if (notFunded !== null) {
    reader.note(notFunded.reason);
  } else {
    let whole = 0;
    while (periodEnd(post.startDate, whole + 1) <= endDate) whole++;
    const lastFull = whole === 0 ? toDayNumber(post.startDate) - 1 : toDayNumber(periodEnd(post.startDate, whole));
    const rest = toDayNumber(endDate) - lastFull;
    const monthLength = toDayNumber(periodEnd(post.startDate, whole + 1)) - lastFull;
    funded = new Money(whole).plus(new Money(rest).div(monthLength));
    if (rest > 0) {
      reader.note(reportMessage('note.grant-partial-month'));
    }
  }
  trace.push({ figure: 'endDate', value: endDate, formula: notFunded !== null ? `not funded (${notFunded.code})` : endFormula, parameters: endParams, rounding: null });
  const total = applyRounding(yearly.mul(funded).div(12), rounding);
  trace.push({ figure: 'total', value: formatMoney(total), formula: `yearlyAmount × fundedMonths (${plain(funded)}) ÷ 12`, parameters: [rate.use], rounding });
  return {
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
    periodStart,
    funded: notFunded === null,
    notFunded,
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
  return GRANT.evaluate(post, options);
});

/** How a grant is computed: the declaration of the `grant` computation. */
export const GRANT = defineComputation({
  name: 'grant',
  programme: DEFAULT_PROGRAMME,
  input: postSchema,
  contract: PARAMETER_CONTRACT.grant,
  on: (post, options: GrantOptions) => options.on ?? post.startDate,
  optionIssues: (options) => onOptionIssues(options.on),
  check: (p) =>
    p.firstApprovedOn !== undefined && p.firstApprovedOn > p.startDate
      ? [
          issueOf('inconsistent-input.first-approval-after-start', ['firstApprovedOn'], { firstApprovedOn: p.firstApprovedOn, startDate: p.startDate }),
        ]
      : [],
  failure: (post) => ({ id: idOf(post) }),
  decide,
  columns: {
    on: (r) => r.on,
    qualification: (r) => r.qualification,
    fte: (r) => r.fte,
    ratePerFteYear: (r) => r.ratePerFteYear,
    yearlyAmount: (r) => r.yearlyAmount,
    months: (r) => r.months,
    fundedMonths: (r) => r.fundedMonths,
    startDate: (r) => r.startDate,
    endDate: (r) => r.endDate,
    total: (r) => r.total,
    periodStart: (r) => r.periodStart,
    funded: (r) => r.funded,
    notFunded: (r) => r.notFunded?.code ?? null,
  },
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
    return [{ ok: false, id: null, issues: [issueOf('invalid-type.list', ['posts'], { name: 'posts' })] }];
  }
  return posts.map((p) => computeGrant(p, options));
});
