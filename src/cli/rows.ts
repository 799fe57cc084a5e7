import { extname } from 'node:path';
import type { Issue } from '../issues.js';
import { CliError, choiceOption, flagOption, stringOption, stringListOption, t, type CommandContext, type OptionValues } from './context.js';
import {
  ENCODINGS,
  INPUT_FORMATS,
  LOCALES,
  openInput,
  readDate,
  readRowChunks,
  type Encoding,
  type FieldKind,
  type InputFormat,
  type InputRow,
  type InputSource,
  type NumberLocale,
  type ReadRowsOptions,
} from './input.js';
import { OUTPUT_FORMATS, RowWriter, openOutput, slashed, type Column, type OutputFormat, type OutputTarget } from './output.js';
import { tableHeading } from '../_lib/headings.js';
import { cliIssueOf, cliText } from '../messages/cli.js';
import type { Localized } from '../messages/catalogue.js';

/**
 * The loop every row command shares: open input and output, read rows, turn each into exactly
 * one result row, write it, report progress on a terminal, and choose the exit status.
 */

/** parseArgs options of every command that reads a row file (`check`, … and `compare --caseload`). */
export const INPUT_OPTIONS = {
  'input-format': { type: 'string' },
  delimiter: { type: 'string' },
  'ignore-column': { type: 'string', multiple: true },
  sheet: { type: 'string' },
  locale: { type: 'string' },
  encoding: { type: 'string' },
} as const;

/** parseArgs options every row command accepts. */
export const ROW_COMMAND_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  ...INPUT_OPTIONS,
  excel: { type: 'boolean' },
  'keep-columns': { type: 'boolean' },
} as const;

const INPUT_OPTIONS_HELP_DE = `  --input-format F    csv | json | jsonl | xlsx, wenn die Endung es nicht verrät (Vorgabe für - : csv)
  --sheet NAME        Tabellenblatt einer .xlsx (Name oder Nummer; Vorgabe: das erste)
  --delimiter C       CSV-Trennzeichen erzwingen (sonst aus der Kopfzeile erkannt: ; , oder Tab)
  --locale de|en      Zahlen wie 1.234,56 (de) oder 1,234.56 (en) lesen (Vorgabe: ; → de, , → en)
  --encoding E        utf-8 | windows-1252 | utf-16 (sonst erkannt; kein UTF-8 → Windows-1252)
  --ignore-column C   Spalte C nicht lesen (wiederholbar); andere unbekannte Spalten: eine Warnung`;
const INPUT_OPTIONS_HELP_EN = `  --input-format F    csv | json | jsonl | xlsx when the extension does not tell (default for - : csv)
  --sheet NAME        sheet of an .xlsx (name or number; default: the first)
  --delimiter C       force the CSV delimiter (otherwise detected from the header: ; , or tab)
  --locale de|en      read numbers as 1.234,56 (de) or 1,234.56 (en) (default: ; → de, , → en)
  --encoding E        utf-8 | windows-1252 | utf-16 (else detected; not UTF-8 → Windows-1252)
  --ignore-column C   do not read column C (repeatable); other unknown columns: one warning`;

/** Help text for {@link INPUT_OPTIONS}. */
export const INPUT_OPTIONS_HELP = { de: INPUT_OPTIONS_HELP_DE, en: INPUT_OPTIONS_HELP_EN };

/** Help text for {@link ROW_COMMAND_OPTIONS}. */
export const ROW_OPTIONS_HELP = {
  de: `  --format F          table | csv | json | jsonl | xlsx (Vorgabe: nach der Endung von --out, sonst table)
  --out FILE          in eine Datei schreiben statt auf die Standardausgabe (erst am Ende ersetzt;
                      darf die Eingabedatei sein)
  --excel             CSV für deutsches Excel: BOM, ;, Dezimalkomma, TT.MM.JJJJ (von selbst, wenn die
                      Eingabe eine Excel-CSV mit ; war)
  --keep-columns      eigene Spalten der Eingabe in die Ausgabe übernehmen
${INPUT_OPTIONS_HELP_DE}`,
  en: `  --format F          table | csv | json | jsonl | xlsx (default: from the extension of --out, else table)
  --out FILE          write to a file instead of stdout (replaced at the end; may be the input file)
  --excel             CSV for German Excel: BOM, ;, decimal comma, DD.MM.YYYY (automatic when the input
                      was an Excel CSV with ;)
  --keep-columns      pass the input's own columns through to the output
${INPUT_OPTIONS_HELP_EN}`,
};

/** Reading rules common to every row command's help. */
export const ROW_INPUT_HELP = {
  de: `Eingabe: CSV (; , oder Tab; UTF-8 mit oder ohne BOM, UTF-16, Windows-1252; 1.234,56 und 1234.56;
Datumsangaben JJJJ-MM-TT oder TT.MM.JJJJ; ja/nein, true/false, 1/0, yes/no für Wahrheitswerte; leere
Zelle = Feld fehlt; deutsche Spaltennamen wie Aufenthaltsstatus, Unterbringung, Kreis, Einwohner),
Excel (.xlsx), JSON-Array oder JSON Lines (.jsonl, .ndjson); - liest von der Standardeingabe.
Anzahlen sind ganze Zahlen; 630.305 ist in einer ;-Datei 630305, ein mehrdeutiger Wert ein Fehler der Zeile. Jede Eingabezeile ergibt genau eine Ausgabezeile in
derselben Reihenfolge mit row (Nummer der Datenzeile) und id; ungültige Zeilen haben ok=false und
issues. Leere Zeilen zählen nicht. Felder dürfen keinen Zeilenumbruch enthalten.

Exit-Status: 0 alle Zeilen gültig; 1 mindestens eine ungültig (alle trotzdem ausgegeben);
2 falscher Aufruf oder unlesbare Eingabe.`,
  en: `Input: CSV (; , or tab; UTF-8 with or without BOM, UTF-16, Windows-1252; 1,234.56 and 1.234,56;
dates YYYY-MM-DD or DD.MM.YYYY; ja/nein, true/false, 1/0, yes/no for booleans; empty cell = field
absent; German column names such as Aufenthaltsstatus, Unterbringung, Kreis, Einwohner), Excel
(.xlsx), JSON array or JSON Lines (.jsonl, .ndjson); - reads stdin. Counts are whole numbers;
630.305 is 630305 in a ; file, an ambiguous value is an error of its row. Every input row yields exactly one output row in the same order with row (data
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
    if (ext === '.xlsx') return 'xlsx';
  }
  return 'table';
}

/** Reads a date option (`--on`): `YYYY-MM-DD`, `TT.MM.JJJJ` or `T.M.JJJJ`; fails with exit 2 otherwise, echoing the value. */
export function dateOption(values: OptionValues, name = 'on'): string | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return v;
  const d = readDate(v);
  if (d !== null) return d;
  throw CliError.of('cli.option-date', { name, value: JSON.stringify(v) });
}

/** The reading options of the command line (shared by every command that reads rows). */
export interface InputSettings {
  inputFormat: InputFormat | undefined;
  encoding: Encoding | undefined;
  delimiter: string | undefined;
  locale: NumberLocale | undefined;
  sheet: string | undefined;
  ignoreColumns: string[];
  keepColumns: boolean;
}

/** Reads and checks {@link INPUT_OPTIONS} (exit 2 on a bad value). */
export function inputSettings(values: OptionValues): InputSettings {
  const inputFormatText = stringOption(values, 'input-format');
  const delimiter = stringOption(values, 'delimiter');
  if (delimiter !== undefined && !/^(.|\\t|tab)$/u.test(delimiter)) {
    throw CliError.of('cli.delimiter-invalid');
  }
  return {
    inputFormat: inputFormatText === undefined ? undefined : choiceOption(values, 'input-format', INPUT_FORMATS, 'csv'),
    encoding: stringOption(values, 'encoding') === undefined ? undefined : choiceOption(values, 'encoding', ENCODINGS, 'utf-8'),
    delimiter: delimiter === undefined ? undefined : delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter,
    locale: stringOption(values, 'locale') === undefined ? undefined : choiceOption(values, 'locale', LOCALES, 'de'),
    sheet: stringOption(values, 'sheet'),
    ignoreColumns: stringListOption(values, 'ignore-column'),
    keepColumns: flagOption(values, 'keep-columns'),
  };
}

/** Opens the input named on the command line with the reading options. */
export async function openRowInput(ctx: CommandContext, path: string, settings: InputSettings): Promise<InputSource> {
  return openInput(path, { format: settings.inputFormat, stdin: ctx.io.stdin, encoding: settings.encoding });
}

/** The options for readRows from the settings; warnings and notes go to stderr (warnings count). */
export function rowReadOptions(ctx: CommandContext, settings: InputSettings, fields: Readonly<Record<string, FieldKind>>, counter: { warnings: number }): ReadRowsOptions {
  return {
    fields,
    ignoreColumns: settings.ignoreColumns,
    keepColumns: settings.keepColumns,
    ...(settings.delimiter !== undefined ? { delimiter: settings.delimiter } : {}),
    ...(settings.locale !== undefined ? { locale: settings.locale } : {}),
    ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}),
    onWarning: (text) => {
      counter.warnings++;
      ctx.io.stderr.write(bothLanguages(cliText('cli.warning', { text })));
    },
    onNote: (text) => {
      ctx.io.stderr.write(bothLanguages(cliText('cli.note', { text })));
    },
  };
}

/** A message on stderr in both languages, German first (warnings and notes while reading). */
export function bothLanguages(m: Localized): string {
  return `${m.de}\n${m.en}\n`;
}

/** Whether CSV output should be for German Excel: `--excel`, or an input that was an Excel CSV with `;` (BOM or Windows-1252). */
export function excelOutput(values: OptionValues, source: InputSource): boolean {
  if (flagOption(values, 'excel')) return true;
  const info = source.info;
  return source.format === 'csv' && info?.delimiter === ';' && (info.bom === true || info.encoding === 'windows-1252');
}

/** Issues as one cell: `code@path: message | …`. */
export function issueText(issues: readonly Issue[], lang: 'de' | 'en'): string {
  return issues.map((i) => `${i.code}${i.path.length > 0 ? `@${i.path.join('.')}` : ''}: ${i.message[lang]}`).join(' | ');
}

/** A yes/no cell of a table: ja/nein (yes/no), — for none. */
export function yesNo(v: boolean | null, lang: 'de' | 'en'): string {
  if (v === null) return '—';
  return t(lang, v ? 'cli.yes' : 'cli.no');
}

/** What every result row of a row command carries: number, id, ok, the rule set, assumptions and issues. */
export interface FrameRow {
  row: number;
  id: string | null;
  ok: boolean;
  ruleSet: string | null;
  ruleSetHash: string | null;
  resolvedHash: string | null;
  overlays: readonly string[];
  assumptions: readonly unknown[];
  issues: readonly Issue[];
}

/** The leading columns of a result table or CSV: row, id, ok (✓/✗ in a table). */
export function headColumns<R extends FrameRow>(table: boolean): Column<R>[] {
  return [
    { key: 'row', cell: (r) => String(r.row) },
    { key: 'id', cell: (r) => r.id ?? '' },
    { key: 'ok', cell: (r) => (table ? (r.ok ? '✓' : '✗') : String(r.ok)) },
  ];
}

/** The trailing columns of a result CSV: the rule set with its hashes, the number of assumptions, the issues. */
export function csvTailColumns<R extends FrameRow>(lang: 'de' | 'en'): Column<R>[] {
  return [
    { key: 'ruleSet', cell: (r) => r.ruleSet ?? '' },
    { key: 'overlays', cell: (r) => r.overlays.join('|') },
    { key: 'ruleSetHash', cell: (r) => r.ruleSetHash ?? '' },
    { key: 'resolvedHash', cell: (r) => r.resolvedHash ?? '' },
    { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
    { key: 'issues', cell: (r) => issueText(r.issues, lang) },
  ];
}

/** Result rows as every row command has them: number, id, issues. */
type Reportable = { ok: boolean; row?: unknown; id?: unknown; issues?: unknown };

/**
 * Collects the first rows that were not counted, for the note on stderr after a table: which
 * rows and why, then how many in all.
 */
export class NotCounted {
  private readonly first: string[] = [];
  count = 0;
  constructor(private readonly lang: 'de' | 'en') {}

  add(r: Reportable): void {
    if (r.ok) return;
    this.count++;
    if (this.first.length >= 5) return;
    const issues = Array.isArray(r.issues) ? (r.issues as Issue[]) : [];
    const text = issueText(issues, this.lang);
    const id = typeof r.id === 'string' && r.id !== '' ? ` (id ${r.id})` : '';
    this.first.push(`  ${t(this.lang, 'cli.not-counted-row', { row: String(r.row), id, text })}`);
  }

  /** The note, or '' when every row was counted. */
  text(): string {
    if (this.count === 0) return '';
    const more = this.count - this.first.length;
    const head = t(this.lang, 'cli.not-counted', { count: this.count });
    const tail = more > 0 ? [`  ${t(this.lang, 'cli.not-counted-more', { more })}`] : [];
    return `${[head, ...this.first, ...tail].join('\n')}\n`;
  }
}

/** Columns and JSON with the input's own columns added (`--keep-columns`). */
function withKept<R>(columns: readonly Column<R>[], toJson: (row: R) => unknown, names: readonly string[], kept: WeakMap<object, Record<string, string>>): { columns: Column<R>[]; toJson: (row: R) => unknown } {
  if (names.length === 0) return { columns: [...columns], toJson };
  const get = (r: R): Record<string, string> | undefined => kept.get(r as object);
  return {
    columns: [...columns, ...names.map((n): Column<R> => ({ key: n, kind: 'text', cell: (r) => get(r)?.[n] ?? '' }))],
    toJson: (r) => {
      let j = toJson(r);
      // An object that serialises itself (toJSON) is spread as JSON would show it.
      if (j !== null && typeof j === 'object' && typeof (j as { toJSON?: unknown }).toJSON === 'function') j = (j as { toJSON: () => unknown }).toJSON();
      return j !== null && typeof j === 'object' ? { ...(j), columns: get(r) ?? {} } : j;
    },
  };
}

/** The output of a row command: format, target, and the writer made once the input's header is known. */
export class RowOutput<R extends Reportable> {
  readonly format: OutputFormat;
  private writer: RowWriter<R> | null = null;
  private target: OutputTarget | null = null;
  readonly kept = new WeakMap<object, Record<string, string>>();
  readonly notCounted: NotCounted;
  invalid = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly source: InputSource,
    private readonly spec: { columns: readonly Column<R>[]; toJson: (row: R) => unknown; csvLine?: (row: R, delimiter: string) => string | null; about?: readonly (readonly [string, string])[] },
  ) {
    this.format = outputFormat(ctx.values);
    this.notCounted = new NotCounted(ctx.lang);
    const out = stringOption(ctx.values, 'out');
    if (this.format === 'xlsx' && (out === undefined || out === '-') && ctx.io.stdout.isTTY === true) {
      throw CliError.of('cli.xlsx-needs-out');
    }
  }

  async open(): Promise<void> {
    this.target = await openOutput(stringOption(this.ctx.values, 'out'), this.ctx.io);
  }

  private make(): RowWriter<R> {
    const info = this.source.info ?? {};
    const names = this.ctx.values['keep-columns'] === true ? (info.otherColumns ?? []) : [];
    const headed = this.spec.columns.map((c) => ({ ...c, heading: c.heading ?? tableHeading(c.key, this.ctx.lang) }));
    const { columns, toJson } = withKept(headed, this.spec.toJson, names, this.kept);
    const delimiter = info.delimiter === undefined || info.delimiter === '\t' ? ',' : info.delimiter;
    this.writer = new RowWriter<R>({
      format: this.format,
      stream: (this.target as OutputTarget).stream,
      columns,
      toJson,
      csvDelimiter: delimiter,
      excel: excelOutput(this.ctx.values, this.source),
      ...(this.spec.csvLine !== undefined && names.length === 0 ? { csvLine: this.spec.csvLine } : {}),
      about: [[slashed(cliText('cli.about-input')), this.source.name], ...(this.spec.about ?? [])],
    });
    return this.writer;
  }

  /** Writes results (with the input rows they came from, for kept columns). */
  async write(results: readonly R[], inputs?: readonly InputRow[]): Promise<void> {
    const writer = this.writer ?? this.make();
    for (let i = 0; i < results.length; i++) {
      const r = results[i] as R;
      if (!r.ok) {
        this.invalid++;
        this.notCounted.add(r);
      }
      const k = inputs?.[i]?.kept;
      if (k !== undefined) this.kept.set(r, k);
    }
    await writer.writeMany(results);
  }

  get count(): number {
    return this.writer?.count ?? 0;
  }

  /** Ends the output and puts the file in place; prints which rows were not counted after a table. */
  async end(): Promise<void> {
    const writer = this.writer ?? this.make();
    await writer.end();
    await (this.target as OutputTarget).close();
    if (this.format === 'table') {
      const note = this.notCounted.text();
      if (note !== '') this.ctx.io.stderr.write(note);
    }
  }

  /** After a failure: the output file stays as it was. */
  async abort(): Promise<void> {
    await this.target?.abort();
  }
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
  const settings = inputSettings(ctx.values);
  const source = await openRowInput(ctx, path, settings);
  const counter = { warnings: 0 };
  const output = new RowOutput<R>(ctx, source, { columns: spec.columns, toJson: spec.toJson, ...(spec.csvLine !== undefined ? { csvLine: spec.csvLine } : {}) });
  await output.open();
  const progress = ctx.io.stderr.isTTY === true;
  try {
    const rows = readRowChunks(source, rowReadOptions(ctx, settings, spec.fields, counter));
    const evaluateOne = (row: InputRow): R => {
      try {
        return spec.evaluate(row);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return spec.failed(row, [
          cliIssueOf('invalid-input.row-internal', [], { message: msg }),
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
      const before = output.count;
      await output.write(results, chunk);
      if (progress) {
        for (let n = (Math.floor(before / 100_000) + 1) * 100_000; n <= output.count; n += 100_000) {
          ctx.io.stderr.write(`\r${n.toLocaleString('de-DE')} …`);
        }
      }
    }
    await output.end();
    if (progress) {
      ctx.io.stderr.write(`\r\u001b[K${slashed(cliText('cli.rows-done', { count: output.count, invalid: output.invalid }))}\n`);
    }
  } catch (e) {
    await output.abort();
    throw e;
  }
  return output.invalid > 0 || counter.warnings > 0 ? 1 : 0;
}

/**
 * Runs a row command that needs every row before it computes (a budget split): reads the whole
 * input, computes, writes one output row per input row. Exit 0 when every row is ok, 1 otherwise
 * (also after a warning, e.g. duplicate ids).
 */
export async function runWholeRowCommand<R extends { ok: boolean }>(
  ctx: CommandContext,
  spec: {
    fields: Readonly<Record<string, FieldKind>>;
    columns: readonly Column<R>[];
    toJson: (row: R) => unknown;
    compute: (rows: InputRow[]) => { rows: R[]; after?: string };
    /** Warn (exit 1) when two rows have the same id. */
    uniqueIds?: boolean;
  },
): Promise<0 | 1> {
  const path = ctx.positionals[0] ?? '-';
  const settings = inputSettings(ctx.values);
  const source = await openRowInput(ctx, path, settings);
  const counter = { warnings: 0 };
  const inputs: InputRow[] = [];
  const readOptions = rowReadOptions(ctx, settings, spec.fields, counter);
  for await (const chunk of readRowChunks(source, readOptions)) for (const row of chunk) inputs.push(row);
  if (spec.uniqueIds === true) {
    const seen = new Map<string, number>();
    const dups: string[] = [];
    for (const r of inputs) {
      const ags = r.value !== null && typeof r.value === 'object' ? (r.value as { ags?: unknown }).ags : undefined;
      const id = idOf(r.value) ?? (typeof ags === 'string' ? ags : null);
      if (id === null) continue;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, r.row);
      else dups.push(t(ctx.lang, 'cli.duplicate-id-rows', { id, first, row: r.row }));
    }
    if (dups.length > 0) {
      const list = dups.slice(0, 10).join(', ') + (dups.length > 10 ? ', …' : '');
      readOptions.onWarning?.(cliText('cli.duplicate-ids', { list }));
    }
  }
  const result = spec.compute(inputs);
  const output = new RowOutput<R>(ctx, source, { columns: spec.columns, toJson: spec.toJson });
  await output.open();
  try {
    const byRow = new Map(inputs.map((i) => [i.row, i]));
    await output.write(result.rows, result.rows.map((r) => byRow.get(Number((r as { row?: unknown }).row)) as InputRow));
    await output.end();
  } catch (e) {
    await output.abort();
    throw e;
  }
  if (result.after !== undefined) ctx.io.stderr.write(result.after);
  return output.invalid > 0 || counter.warnings > 0 ? 1 : 0;
}
