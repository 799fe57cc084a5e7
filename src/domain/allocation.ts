/**
 * Allocation of a budget by a key: planning frames (2017), the Ukraine emergency aid (2022–2024),
 * the district budgets from 2025. The rule set says how it splits (`allocationMode`):
 *
 * - `per-unit-rate`: a statewide rate = budget ÷ statewide weight; each recipient gets rate ×
 *   weight, rounded. Any subset of recipients gets the same amounts as a full run.
 * - `split-budget`: the budget is split among the recipients given, by their share of the total
 *   weight. Method `proportional` rounds each amount on its own and reports the residual;
 *   `largest-remainder` rounds down and hands the remaining steps to the largest remainders, so
 *   the amounts sum to the budget exactly.
 */
import * as z from 'zod';
import { noteFields } from '../ruleset/note.js';
import { addAssumptions } from '../computation/assumptions.js';
import { parameterValueAt } from '../versions/resolve.js';
import type { Decimal } from 'decimal.js';
import { Money, formatMoney } from '../money/decimal.js';
import { cmp, div, fromDecimal, mul, roundToStep, sub, wholeSteps } from '../money/rational.js';
import { FoerderregelnError, issueOf, type Issue } from '../issues.js';
import { reportMessage } from '../messages/reports.js';
import { inputDateSchema } from '../ruleset/schema.js';
import { isCalendarDate } from '../dates/calendar.js';
import { caseProvenance, defineListComputation, fieldColumns, orThrow, type DecideContext, type ListOptions, type ListRow, type TypedReader } from '../computation/define.js';
import { PARAMETER_CONTRACT } from '../contract/parameters.js';
import { DEFAULT_PROGRAMME } from '../versions/select.js';
import { fixed, parseDecimal, plain, type MoneyProvenance, type ParameterUse } from './money-common.js';
import { guardApi } from '../_lib/guard.js';

type AllocationReader = TypedReader<typeof PARAMETER_CONTRACT.allocation>;

/**
 * Allocation keys a rule set can name, and the recipient field that carries each weight.
 *
 * @example
 * console.log(ALLOCATION_KEYS['population']); // 'population': the recipient field that carries the weight
 */
export const ALLOCATION_KEYS = {
  'persons-counted': 'persons',
  population: 'population',
  'allocations-from-initial-reception': 'allocations',
} as const;
/**
 * The name of an allocation key: one of the keys of {@link ALLOCATION_KEYS}.
 *
 * @example
 * const k: AllocationKey = 'population';
 */
export type AllocationKey = keyof typeof ALLOCATION_KEYS;
/**
 * How a budget split is rounded: each share on its own (`proportional`), or so that the shares add up to the budget exactly (`largest-remainder`).
 *
 * @example
 * allocate(recipients, { ruleSet: 'bw-soforthilfe-2022', method: 'largest-remainder' });
 */
export const ALLOCATION_METHODS = ['proportional', 'largest-remainder'] as const;
/**
 * One of {@link ALLOCATION_METHODS}.
 *
 * @example
 * const m: AllocationMethod = 'largest-remainder';
 */
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];
/**
 * How a rule set turns a budget into amounts: a statewide rate per counted unit (`per-unit-rate`), or the budget split over the recipients given (`split-budget`).
 *
 * @example
 * console.log(ALLOCATION_MODES); // ['per-unit-rate', 'split-budget']
 */
export const ALLOCATION_MODES = ['per-unit-rate', 'split-budget'] as const;
/**
 * One of {@link ALLOCATION_MODES}.
 *
 * @example
 * const m: AllocationMode = 'split-budget';
 */
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

const weightInput = z
  .union([z.number(), z.string()])
  .refine((v) => {
    const d = parseDecimal(v);
    return d !== null && !d.isNegative();
  }, { message: 'expected a decimal number ≥ 0' });

/**
 * A recipient: a municipality or district with the weight the rule set's key uses — `weight`, or
 * the key's own field (`persons`, `population`, `allocations`). `ags` is accepted as the id and
 * `population_date` as `weightDate`, so `data/bw-districts.csv` can be used as it is.
 *
 * @example
 * recipientSchema.safeParse({ id: 'Tettnang', persons: 166 }).success; // true
 */
export const recipientSchema = z
  .object({
    id: z.union([z.string().min(1).max(200), z.number()]).transform(String).optional(),
    ags: z.union([z.string().min(1).max(20), z.number()]).transform(String).optional(),
    name: z.string().max(400).optional(),
    weight: weightInput.optional(),
    persons: weightInput.optional(),
    population: weightInput.optional(),
    allocations: weightInput.optional(),
    /** The date the weight refers to (e.g. the population's reference date). */
    weightDate: z.optional(inputDateSchema),
    population_date: z.optional(inputDateSchema),
  })
  .refine((r) => r.id !== undefined || r.ags !== undefined, { message: 'expected an id', path: ['id'] });
/**
 * A recipient of an allocation (a municipality or district) with the weight the key reads: the input rows of {@link allocate}.
 *
 * @example
 * const r: Recipient = { id: 'Tettnang', persons: 166 };
 */
export type Recipient = z.input<typeof recipientSchema>;

/**
 * Options of {@link allocate}.
 *
 * @example
 * const opts: AllocationOptions = { ruleSet: 'bw-soforthilfe-2022', method: 'largest-remainder' };
 * allocate(districtRecipients(), opts);
 */
export interface AllocationOptions extends ListOptions {
  /** Budget in euros (decimal string or integer) instead of the rule set's `allocationBudget`. */
  budget?: string | number;
  /** Default: the rule set's `allocationMethod`. */
  method?: AllocationMethod;
  /**
   * split-budget only: the statewide total of the key's weights (e.g. all allocations from initial
   * reception, or the population of all 44 districts). Each recipient then gets its share of the
   * whole budget (budget × weight ÷ statewideWeight), so a split over some districts is right.
   * Without it, and with fewer recipients than the rule set's `allocationRecipients`, the whole
   * budget is split among those given and the result warns.
   */
  statewideWeight?: string | number;
}

/**
 * One output row per input recipient.
 *
 * @example
 * const r = allocate([{ id: 'Tettnang', persons: 166 }], { ruleSet: 'bw-im-2017' });
 * if (r.ok && r.rows[0]?.ok) console.log(r.rows[0].amount); // '132149.00'
 */
export type AllocationRow =
  | {
      ok: true;
      /** 1-based position in the input. */
      row: number;
      id: string;
      name: string | null;
      weight: string;
      /** weight ÷ total weight (split-budget) or ÷ statewide weight (per-unit-rate), 10 places. */
      share: string;
      /** The unrounded amount, exact to 2 places shown (half-up), for comparison with `amount`. */
      exact: string;
      amount: string;
      /** True when the amount is below the minimum to apply alone; null where the rule set has none. */
      mustApplyJointly: boolean | null;
    }
  | { ok: false; row: number; id: string | null; issues: Issue[] };
type AllocationFigures = Extract<AllocationRow, { ok: true }>;

/**
 * Totals of an allocation.
 *
 * @example
 * const r = allocateOrThrow([{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }], { ruleSet: 'bw-im-2017' });
 * console.log(r.summary.target, r.summary.sum, r.summary.residual); // '142498.32' '142498.00' '0.32'
 */
export interface AllocationSummary {
  /** The budget split (split-budget) or the statewide budget the rate comes from (per-unit-rate). */
  budget: string;
  /** Sum of the valid recipients' weights. */
  weightTotal: string;
  /** Statewide weight (per-unit-rate, or split-budget with the `statewideWeight` option). */
  statewideWeight: string | null;
  /** Rate per unit of weight (per-unit-rate only), exact to 10 places. */
  unitRate: string | null;
  /** What the valid recipients would get unrounded: the budget, or rate × weightTotal. */
  target: string;
  /** Sum of the rounded amounts. */
  sum: string;
  /** target − sum. */
  residual: string;
  recipients: number;
  invalidRows: number;
  /** How many recipients the rule set splits among (e.g. 44 districts), or null where it names none. */
  recipientsExpected: number | null;
}

/**
 * A computed allocation: one row per recipient (invalid rows included, `ok: false`), the totals and the provenance.
 *
 * @example
 * const r = allocate([{ id: 'Tettnang', persons: 166 }], { ruleSet: 'bw-im-2017' });
 * if (r.ok) for (const row of r.rows) console.log(row.row, row.id, row.ok ? row.amount : row.issues);
 */
export interface AllocationOk extends MoneyProvenance {
  ok: true;
  key: AllocationKey;
  mode: AllocationMode;
  method: AllocationMethod;
  rows: AllocationRow[];
  summary: AllocationSummary;
}
/**
 * An allocation that could not run at all (bad options or no list); row-level problems are rows with `ok: false` instead.
 *
 * @example
 * const r = allocate([{ id: 'x', persons: 1 }], { ruleSet: 'nope' });
 * if (!r.ok) console.log(r.issues[0]?.code); // 'unknown-rule-set'
 */
export interface AllocationError {
  ok: false;
  issues: Issue[];
}
/**
 * The result of {@link allocate}: the rows and totals, or the issues of invalid options. Narrow on `ok`.
 *
 * @example
 * const r: AllocationResult = allocate(recipients, { ruleSet: 'bw-im-2017' });
 * if (r.ok) console.log(r.summary.sum); else console.error(r.issues);
 */
export type AllocationResult = AllocationOk | AllocationError;

interface ValidRecipient {
  row: number;
  id: string;
  name: string | null;
  weight: Decimal;
  weightDate: string | null;
}

function recipient(r: z.output<typeof recipientSchema>, key: AllocationKey, row: number): ValidRecipient | { issues: Issue[] } {
  const field = ALLOCATION_KEYS[key];
  const raw = r.weight ?? r[field];
  if (raw === undefined) {
    return {
      issues: [issueOf('missing-field.weight', ['weight'], { field, key })],
    };
  }
  return {
    row,
    id: (r.id ?? r.ags) as string,
    name: r.name ?? null,
    weight: parseDecimal(raw) as Decimal,
    weightDate: r.weightDate ?? r.population_date ?? null,
  };
}

function keyNote(reader: AllocationReader, key: AllocationKey, valid: readonly ValidRecipient[]): ParameterUse | null {
  const refUse = reader.optional('allocationKeyReferenceDate')?.use ?? null;
  if (refUse === null || !isCalendarDate(refUse.value)) return refUse;
  const ref = refUse.value;
  const available = reader.optional('allocationKeyFiguresAvailable')?.use ?? null;
  if (available !== null && available.value === false) {
    reader.note(reportMessage('note.allocation-figures-unavailable', { key, ref }));
  }
  const stated = [...new Set(valid.map((v) => v.weightDate).filter((d): d is string => d !== null && d !== ref))].sort();
  if (stated.length > 0) {
    reader.note(reportMessage('note.allocation-weights-other-date', { dates: stated.join(', '), ref }));
  }
  if (valid.some((v) => v.weightDate === null)) {
    reader.note(reportMessage('note.allocation-weights-undated', { ref }));
  }
  return refUse;
}

/** The warning when a budget is split among fewer recipients than the rule set names, without a statewide total. */
function incompleteWarning(reader: AllocationReader, use: ParameterUse, expected: readonly string[], valid: readonly ValidRecipient[]): void {
  const given = new Set(valid.map((v) => v.id));
  const known = valid.every((v) => expected.includes(v.id));
  const missing = known ? expected.filter((e) => !given.has(e)) : [];
  const list = missing.length > 0 ? ` (${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''})` : '';
  reader.note(reportMessage('note.allocation-incomplete', { given: valid.length, expected: expected.length, list }));
  addAssumptions(reader.assumptions, [
    {
      kind: 'fact',
      ruleSet: use.definedIn,
      name: 'allocationRecipients',
      value: valid.length,
      confidence: 'assumed',
      source: use.source,
      ...noteFields(reportMessage('note.allocation-recipients-assumed', { given: valid.length, expected: expected.length })),
    },
  ]);
}

function decide(inputs: readonly ListRow<z.output<typeof recipientSchema>>[], reader: AllocationReader, { options, trace }: DecideContext<AllocationOptions>): Omit<AllocationOk, 'ok' | keyof MoneyProvenance> {
  const key = reader.get('allocationKey');
  const mode = reader.get('allocationMode');
  let method: AllocationMethod;
  let methodUse: ParameterUse | null = null;
  if (options.method !== undefined) method = options.method;
  else {
    const m = reader.get('allocationMethod');
    method = m.value;
    methodUse = m.use;
  }
  if (mode.value === 'per-unit-rate' && method === 'largest-remainder') {
    throw new FoerderregelnError([
      issueOf('invalid-value.per-unit-rate-largest-remainder', ['options', 'method'], { id: reader.resolved.id }),
    ]);
  }
  let budget: Decimal;
  let budgetUse: ParameterUse | null = null;
  if (options.budget !== undefined) {
    const b = parseDecimal(options.budget);
    if (b === null || b.isNegative()) {
      throw new FoerderregelnError([issueOf('invalid-value.budget', ['options', 'budget'])]);
    }
    budget = b;
  } else {
    const b = reader.get('allocationBudget');
    budget = b.value;
    budgetUse = b.use;
  }
  const rounding = reader.rounding('allocation');
  const minimum = reader.optional('minimumFrameToApplyAlone')?.use ?? null;
  const minimumValue = minimum === null ? null : parseDecimal(minimum.value);

  const rows: AllocationRow[] = new Array<AllocationRow>(inputs.length);
  const valid: ValidRecipient[] = [];
  inputs.forEach((input, i) => {
    const p = input.ok ? recipient(input.value, key.value, input.row) : input;
    if ('issues' in p) rows[i] = { ok: false, row: i + 1, id: input.id, issues: p.issues };
    else valid.push(p);
  });
  const refUse = keyNote(reader, key.value, valid);
  const weightTotal = valid.reduce<Decimal>((s, v) => s.plus(v.weight), new Money(0));
  const keyParams = [key.use, mode.use, ...(refUse !== null ? [refUse] : [])];
  const budgetParams = budgetUse !== null ? [budgetUse] : [];

  let shares: Decimal[];
  let exacts: Decimal[];
  let statewide: Decimal | null = null;
  let unitRate: Decimal | null = null;
  // Read without recording: the list matters for the result only when recipients are missing.
  const expectedValue = mode.value === 'split-budget' ? parameterValueAt(reader.resolved, 'allocationRecipients', reader.date) : undefined;
  const expected = expectedValue !== undefined && Array.isArray(expectedValue.value) ? expectedValue.value.map(String) : null;
  if (mode.value === 'per-unit-rate') {
    const sw = reader.get('allocationStatewideWeight');
    if (!sw.value.greaterThan(0)) throw new FoerderregelnError([issueOf('invalid-parameter-value.statewide-weight', ['parameters', 'allocationStatewideWeight'])]);
    statewide = sw.value;
    const rate = budget.div(statewide);
    unitRate = rate;
    shares = valid.map((v) => v.weight.div(sw.value));
    exacts = valid.map((v) => rate.mul(v.weight));
    trace.push({
      figure: 'unitRate',
      value: fixed(rate, 10),
      formula: `${budgetUse !== null ? 'allocationBudget' : 'budget (option)'} ÷ allocationStatewideWeight`,
      parameters: [...budgetParams, sw.use],
      rounding: null,
    });
    trace.push({ figure: 'amount', value: '(per row)', formula: `round(unitRate × ${ALLOCATION_KEYS[key.value]})`, parameters: [...keyParams, ...budgetParams, sw.use], rounding });
  } else if (options.statewideWeight !== undefined) {
    const sw = parseDecimal(options.statewideWeight);
    if (sw === null || !sw.greaterThan(0) || sw.lessThan(weightTotal)) {
      throw new FoerderregelnError([
        issueOf('invalid-value.statewide-weight', ['options', 'statewideWeight'], { total: plain(weightTotal) }),
      ]);
    }
    statewide = sw;
    shares = valid.map((v) => v.weight.div(sw));
    exacts = shares.map((x) => budget.mul(x));
    trace.push({
      figure: 'amount',
      value: '(per row)',
      formula:
        method === 'proportional'
          ? `round(budget × weight ÷ statewideWeight (option)), each on its own`
          : `largest remainder over budget × Σweight ÷ statewideWeight (option)`,
      parameters: [...keyParams, ...budgetParams, ...(methodUse !== null ? [methodUse] : [])],
      rounding,
    });
  } else {
    if (valid.length > 0 && weightTotal.isZero()) {
      throw new FoerderregelnError([issueOf('invalid-value.weights-zero', ['weight'])]);
    }
    shares = valid.map((v) => (weightTotal.isZero() ? new Money(0) : v.weight.div(weightTotal)));
    exacts = shares.map((s) => budget.mul(s));
    trace.push({
      figure: 'amount',
      value: '(per row)',
      formula:
        method === 'proportional'
          ? `round(budget × weight ÷ Σweight), each on its own`
          : `largest remainder: round down to the step, then one step each to the largest remainders until Σ = budget`,
      parameters: [...keyParams, ...budgetParams, ...(methodUse !== null ? [methodUse] : [])],
      rounding,
    });
    if (expected !== null && valid.length < expected.length) incompleteWarning(reader, reader.get('allocationRecipients').use, expected, valid);
  }

  // Rounding works on exact fractions (budget × weight ÷ Σweight, or budget ÷ statewide × weight),
  // never on the 40-digit quotients above, so every rounding mode is exact (src/money/rational.ts).
  const qBudget = fromDecimal(budget);
  const qDen = fromDecimal(statewide ?? weightTotal);
  const exactQ = valid.map((v) => (qDen.n === 0n ? { n: 0n, d: 1n } : div(mul(qBudget, fromDecimal(v.weight)), qDen)));
  const targetQ = statewide === null ? qBudget : div(mul(qBudget, fromDecimal(weightTotal)), qDen);
  exacts = exactQ.map((q) => roundToStep(q, '0.01', 'half-up'));
  const target = roundToStep(targetQ, '0.01', 'half-up');
  let amounts: Decimal[];
  if (method === 'largest-remainder') {
    const step = new Money(rounding.step);
    const floors = exactQ.map((q) => roundToStep(q, rounding.step, 'down'));
    const floorSum = floors.reduce<Decimal>((s, f) => s.plus(f), new Money(0));
    let stepsLeft = wholeSteps(sub(targetQ, fromDecimal(floorSum)), rounding.step);
    const order = exactQ
      .map((q, i) => ({ i, rem: sub(q, fromDecimal(floors[i] as Decimal)), w: (valid[i] as ValidRecipient).weight }))
      .sort((a, b) => cmp(b.rem, a.rem) || b.w.comparedTo(a.w) || a.i - b.i);
    amounts = [...floors];
    for (const o of order) {
      if (stepsLeft <= 0) break;
      amounts[o.i] = (amounts[o.i] as Decimal).plus(step);
      stepsLeft--;
    }
  } else {
    amounts = exactQ.map((q) => roundToStep(q, rounding.step, rounding.mode));
  }
  const sum = amounts.reduce<Decimal>((s, a) => s.plus(a), new Money(0));
  valid.forEach((v, k) => {
    const amount = amounts[k] as Decimal;
    rows[v.row - 1] = {
      ok: true,
      row: v.row,
      id: v.id,
      name: v.name,
      weight: plain(v.weight),
      share: fixed(shares[k] as Decimal, 10),
      exact: formatMoney(exacts[k] as Decimal),
      amount: formatMoney(amount),
      mustApplyJointly: minimumValue === null ? null : amount.lessThan(minimumValue),
    };
  });
  if (minimum !== null) {
    trace.push({ figure: 'mustApplyJointly', value: '(per row)', formula: 'amount < minimumFrameToApplyAlone', parameters: [minimum], rounding: null });
  }
  const residual = target.minus(sum);
  trace.push({ figure: 'residual', value: formatMoney(residual), formula: 'target − Σ amount', parameters: [], rounding: null });
  if (method === 'proportional' && !residual.isZero()) {
    reader.note(reportMessage('note.allocation-residual', { residual: formatMoney(residual) }));
  }
  const invalidRows = inputs.length - valid.length;
  if (invalidRows > 0) {
    reader.note(reportMessage('note.allocation-invalid-rows', { n: invalidRows }));
  }
  return {
    key: key.value,
    mode: mode.value,
    method,
    rows,
    summary: {
      budget: formatMoney(budget),
      weightTotal: plain(weightTotal),
      statewideWeight: statewide === null ? null : plain(statewide),
      unitRate: unitRate === null ? null : fixed(unitRate, 10),
      target: formatMoney(target),
      sum: formatMoney(sum),
      residual: formatMoney(residual),
      recipients: valid.length,
      invalidRows,
      recipientsExpected: expected === null ? null : expected.length,
    },
  };
}

const isAmount = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/** How a budget is allocated: the declaration of the `allocation` list computation (one row per recipient). */
export const ALLOCATION = defineListComputation({
  name: 'allocation',
  programme: DEFAULT_PROGRAMME,
  input: recipientSchema,
  contract: PARAMETER_CONTRACT.allocation,
  list: 'recipients',
  notAList: 'invalid-type.recipients-list',
  idAsGiven: true,
  optionIssues(options: AllocationOptions): Issue[] {
    if (options.method === undefined || (ALLOCATION_METHODS as readonly string[]).includes(options.method)) return [];
    // Callers without types can pass anything here.
    const method: unknown = options.method;
    return [issueOf('invalid-value.allocation-method', ['options', 'method'], { method: String(method), methods: ALLOCATION_METHODS.join(', ') })];
  },
  decide,
  columns: fieldColumns<AllocationFigures>('weight', 'share', 'exact', 'amount', 'mustApplyJointly'),
  caseOptions: ({ budget, method, statewideWeight }) => ({
    ...(isAmount(budget) ? { budget } : {}),
    ...(typeof method === 'string' ? { method: method as AllocationMethod } : {}),
    ...(isAmount(statewideWeight) ? { statewideWeight } : {}),
  }),
  caseFields: (r) => {
    const amounts: Record<string, string> = {};
    const mustApplyJointly: Record<string, boolean | null> = {};
    const rowIssues: Record<string, string[]> = {};
    for (const row of r.rows) {
      if (row.ok) {
        amounts[row.id] = row.amount;
        mustApplyJointly[row.id] = row.mustApplyJointly;
      } else rowIssues[String(row.row)] = row.issues.map((i) => i.code);
    }
    return { key: r.key, mode: r.mode, method: r.method, amounts, mustApplyJointly, rowIssues, ...r.summary, ...caseProvenance(r), notes: r.notes.map((n) => n.en) };
  },
});

/**
 * Planning frames / budget shares for recipients by the rule set's key, one row per input row
 * (invalid rows get `ok: false` and are left out of the split), with a summary of budget, sum and
 * residual.
 *
 * @example
 * const r = allocate([{ id: 'Tettnang', persons: 166 }], { ruleSet: 'bw-im-2017' });
 * if (r.ok && r.rows[0]?.ok) console.log(r.rows[0].amount); // "132149.00"
 */
export const allocate = guardApi('allocate', function allocate(recipients: readonly unknown[], options: AllocationOptions = {}): AllocationResult {
  return ALLOCATION.evaluate(recipients, options);
});

/**
 * Like {@link allocate}, but throws when the options are invalid (rows with bad input still come
 * back as `ok: false` rows).
 *
 * @throws FoerderregelnError e.g. `unknown-rule-set at ruleSet: Rule set x is unknown.`
 *
 * @example
 * const r = allocateOrThrow([{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }], { ruleSet: 'bw-im-2017' });
 * console.log(r.summary.sum, r.summary.residual); // '142498.00' '0.32'
 */
export const allocateOrThrow: (recipients: readonly unknown[], options?: AllocationOptions) => AllocationOk = orThrow('allocateOrThrow', allocate);
