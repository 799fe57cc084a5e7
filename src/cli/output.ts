import { createWriteStream, realpathSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CliError, writeText, type CliIo, type OutStream } from './context.js';
import { cliText } from '../messages/cli.js';
import type { Localized } from '../messages/catalogue.js';

/**
 * Row output of the CLI, shared by every command that writes rows: an aligned table for
 * terminals, CSV, a JSON array or JSON Lines. Rows are written as they come, with back-pressure
 * (the writer waits when the destination is full), so output of any size streams.
 */

/** Output formats. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json', 'jsonl', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * What a column holds, for Excel CSV and workbooks: text (neutralised when it could start a
 * formula), a whole number, a decimal, an amount of money (two places, € in a workbook), a
 * calendar date, or yes/no. Machine formats (plain CSV, JSON) keep the text as it is.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean';

/** Kinds of the columns the commands write, by key (a column's own `kind` comes first). */
export const COLUMN_KINDS: Readonly<Record<string, ColumnKind>> = {
  row: 'integer',
  ok: 'boolean',
  eligible: 'boolean',
  mustApplyJointly: 'boolean',
  salaryInterrupted: 'boolean',
  on: 'date',
  counsellingEndsOn: 'date',
  startDate: 'date',
  endDate: 'date',
  weightDate: 'date',
  amount: 'money',
  total: 'money',
  exact: 'decimal',
  yearlyAmount: 'money',
  ratePerFteYear: 'money',
  ratePerFte: 'money',
  funding: 'money',
  perCaseAmount: 'money',
  perCaseFunding: 'money',
  weight: 'decimal',
  share: 'decimal',
  fte: 'decimal',
  fundedMonths: 'decimal',
  fundedFte: 'decimal',
  impliedRatio: 'decimal',
  months: 'integer',
  year: 'integer',
  persons: 'integer',
  assumptions: 'integer',
};

/** One column of table and CSV output. */
export interface Column<R> {
  /** Header (a stable field name). */
  key: string;
  /** Heading of the column in a table (`--format table`); default `key`. CSV, JSON and workbooks use `key`. */
  heading?: string;
  /** The cell text. */
  cell: (row: R) => string;
  /** In a table, print the text below the row (indented) instead of as a column. */
  block?: boolean;
  /** What the cell holds; default from {@link COLUMN_KINDS}, else text. */
  kind?: ColumnKind;
}

/** The kind of a column. */
export function columnKind(c: { key: string; kind?: ColumnKind | undefined }): ColumnKind {
  return c.kind ?? COLUMN_KINDS[c.key] ?? 'text';
}

/** A label in both languages in one cell or line, German first: `Eingabe / input`. */
export function slashed(m: Localized): string {
  return `${m.de} / ${m.en}`;
}

/**
 * A text cell that a spreadsheet could take for a formula (it starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection", CWE-1236).
 */
export function neutralise(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The text of a cell in CSV output: text cells neutralised; for Excel (`excel`) also decimal
 * commas and `TT.MM.JJJJ` dates.
 */
export function csvCellText(kind: ColumnKind, text: string, excel: boolean): string {
  if (kind === 'text') return neutralise(text);
  if (!excel) return text;
  if ((kind === 'decimal' || kind === 'money') && DECIMAL_RE.test(text)) return text.replace('.', ',');
  if (kind === 'date') {
    const m = ISO_DATE_RE.exec(text);
    if (m !== null) return `${m[3]}.${m[2]}.${m[1]}`;
  }
  return text;
}

/** A workbook cell for write-excel-file. */
type XlsxCell = { value: string | number | boolean | Date; type: StringConstructor | NumberConstructor | BooleanConstructor | DateConstructor; format?: string } | null;

/** The number format of money cells in a workbook: German Excel shows 1.234,56 €. */
export const XLSX_MONEY_FORMAT = '#,##0.00 "€"';
/** The date format of date cells in a workbook. */
export const XLSX_DATE_FORMAT = 'dd.mm.yyyy';

function xlsxCell(kind: ColumnKind, text: string): XlsxCell {
  if (text === '') return null;
  switch (kind) {
    case 'integer':
    case 'decimal':
    case 'money':
      if (DECIMAL_RE.test(text)) {
        const n = Number(text);
        if (Number.isFinite(n)) {
          if (kind === 'money') return { value: n, type: Number, format: XLSX_MONEY_FORMAT };
          return kind === 'integer' ? { value: n, type: Number, format: '0' } : { value: n, type: Number };
        }
      }
      break;
    case 'date': {
      const m = ISO_DATE_RE.exec(text);
      if (m !== null) return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), type: Date, format: XLSX_DATE_FORMAT };
      break;
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true', type: Boolean };
      break;
    case 'text':
      break;
  }
  return { value: neutralise(text), type: String };
}

/** What the second sheet of a workbook lists: the rule sets applied and the assumptions made. */
export class RunFacts {
  readonly ruleSets = new Map<string, { id: string; hash: string; resolvedHash: string; overlays: string }>();
  readonly assumptions = new Map<string, string[]>();

  /** Takes note of one result row (as its JSON). */
  observe(json: unknown): void {
    if (json === null || typeof json !== 'object') return;
    const r = json as Record<string, unknown>;
    if (typeof r.ruleSet === 'string' && r.ruleSet !== '') {
      const hash = typeof r.ruleSetHash === 'string' ? r.ruleSetHash : '';
      const resolvedHash = typeof r.resolvedHash === 'string' ? r.resolvedHash : '';
      const overlays = Array.isArray(r.overlays) ? r.overlays.filter((o): o is string => typeof o === 'string').join('|') : '';
      const key = `${r.ruleSet}|${hash}|${resolvedHash}|${overlays}`;
      if (!this.ruleSets.has(key) && this.ruleSets.size < 1000) this.ruleSets.set(key, { id: r.ruleSet, hash, resolvedHash, overlays });
    }
    if (Array.isArray(r.assumptions)) {
      for (const a of r.assumptions as unknown[]) {
        if (this.assumptions.size >= 1000) break;
        if (typeof a === 'string') {
          const m = /^([^:]*):([^/]*)\/(.*)$/.exec(a);
          if (!this.assumptions.has(a)) this.assumptions.set(a, m === null ? ['', '', a, '', '', '', '', ''] : [m[1] ?? '', m[2] ?? '', m[3] ?? '', '', '', '', '', '']);
        } else if (a !== null && typeof a === 'object') {
          const o = a as Record<string, unknown>;
          const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
          const cells = [text(o.kind), text(o.ruleSet), text(o.name), text(o.value), text(o.from), text(o.confidence), text(o.source), text(o.note)];
          const key = cells.join('\u0000');
          if (!this.assumptions.has(key)) this.assumptions.set(key, cells);
        }
      }
    }
  }
}

/** Largest number of data rows a worksheet holds (Excel's limit less the header row). */
export const XLSX_MAX_ROWS = 1_048_575;

/** How rows are turned into output. */
export interface RowWriterOptions<R> {
  format: OutputFormat;
  stream: OutStream;
  columns: readonly Column<R>[];
  /** The row as a JSON value (json, jsonl). */
  toJson: (row: R) => unknown;
  /** CSV delimiter; default `,`. */
  csvDelimiter?: string;
  /** Rows a table looks at to choose column widths before it prints; default 200. */
  tableSample?: number;
  /**
   * Optional shortcut for CSV: the record of a row (with its line break) exactly as the columns
   * would give it, or null to build it from the columns.
   */
  csvLine?: (row: R, delimiter: string) => string | null;
  /** CSV for German Excel: BOM, `;`, decimal commas, `TT.MM.JJJJ` (csv format only). */
  excel?: boolean;
  /** Lines for the second sheet of a workbook (what was run), shown above the rule sets and assumptions. */
  about?: readonly (readonly [string, string])[];
}

const FLUSH_AT = 1 << 18;
/** Bytes of one output piece: room for FLUSH_AT characters of up to three UTF-8 bytes each. */
const PIECE_BYTES = FLUSH_AT * 3;

/**
 * Collects text as UTF-8 bytes and writes it in large pieces, waiting for `drain` when asked to.
 * Each piece holds whole texts only, so every piece written is valid UTF-8 by itself. Encoding
 * each text as it comes spares one large joined string per piece (and its garbage).
 */
export class BufferedSink {
  private buf: Buffer | null = null;
  private used = 0;
  private size = 0;
  /** Full pieces and texts too large for a piece, in order, not yet written. */
  private pending: (string | Buffer)[] = [];
  constructor(private readonly stream: OutStream) {}

  async write(text: string): Promise<void> {
    if (this.add(text)) await this.flush();
  }

  /** Adds text without writing; true when enough has collected that the caller should {@link flush}. */
  add(text: string): boolean {
    if (text.length * 3 <= PIECE_BYTES - this.used) {
      this.buf ??= Buffer.allocUnsafe(PIECE_BYTES);
      this.used += this.buf.write(text, this.used, 'utf8');
    } else {
      this.takeBytes();
      if (text.length * 3 <= PIECE_BYTES) {
        this.buf = Buffer.allocUnsafe(PIECE_BYTES);
        this.used = this.buf.write(text, 0, 'utf8');
      } else this.pending.push(text);
    }
    this.size += text.length;
    return this.size >= FLUSH_AT;
  }

  /** Moves the bytes collected so far to the pending pieces. */
  private takeBytes(): void {
    if (this.buf === null || this.used === 0) return;
    this.pending.push(this.buf.subarray(0, this.used));
    this.buf = null;
    this.used = 0;
  }

  async flush(): Promise<void> {
    this.takeBytes();
    const out = this.pending;
    this.pending = [];
    this.size = 0;
    for (const piece of out) {
      await writeText(this.stream, piece);
    }
  }
}


/**
 * One CSV record line as csv-stringify writes it with `record_delimiter: 'unix'` and otherwise
 * default options: a cell is quoted when it holds the delimiter, a quote or `\n` (with an
 * explicit record delimiter csv-stringify does not quote a lone `\r`), and quotes inside are
 * doubled. Written by hand because csv-stringify's per-call set-up dominated
 * the time of large outputs; test/cli/csv-fast.test.ts compares the two on random cells.
 */
export function csvRecord(cells: readonly string[], delimiter: string): string {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') return stringify([cells], { delimiter, record_delimiter: 'unix' });
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] as string;
    if (i > 0) out += delimiter;
    if (v.length === 0) continue;
    if (v.includes(delimiter) || v.includes('"') || v.includes('\n')) out += `"${v.replaceAll('"', '""')}"`;
    else out += v;
  }
  return `${out}\n`;
}

/** Length in code points, so that ✓, umlauts and astral characters count as one column. */
export function displayWidth(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

/** Pads to a width (by code points). */
export function pad(text: string, width: number): string {
  const len = displayWidth(text);
  return len >= width ? text : text + ' '.repeat(width - len);
}

/** Formats rows of cells as an aligned table with a header and a rule. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** Writes rows in one of the output formats. */
export class RowWriter<R> {
  private readonly sink: BufferedSink;
  private readonly columns: readonly Column<R>[];
  private readonly kinds: readonly ColumnKind[];
  private readonly inline: readonly Column<R>[];
  private readonly blocks: readonly Column<R>[];
  private readonly excel: boolean;
  private sample: R[] | null = [];
  private widths: number[] = [];
  private rows = 0;
  private sheet: XlsxCell[][] | null = null;
  private readonly facts = new RunFacts();

  constructor(private readonly options: RowWriterOptions<R>) {
    this.sink = new BufferedSink(options.stream);
    this.columns = options.columns;
    this.kinds = options.columns.map(columnKind);
    this.excel = options.format === 'csv' && options.excel === true;
    this.inline = options.format === 'table' ? options.columns.filter((c) => c.block !== true) : options.columns;
    this.blocks = options.format === 'table' ? options.columns.filter((c) => c.block === true) : [];
    if (options.format === 'xlsx') this.sheet = [];
  }

  /** Rows written so far. */
  get count(): number {
    return this.rows;
  }

  private get delimiter(): string {
    return this.excel ? ';' : (this.options.csvDelimiter ?? ',');
  }

  private csvHeader(): string {
    return `${this.excel ? '\uFEFF' : ''}${csvRecord(
      this.columns.map((c) => c.key),
      this.delimiter,
    )}`;
  }

  private csvRow(row: R, cells: string[]): string {
    const delimiter = this.delimiter;
    if (!this.excel) {
      const line = this.options.csvLine?.(row, delimiter) ?? null;
      if (line !== null) return line;
    }
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) cells[i] = csvCellText(this.kinds[i] as ColumnKind, (columns[i] as Column<R>).cell(row), this.excel);
    return csvRecord(cells, delimiter);
  }

  private addToSheet(row: R): void {
    const sheet = this.sheet as XlsxCell[][];
    if (sheet.length >= XLSX_MAX_ROWS) {
      throw CliError.of('cli.xlsx-too-many-rows', { max: XLSX_MAX_ROWS });
    }
    sheet.push(this.columns.map((c, i) => xlsxCell(this.kinds[i] as ColumnKind, c.cell(row))));
    this.facts.observe(this.options.toJson(row));
  }

  /**
   * Writes many rows; the same output as {@link write} for each in turn, built in one go and
   * flushed (waiting for `drain`) only when a large piece has collected. JSON Lines are flushed
   * at the end of every call, so that each result leaves as soon as its input has been read.
   */
  async writeMany(rows: readonly R[]): Promise<void> {
    const format = this.options.format;
    if (format === 'table') {
      for (const row of rows) await this.write(row);
      return;
    }
    if (format === 'xlsx') {
      for (const row of rows) {
        this.addToSheet(row);
        this.rows++;
      }
      return;
    }
    const sink = this.sink;
    const toJson = this.options.toJson;
    const cells: string[] = new Array<string>(this.columns.length);
    for (const row of rows) {
      const first = this.rows === 0;
      this.rows++;
      let text: string;
      if (format === 'csv') {
        text = (first ? this.csvHeader() : '') + this.csvRow(row, cells);
      } else if (format === 'jsonl') {
        text = `${JSON.stringify(toJson(row))}\n`;
      } else {
        text = `${first ? '[\n' : ',\n'}${JSON.stringify(toJson(row))}`;
      }
      if (sink.add(text)) await sink.flush();
    }
    if (format === 'jsonl') await sink.flush();
  }

  async write(row: R): Promise<void> {
    const first = this.rows === 0;
    switch (this.options.format) {
      case 'json':
        this.rows++;
        await this.sink.write(`${first ? '[\n' : ',\n'}${JSON.stringify(this.options.toJson(row))}`);
        return;
      case 'jsonl':
        this.rows++;
        await this.sink.write(`${JSON.stringify(this.options.toJson(row))}\n`);
        return;
      case 'csv':
      case 'xlsx':
        await this.writeMany([row]);
        return;
      case 'table':
        this.rows++;
        if (this.sample !== null) {
          this.sample.push(row);
          if (this.sample.length >= (this.options.tableSample ?? 200)) await this.flushSample();
          return;
        }
        await this.tableRow(row);
        return;
    }
  }

  /** Finishes the output (closing a JSON array, printing a short table, writing a workbook) and flushes it. */
  async end(): Promise<void> {
    switch (this.options.format) {
      case 'json':
        await this.sink.write(this.rows === 0 ? '[]\n' : '\n]\n');
        break;
      case 'csv':
        if (this.rows === 0) await this.sink.write(this.csvHeader());
        break;
      case 'table':
        if (this.sample !== null) await this.flushSample();
        break;
      case 'xlsx':
        await this.writeWorkbook();
        return;
      case 'jsonl':
        break;
    }
    await this.sink.flush();
  }

  private async writeWorkbook(): Promise<void> {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const header: XlsxCell[] = this.columns.map((c) => ({ value: c.key, type: String }));
    const data = [header, ...(this.sheet ?? [])];
    this.sheet = null;
    const text = (v: string): XlsxCell => (v === '' ? null : { value: neutralise(v), type: String });
    const about: XlsxCell[][] = [];
    for (const [k, v] of this.options.about ?? []) about.push([text(k), text(v)]);
    about.push([]);
    about.push([slashed(cliText('cli.about-rule-set')), 'ruleSetHash', 'resolvedHash', 'overlays'].map(text));
    for (const r of this.facts.ruleSets.values()) about.push([text(r.id), text(r.hash), text(r.resolvedHash), text(r.overlays)]);
    about.push([]);
    about.push([`${slashed(cliText('cli.about-assumption'))}: kind`, 'ruleSet', 'name', 'value', 'from', 'confidence', 'source', 'note'].map(text));
    for (const cells of this.facts.assumptions.values()) about.push(cells.map(text));
    const widths = this.columns.map((c, i) => {
      const k = this.kinds[i];
      return { width: Math.min(40, Math.max(c.key.length + 2, k === 'money' ? 16 : k === 'date' ? 12 : k === 'text' ? 14 : 8)) };
    });
    const sheets = [
      { data: data as never, sheet: 'Ergebnis', columns: widths, stickyRowsCount: 1 },
      { data: about as never, sheet: 'Annahmen', columns: [{ width: 34 }, { width: 72 }, { width: 72 }, { width: 20 }, { width: 12 }, { width: 12 }, { width: 60 }, { width: 40 }] },
    ];
    const buffer = await writeXlsxFile(sheets).toBuffer();
    await this.sink.flush();
    await new Promise<void>((resolve, reject) => {
      this.options.stream.write(buffer, (e) => (e ? reject(e) : resolve()));
    });
  }

  private async flushSample(): Promise<void> {
    const sample = this.sample ?? [];
    this.sample = null;
    const header = this.inline.map((c) => c.heading ?? c.key);
    const cells = sample.map((r) => this.inline.map((c) => c.cell(r)));
    this.widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
    await this.sink.write(this.tableLine(header));
    await this.sink.write(`${this.widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
    for (const r of sample) await this.tableRow(r);
  }

  private tableLine(cells: readonly string[]): string {
    return `${cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, this.widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  }

  private async tableRow(row: R): Promise<void> {
    await this.sink.write(this.tableLine(this.inline.map((c) => c.cell(row))));
    for (const b of this.blocks) {
      const text = b.cell(row);
      if (text !== '') await this.sink.write(`${text.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
    }
  }
}

/** Where output goes: stdout, or a file that is closed at the end. */
export interface OutputTarget {
  stream: OutStream;
  /** Waits until everything is written and puts the file in place (a temporary file is renamed). */
  close(): Promise<void>;
  /** After a failure: removes the temporary file; an existing output file stays as it was. */
  abort(): Promise<void>;
}

/** The real path of a file, or of the path itself when it does not exist. */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Opens `--out FILE` for writing (or uses stdout). The output goes to a temporary file next to
 * FILE that is renamed to FILE when everything is written: a run that fails leaves an existing
 * FILE as it was, and FILE may be the input file itself (the input is read from the old file to
 * the end). Fails with exit status 2 when the file cannot be created or names a directory.
 */
export async function openOutput(path: string | undefined, io: CliIo): Promise<OutputTarget> {
  if (path === undefined || path === '-') return { stream: io.stdout, close: () => Promise.resolve(), abort: () => Promise.resolve() };
  let existing: Awaited<ReturnType<typeof stat>> | null;
  try {
    existing = await stat(path);
  } catch {
    existing = null;
  }
  if (existing !== null && !existing.isFile()) {
    throw CliError.of('cli.output-file-not-file', { path });
  }
  const finalPath = existing !== null ? realOrSelf(path) : resolve(path);
  const tmp = join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const file = createWriteStream(tmp, { flags: 'wx', mode: existing !== null ? existing.mode & 0o777 : 0o666 });
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (e) => reject(CliError.of('cli.output-file-uncreatable', { path, message: e.message })));
  });
  let done = false;
  return {
    stream: file,
    close: async () => {
      if (done) return;
      done = true;
      await new Promise<void>((resolve, reject) => {
        file.once('error', reject);
        file.end(() => resolve());
      });
      try {
        await rename(tmp, finalPath);
      } catch (e) {
        await rm(tmp, { force: true });
        throw CliError.of('cli.output-file-unwritable', { path, message: (e as Error).message });
      }
    },
    abort: async () => {
      if (done) return;
      done = true;
      await new Promise<void>((resolve) => {
        file.once('error', () => resolve());
        file.end(() => resolve());
      });
      await rm(tmp, { force: true });
    },
  };
}
