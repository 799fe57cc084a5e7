/**
 * One shape for every computation. A computation is declared once — its input schema (the one
 * list of input fields), its part of the parameter contract, how the date that selects the rule
 * set follows from the input, the pure decision, and the flat output columns — and
 * {@link defineComputation} makes the rest generic: guarding and parsing the input, selecting
 * the rule set, reading parameters through a reader typed by the contract (recording provenance
 * and assumptions), turning thrown issues into a result, and the result envelope.
 */
import type * as z from 'zod';
import type { Decimal } from 'decimal.js';
import { FoerderregelnError, forbiddenKeys, fromZodIssues, issueOf, onOptionIssues, type Issue, type IssueMessageId } from '../issues.js';
import { guardApi, ownData, ownId } from '../_lib/guard.js';
import type { ComputationContract } from '../contract/parameters.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import { parameterDate, parameterValueAt, type ResolvedRuleSet } from '../versions/resolve.js';
import { selectRuleSet, type RuleSetName, type RuleSetRef } from '../versions/select.js';
import { addAssumptions, type Assumption } from './assumptions.js';
import { ParameterReader, catchIssues, type MoneyProvenance, type MoneyTraceStep, type ParameterUse, type RoundingUse } from './money.js';
import type { Localized } from '../ruleset/schema.js';
import type { ParameterContract, ParameterSpec } from '../ruleset/parameter-contract.js';

/** A parameter name a contract declares. */
export type ParameterName<C extends ComputationContract> = Extract<keyof C['parameters'], string>;
/** A rounding point (`appliesTo`) a contract declares. */
export type RoundingPointOf<C extends ComputationContract> = C['rounding'][number];

/** The value type of a parameter spec's kind, without `null` (see {@link ParameterValueOf}). */
export type KindValue<S> = S extends { readonly kind: 'money' | 'decimal' }
  ? Decimal
  : S extends { readonly kind: 'integer' }
    ? number
    : S extends { readonly kind: 'text'; readonly allowed: readonly (infer V)[] }
      ? V
      : S extends { readonly kind: 'date' }
        ? string
        : S extends { readonly kind: 'flag' }
          ? boolean
          : S extends { readonly kind: 'list' | 'fact-list'; readonly allowed: readonly (infer V)[] }
            ? readonly V[]
            : readonly string[];

/**
 * The value the typed reader returns for a parameter spec: money and decimals as exact
 * decimals, integers as numbers, a text as its allowed union, a date as a string, a flag as a
 * boolean, a list as an array of its allowed entries; `null` too where the contract allows it.
 */
export type ParameterValueOf<S> = S extends unknown ? KindValue<S> | (S extends { readonly nullable: true } ? null : never) : never;

/** A parameter read through the typed reader: its value and where it comes from. */
export interface Read<V> {
  value: V;
  use: ParameterUse;
}

/**
 * Reads the parameters and rounding points of one resolved rule set, only by the names the
 * computation's contract declares (a compile-time and a run-time error otherwise), recording
 * each use for the trace and each non-sourced value as an assumption.
 */
export class TypedReader<C extends ComputationContract> {
  private readonly inner: ParameterReader;
  private readonly computation: string;
  private readonly contract: C;

  /** @internal Made by `evaluate` for each call. */
  constructor(inner: ParameterReader, computation: string, contract: C) {
    this.inner = inner;
    this.computation = computation;
    this.contract = contract;
  }

  /** The resolved rule set read from. */
  get resolved(): ResolvedRuleSet {
    return this.inner.resolved;
  }
  /** The date parameters are read on, unless a read names another. */
  get date(): string {
    return this.inner.date;
  }
  /** Assumptions recorded so far (validity first, then in reading order). */
  get assumptions(): Assumption[] {
    return this.inner.assumptions;
  }
  /** Notes recorded so far. */
  get notes(): Localized[] {
    return this.inner.notes;
  }

  /** The rule set the result came from. */
  ref(): RuleSetRef {
    return this.inner.ref();
  }

  private spec(name: string): C['parameters'][string] {
    if (!Object.prototype.hasOwnProperty.call(this.contract.parameters, name)) {
      throw new Error(`computation ${this.computation} reads parameter ${name}, which its contract does not declare`);
    }
    return this.contract.parameters[name] as C['parameters'][string];
  }

  /** True when the rule set defines the parameter with a value on the date. */
  has(name: ParameterName<C>, date: string = this.inner.date): boolean {
    this.spec(name);
    return this.inner.has(name, date);
  }

  /** The parameter's value on the date, typed by its declared kind; `parameter-unavailable` when the rule set has none. */
  get<N extends ParameterName<C>>(name: N, date: string = this.inner.date): Read<ParameterValueOf<C['parameters'][N]>> {
    const spec = this.spec(name);
    type V = ParameterValueOf<C['parameters'][N]>;
    const nullable = spec.nullable === true;
    switch (spec.kind) {
      case 'money':
      case 'decimal': {
        if (nullable && this.inner.has(name, date)) {
          const u = this.inner.use(name, date);
          if (u.value === null) return { value: null as V, use: u };
        }
        const r = this.inner.decimal(name, date);
        return { value: r.value as V, use: r.use };
      }
      case 'integer': {
        const use = this.inner.use(name, date);
        if ((nullable && use.value === null) || Number.isSafeInteger(use.value)) return { value: use.value as V, use };
        const r = this.inner.integer(name, date);
        return { value: r.value as V, use: r.use };
      }
      case 'text': {
        const r = this.inner.text(name, spec.allowed ?? [], date);
        return { value: r.value as V, use: r.use };
      }
      default: {
        const use = this.inner.use(name, date);
        return { value: use.value as V, use };
      }
    }
  }

  /** Like {@link TypedReader.get}, or null (nothing recorded) when the rule set does not define the parameter on the date. */
  optional<N extends ParameterName<C>>(name: N, date: string = this.inner.date): Read<ParameterValueOf<C['parameters'][N]>> | null {
    return this.has(name, date) ? this.get(name, date) : null;
  }

  /** The rounding point, recorded as used; `parameter-unavailable` when the rule set states none. */
  rounding(point: RoundingPointOf<C>): RoundingUse {
    if (!this.contract.rounding.includes(point)) {
      throw new Error(`computation ${this.computation} applies rounding point ${point}, which its contract does not declare`);
    }
    return this.inner.rounding(point);
  }

  /** Adds a note to the result, once. */
  note(n: Localized): void {
    this.inner.note(n);
  }

  /** Adds an assumption the input made necessary (e.g. a missing fact), once. */
  assume(a: Assumption): void {
    addAssumptions(this.inner.assumptions, [a]);
  }
}

/** Options every computation takes: which rule set (named, or in force on the date) and where to find it. */
export interface EvaluateOptions {
  /** A rule-set id (or loaded rule set) instead of the one in force on the selection date. */
  ruleSet?: RuleSetName | LoadedRuleSet;
  registry?: RuleSetRegistry;
  /** Programme for selection by date; default the computation's programme. */
  programme?: string;
}

/** What the decision gets besides the input and the reader. */
export interface DecideContext<O> {
  /** The selection date. */
  on: string;
  /** The options of the call. */
  options: O;
  /** The trace of the result: push one step per figure. */
  trace: MoneyTraceStep[];
}

/** A value of a flat output column. */
export type Cell = string | number | boolean | null;

/**
 * The declaration of a computation.
 *
 * @typeParam C its part of the parameter contract (an entry of `PARAMETER_CONTRACT`)
 * @typeParam S its input schema
 * @typeParam Out the figures it decides (the result without `ok` and the provenance)
 * @typeParam O its options
 * @typeParam E fields of a failed result besides `ok` and `issues` (e.g. the row id)
 */
export interface ComputationDeclaration<C extends ComputationContract, S extends z.ZodType, Out extends object, O extends EvaluateOptions, E extends object> {
  /** The computation's name, as golden cases (`computation`) and messages name it. */
  name: string;
  /** The programme whose rule set is selected by date unless the options name another. */
  programme: string;
  /** The input: the one list of its fields. */
  input: S;
  /** Its part of the parameter contract: the only parameters and rounding points it may read. */
  contract: C;
  /** The date that selects the rule set (in force on it) and that parameters are read on. */
  on(input: z.output<S>, options: O): string;
  /** Issues of the options, reported with those of the input. */
  optionIssues?(options: O): Issue[];
  /** Issues of a parsed input that the schema cannot see (fields that contradict each other). */
  check?(input: z.output<S>): Issue[];
  /**
   * When given, the date must lie within the selected rule set's validity (else this issue) and
   * parameters are read on it; without it, they are read on the date moved into the validity.
   */
  outsideValidity?(input: z.output<S>, resolved: ResolvedRuleSet): Issue;
  /** Fields a failed result carries before `issues` (e.g. the input's id). */
  failure?(input: unknown): E;
  /** The decision: pure and synchronous; throws a `FoerderregelnError` for what cannot be computed. */
  decide(input: z.output<S>, reader: TypedReader<C>, ctx: DecideContext<O>): Out;
  /** The flat output columns (name → cell), in order, as the CLI and golden cases show them. */
  columns: Readonly<Record<string, (result: Out) => Cell>>;
}

/** A computed result: `ok`, the figures, then the provenance. */
export type Evaluated<Out extends object> = { ok: true } & Out & MoneyProvenance;
/** A result that could not be computed. */
export type Failed<E extends object> = { ok: false } & E & { issues: Issue[] };

/** A declared computation: its declaration and the generic evaluation. */
export interface Computation<C extends ComputationContract, S extends z.ZodType, Out extends object, O extends EvaluateOptions, E extends object>
  extends ComputationDeclaration<C, S, Out, O, E> {
  /** Guards, parses, selects the rule set, decides and wraps the result; never throws for bad input. */
  evaluate(input: unknown, options?: O): Evaluated<Out> | Failed<E>;
  /** The flat columns of a result. */
  project(result: Out): Record<string, Cell>;
  /** See {@link AnyComputation.supports}. */
  supports(resolved: ResolvedRuleSet, date: string): boolean;
  /** See {@link AnyComputation.caseInput}: the facts are the input. */
  caseInput(facts: unknown): { input: unknown; options: object };
  /** See {@link AnyComputation.caseFields}: the flat columns and the provenance. */
  caseFields(result: Evaluated<Out>): Record<string, unknown>;
}

/**
 * The provenance every computed result carries, whatever it computes: the rule set, the
 * assumptions and notes, and a trace whose form is the computation's own (a money computation's
 * {@link MoneyProvenance}; eligibility's rules and conditions).
 *
 * @example
 * const r = myComputation.evaluate(input, { on: '2024-03-01' });
 * if (r.ok) console.log(r.ruleSet.id, r.assumptions.length, r.notes.length);
 */
export interface Provenance {
  readonly ruleSet: RuleSetRef;
  readonly trace: unknown;
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Localized[];
}

/**
 * Any declared computation, as a programme lists them and generic code (golden cases, columns, compare) uses them.
 *
 * @typeParam P the provenance of its results: a money computation's (the default) or, where a
 * programme lists computations of every kind, any {@link Provenance}
 */
export interface AnyComputation<P extends Provenance = MoneyProvenance> {
  /** The computation's name. */
  readonly name: string;
  /** The programme whose rule set is selected by date by default. */
  readonly programme: string;
  /** Its part of the parameter contract. */
  readonly contract: ComputationContract;
  /** The generic evaluation (see {@link Computation.evaluate}). */
  evaluate(input: unknown, options?: EvaluateOptions & { on?: string }): ({ ok: true } & object & P) | Failed<object>;
  /** The flat columns of a result (see {@link Computation.project}); of one output row for a list computation. */
  project(result: object): Record<string, Cell>;
  /** True when the resolved rule set supports the computation on the date: it defines every required parameter of the contract then. */
  supports(resolved: ResolvedRuleSet, date: string): boolean;
  /** A golden case's facts as the input and the options of {@link AnyComputation.evaluate}. */
  caseInput(facts: unknown): { input: unknown; options: object };
  /** The fields of a computed result a golden case's `expected` can name (besides `ok`). */
  caseFields(result: { ok: true } & object & P): Record<string, unknown>;
}

/** `supports` of a declaration: the rule set defines, on the date, every `required` parameter of the contract (without required ones: any of its parameters). */
const supporter = (contract: ComputationContract) => (resolved: ResolvedRuleSet, date: string): boolean => {
  const names = Object.keys(contract.parameters);
  const required = names.filter((n) => contract.parameters[n]?.required === true);
  const defined = (n: string): boolean => parameterValueAt(resolved, n, date) !== undefined;
  return required.length > 0 ? required.every(defined) : names.some(defined);
};

/** The provenance a golden case can name: the rule set, its overlays, the assumption keys (`kind:ruleSet/name`) and the number of notes. */
export function caseProvenance(r: Provenance): { ruleSet: string; overlays: string[]; assumptions: string[]; notes: number } {
  return { ruleSet: r.ruleSet.id, overlays: r.ruleSet.overlays, assumptions: r.assumptions.map((a) => `${a.kind}:${a.ruleSet}/${a.name}`), notes: r.notes.length };
}

/** Decides on a resolved rule set: the typed reader, the trace, thrown issues as a failure, the result envelope. */
function run<C extends ComputationContract, Out extends object, O>(d: { name: string; contract: C }, reader: ParameterReader, on: string, options: O, decide: (reader: TypedReader<C>, ctx: DecideContext<O>) => Out): Evaluated<Out> | { ok: false; issues: Issue[] } {
  const typed = new TypedReader(reader, d.name, d.contract);
  const trace: MoneyTraceStep[] = [];
  const r = catchIssues(() => decide(typed, { on, options, trace }));
  if (!r.ok) return { ok: false, issues: r.issues };
  return { ok: true, ...r.value, ruleSet: typed.ref(), trace, assumptions: typed.assumptions, notes: typed.notes };
}

/** The names of a row's fields that hold a {@link Cell}. */
export type CellField<R> = { [K in keyof R]-?: R[K] extends Cell ? K : never }[keyof R] & string;

/**
 * Columns that show fields of the row as they are, in the order given.
 *
 * @example
 * const columns = fieldColumns<{ id: string; amount: string }>('id', 'amount');
 */
export function fieldColumns<R>(...names: CellField<R>[]): Readonly<Record<string, (row: R) => Cell>> {
  return Object.fromEntries(names.map((n) => [n, (row: R): Cell => row[n] as Cell]));
}

function projector<R>(columns: Readonly<Record<string, (row: R) => Cell>>): (row: R) => Record<string, Cell> {
  return (row) => {
    const out: Record<string, Cell> = {};
    for (const [name, cell] of Object.entries(columns)) out[name] = cell(row);
    return out;
  };
}

/**
 * Declares a computation; see {@link ComputationDeclaration}.
 *
 * @example
 * const lumpSum = defineComputation({ name: 'lump-sum', programme: 'bw-fluag', input, contract: PARAMETER_CONTRACT.lumpSum, on, decide, columns });
 * const r = lumpSum.evaluate({ kind: 'other', year: 2020 });
 */
export function defineComputation<C extends ComputationContract, S extends z.ZodType, Out extends object, O extends EvaluateOptions = EvaluateOptions, E extends object = object>(
  d: ComputationDeclaration<C, S, Out, O, E>,
): Computation<C, S, Out, O, E> {
  const fail = (raw: unknown, issues: Issue[]): Failed<E> => ({ ok: false, ...(d.failure?.(raw) as E), issues });
  function evaluate(raw: unknown, options: O = {} as O): Evaluated<Out> | Failed<E> {
    const own = ownData(raw);
    if (!own.ok) return fail(raw, own.issues);
    const bad = forbiddenKeys(own.value);
    if (bad.length > 0) return fail(raw, bad);
    const parsed = d.input.safeParse(own.value);
    const optIssues = d.optionIssues?.(options) ?? [];
    if (!parsed.success) return fail(raw, [...fromZodIssues(parsed.error.issues, [], own.value), ...optIssues]);
    if (optIssues.length > 0) return fail(raw, optIssues);
    const input = parsed.data;
    const inconsistent = d.check?.(input) ?? [];
    if (inconsistent.length > 0) return fail(raw, inconsistent);
    const on = d.on(input, options);
    const sel = selectRuleSet({ ...options, programme: options.programme ?? d.programme }, on);
    if (!sel.ok) return fail(raw, sel.issues);
    const resolved = sel.resolved;
    let date = parameterDate(resolved, on);
    if (d.outsideValidity !== undefined) {
      if (date !== on) return fail(raw, [d.outsideValidity(input, resolved)]);
      date = on;
    }
    const r = run(d, new ParameterReader(resolved, date), on, options, (reader, ctx) => d.decide(input, reader, ctx));
    return r.ok ? r : fail(raw, r.issues);
  }
  const project = projector(d.columns);
  return Object.freeze({
    ...d,
    evaluate,
    project,
    supports: supporter(d.contract),
    caseInput: (facts: unknown) => ({ input: facts, options: {} }),
    caseFields: (r: Evaluated<Out>) => ({ ...project(r), ...caseProvenance(r) }),
  });
}

/** Options of a list computation: the rule set (named, or in force on `on`) and the date its parameters are read on. */
export interface ListOptions extends EvaluateOptions {
  /** Date for the parameter values; default the rule set's first day. A rule set or a date is required. */
  on?: string;
}

/** A row of the list that could not be read: its 1-based position, its id (if any) and the issues. */
export interface FailedRow {
  ok: false;
  row: number;
  id: string | null;
  issues: Issue[];
}

/** A row of a list input after the generic guard and parse: the parsed row with its 1-based position, or the failed row as results show it. */
export type ListRow<T> = { ok: true; row: number; id: string | null; value: T } | FailedRow;

/**
 * The declaration of a computation over a LIST of rows plus options (staffing per district,
 * allocation of a budget over recipients): every input row yields an output row, and the decision
 * sees all rows at once (a split needs every row). Each row is guarded and parsed by `input`;
 * the rule set is the one named or in force on `options.on`, its parameters read on that date or
 * the rule set's first day.
 *
 * @typeParam R a valid output row (what `columns` project)
 */
export interface ListComputationDeclaration<C extends ComputationContract, S extends z.ZodType, Out extends { rows: readonly object[] }, O extends ListOptions, R extends object>
  extends Pick<ComputationDeclaration<C, S, Out, O, object>, 'name' | 'programme' | 'contract'> {
  /** One row of the list: the one list of its fields. */
  input: S;
  /** The list's name: the path of the issue when the input is no list, and the field of a golden case's facts that holds it. */
  list: string;
  /** The issue when the input is no list. */
  notAList: IssueMessageId;
  /** Echo a row's `id` as its input holds it as data (an accessor is not read) rather than as read. */
  idAsGiven?: boolean;
  /** Turns an own-data row before it is parsed (e.g. an alias of a field). */
  prepare?(row: unknown): unknown;
  /** Issues of the computation's own options, reported with those of the date and rule set; it reads the options first. */
  optionIssues?(options: O): Issue[];
  /** The decision over all rows, in order: pure and synchronous; throws a `FoerderregelnError` for what cannot be computed. */
  decide(rows: readonly ListRow<z.output<S>>[], reader: TypedReader<C>, ctx: DecideContext<O>): Out;
  /** The flat output columns of a valid output row (name → cell), in order. */
  columns: Readonly<Record<string, (row: R) => Cell>>;
  /** The options a golden case's facts give besides the list. */
  caseOptions?(facts: Record<string, unknown>): Partial<O>;
  /** The fields of a result a golden case can name; default: `rows` by id (flat columns; `row N` → issue codes of a failed row), the result's other figures, the provenance. */
  caseFields?(result: Evaluated<Out>): Record<string, unknown>;
}

/** A declared list computation: its declaration and the generic evaluation (see {@link AnyComputation}). */
export type ListComputation<C extends ComputationContract, S extends z.ZodType, Out extends { rows: readonly object[] }, O extends ListOptions, R extends object> = ListComputationDeclaration<C, S, Out, O, R> &
  Pick<AnyComputation, 'supports' | 'caseInput'> & {
    /** Checks the list and the options, selects the rule set, guards and parses each row, decides and wraps the result; never throws for bad input. */
    evaluate(rows: unknown, options?: O): Evaluated<Out> | { ok: false; issues: Issue[] };
    /** The flat columns of a valid output row. */
    project(row: R): Record<string, Cell>;
    /** The fields of a computed result a golden case's `expected` can name: the output rows by id, the summary, the provenance. */
    caseFields(result: Evaluated<Out>): Record<string, unknown>;
  };

/**
 * Declares a list computation; see {@link ListComputationDeclaration}.
 *
 * @example
 * const staffing = defineListComputation({ name: 'staffing', programme: 'bw-integrationsmanagement', input: caseloadSchema, list: 'districts', notAList: 'invalid-type.districts-list', contract, decide, columns });
 * const r = staffing.evaluate([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal' });
 */
export function defineListComputation<C extends ComputationContract, S extends z.ZodType, Out extends { rows: readonly object[] }, O extends ListOptions = ListOptions, R extends object = object>(
  d: ListComputationDeclaration<C, S, Out, O, R>,
): ListComputation<C, S, Out, O, R> {
  function parseRow(raw: unknown, row: number): ListRow<z.output<S>> {
    const own = ownData(raw);
    const id = ownId(own.ok && d.idAsGiven !== true ? own.value : raw);
    if (!own.ok) return { ok: false, row, id, issues: own.issues };
    const bad = forbiddenKeys(own.value);
    if (bad.length > 0) return { ok: false, row, id, issues: bad };
    const parsed = d.input.safeParse(d.prepare === undefined ? own.value : d.prepare(own.value));
    if (!parsed.success) return { ok: false, row, id, issues: fromZodIssues(parsed.error.issues, [], own.value) };
    return { ok: true, row, id, value: parsed.data };
  }
  function evaluate(rows: unknown, options: O = {} as O): Evaluated<Out> | { ok: false; issues: Issue[] } {
    if (!Array.isArray(rows)) return { ok: false, issues: [(issueOf as (id: IssueMessageId, path: string[]) => Issue)(d.notAList, [d.list])] };
    const issues = [...(d.optionIssues?.(options) ?? [])]; // reads the options first
    issues.unshift(...onOptionIssues(options.on));
    if (options.ruleSet === undefined && options.on === undefined) issues.push(issueOf('missing-field.rule-set-or-on', ['options', 'ruleSet']));
    if (issues.length > 0) return { ok: false, issues };
    const sel = selectRuleSet({ ...options, programme: options.programme ?? d.programme }, options.on ?? '0001-01-01');
    if (!sel.ok) return sel;
    const date = parameterDate(sel.resolved, options.on ?? sel.resolved.validFrom);
    const parsed = (rows as readonly unknown[]).map((raw, i) => parseRow(raw, i + 1));
    return run(d, new ParameterReader(sel.resolved, date), options.on ?? date, options, (reader, ctx) => d.decide(parsed, reader, ctx));
  }
  const project = projector(d.columns);
  function caseFields(r: Evaluated<Out>): Record<string, unknown> {
    if (d.caseFields !== undefined) return d.caseFields(r);
    const byId: Record<string, unknown> = {};
    for (const row of r.rows as readonly (FailedRow | (R & { ok: true; id: string }))[]) {
      if (row.ok) byId[row.id] = project(row);
      else byId[`row ${row.row}`] = row.issues.map((i) => i.code);
    }
    const { ok: _ok, rows: _rows, ruleSet: _r, trace: _t, assumptions: _a, notes: _n, ...figures } = r;
    return { rows: byId, ...figures, ...caseProvenance(r) };
  }
  return Object.freeze({
    ...d,
    evaluate,
    project,
    supports: supporter(d.contract),
    caseInput(facts: unknown) {
      const f = (facts !== null && typeof facts === 'object' ? facts : {}) as Record<string, unknown>;
      const list = f[d.list];
      return { input: Array.isArray(list) ? list : [], options: d.caseOptions?.(f) ?? {} };
    },
    caseFields,
  });
}

/**
 * The `…OrThrow` form of a computation's public function: its result, or a `FoerderregelnError`
 * with the issues when it is `ok: false` (named `name`, guarded like every public function).
 *
 * @example
 * export const computeStaffingOrThrow = orThrow('computeStaffingOrThrow', computeStaffing);
 */
export function orThrow<A extends unknown[], T extends { ok: true }>(name: string, f: (...args: A) => T | { ok: false; issues: Issue[] }): (...args: A) => T {
  const throwing = (...args: A): T => {
    const r = f(...args);
    if (!r.ok) throw new FoerderregelnError(r.issues);
    return r;
  };
  Object.defineProperty(throwing, 'name', { value: name });
  Object.defineProperty(throwing, 'length', { value: f.length });
  return guardApi(name, throwing);
}

/** A programme: its id, name and the computations its rule sets serve. */
export interface Programme {
  id: string;
  name: Localized;
  computations: readonly AnyComputation<Provenance>[];
}

/**
 * Declares a programme.
 *
 * @example
 * const fluag = defineProgramme({ id: 'bw-fluag', name: { de: 'FlüAG', en: 'FlüAG' }, computations: [LUMP_SUM] });
 */
export function defineProgramme(p: Programme): Readonly<Programme> {
  return Object.freeze({ ...p, computations: Object.freeze([...p.computations]) });
}

/**
 * A programme's parameter contract for the loader: every parameter its computations read (with
 * the computation that reads it) and every rounding point they apply. Pass it to `loadRuleSet`
 * (`{ contract }`) so the programme's rule sets are checked against it: a misspelt value, unit,
 * rounding point or parameter name fails at load, naming the parameter and what is allowed.
 *
 * @example
 * const r = loadRuleSet(doc, { contract: programmeContract(myProgramme) });
 */
export function programmeContract(p: Pick<Programme, 'computations'>): ParameterContract {
  const parameters: Record<string, ParameterSpec> = Object.create(null) as Record<string, ParameterSpec>;
  const roundingPoints = new Set<string>();
  for (const c of p.computations) {
    for (const [name, spec] of Object.entries(c.contract.parameters)) {
      if (name in parameters) throw new Error(`parameter ${name} is declared twice in the contract of the programme`);
      parameters[name] = Object.freeze({ ...spec, computation: c.name });
    }
    for (const r of c.contract.rounding) roundingPoints.add(r);
  }
  return Object.freeze({ parameters: Object.freeze(parameters), roundingPoints: Object.freeze([...roundingPoints]) });
}
