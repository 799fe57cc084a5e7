/**
 * What the money commands (`grant`, `allocate`, `staffing`) share: the provenance columns of a
 * result row and reading a whole input before computing (for splits that need every row).
 */
import type { Assumption } from '../../computation/assumptions.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import type { RuleSetRef } from '../../domain/eligibility.js';
import type { MoneyTraceStep } from '../../domain/money-common.js';
import { choiceOption, stringListOption, stringOption, CliError, type CommandContext, type Lang } from '../context.js';
import { INPUT_FORMATS, openInput, readRows, type FieldKind, type InputRow } from '../input.js';
import { RowWriter, openOutput, type Column } from '../output.js';
import { outputFormat } from '../rows.js';

/** Provenance every money row carries. */
export interface MoneyRowBase {
  row: number;
  id: string | null;
  ok: boolean;
  ruleSet: string | null;
  ruleSetHash: string | null;
  resolvedHash: string | null;
  overlays: string[];
  assumptions: Assumption[];
  notes: Localized[];
  issues: Issue[];
  /** How each figure was obtained (JSON output only). */
  trace: MoneyTraceStep[];
}

/** The provenance part of a row from a result's rule-set reference (or nulls for a failed row). */
export function provenance(ref: RuleSetRef | null): Pick<MoneyRowBase, 'ruleSet' | 'ruleSetHash' | 'resolvedHash' | 'overlays'> {
  return ref === null
    ? { ruleSet: null, ruleSetHash: null, resolvedHash: null, overlays: [] }
    : { ruleSet: ref.id, ruleSetHash: ref.hash, resolvedHash: ref.resolvedHash, overlays: [...ref.overlays] };
}

export function issueText(issues: readonly Issue[], lang: Lang): string {
  return issues.map((i) => `${i.code}${i.path.length > 0 ? `@${i.path.join('.')}` : ''}: ${i.message[lang]}`).join(' | ');
}

/** Leading columns (row, id, ok) and trailing ones (rule set, assumptions, issues) of a money table or CSV. */
export function frameColumns<R extends MoneyRowBase>(format: 'table' | 'csv', lang: Lang, middle: Column<R>[]): Column<R>[] {
  const table = format === 'table';
  const head: Column<R>[] = [
    { key: 'row', cell: (r) => String(r.row) },
    { key: 'id', cell: (r) => r.id ?? '' },
    { key: 'ok', cell: (r) => (table ? (r.ok ? '✓' : '✗') : String(r.ok)) },
  ];
  const tail: Column<R>[] = table
    ? [
        { key: 'ruleSet', cell: (r) => (r.ruleSet === null ? '' : [r.ruleSet, ...r.overlays].join(' + ')) },
        { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
        { key: 'issues', cell: (r) => issueText(r.issues, lang) },
      ]
    : [
        { key: 'ruleSet', cell: (r) => r.ruleSet ?? '' },
        { key: 'overlays', cell: (r) => r.overlays.join('|') },
        { key: 'ruleSetHash', cell: (r) => r.ruleSetHash ?? '' },
        { key: 'resolvedHash', cell: (r) => r.resolvedHash ?? '' },
        { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
        { key: 'issues', cell: (r) => issueText(r.issues, lang) },
      ];
  return [...head, ...middle, ...tail];
}

/** A cell for an optional string. */
export function cell(v: string | number | boolean | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * Reads every row of the input first (for computations that need all rows, like a budget split),
 * then writes one output row per input row. Returns the exit status (0 all ok, 1 otherwise).
 */
export async function runWholeInput<R extends { ok: boolean }>(
  ctx: CommandContext,
  spec: {
    fields: Readonly<Record<string, FieldKind>>;
    columns: readonly Column<R>[];
    toJson: (row: R) => unknown;
    compute: (rows: InputRow[]) => { rows: R[]; after?: string };
  },
): Promise<0 | 1> {
  const path = ctx.positionals[0] ?? '-';
  const format = outputFormat(ctx.values);
  const inputFormatText = stringOption(ctx.values, 'input-format');
  const inputFormat = inputFormatText === undefined ? undefined : choiceOption(ctx.values, 'input-format', INPUT_FORMATS, 'csv');
  const delimiter = stringOption(ctx.values, 'delimiter');
  if (delimiter !== undefined && !/^(.|\\t|tab)$/u.test(delimiter)) {
    throw new CliError('--delimiter muss ein einzelnes Zeichen sein.', '--delimiter must be a single character.');
  }
  const source = await openInput(path, { format: inputFormat, stdin: ctx.io.stdin });
  let csvDelimiter = ',';
  let warnings = 0;
  const inputs: InputRow[] = [];
  for await (const row of readRows(source, {
    fields: spec.fields,
    ignoreColumns: stringListOption(ctx.values, 'ignore-column'),
    ...(delimiter !== undefined ? { delimiter: delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter } : {}),
    onDelimiter: (d) => {
      csvDelimiter = d === '\t' ? ',' : d;
    },
    onWarning: (de, en) => {
      warnings++;
      ctx.io.stderr.write(`Warnung: ${de}\nWarning: ${en}\n`);
    },
  })) {
    inputs.push(row);
  }
  const result = spec.compute(inputs);
  const target = await openOutput(stringOption(ctx.values, 'out'), ctx.io);
  let invalid = 0;
  try {
    const writer = new RowWriter<R>({ format, stream: target.stream, columns: spec.columns, toJson: spec.toJson, csvDelimiter });
    for (const r of result.rows) {
      if (!r.ok) invalid++;
      await writer.write(r);
    }
    await writer.end();
  } finally {
    await target.close();
  }
  if (result.after !== undefined) ctx.io.stderr.write(result.after);
  return invalid > 0 || warnings > 0 ? 1 : 0;
}
