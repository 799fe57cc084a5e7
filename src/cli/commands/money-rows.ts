/**
 * What the money commands (`grant`, `allocate`, `staffing`) share: the provenance columns of a
 * result row and reading a whole input before computing (for splits that need every row).
 */
import type { Assumption } from '../../computation/assumptions.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import type { RuleSetRef } from '../../domain/eligibility.js';
import type { MoneyTraceStep } from '../../domain/money-common.js';
import type { CommandContext, Lang } from '../context.js';
import type { FieldKind, InputRow } from '../input.js';
import type { Column } from '../output.js';
import { runWholeRowCommand } from '../rows.js';

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
    uniqueIds?: boolean;
  },
): Promise<0 | 1> {
  return runWholeRowCommand(ctx, spec);
}
