import { extname } from 'node:path';
import { isCalendarDate } from '../dates/calendar.js';
import type { Issue } from '../issues.js';
import { CliError, choiceOption, stringOption, stringListOption, type CommandContext, type OptionValues } from './context.js';
import { INPUT_FORMATS, openInput, readRowChunks, type FieldKind, type InputRow } from './input.js';
import { OUTPUT_FORMATS, RowWriter, openOutput, type Column, type OutputFormat } from './output.js';

/**
 * The loop every row command shares: open input and output, read rows, turn each into exactly
 * one result row, write it, report progress on a terminal, and choose the exit status.
 */

/** parseArgs options every row command accepts. */
export const ROW_COMMAND_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  'input-format': { type: 'string' },
  delimiter: { type: 'string' },
  'ignore-column': { type: 'string', multiple: true },
} as const;

/** Help text for {@link ROW_COMMAND_OPTIONS}. */
export const ROW_OPTIONS_HELP = {
  de: `  --format F          table | csv | json | jsonl (Vorgabe: nach der Endung von --out, sonst table)
  --out FILE          in eine Datei schreiben statt auf die Standardausgabe
  --input-format F    csv | json | jsonl, wenn die Endung es nicht verrät (Vorgabe für - : csv)
  --delimiter C       CSV-Trennzeichen erzwingen (sonst aus der Kopfzeile erkannt: ; , oder Tab)
  --ignore-column C   Spalte C nicht lesen (wiederholbar); andere unbekannte Spalten sind ein Fehler`,
  en: `  --format F          table | csv | json | jsonl (default: from the extension of --out, else table)
  --out FILE          write to a file instead of stdout
  --input-format F    csv | json | jsonl when the extension does not tell (default for - : csv)
  --delimiter C       force the CSV delimiter (otherwise detected from the header: ; , or tab)
  --ignore-column C   do not read column C (repeatable); other unknown columns are an error`,
};

/** Reading rules common to every row command's help. */
export const ROW_INPUT_HELP = {
  de: `Eingabe: CSV (; , oder Tab; UTF-8 mit oder ohne BOM; Dezimalkomma erlaubt; ja/nein, true/false,
1/0, yes/no für Wahrheitswerte; leere Zelle = Feld fehlt), JSON-Array oder JSON Lines (.jsonl,
.ndjson); - liest von der Standardeingabe. Jede Eingabezeile ergibt genau eine Ausgabezeile in
derselben Reihenfolge mit row (Nummer der Datenzeile) und id; ungültige Zeilen haben ok=false und
issues. Leere Zeilen zählen nicht. Felder dürfen keinen Zeilenumbruch enthalten.

Exit-Status: 0 alle Zeilen gültig; 1 mindestens eine ungültig (alle trotzdem ausgegeben);
2 falscher Aufruf oder unlesbare Eingabe.`,
  en: `Input: CSV (; , or tab; UTF-8 with or without BOM; decimal comma accepted; ja/nein, true/false,
1/0, yes/no for booleans; empty cell = field absent), JSON array or JSON Lines (.jsonl, .ndjson);
- reads stdin. Every input row yields exactly one output row in the same order with row (data
row number) and id; invalid rows have ok=false and issues. Blank lines are not rows. Fields may
not contain line breaks.

Exit status: 0 all rows valid; 1 at least one invalid (all still reported); 2 bad usage or
unreadable input.`,
};

/** The output format: `--format`, else from the extension of `--out`, else table. */
export function outputFormat(values: OptionValues): OutputFormat {
  const explicit = stringOption(values, 'format');
  if (explicit !== undefined) return choiceOption(values, 'format', OUTPUT_FORMATS, 'table');
  const out = stringOption(values, 'out');
  if (out !== undefined) {
    const ext = extname(out).toLowerCase();
    if (ext === '.csv') return 'csv';
    if (ext === '.json') return 'json';
    if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  }
  return 'table';
}

/** Reads `--on`, failing with exit 2 when it is not a calendar date. */
export function dateOption(values: OptionValues, name = 'on'): string | undefined {
  const v = stringOption(values, name);
  if (v === undefined || isCalendarDate(v)) return v;
  const text: string = v;
  throw new CliError(`--${name} ${text} ist kein gültiges Datum JJJJ-MM-TT.`, `--${name} ${text} is not a valid date YYYY-MM-DD.`);
}

/** Issues from reading plus issues from validation, without reporting the same place twice. */
export function mergeIssues(reading: readonly Issue[], validation: readonly Issue[]): Issue[] {
  if (reading.length === 0) return [...validation];
  const seen = new Set(reading.map((i) => i.path.join('.')));
  return [...reading, ...validation.filter((i) => !seen.has(i.path.join('.')))];
}

/** The `id` of an input row for output: a string or number id, shortened when huge; else null. */
export function idOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const id = (value as Record<string, unknown>).id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const s = String(id);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** What a row command provides to {@link runRowCommand}. */
export interface RowCommandSpec<R extends { ok: boolean }> {
  /** Field kinds for CSV conversion and unknown-column checks. */
  fields: Readonly<Record<string, FieldKind>>;
  /** Turns one input row into exactly one result row; must not throw. */
  evaluate: (row: InputRow) => R;
  /**
   * Optional fast path: turns many input rows into exactly as many result rows, in order, each
   * the same as `evaluate` gives. When it throws, the rows are evaluated one by one instead.
   */
  evaluateMany?: (rows: readonly InputRow[]) => R[];
  /** Builds a result row for an input row whose evaluation threw unexpectedly. */
  failed: (row: InputRow, issues: Issue[]) => R;
  columns: readonly Column<R>[];
  toJson: (row: R) => unknown;
  /** Optional CSV shortcut: see `csvLine` of the RowWriter options. */
  csvLine?: (row: R, delimiter: string) => string | null;
}

/**
 * Runs a row command end to end: `<input>` positional, {@link ROW_COMMAND_OPTIONS}, streaming,
 * progress on a terminal. Exit 0 when every row is ok, 1 otherwise.
 */
export async function runRowCommand<R extends { ok: boolean }>(ctx: CommandContext, spec: RowCommandSpec<R>): Promise<0 | 1> {
  const path = ctx.positionals[0] ?? '-';
  const format = outputFormat(ctx.values);
  const inputFormatText = stringOption(ctx.values, 'input-format');
  const inputFormat = inputFormatText === undefined ? undefined : choiceOption(ctx.values, 'input-format', INPUT_FORMATS, 'csv');
  const delimiter = stringOption(ctx.values, 'delimiter');
  if (delimiter !== undefined && !/^(.|\\t|tab)$/u.test(delimiter)) {
    throw new CliError('--delimiter muss ein einzelnes Zeichen sein.', '--delimiter must be a single character.');
  }
  const source = await openInput(path, { format: inputFormat, stdin: ctx.io.stdin });
  const target = await openOutput(stringOption(ctx.values, 'out'), ctx.io);
  let csvDelimiter = ',';
  let warnings = 0;
  const progress = ctx.io.stderr.isTTY === true;
  let invalid = 0;
  try {
    const writer = new RowWriter<R>({
      format,
      stream: target.stream,
      columns: spec.columns,
      toJson: spec.toJson,
      ...(spec.csvLine !== undefined ? { csvLine: spec.csvLine } : {}),
      get csvDelimiter() {
        return csvDelimiter;
      },
    });
    const rows = readRowChunks(source, {
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
    });
    const evaluateOne = (row: InputRow): R => {
      try {
        return spec.evaluate(row);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return spec.failed(row, [
          { code: 'invalid-input', path: [], message: { de: `Interner Fehler bei dieser Zeile: ${msg}`, en: `Internal error on this row: ${msg}` } },
        ]);
      }
    };
    const evaluateMany = spec.evaluateMany;
    for await (const chunk of rows) {
      let results: R[] | null = null;
      if (evaluateMany !== undefined) {
        try {
          results = evaluateMany(chunk);
          if (results.length !== chunk.length) results = null;
        } catch {
          results = null;
        }
      }
      results ??= chunk.map(evaluateOne);
      for (const result of results) if (!result.ok) invalid++;
      const before = writer.count;
      await writer.writeMany(results);
      if (progress) {
        for (let n = (Math.floor(before / 100_000) + 1) * 100_000; n <= writer.count; n += 100_000) {
          ctx.io.stderr.write(`\r${n.toLocaleString('de-DE')} …`);
        }
      }
    }
    await writer.end();
    if (progress) {
      ctx.io.stderr.write(
        `\r\u001b[K${writer.count} Zeilen, ${invalid} ungültig / ${writer.count} rows, ${invalid} invalid\n`,
      );
    }
  } finally {
    await target.close();
  }
  return invalid > 0 || warnings > 0 ? 1 : 0;
}
