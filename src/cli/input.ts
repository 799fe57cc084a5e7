import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv, type CsvError, type Parser } from 'csv-parse';
import type * as z from 'zod';
import { issue, type Issue } from '../issues.js';
import type { Localized } from '../ruleset/schema.js';
import { CliError, type InStream } from './context.js';

/**
 * Row input of the CLI, shared by every command that reads rows: CSV (`;`, `,` or tab, detected
 * from the header line; UTF-8 with or without BOM), a JSON array, or JSON Lines. Rows stream:
 * memory stays bounded by the longest row, not the file. Every data row yields exactly one
 * {@link InputRow}, in input order; a row that cannot be read yields one with a
 * `malformed-row` issue and reading continues with the next line.
 */

/** Input formats. */
export const INPUT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** How a CSV cell is turned into a value. */
export type FieldKind = 'string' | 'boolean' | 'number' | 'decimal';

/** Longest cell (characters) accepted; longer cells are reported and left out. */
export const MAX_FIELD_LENGTH = 1000;
/** Longest JSON row (characters) accepted. */
export const MAX_JSON_ROW_LENGTH = 1_000_000;

/** One input row, read but not yet validated. */
export interface InputRow {
  /** 1-based number of the data row (header and blank lines not counted). */
  row: number;
  /** Physical line (1-based) where the row starts, where known. */
  line: number | null;
  /** The row as an object of fields (CSV) or as parsed (JSON); undefined when it could not be read. */
  value: unknown;
  /** Problems found while reading: `malformed-row`, `unknown-field`, `invalid-type`, `limit-exceeded`, `forbidden-key`. */
  issues: Issue[];
}

/** An opened input. */
export interface InputSource {
  /** File name, or `-` for stdin. */
  name: string;
  format: InputFormat;
  stream: NodeJS.ReadableStream;
}

/** Options for {@link readRows}. */
export interface ReadRowsOptions {
  /** Known fields and how CSV cells convert; other columns are reported as `unknown-field`. */
  fields?: Readonly<Record<string, FieldKind>>;
  /** Columns to leave out silently. */
  ignoreColumns?: readonly string[];
  /** Force the CSV delimiter instead of detecting it. */
  delimiter?: string;
  /** Called once the CSV delimiter is known. */
  onDelimiter?: (delimiter: string) => void;
  /**
   * Called for a problem with the input as a whole that leaves every row readable, e.g. a JSON
   * array without its closing `]`. Commands report it and end with exit status 1.
   */
  onWarning?: (de: string, en: string) => void;
  /**
   * Read CSV with csv-parse alone, without the line splitter that reads plain lines itself. The
   * rows are the same either way (the tests compare them); this exists for those tests.
   */
  csvParseOnly?: boolean;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The format a file name implies, or undefined. */
export function formatFromPath(path: string): InputFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.csv':
    case '.tsv':
    case '.txt':
      return 'csv';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    default:
      return undefined;
  }
}

/**
 * Opens a file (or stdin for `-`) for reading rows. Fails with exit status 2 when the file does
 * not exist, is a directory or its format cannot be told.
 */
export async function openInput(path: string, options: { format?: InputFormat | undefined; stdin: InStream }): Promise<InputSource> {
  if (path === '-') return { name: '-', format: options.format ?? 'csv', stream: options.stdin };
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw new CliError(
      `Das Format von ${path} ist an der Endung nicht zu erkennen (.csv, .json, .jsonl, .ndjson); --input-format angeben.`,
      `Cannot tell the format of ${path} from its extension (.csv, .json, .jsonl, .ndjson); give --input-format.`,
    );
  }
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    throw new CliError(`Eingabedatei ${path} ist nicht lesbar: ${(e as Error).message}`, `Input file ${path} is unreadable: ${(e as Error).message}`);
  }
  if (!isFile) throw new CliError(`${path} ist keine Datei.`, `${path} is not a file.`);
  return { name: path, format, stream: createReadStream(path, { highWaterMark: 1 << 18 }) };
}

type ZodLike = { _zod: { def: { type: string; innerType?: unknown } } };

/** CSV field kinds derived from a zod object schema's shape (booleans and numbers are converted). */
export function fieldKindsOf(shape: Readonly<Record<string, unknown>>): Record<string, FieldKind> {
  const out: Record<string, FieldKind> = {};
  for (const [name, schema] of Object.entries(shape)) {
    let cur = schema as ZodLike;
    for (let i = 0; i < 10; i++) {
      const def = cur._zod.def;
      if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly') && def.innerType !== undefined) {
        cur = def.innerType as ZodLike;
      } else break;
    }
    const type = cur._zod.def.type;
    out[name] = type === 'boolean' ? 'boolean' : type === 'number' || type === 'int' ? 'number' : 'string';
  }
  return out;
}

/** Convenience: field kinds of a zod object schema. */
export function fieldKindsOfSchema(schema: z.ZodObject): Record<string, FieldKind> {
  return fieldKindsOf(schema.shape);
}

const TRUE_WORDS = new Set(['true', 'ja', 'yes', '1', 'wahr', 'j', 'y']);
const FALSE_WORDS = new Set(['false', 'nein', 'no', '0', 'falsch', 'n']);

/** A decimal in German (`1.234,56`, `0,5`) or international (`1234.56`) notation, as `1234.56`; else null. */
export function normaliseDecimal(text: string): string | null {
  const s = text.trim();
  if (/^[-+]?\d+([.,]\d+)?$/.test(s)) return s.replace(',', '.').replace(/^\+/, '');
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, '').replace(',', '.').replace(/^\+/, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '').replace(/^\+/, '');
  return null;
}

/** Converts one CSV cell; returns the value or an issue. */
export function coerceCell(cell: string, kind: FieldKind, column: string): { value: unknown } | { issue: Issue } {
  switch (kind) {
    case 'string':
      return { value: cell };
    case 'boolean': {
      const w = cell.toLowerCase();
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return {
        issue: issue(
          'invalid-type',
          [column],
          `${column}: erwartet ja/nein (auch true/false, 1/0, yes/no), nicht ${JSON.stringify(cell.slice(0, 40))}.`,
          `${column}: expected yes/no (also true/false, 1/0, ja/nein), not ${JSON.stringify(cell.slice(0, 40))}.`,
        ),
      };
    }
    case 'number':
    case 'decimal': {
      const n = normaliseDecimal(cell);
      if (n === null) {
        return {
          issue: issue(
            'invalid-type',
            [column],
            `${column}: erwartet eine Zahl (z. B. 1234,56 oder 1234.56), nicht ${JSON.stringify(cell.slice(0, 40))}.`,
            `${column}: expected a number (e.g. 1234.56 or 1234,56), not ${JSON.stringify(cell.slice(0, 40))}.`,
          ),
        };
      }
      return { value: kind === 'number' ? Number(n) : n };
    }
  }
}

/**
 * Reads rows from an opened input. One {@link InputRow} per data row, in order.
 *
 * @throws CliError (exit 2) when the input cannot be read at all: I/O error, UTF-16, a CSV header
 * that is unreadable or has duplicate or empty column names, JSON that is not an array.
 */
export async function* readRows(source: InputSource, options: ReadRowsOptions = {}): AsyncGenerator<InputRow> {
  try {
    if (source.format === 'csv') yield* readCsv(source.stream, options);
    else if (source.format === 'jsonl') yield* readJsonLines(source.stream);
    else yield* readJsonArray(source.stream, options);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const msg = (e as Error).message;
    throw new CliError(`Eingabe ${source.name} ist nicht lesbar: ${msg}`, `Input ${source.name} is unreadable: ${msg}`);
  }
}

/**
 * Like {@link readRows}, but yields the rows in arrays (in order, none empty): as many as one
 * piece of the input holds for CSV, up to `size` for JSON. Lets a command evaluate and write
 * rows in batches.
 */
export async function* readRowChunks(source: InputSource, options: ReadRowsOptions = {}, size = 4096): AsyncGenerator<InputRow[]> {
  try {
    if (source.format === 'csv') {
      yield* readCsvChunks(source.stream, options);
      return;
    }
    let chunk: InputRow[] = [];
    const rows = source.format === 'jsonl' ? readJsonLines(source.stream) : readJsonArray(source.stream, options);
    try {
      for await (const row of rows) {
        chunk.push(row);
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
    } catch (e) {
      // Rows read before a failure are still handed on, as readRows would have.
      if (chunk.length > 0) yield chunk;
      throw e;
    }
    if (chunk.length > 0) yield chunk;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const msg = (e as Error).message;
    throw new CliError(`Eingabe ${source.name} ist nicht lesbar: ${msg}`, `Input ${source.name} is unreadable: ${msg}`);
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  throw new TypeError('unexpected chunk type');
}

function checkNotUtf16(head: Buffer): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new CliError(
      'Die Eingabe ist UTF-16-kodiert; bitte als UTF-8 speichern (in Excel: „CSV UTF-8“).',
      'The input is UTF-16 encoded; please save it as UTF-8 (in Excel: "CSV UTF-8").',
    );
  }
}

function malformed(row: number, line: number | null, de: string, en: string): InputRow {
  const where = line !== null ? ` (Zeile ${line})` : '';
  const whereEn = line !== null ? ` (line ${line})` : '';
  return { row, line, value: undefined, issues: [issue('malformed-row', [], `Zeile nicht lesbar${where}: ${de}`, `Row unreadable${whereEn}: ${en}`)] };
}

// ---------------------------------------------------------------------------------------------
// CSV

const UNCLOSED_QUOTE: Localized = {
  de: 'ein Anführungszeichen wird in dieser Zeile nicht geschlossen.',
  en: 'a quote opened on this line is not closed.',
};

function describeCsvError(error: CsvError): Localized {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return UNCLOSED_QUOTE;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return { de: 'Anführungszeichen an unerwarteter Stelle.', en: 'a quote in an unexpected place.' };
    default:
      return { de: `CSV-Fehler ${error.code}.`, en: `CSV error ${error.code}.` };
  }
}

/**
 * Splits one CSV line (without its line break) as csv-parse does with the options the reader
 * uses (`relax_quotes`, default quote and escape `"`): a field that starts with `"` runs to a `"`
 * followed by the delimiter or the end of the line, with `""` standing for one quote; other
 * fields are taken as they are, quotes included. Returns null for what only csv-parse can tell
 * (an unclosed quote, text after a closing quote).
 */
export function splitCsvLine(line: string, delimiter: string): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) !== 34) {
      const e = line.indexOf(delimiter, i);
      if (e < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, e));
      i = e + 1;
      continue;
    }
    let value = '';
    let j = i + 1;
    for (;;) {
      const q = line.indexOf('"', j);
      if (q < 0) return null;
      if (line.charCodeAt(q + 1) === 34) {
        value += line.slice(j, q + 1);
        j = q + 2;
        continue;
      }
      value += line.slice(j, q);
      out.push(value);
      if (q + 1 === n) return out;
      if (line[q + 1] !== delimiter) return null;
      i = q + 2;
      break;
    }
  }
}

type CsvEvent = { kind: 'record'; fields: string[]; bytes: number; lines: number } | { kind: 'error'; error: CsvError };

/** Picks the delimiter that occurs most often in the header line: `;`, `,` or tab. */
export function detectDelimiter(headerLine: string): string {
  const count = (c: string): number => headerLine.split(c).length - 1;
  const semi = count(';');
  const comma = count(',');
  const tab = count('\t');
  if (tab > semi && tab > comma) return '\t';
  if (semi > 0 && semi >= comma) return ';';
  return ',';
}

interface ColumnPlan {
  name: string;
  /** Field name the column fills, or null when left out. */
  field: string | null;
  kind: FieldKind;
  unknown: boolean;
  forbidden: boolean;
}

/**
 * Streams CSV through csv-parse. csv-parse cannot resynchronise after some errors (an unclosed
 * quote swallows the rest of the file; a field with a line break swallows following lines), so
 * on any such error the reader reports the offending line as `malformed-row` and restarts a fresh
 * parser at the next line. Input rows never contain line breaks inside fields: every field the
 * CLI reads is a single-line value.
 *
 * Plain lines (no carriage return inside, the same line ending as the lines before, quotes only
 * around whole fields) are split by {@link splitCsvLine} without csv-parse, which is several
 * times faster; at any other line a csv-parse parser takes over, in the state a parser that had
 * read the whole input would be in there (a fresh one with the line ending found so far), and
 * hands back once it has finished a record. Rows, line numbers and issues are the same as with
 * csv-parse alone.
 */
class CsvReader {
  private parser: Parser | null = null;
  private generation = 0;
  private events: CsvEvent[] = [];
  /** Bytes received and not yet known to be consumed; `chunksStart` is the offset of the first. */
  private chunks: Buffer[] = [];
  private chunksStart = 0;
  private received = 0;
  /** Absolute offset where the current parser began, and the line number before its first line. */
  private parserStart = 0;
  private parserLineBase = 0;
  /** Offset after the last record handled, and the number of its next line. */
  private lastEnd = 0;
  private nextLine = 1;
  /** A malformed line whose end has not arrived yet. */
  private seeking: { de: string; en: string } | null = null;
  private header: ColumnPlan[] | null = null;
  private rowNo = 0;
  private head: Buffer[] = [];
  private started = false;
  delimiter: string | undefined;
  readonly out: InputRow[] = [];
  /** Plain lines are split here (decided once the delimiter is known), csv-parse for the rest. */
  private hybrid = false;
  private mode: 'fast' | 'slow' = 'fast';
  /** Line ending found so far (what csv-parse would have discovered), null before the first. */
  private eol: string | null = null;
  /** Offset and line number of the next line the splitter reads. */
  private fastPos = 0;
  private fastLine = 1;
  /** Offset up to which the current csv-parse parser has been fed (hybrid slow mode). */
  private slowFed = 0;

  constructor(private readonly options: ReadRowsOptions) {
    this.delimiter = options.delimiter;
  }

  async push(chunk: Buffer): Promise<void> {
    if (!this.started) {
      this.head.push(chunk);
      const all = Buffer.concat(this.head);
      // Wait for the end of the header line (or 64 KiB) before choosing the delimiter.
      if (all.indexOf(0x0a) < 0 && all.length < 65536) return;
      this.head = [];
      await this.start(all);
      return;
    }
    await this.accept(chunk);
  }

  async finish(): Promise<void> {
    if (!this.started) {
      const all = Buffer.concat(this.head);
      this.head = [];
      if (all.length === 0) return;
      await this.start(all);
    }
    if (this.hybrid) {
      if (this.seeking === null) await this.pump(true);
      if (this.seeking !== null) this.reportSeekingLine(this.received);
      return;
    }
    // An end may trigger a restart, whose new parser must be ended in turn.
    for (let guard = 0; guard < 1_000_000; guard++) {
      if (this.seeking !== null) {
        this.reportSeekingLine(this.received);
        return;
      }
      const parser = this.parser;
      if (parser === null) return;
      const gen = this.generation;
      await new Promise<void>((resolve, reject) => {
        parser.once('error', reject);
        parser.end(() => resolve());
      });
      await this.drain(true);
      if (this.generation === gen) return;
    }
  }

  private async start(all: Buffer): Promise<void> {
    this.started = true;
    checkNotUtf16(all);
    let body = all;
    if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    if (this.delimiter === undefined) {
      const nl = body.indexOf(0x0a);
      this.delimiter = detectDelimiter(body.subarray(0, nl < 0 ? body.length : nl).toString('utf8'));
    }
    this.options.onDelimiter?.(this.delimiter);
    const d = this.delimiter;
    this.hybrid = this.options.csvParseOnly !== true && d.length === 1 && d.charCodeAt(0) < 128 && d !== '"' && d !== '\r' && d !== '\n';
    if (!this.hybrid) this.newParser(0, 0);
    await this.accept(body);
  }

  /** Hybrid: continue with the line splitter at `pos` (a line start). */
  private setFast(pos: number, line: number, eol: string | null): void {
    this.parser?.destroy();
    this.parser = null;
    this.generation++;
    this.events = [];
    this.mode = 'fast';
    this.fastPos = pos;
    this.fastLine = line;
    this.eol = eol;
  }

  /** Hybrid: hand the line at `fastPos` to csv-parse. */
  private toSlow(): void {
    this.mode = 'slow';
    this.newParser(this.fastPos, this.fastLine - 1, this.eol);
    this.slowFed = this.fastPos;
  }

  /** Hybrid: reads what has arrived, switching between the splitter and csv-parse. */
  private async pump(atEnd: boolean): Promise<void> {
    for (let guard = 0; guard < 1e9; guard++) {
      if (this.seeking !== null) return;
      const before = this.mode;
      if (before === 'fast') this.runFast(atEnd);
      else await this.slowStep(atEnd);
      // Go on only when the other reader took over.
      if (this.currentMode() === before) return;
    }
  }

  private currentMode(): 'fast' | 'slow' {
    return this.mode;
  }

  /** Hybrid: splits plain lines from `fastPos` on; stops at the first line csv-parse must read. */
  private runFast(atEnd: boolean): void {
    const d = this.delimiter ?? ',';
    const base = this.fastPos;
    if (this.received <= base) return;
    const buf = this.bytesFrom(base);
    let end = buf.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      if (atEnd) end = buf.length;
      else {
        // A very long line without a line break: csv-parse reads it as it streams.
        if (buf.length > 1 << 20) this.toSlow();
        return;
      }
    } else if (atEnd) end = buf.length;
    const text = buf.toString('utf8', 0, end);
    const ascii = text.length === end;
    let p = 0;
    while (p < end) {
      let nl = buf.indexOf(0x0a, p);
      if (nl >= end) nl = -1;
      const lineEnd = nl < 0 ? end : nl;
      let contentEnd = lineEnd;
      let lineBreak: string | null = null;
      if (nl >= 0) {
        if (lineEnd > p && buf[lineEnd - 1] === 0x0d) {
          contentEnd = lineEnd - 1;
          lineBreak = '\r\n';
        } else lineBreak = '\n';
      }
      const next = nl < 0 ? end : nl + 1;
      const content = ascii ? text.slice(p, contentEnd) : buf.toString('utf8', p, contentEnd);
      const fields = (lineBreak !== null && this.eol !== null && lineBreak !== this.eol) || content.includes('\r') ? null : content.length === 0 ? [] : splitCsvLine(content, d);
      if (fields === null) {
        this.toSlow();
        return;
      }
      if (lineBreak !== null && this.eol === null) this.eol = lineBreak;
      const line = this.fastLine;
      this.fastLine = line + 1;
      this.fastPos = base + next;
      p = next;
      if (content.length > 0) {
        // As csv-parse reports a record: end after its line break, its line number.
        this.lastEnd = base + next;
        this.nextLine = line + 1;
        this.handleRecord(fields, line);
      }
    }
    this.trim();
  }

  /**
   * Hybrid: feeds csv-parse line by line. csv-parse emits a record only once it has seen what
   * follows, so as soon as a record has come out, its parser is dropped and the splitter goes on
   * after that record, where a parser is in its starting state.
   */
  private async slowStep(atEnd: boolean): Promise<void> {
    while (this.mode === 'slow' && this.seeking === null) {
      const parser = this.parser;
      if (parser === null) return;
      const gen = this.generation;
      const before = this.lastEnd;
      const nl = this.indexOfNewline(this.slowFed);
      let to: number;
      if (nl >= 0) to = nl + 1;
      else if (this.received > this.slowFed && (atEnd || this.received - this.slowFed > 1 << 20)) to = this.received;
      else if (atEnd) {
        await new Promise<void>((resolve, reject) => {
          parser.once('error', reject);
          parser.end(() => resolve());
        });
        await this.drain(true);
        if (this.generation === gen) this.setFast(this.received, this.nextLine, null);
        return;
      } else return;
      const piece = this.bytesBetween(this.slowFed, to);
      this.slowFed = to;
      await this.feed(piece);
      if (this.generation !== gen) return;
      if (this.lastEnd > before) {
        const rd = parser.options.record_delimiter[0];
        this.setFast(this.lastEnd, this.nextLine, rd === undefined ? null : rd.toString('utf8'));
      }
    }
  }

  private newParser(start: number, lineBase: number, recordDelimiter: string | null = null): void {
    this.parser?.destroy();
    const gen = ++this.generation;
    this.events = [];
    this.parserStart = start;
    this.parserLineBase = lineBase;
    const parser = parseCsv({
      delimiter: this.delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      ...(recordDelimiter !== null ? { record_delimiter: recordDelimiter } : {}),
      on_skip: (err) => {
        if (gen === this.generation && err !== undefined) this.events.push({ kind: 'error', error: err });
        return undefined;
      },
    });
    // Records are taken as the parser pushes them, together with its live byte and line counters,
    // so they stay in order with the errors reported through on_skip. (csv-parse's on_record
    // callback gives the same counters but copies its whole info object per record, which
    // doubled the time of a 1M-row file.) Nothing is pushed to the readable side.
    const info = parser.info;
    const endReadable = parser.push.bind(parser);
    (parser as unknown as { push: (chunk: unknown) => boolean }).push = (chunk: unknown): boolean => {
      if (chunk === null) return endReadable(null);
      if (gen === this.generation) this.events.push({ kind: 'record', fields: chunk as string[], bytes: info.bytes, lines: info.lines });
      return true;
    };
    this.parser = parser;
    this.parser.on('error', () => undefined);
  }

  private async accept(chunk: Buffer): Promise<void> {
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.hybrid) {
      if (this.seeking !== null) {
        const nl = this.indexOfNewline(this.lastEnd);
        if (nl < 0) return;
        this.reportSeekingLine(nl);
        this.setFast(nl + 1, this.nextLine, null);
      }
      await this.pump(false);
      return;
    }
    if (this.seeking !== null) {
      const nl = this.indexOfNewline(this.lastEnd);
      if (nl < 0) return;
      this.reportSeekingLine(nl);
      this.newParser(nl + 1, this.nextLine - 1);
      await this.feed(this.bytesFrom(nl + 1));
      return;
    }
    await this.feed(chunk);
  }

  private async feed(bytes: Buffer): Promise<void> {
    const parser = this.parser;
    if (parser === null || bytes.length === 0) return;
    await new Promise<void>((resolve, reject) => {
      parser.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
    await this.drain(false);
  }

  private async drain(atEnd: boolean): Promise<void> {
    const gen = this.generation;
    const events = this.events;
    this.events = [];
    for (const ev of events) {
      if (gen !== this.generation) return;
      if (ev.kind === 'error') {
        await this.restart(atEnd, describeCsvError(ev.error));
        return;
      }
      if (ev.fields.some((f) => f.includes('\n') || f.includes('\r'))) {
        await this.restart(atEnd, UNCLOSED_QUOTE);
        return;
      }
      this.lastEnd = this.parserStart + ev.bytes;
      this.nextLine = this.parserLineBase + ev.lines + 1;
      this.handleRecord(ev.fields, this.parserLineBase + ev.lines);
    }
    this.trim();
  }

  /** Reports the line at `lastEnd` as malformed and restarts parsing after it. */
  private async restart(atEnd: boolean, reason: Localized): Promise<void> {
    this.parser?.destroy();
    this.parser = null;
    this.generation++;
    this.events = [];
    // Skip blank lines before the malformed one.
    for (;;) {
      const b = this.byteAt(this.lastEnd);
      if (b === 0x0a) {
        this.nextLine++;
        this.lastEnd++;
      } else if (b === 0x0d) this.lastEnd++;
      else break;
    }
    this.seeking = reason;
    const nl = this.indexOfNewline(this.lastEnd);
    if (nl < 0) {
      if (atEnd) {
        this.reportSeekingLine(this.received);
        if (this.hybrid) this.setFast(this.received, this.nextLine, null);
      }
      return;
    }
    this.reportSeekingLine(nl);
    if (this.hybrid) {
      // A fresh parser would start here: the splitter goes on, discovering the line ending anew.
      this.setFast(nl + 1, this.nextLine, null);
      return;
    }
    this.newParser(nl + 1, this.nextLine - 1);
    await this.feed(this.bytesFrom(nl + 1));
  }

  private reportSeekingLine(end: number): void {
    const reason = this.seeking;
    this.seeking = null;
    if (reason === null) return;
    if (end > this.lastEnd) {
      if (this.header === null) {
        throw new CliError(`Die Kopfzeile ist nicht lesbar: ${reason.de}`, `The header line is unreadable: ${reason.en}`);
      }
      this.out.push(malformed(++this.rowNo, this.nextLine, reason.de, reason.en));
    }
    this.lastEnd = Math.min(end + 1, this.received);
    this.nextLine++;
    this.trim();
  }

  private handleRecord(fields: string[], line: number): void {
    // A line of only delimiters or blanks is not a row.
    if (fields.every((f) => f.trim() === '')) return;
    if (this.header === null) {
      this.header = this.planColumns(fields);
      return;
    }
    const rowNo = ++this.rowNo;
    const header = this.header;
    if (fields.length !== header.length) {
      this.out.push(
        malformed(
          rowNo,
          line,
          `${fields.length} Felder, die Kopfzeile hat ${header.length} (Trennzeichen ${JSON.stringify(this.delimiter)}).`,
          `${fields.length} fields, the header has ${header.length} (delimiter ${JSON.stringify(this.delimiter)}).`,
        ),
      );
      return;
    }
    const value: Record<string, unknown> = {};
    const issues: Issue[] = [];
    header.forEach((col, i) => {
      const cell = (fields[i] ?? '').trim();
      if (col.forbidden) {
        issues.push(issue('forbidden-key', [col.name], `Die Spalte ${col.name} ist nicht erlaubt.`, `The column ${col.name} is not allowed.`));
        return;
      }
      if (col.unknown) {
        issues.push(issue('unknown-field', [col.name], `Unbekannte Spalte ${col.name}.`, `Unknown column ${col.name}.`));
        return;
      }
      if (col.field === null || cell === '') return;
      if (cell.length > MAX_FIELD_LENGTH) {
        issues.push(
          issue(
            'limit-exceeded',
            [col.field],
            `${col.field}: Feld zu lang (${cell.length} Zeichen, höchstens ${MAX_FIELD_LENGTH}).`,
            `${col.field}: field too long (${cell.length} characters, at most ${MAX_FIELD_LENGTH}).`,
          ),
        );
        return;
      }
      const c = coerceCell(cell, col.kind, col.field);
      if ('issue' in c) {
        issues.push(c.issue);
        value[col.field] = cell;
      } else value[col.field] = c.value;
    });
    this.out.push({ row: rowNo, line, value, issues });
  }

  private planColumns(fields: string[]): ColumnPlan[] {
    const known = this.options.fields;
    const byLower = new Map<string, string>();
    if (known !== undefined) for (const k of Object.keys(known)) byLower.set(k.toLowerCase(), k);
    const ignore = new Set((this.options.ignoreColumns ?? []).map((c) => c.toLowerCase()));
    const seen = new Set<string>();
    return fields.map((raw, i) => {
      const name = raw.trim();
      if (name === '') {
        throw new CliError(`Spalte ${i + 1} der Kopfzeile hat keinen Namen.`, `Column ${i + 1} of the header has no name.`);
      }
      const lower = name.toLowerCase();
      if (seen.has(lower)) throw new CliError(`Die Spalte ${name} kommt in der Kopfzeile doppelt vor.`, `The column ${name} appears twice in the header.`);
      seen.add(lower);
      const forbidden = FORBIDDEN_KEYS.has(name);
      if (ignore.has(lower)) return { name, field: null, kind: 'string', unknown: false, forbidden: false };
      if (known === undefined) return { name, field: forbidden ? null : name, kind: 'string', unknown: false, forbidden };
      const field = byLower.get(lower);
      return field === undefined || forbidden
        ? { name, field: null, kind: 'string', unknown: !forbidden, forbidden }
        : { name, field, kind: known[field] ?? 'string', unknown: false, forbidden: false };
    });
  }

  private byteAt(offset: number): number | undefined {
    let base = this.chunksStart;
    for (const c of this.chunks) {
      if (offset < base + c.length) return offset >= base ? c[offset - base] : undefined;
      base += c.length;
    }
    return undefined;
  }

  private indexOfNewline(from: number): number {
    let base = this.chunksStart;
    for (const c of this.chunks) {
      if (from < base + c.length) {
        const i = c.indexOf(0x0a, Math.max(0, from - base));
        if (i >= 0) return base + i;
      }
      base += c.length;
    }
    return -1;
  }

  private bytesBetween(from: number, to: number): Buffer {
    const all = this.bytesFrom(from);
    return all.subarray(0, to - from);
  }

  private bytesFrom(from: number): Buffer {
    const parts: Buffer[] = [];
    let base = this.chunksStart;
    for (const c of this.chunks) {
      if (from < base + c.length) parts.push(c.subarray(Math.max(0, from - base)));
      base += c.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** Drops chunks wholly before the last handled record: they will not be needed for a restart. */
  private trim(): void {
    while (this.chunks.length > 1) {
      const first = this.chunks[0];
      if (first === undefined || this.chunksStart + first.length > this.lastEnd) break;
      this.chunksStart += first.length;
      this.chunks.shift();
    }
  }
}

async function* readCsv(stream: NodeJS.ReadableStream, options: ReadRowsOptions): AsyncGenerator<InputRow> {
  for await (const rows of readCsvChunks(stream, options)) yield* rows;
}

async function* readCsvChunks(stream: NodeJS.ReadableStream, options: ReadRowsOptions): AsyncGenerator<InputRow[]> {
  const reader = new CsvReader(options);
  for await (const chunk of stream) {
    await reader.push(toBuffer(chunk));
    if (reader.out.length > 0) yield reader.out.splice(0);
  }
  await reader.finish();
  if (reader.out.length > 0) yield reader.out.splice(0);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

function parseJsonRow(text: string, row: number, line: number): InputRow {
  if (text.length > MAX_JSON_ROW_LENGTH) {
    return {
      row,
      line,
      value: undefined,
      issues: [
        issue('limit-exceeded', [], `Zeile ${line}: zu lang (${text.length} Zeichen).`, `Line ${line}: too long (${text.length} characters).`),
      ],
    };
  }
  try {
    return { row, line, value: JSON.parse(text) as unknown, issues: [] };
  } catch (e) {
    const msg = (e as Error).message;
    return malformed(row, line, `kein gültiges JSON (${msg}).`, `not valid JSON (${msg}).`);
  }
}

async function* readJsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<InputRow> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let row = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (lineNo === 1 && text.startsWith('\uFFFD\uFFFD')) checkNotUtf16(Buffer.from([0xff, 0xfe]));
    if (text.trim() === '') continue;
    yield parseJsonRow(text, ++row, lineNo);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON array

/**
 * Streams the elements of a top-level JSON array without holding the whole array: it tracks
 * strings and nesting only to find where each element ends, then JSON.parse reads the element.
 * An element that does not parse becomes a `malformed-row`; the next element is read on.
 */
async function* readJsonArray(stream: NodeJS.ReadableStream, options: ReadRowsOptions): AsyncGenerator<InputRow> {
  const decoder = new StringDecoder('utf8');
  const pos: { state: 'before' | 'inside' | 'after'; elementStarted: boolean; trailing: boolean } = { state: 'before', elementStarted: false, trailing: false };
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let elementLength = 0;
  let elementLine = 1;
  let line = 1;
  let row = 0;
  let first = true;
  const out: InputRow[] = [];

  const finishElement = (closing: boolean): void => {
    const text = element.join('').trim();
    element = [];
    const length = elementLength;
    elementLength = 0;
    if (!pos.elementStarted) {
      // `[]` or a pos.trailing comma before `]`: no row. Two commas in a row are a missing element.
      if (!closing) out.push(malformed(++row, line, 'leeres Element zwischen zwei Kommas.', 'empty element between two commas.'));
      return;
    }
    pos.elementStarted = false;
    if (length > MAX_JSON_ROW_LENGTH) {
      out.push({
        row: ++row,
        line: elementLine,
        value: undefined,
        issues: [issue('limit-exceeded', [], `Element zu lang (${length} Zeichen).`, `Element too long (${length} characters).`)],
      });
      return;
    }
    out.push(parseJsonRow(text, ++row, elementLine));
  };

  const scan = (text: string): void => {
    let segStart = 0;
    const keep = (end: number): void => {
      if (pos.elementStarted && end > segStart) {
        elementLength += end - segStart;
        if (elementLength <= MAX_JSON_ROW_LENGTH) element.push(text.slice(segStart, end));
      }
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) line++;
      if (pos.state === 'before') {
        if (ch === 0xfeff || ch === 32 || ch === 9 || ch === 10 || ch === 13) continue;
        if (ch !== 91 /* [ */) {
          throw new CliError(
            'Eine JSON-Eingabe muss ein Array von Objekten sein ([ {…}, {…} ]); für ein Objekt je Zeile .jsonl verwenden.',
            'A JSON input must be an array of objects ([ {…}, {…} ]); for one object per line use .jsonl.',
          );
        }
        pos.state = 'inside';
        depth = 1;
        segStart = i + 1;
        continue;
      }
      if (pos.state === 'after') {
        if (!(ch === 32 || ch === 9 || ch === 10 || ch === 13)) pos.trailing = true;
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === 92 /* \ */) escaped = true;
        else if (ch === 34 /* " */) inString = false;
        continue;
      }
      if (ch === 34) {
        inString = true;
      } else if (ch === 123 || ch === 91) {
        depth++;
      } else if (ch === 125 || ch === 93) {
        if (depth === 1 && ch === 93) {
          keep(i);
          finishElement(true);
          pos.state = 'after';
          continue;
        }
        depth--;
      } else if (ch === 44 /* , */ && depth === 1) {
        keep(i);
        finishElement(false);
        segStart = i + 1;
        continue;
      }
      if (!pos.elementStarted && !(ch === 32 || ch === 9 || ch === 10 || ch === 13)) {
        pos.elementStarted = true;
        elementLine = line;
        segStart = i;
      }
    }
    if (pos.state === 'inside') keep(text.length);
  };

  for await (const chunk of stream) {
    const buf = toBuffer(chunk);
    if (first) {
      checkNotUtf16(buf);
      first = false;
    }
    scan(decoder.write(buf));
    if (out.length > 0) yield* out.splice(0);
  }
  scan(decoder.end());
  if (pos.state === 'inside') {
    if (pos.elementStarted) {
      const text = element.join('');
      element = [];
      pos.elementStarted = false;
      out.push(malformed(++row, elementLine, `Eingabe endet mitten im Element: ${text.slice(0, 60)}`, `input ends inside the element: ${text.slice(0, 60)}`));
    }
  }
  yield* out.splice(0);
  if (pos.state === 'before') return; // empty input: no rows
  if (pos.state === 'inside') options.onWarning?.('Das JSON-Array ist nicht geschlossen (] fehlt).', 'The JSON array is not closed (] missing).');
  if (pos.trailing) options.onWarning?.('Nach dem Ende des JSON-Arrays folgt noch Text; er wurde nicht gelesen.', 'Text follows the end of the JSON array; it was not read.');
}
