/**
 * What the money commands share: the provenance frame of a result row, the per-row command over
 * a declared computation (`grant`), and the whole-input command over a list computation
 * (`allocate`, `staffing`: splits that need every row before they compute).
 */
import type * as z from 'zod';
import type { Assumption } from '../../computation/assumptions.js';
import type { AnyComputation, Cell } from '../../computation/define.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import type { RuleSetRef } from '../../domain/eligibility.js';
import type { MoneyTraceStep } from '../../domain/money-common.js';
import { CliError, stringOption, type Command, type CommandContext, type Lang } from '../context.js';
import { declaredFieldKinds, type FieldKind, type InputRow } from '../input.js';
import { columnKind, type Column } from '../output.js';
import { chooseRuleSet, type RuleSetChoice } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, csvTailColumns, dateOption, headColumns, idOf, issueText, mergeIssues, outputFormat, runRowCommand, runWholeRowCommand, yesNo, type FrameRow } from '../rows.js';

export { issueText } from '../rows.js';

/** Provenance every money row carries: the frame of every row command, its notes and its trace. */
export interface MoneyRowBase extends FrameRow {
  overlays: string[];
  assumptions: Assumption[];
  notes: Localized[];
  issues: Issue[];
  /** How each figure was obtained (JSON output only). */
  trace: MoneyTraceStep[];
}

/** A money row: the frame plus the computation's figures by name (null on a failed row). */
export type FiguresRow = MoneyRowBase & Record<string, unknown>;

/** The provenance part of a row from a result's rule-set reference (or nulls for a failed row). */
export function provenance(ref: RuleSetRef | null): Pick<MoneyRowBase, 'ruleSet' | 'ruleSetHash' | 'resolvedHash' | 'overlays'> {
  return ref === null
    ? { ruleSet: null, ruleSetHash: null, resolvedHash: null, overlays: [] }
    : { ruleSet: ref.id, ruleSetHash: ref.hash, resolvedHash: ref.resolvedHash, overlays: [...ref.overlays] };
}

/** Leading columns (row, id, ok) and trailing ones (rule set, assumptions, issues) of a money table or CSV. */
export function frameColumns<R extends MoneyRowBase>(format: 'table' | 'csv', lang: Lang, middle: Column<R>[]): Column<R>[] {
  const tail: Column<R>[] =
    format === 'table'
      ? [
          { key: 'ruleSet', cell: (r) => (r.ruleSet === null ? '' : [r.ruleSet, ...r.overlays].join(' + ')) },
          { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
          { key: 'issues', cell: (r) => issueText(r.issues, lang) },
        ]
      : csvTailColumns<R>(lang);
  return [...headColumns<R>(format === 'table'), ...middle, ...tail];
}

/** A cell for an optional string. */
export function cell(v: string | number | boolean | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The frame columns around the figures `keys`: a figure's cell is its value (`value(row, key)`),
 * yes/no columns in a table as ja/nein (yes/no) and — for none.
 */
export function figureColumns(format: 'table' | 'csv', lang: Lang, keys: readonly string[], value: (row: FiguresRow, key: string) => unknown = (r, k) => r[k]): Column<FiguresRow>[] {
  const table = format === 'table';
  return frameColumns<FiguresRow>(
    format,
    lang,
    keys.map((key) => {
      const yes = table && columnKind({ key }) === 'boolean';
      return { key, cell: (r) => (yes ? yesNo(value(r, key) as boolean | null, lang) : cell(value(r, key) as Cell)) };
    }),
  );
}

/** A failed row: the frame, every figure null, the issues. */
export function failedFiguresRow(keys: readonly string[], row: number, id: string | null, issues: Issue[]): FiguresRow {
  const out: Record<string, unknown> = { row, id, ok: false };
  for (const k of keys) out[k] = null;
  return { ...(out as { row: number; id: string | null; ok: boolean }), ...provenance(null), assumptions: [], notes: [], issues, trace: [] };
}

/**
 * Fields that count people. A declaration takes any decimal ≥ 0 for them (a library caller may
 * pass an average), but a file gives counts as whole numbers: whether `630.305` is German grouping
 * or a decimal point depends on the file, and a count that must be whole turns the wrong reading
 * (630.305 persons, a thousandth of the figure) into an issue that echoes the value
 * (docs/analysts.md, numbers; review finding F11). The what-if caseload reads them the same way.
 */
const COUNT_FIELDS: readonly string[] = ['persons', 'population', 'allocations'];

/** How a row command reads the fields of a declared input schema: as declared, counts as whole numbers. */
export function fieldsRead(input: z.core.$ZodType): Record<string, FieldKind> {
  const kinds = declaredFieldKinds(input);
  for (const k of COUNT_FIELDS) if (kinds[k] === 'decimal') kinds[k] = 'integer';
  return kinds;
}

/** Computation options from the command line: the rule set of `--rule-set` and the date of `--on`. */
export interface BaseOptions {
  registry: RuleSetChoice['registry'];
  ruleSet?: NonNullable<RuleSetChoice['ruleSet']>;
  on?: string;
}

/**
 * Reads `--on` and `--rule-set` (in that order), or, when the rule set is required, first checks
 * it is given (else `missing()`, exit 2), then reads `--rule-set` and `--on`.
 */
function baseOptions(ctx: CommandContext, missing?: () => CliError): BaseOptions {
  const text = stringOption(ctx.values, 'rule-set');
  let on: string | undefined;
  if (missing === undefined) on = dateOption(ctx.values);
  else if (text === undefined) throw missing();
  const choice = chooseRuleSet(text);
  if (missing !== undefined) on = dateOption(ctx.values);
  const options: BaseOptions = { registry: choice.registry };
  if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
  if (on !== undefined) options.on = on;
  return options;
}

/** A declared computation a per-row command runs: its input schema, flat columns and evaluation. */
export type DeclaredRowComputation = AnyComputation & {
  readonly input: z.core.$ZodType;
  readonly columns: Readonly<Record<string, (result: never) => Cell>>;
};

/** What a per-row command over a declared computation says about itself; fields, rows and columns come from the declaration. */
export interface DeclaredRowCommandSpec {
  name: string;
  summary: Localized;
  usage: string;
  help: Localized;
  /** Declared columns that only JSON shows (not the table and CSV). */
  jsonOnly?: readonly string[];
}

/**
 * The output row of a declared computation's result: row, id, ok, the declared columns' figures
 * (as the result has them), the provenance. A row with reading issues is a failed row.
 */
export function declaredRow(keys: readonly string[], row: number, result: ReturnType<AnyComputation['evaluate']>, readingIssues: readonly Issue[], idHint: string | null): FiguresRow {
  const issues = result.ok ? [...readingIssues] : mergeIssues(readingIssues, result.issues);
  const rid = (result as { id?: unknown }).id;
  const id = typeof rid === 'string' ? rid : idHint;
  if (!result.ok || issues.length > 0) return failedFiguresRow(keys, row, id, issues);
  const out: Record<string, unknown> = { row, id, ok: true };
  for (const k of keys) out[k] = (result as Record<string, unknown>)[k];
  return { ...(out as { row: number; id: string; ok: true }), ...provenance(result.ruleSet), assumptions: result.assumptions, notes: result.notes, issues, trace: result.trace };
}

/**
 * A row command over a declared computation: `--on`, `--rule-set` and the row options; the
 * fields it reads from the declaration's input schema, its rows and columns from the declared
 * columns and the provenance frame. A new per-row computation needs only its description.
 */
export function declaredRowCommand(computation: DeclaredRowComputation, spec: DeclaredRowCommandSpec): Command {
  const fields = fieldsRead(computation.input);
  const keys = Object.keys(computation.columns);
  const shown = keys.filter((k) => !(spec.jsonOnly ?? []).includes(k));
  const projected = (r: FiguresRow, k: string): unknown => (r.ok ? (computation.columns[k] as (x: unknown) => Cell)(r) : r[k]);
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    help: spec.help,
    options: { on: { type: 'string' }, 'rule-set': { type: 'string' }, ...ROW_COMMAND_OPTIONS },
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      const options = baseOptions(ctx);
      return runRowCommand<FiguresRow>(ctx, {
        fields,
        columns: figureColumns(outputFormat(ctx.values) === 'table' ? 'table' : 'csv', ctx.lang, shown, projected),
        toJson: (r) => r,
        evaluate: (input: InputRow) =>
          input.value === undefined
            ? declaredRow(keys, input.row, { ok: false, issues: input.issues }, [], null)
            : declaredRow(keys, input.row, computation.evaluate(input.value, options), input.issues, idOf(input.value)),
        failed: (input, issues) => declaredRow(keys, input.row, { ok: false, issues }, input.issues, idOf(input.value)),
      });
    },
  };
}

/** A row of a list computation's result: the figures of one input, or why it has none. */
export type ListRow = ({ ok: true; id: string } & Record<string, unknown>) | { ok: false; id?: string | null; issues: Issue[] };

/** What the whole-input path needs of a list computation's result (today `computeStaffing`, `allocate`). */
export type ListResult =
  | { ok: false; issues: Issue[] }
  | { ok: true; rows: readonly ListRow[]; ruleSet: RuleSetRef; assumptions: Assumption[]; notes: Localized[]; trace: MoneyTraceStep[] };

/** What a whole-input command says about itself and how it computes. */
export interface WholeInputCommandSpec<O, L extends ListResult & { ok: true }> {
  name: string;
  summary: Localized;
  usage: string;
  help: Localized;
  /** parseArgs options (`--rule-set`, `--on` and the row options among them). */
  options: Command['options'];
  /** The error when `--rule-set` is missing (it is required). */
  ruleSetMissing: () => CliError;
  /** The computation's options: the rule set and `--on` (given) plus the command's own (exit 2 on a bad value). */
  commandOptions(ctx: CommandContext, base: BaseOptions): O;
  /** The list computation's declaration: its row schema gives the fields read, its columns the figures (after `name`). */
  computation: { readonly input: z.core.$ZodType; readonly columns: Readonly<Record<string, unknown>> };
  /** Columns read that the row schema does not name: those its `prepare` maps, descriptive ones of a data file. */
  otherFields?: Readonly<Record<string, FieldKind>>;
  /** The list computation over the valid rows' values. */
  evaluate(values: unknown[], options: O): ListResult;
  /** JSON of an ok row starts with the computation's row figures (then row, ok); default row, id, ok, then `keys`. */
  figuresFirst?: boolean;
  /** Warn (exit 1) when two rows have the same id. */
  uniqueIds?: boolean;
  /** The summary written to stderr after the rows. */
  summaryText(result: L, rows: readonly FiguresRow[], lang: Lang): string;
}

/**
 * Computes the valid rows of a whole input at once and maps the results back onto every input
 * row (invalid inputs keep their reading issues); when the whole computation fails, every row
 * fails with its issues, which are also the text after the rows.
 */
export function wholeInputRows(
  inputs: readonly InputRow[],
  evaluate: (values: unknown[]) => ListResult,
  spec: { keys: readonly string[]; figuresFirst?: boolean; summaryText: (result: never, rows: readonly FiguresRow[], lang: Lang) => string },
  lang: Lang,
): { rows: FiguresRow[]; after: string } {
  const clean = inputs.filter((r) => r.value !== undefined && r.issues.length === 0);
  const result = evaluate(clean.map((r) => r.value));
  const failed = (row: number, id: string | null, issues: Issue[]): FiguresRow => failedFiguresRow(spec.keys, row, id, issues);
  if (!result.ok) {
    return {
      rows: inputs.map((r) => failed(r.row, idOf(r.value), mergeIssues(r.issues, result.issues))),
      after: `${result.issues.map((i) => `${i.code}: ${i.message[lang]}`).join('\n')}\n`,
    };
  }
  const byRow = new Map<number, FiguresRow>();
  clean.forEach((input, k) => {
    const r = result.rows[k];
    if (r === undefined) return;
    if (!r.ok) {
      byRow.set(input.row, failed(input.row, r.id ?? idOf(input.value), r.issues));
      return;
    }
    const frame = { ...provenance(result.ruleSet), assumptions: result.assumptions, notes: result.notes, issues: [], trace: result.trace };
    if (spec.figuresFirst === true) {
      const { ok: _ok, row: _row, ...figures } = r;
      byRow.set(input.row, { ...figures, row: input.row, ok: true, ...frame });
      return;
    }
    const out: Record<string, unknown> = { row: input.row, id: r.id, ok: true };
    for (const key of spec.keys) out[key] = r[key];
    byRow.set(input.row, { ...(out as { row: number; id: string; ok: true }), ...frame });
  });
  const rows = inputs.map((input) => byRow.get(input.row) ?? failed(input.row, idOf(input.value), [...input.issues]));
  return { rows, after: (spec.summaryText as (result: ListResult, rows: readonly FiguresRow[], lang: Lang) => string)(result, rows, lang) };
}

/**
 * A command that reads a whole input, then computes over all valid rows at once (a split):
 * `<input>`, a required `--rule-set`, `--on`, the row options and its own; one output row per
 * input row with the provenance frame, the summary on stderr.
 */
export function wholeInputCommand<O, L extends ListResult & { ok: true }>(spec: WholeInputCommandSpec<O, L>): Command {
  const fields = { ...fieldsRead(spec.computation.input), ...spec.otherFields };
  const keys = ['name', ...Object.keys(spec.computation.columns)];
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    help: spec.help,
    options: spec.options,
    positionals: { min: 1, max: 1 },
    async run(ctx) {
      const options = spec.commandOptions(ctx, baseOptions(ctx, spec.ruleSetMissing));
      return runWholeRowCommand<FiguresRow>(ctx, {
        fields,
        columns: figureColumns(outputFormat(ctx.values) === 'table' ? 'table' : 'csv', ctx.lang, keys),
        toJson: (r) => r,
        ...(spec.uniqueIds === true ? { uniqueIds: true } : {}),
        compute: (inputs) => wholeInputRows(inputs, (values) => spec.evaluate(values, options), { ...spec, keys }, ctx.lang),
      });
    },
  };
}
