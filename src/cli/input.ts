import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import type * as z from 'zod';
import { formatDate, isCalendarDate } from '../dates/calendar.js';
import type { Issue } from '../issues.js';
import { cliIssueOf, cliMessage, cliText } from '../messages/cli.js';
import { calendarDateSchema, inputDateSchema, type Localized } from '../ruleset/schema.js';
import { headerKey, headerLookup } from '../tabular/aliases.js';
import { workbookLimitProblem, workbookSizeProblem } from '../tabular/workbook.js';
import { CliError, type InStream } from './context.js';
import { coerceCell, detectDelimiter, echo, numberValue, readDate, type FieldKind, type NumberLocale } from '../tabular/cells.js';

/**
 * Row input of the CLI, shared by every command that reads rows: CSV (`;`, `,` or tab, detected
 * from the header line), a JSON array, JSON Lines, or an Excel workbook (`.xlsx`, first sheet or a
 * named one). Text input is UTF-8 (with or without BOM), UTF-16 (with BOM) or Windows-1252
 * (Excel's "CSV (Trennzeichen-getrennt)"), detected or given. Rows stream: memory stays bounded
 * by the longest row, not the file (a workbook is read whole; it holds at most about a million
 * rows). Every data row yields exactly one {@link InputRow}, in input order; a row that cannot be
 * read yields one with a `malformed-row` issue and reading continues with the next line.
 *
 * CSV is read in two steps: the text is cut into lines (`\r\n`, `\n` or a lone `\r` end a line;
 * fields never hold line breaks), then papaparse splits the lines into fields. Lines are whole
 * before papaparse sees them, so rows never depend on where a read ended.
 */

/** Input formats. */
export const INPUT_FORMATS = ['csv', 'json', 'jsonl', 'xlsx'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Text encodings `--encoding` accepts. */
export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export { LOCALES, coerceCell, normaliseDecimal, readDate, readNumber, type FieldKind, type NumberLocale, type NumberReading } from '../tabular/cells.js';

/** Longest cell (characters) accepted; longer cells are reported and left out. */
export const MAX_FIELD_LENGTH = 1000;
/** Longest JSON row (characters) accepted. */
export const MAX_JSON_ROW_LENGTH = 1_000_000;
/** Longest CSV line (characters) accepted; a longer line is one `limit-exceeded` row. */
export const MAX_CSV_LINE_LENGTH = 32 * 1024 * 1024;
// Workbook limits (shared with the what-if page): src/tabular/workbook.ts.
export { MAX_XLSX_BYTES, MAX_XLSX_CELLS, MAX_XLSX_PACKING_RATIO, MAX_XLSX_UNPACKED_BYTES } from '../tabular/workbook.js';

/** One input row, read but not yet validated. */
export interface InputRow {
  /** 1-based number of the data row (header and blank lines not counted). */
  row: number;
  /** Physical line (1-based; the sheet row for a workbook) where the row starts, where known. */
  line: number | null;
  /** The row as an object of fields (CSV, XLSX) or as parsed (JSON); undefined when it could not be read. */
  value: unknown;
  /** Problems found while reading: `malformed-row`, `invalid-type`, `invalid-date`, `ambiguous-value`, `limit-exceeded`, `forbidden-key`. */
  issues: Issue[];
  /** The row's cells in columns the command does not read, by header, when asked for (`keepColumns`). */
  kept?: Record<string, string>;
}

/** What was found out about an input while reading it. */
export interface InputInfo {
  encoding?: Encoding;
  bom?: boolean;
  delimiter?: string;
  /** Number convention used for CSV cells (null: neither, ambiguous values are reported). */
  locale?: NumberLocale | null;
  /** Header cells of the columns the command does not read (in order). */
  otherColumns?: string[];
}

/** An opened input. */
export interface InputSource {
  /** File name, or `-` for stdin. */
  name: string;
  format: InputFormat;
  stream: NodeJS.ReadableStream;
  /** The encoding to decode text with; detected while reading when absent. */
  encoding?: Encoding;
  /** True when {@link encoding} was found by looking at the file rather than given. */
  encodingDetected?: boolean;
  /** Filled in while reading. */
  info?: InputInfo;
}

/** Options for {@link readRows}. */
export interface ReadRowsOptions {
  /** Known fields and how cells convert; other columns are reported once, for the header. */
  fields?: Readonly<Record<string, FieldKind>>;
  /** Columns to leave out silently. */
  ignoreColumns?: readonly string[];
  /** Keep the cells of columns the command does not read in {@link InputRow.kept}, without a warning. */
  keepColumns?: boolean;
  /** Force the CSV delimiter instead of detecting it. */
  delimiter?: string;
  /** Number convention of CSV cells; default from the delimiter (`;` de, `,` en, tab neither). */
  locale?: NumberLocale;
  /** Sheet of a workbook (name or 1-based number); default the first. */
  sheet?: string;
  /** Called once the CSV delimiter is known. */
  onDelimiter?: (delimiter: string) => void;
  /**
   * Called for a problem with the input as a whole that leaves every row readable, e.g. a JSON
   * array without its closing `]` or columns nobody reads. Commands report it and end with exit
   * status 1.
   */
  onWarning?: (message: Localized) => void;
  /** Called with a note that changes nothing about the result, e.g. the encoding detected. */
  onNote?: (message: Localized) => void;
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
    case '.xlsx':
    case '.xlsm':
      return 'xlsx';
    default:
      return undefined;
  }
}

/**
 * Where a UTF-8 buffer can be cut without splitting a character: the length of the part that
 * holds only whole characters (the rest is at most 3 bytes of an unfinished one).
 */
function wholeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  let i = n - 1;
  let back = 0;
  while (i >= 0 && back < 3 && ((buf[i] as number) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return n;
  const lead = buf[i] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need > n ? i : n;
}

/**
 * Whether a file is valid UTF-8 throughout (read once, in pieces, into one buffer that is reused:
 * fresh memory for every piece cost more in page faults than the check itself; nothing is kept).
 */
async function fileIsUtf8(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let carry = 0; // bytes of an unfinished character kept at the start of buf
    for (;;) {
      const { bytesRead } = await file.read(buf, carry, buf.length - carry, null);
      const n = carry + bytesRead;
      if (bytesRead === 0) return carry === 0 || isUtf8(buf.subarray(0, carry));
      const cut = wholeUtf8Length(buf.subarray(0, n));
      if (!isUtf8(buf.subarray(0, cut))) return false;
      buf.copy(buf, 0, cut, n);
      carry = n - cut;
    }
  } finally {
    await file.close();
  }
}

/** The encoding a BOM or NUL pattern at the start tells, or undefined. */
function encodingFromHead(head: Buffer): { encoding: Encoding; bom: boolean } | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return { encoding: 'utf-16', bom: true };
  if (head.length >= 4 && ((head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) || (head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0))) {
    return { encoding: 'utf-16', bom: false };
  }
  return undefined;
}

/**
 * Opens a file (or stdin for `-`) for reading rows. Fails with exit status 2 when the file does
 * not exist, is a directory or its format cannot be told. For a text file without a BOM the whole
 * file is checked for UTF-8 first: a file that is not UTF-8 is read as Windows-1252 (what German
 * Excel writes), so the choice never changes halfway.
 */
export async function openInput(path: string, options: { format?: InputFormat | undefined; stdin: InStream; encoding?: Encoding | undefined }): Promise<InputSource> {
  const enc = options.encoding !== undefined ? { encoding: options.encoding } : {};
  if (path === '-') return { name: '-', format: options.format ?? 'csv', stream: options.stdin, ...enc, info: {} };
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw CliError.of('cli.input-format-unknown', { path });
  }
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    throw CliError.of('cli.input-file-unreadable', { path, message: (e as Error).message });
  }
  if (!isFile) throw CliError.of('cli.not-file', { path });
  let encoding = options.encoding;
  if (encoding === undefined && format !== 'xlsx') {
    const head = await readHead(path);
    if (encodingFromHead(head) === undefined && !(await fileIsUtf8(path))) encoding = 'windows-1252';
  }
  const detected = encoding !== undefined && options.encoding === undefined;
  // Pieces of 64 KiB: the rows of one piece are read, checked and written before the next, so
  // they die young; with 256 KiB pieces they outlived collections and 1 M rows cost ~3 s more CPU.
  return { name: path, format, stream: createReadStream(path, { highWaterMark: 1 << 16 }), ...(encoding !== undefined ? { encoding, encodingDetected: detected } : {}), info: {} };
}

async function readHead(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: 3 })) {
    parts.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= 4) break;
  }
  return Buffer.concat(parts);
}

type ZodLike = { _zod: { def: { type: string; innerType?: unknown; in?: unknown; options?: readonly unknown[]; entries?: unknown; values?: readonly unknown[] } }; isInt?: boolean };

/** The schema without optional / nullable / default / readonly wrappers. */
function unwrapped(schema: unknown): ZodLike {
  let cur = schema as ZodLike;
  for (let i = 0; i < 10; i++) {
    const def = cur._zod.def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly') && def.innerType !== undefined) {
      cur = def.innerType as ZodLike;
    } else break;
  }
  return cur;
}

/** The field kind of one declared input field, or null when no cell could be read as it. */
function declaredKind(schema: unknown): FieldKind | null {
  const cur = unwrapped(schema);
  const def = cur._zod.def;
  if ((cur as unknown) === calendarDateSchema || (cur as unknown) === inputDateSchema) return 'date';
  switch (def.type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'integer';
    case 'number':
      return cur.isInt === true ? 'integer' : 'number';
    case 'string':
    case 'enum':
      return 'string';
    case 'literal':
      return (def.values ?? []).every((v) => typeof v === 'string') ? 'string' : null;
    // A transformed field is read as what it accepts (e.g. an id given as text or number).
    case 'pipe':
      return declaredKind(def.in);
    case 'union': {
      // A text that may be written as a number (an id) stays text; a number that may be written as text is a decimal.
      const kinds = (def.options ?? []).map(declaredKind);
      if (kinds.length === 0 || kinds.includes(null)) return null;
      if (kinds.every((k) => k === kinds[0])) return kinds[0] ?? null;
      const other = kinds.find((k) => k !== 'string');
      if (new Set(kinds).size !== 2 || !kinds.includes('string') || (other !== 'number' && other !== 'integer' && other !== 'decimal')) return null;
      return kinds[0] === 'string' ? 'string' : other === 'integer' ? 'integer' : 'decimal';
    }
    default:
      return null;
  }
}

/**
 * The field kinds of a zod object schema's shape, in its order: what a row command reads from
 * each column (booleans, numbers and dates are converted). Fails loudly for a field no cell could
 * be read as (an object, an array, a number-or-boolean union …): a declaration the CLI cannot
 * read is a programming error, found when the command is made.
 */
export function fieldKindsOf(shape: Readonly<Record<string, unknown>>): Record<string, FieldKind> {
  const out: Record<string, FieldKind> = {};
  for (const [name, field] of Object.entries(shape)) {
    const kind = declaredKind(field);
    if (kind === null) throw new Error(`input field ${name} (zod ${unwrapped(field)._zod.def.type}) cannot be read from a cell: give it a kind in src/cli/input.ts`);
    out[name] = kind;
  }
  return out;
}

/** The field kinds of a declared computation's input schema (a zod object); see {@link fieldKindsOf}. */
export function declaredFieldKinds(schema: z.core.$ZodType): Record<string, FieldKind> {
  const shape = (schema as unknown as { shape?: Readonly<Record<string, unknown>> }).shape;
  if (typeof shape !== 'object') throw new Error('a row command needs a declaration whose input is a zod object');
  return fieldKindsOf(shape);
}

/** Convenience: field kinds of a zod object schema. */
export function fieldKindsOfSchema(schema: { readonly shape: Readonly<Record<string, z.core.$ZodType>> }): Record<string, FieldKind> {
  return fieldKindsOf(schema.shape);
}

/** A number cell of a workbook, as its stored digits (e.g. `1234.56`, `1.5E-3`). */
class XlsxNumber {
  constructor(readonly digits: string) {}
}

/** A cell as read: text (CSV or a workbook's text cell) or a typed workbook cell; null when empty. */
type Cell = string | boolean | Date | XlsxNumber | null;

function cellText(raw: Cell): string {
  if (raw === null) return '';
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? formatDate(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate()) : '';
  if (raw instanceof XlsxNumber) return plainNumber(raw.digits) ?? raw.digits;
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

/** Converts a typed workbook cell (number, boolean, date) by field kind. */
function coerceTyped(cell: boolean | Date | XlsxNumber, kind: FieldKind, column: string): { value: unknown } | { issue: Issue } {
  const text = cell instanceof XlsxNumber ? cell.digits : cellText(cell);
  if (cell instanceof Date) {
    const t = cell.getTime();
    const d = Number.isFinite(t) ? formatDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()) : '';
    if (kind === 'date' || kind === 'string') {
      if (isCalendarDate(d)) return { value: d };
    }
    return { issue: cliIssueOf('invalid-type.cell-date', [column], { column, date: d }) };
  }
  if (typeof cell === 'boolean') {
    if (kind === 'boolean') return { value: cell };
    return coerceCell(String(cell), kind, column, null);
  }
  // A number: `text` is the cell's stored digits (e.g. "1234.56" or "1.5E-3").
  if (kind === 'boolean') return coerceCell(text, kind, column, null);
  if (kind === 'date') {
    return { issue: cliIssueOf('invalid-date.cell-number', [column], { column, value: echo(text) }) };
  }
  const plain = plainNumber(text);
  if (plain === null) return { issue: cliIssueOf('invalid-type.cell-not-number', [column], { column, value: echo(text) }) };
  if (kind === 'string') return { value: plain };
  return numberValue(plain, kind, column, text);
}

/** A number as stored in a workbook (`1234.5`, `1.5E-3`) in plain decimal form, exactly; else null. */
function plainNumber(text: string): string | null {
  const m = /^([-+]?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (m === null) return null;
  const sign = m[1] === '-' ? '-' : '';
  let digits = (m[2] as string) + (m[3] ?? '');
  let point = (m[2] as string).length + Number(m[4] ?? 0);
  if (Math.abs(point) > 400) return null;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  let int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  if (int === '') int = '0';
  const out = frac === '' ? int : `${int}.${frac}`;
  return out === '0' ? '0' : sign + out;
}

/**
 * Reads rows from an opened input. One {@link InputRow} per data row, in order.
 *
 * @throws CliError (exit 2) when the input cannot be read at all: I/O error, a CSV header that is
 * unreadable or has duplicate or empty column names, JSON that is not an array, text that is not
 * in the encoding given, a workbook that cannot be opened.
 */
export async function* readRows(source: InputSource, options: ReadRowsOptions = {}): AsyncGenerator<InputRow> {
  for await (const chunk of readRowChunks(source, options)) yield* chunk;
}

/**
 * Like {@link readRows}, but yields the rows in arrays (in order, none empty): as many as one
 * piece of the input holds. Lets a command evaluate and write rows in batches, and rows reach the
 * output as soon as their piece of input has arrived (JSON Lines through a pipe).
 */
export async function* readRowChunks(source: InputSource, options: ReadRowsOptions = {}): AsyncGenerator<InputRow[]> {
  source.info ??= {};
  try {
    if (source.format === 'xlsx') {
      const rows = await readXlsx(source, options);
      for (let i = 0; i < rows.length; i += 4096) yield rows.slice(i, i + 4096);
      return;
    }
    const text = decodeText(source, options);
    if (source.format === 'csv') yield* readCsvChunks(text, source.info, options);
    else if (source.format === 'jsonl') yield* readJsonLines(text);
    else yield* readJsonArray(text, options);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const msg = (e as Error).message;
    throw CliError.of('cli.input-unreadable', { name: source.name, message: msg });
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  throw new TypeError('unexpected chunk type');
}

function malformed(row: number, line: number | null, detail: Localized): InputRow {
  const where = line !== null ? cliText('cli.at-line', { line }) : '';
  return { row, line, value: undefined, issues: [cliIssueOf('malformed-row.row-unreadable', [], { where, detail })] };
}

// ---------------------------------------------------------------------------------------------
// Text: bytes to characters

const ENCODING_NAMES: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252', 'utf-16': 'UTF-16' };

/**
 * Decodes the input's bytes to text, whatever the pieces: a BOM (UTF-8, UTF-16 LE/BE) decides
 * and is dropped; else the encoding given or found by {@link openInput}; else UTF-8, strictly.
 * Text from stdin that turns out not to be UTF-8 is read as Windows-1252 when that shows in the
 * first piece (with a note), and ends the run otherwise: rows already written cannot be re-read.
 */
async function* decodeText(source: InputSource, options: ReadRowsOptions): AsyncGenerator<string> {
  const info = (source.info ??= {});
  const state: { decoder: TextDecoder | null } = { decoder: null };
  let head: Buffer = Buffer.alloc(0);
  let offset = 0;
  const start = (first: Buffer, atEnd: boolean): string => {
    const found = encodingFromHead(first);
    let enc: Encoding = source.encoding ?? found?.encoding ?? 'utf-8';
    let body = first;
    if (found?.bom === true && (source.encoding === undefined || source.encoding === found.encoding)) {
      body = first.subarray(found.encoding === 'utf-8' ? 3 : 2);
      info.bom = true;
      enc = found.encoding;
    }
    if (enc === 'utf-16') {
      const be = first[0] === 0xfe || (found?.bom === false && first[0] === 0);
      state.decoder = new TextDecoder(be ? 'utf-16be' : 'utf-16le', { fatal: true });
    } else if (enc === 'windows-1252') {
      state.decoder = new TextDecoder('windows-1252');
    } else {
      if (source.encoding === undefined && !isUtf8(body.subarray(0, atEnd ? body.length : wholeUtf8Length(body)))) {
        enc = 'windows-1252';
        state.decoder = new TextDecoder('windows-1252');
      } else state.decoder = new TextDecoder('utf-8', { fatal: true });
    }
    info.encoding = enc;
    if (enc === 'windows-1252' && (source.encoding === undefined || source.encodingDetected === true)) {
      options.onNote?.(cliText('cli.read-as-windows-1252', { name: source.name }));
    }
    return decode(body, !atEnd);
  };
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      return (state.decoder as TextDecoder).decode(bytes, { stream });
    } catch {
      const name = ENCODING_NAMES[info.encoding ?? 'utf-8'];
      throw CliError.of('cli.encoding-invalid', { name: source.name, offset, encoding: name });
    }
  };
  for await (const chunk of source.stream) {
    const buf = toBuffer(chunk);
    if (state.decoder === null) {
      head = head.length === 0 ? buf : Buffer.concat([head, buf]);
      if (head.length < 4) continue;
      const text = start(head, false);
      offset += head.length;
      head = Buffer.alloc(0);
      if (text.length > 0) yield text;
      continue;
    }
    const text = decode(buf, true);
    offset += buf.length;
    if (text.length > 0) yield text;
  }
  if (state.decoder === null) {
    if (head.length === 0) return;
    const text = start(head, true);
    if (text.length > 0) yield text;
    return;
  }
  const rest = decode(Buffer.alloc(0), false);
  if (rest.length > 0) yield rest;
}

/** Complete lines of one piece of text: `text` holds one or more lines joined by `\n`. */
interface LineBatch {
  text: string;
  /** `text` followed by a line break (each line then ends in one). */
  textNl: string;
  /** A single line that was too long to keep (its text is empty here): its length. */
  tooLong: number | null;
}

/** How many lines a batch's text holds. */
function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Cuts text into lines, whatever the pieces it comes in: `\r\n`, `\n` and a lone `\r` end a
 * line. A line longer than `maxLine` is dropped while reading and comes as a batch of its own
 * with its number and length.
 */
async function* lineBatches(text: AsyncIterable<string>, maxLine: number): AsyncGenerator<LineBatch> {
  let carry = '';
  let skipping = -1; // length so far of a too-long line being skipped, or -1
  let dropLF = false; // the previous piece ended in \r: a \n starting this one belongs to it
  const emit = (segment: string, withNl?: string): LineBatch => {
    const plain = !segment.includes('\r');
    const norm = plain ? segment : segment.replace(/\r\n?/g, '\n');
    return { text: norm, textNl: plain && withNl !== undefined ? withNl : `${norm}\n`, tooLong: null };
  };
  const tooLong = (length: number): LineBatch => {
    return { text: '', textNl: '\n', tooLong: length };
  };
  for await (const piece of text) {
    let s = piece;
    if (dropLF) {
      dropLF = false;
      if (s.startsWith('\n')) s = s.slice(1);
    }
    if (skipping >= 0) {
      let br = firstBreak(s);
      if (br < 0) {
        skipping += s.length;
        continue;
      }
      yield tooLong(skipping + br);
      skipping = -1;
      if (s[br] === '\r') {
        if (br + 1 === s.length) dropLF = true;
        else if (s[br + 1] === '\n') br++;
      }
      s = s.slice(br + 1);
    } else {
      s = carry + s;
    }
    carry = '';
    if (s.length === 0) continue;
    const end = s.endsWith('\r') ? s.length - 1 : s.length; // a final \r may be half of \r\n
    const lb = end === 0 ? -1 : Math.max(s.lastIndexOf('\n', end - 1), s.lastIndexOf('\r', end - 1));
    if (lb < 0) carry = s;
    else {
      const segEnd = s[lb] === '\n' && lb > 0 && s[lb - 1] === '\r' ? lb - 1 : lb;
      yield emit(s.slice(0, segEnd), s[lb] === '\n' ? s.slice(0, lb + 1) : undefined);
      carry = s.slice(lb + 1);
    }
    if (carry.length > maxLine) {
      if (carry.endsWith('\r')) {
        yield tooLong(carry.length - 1);
        dropLF = true;
      } else skipping = carry.length;
      carry = '';
    }
  }
  if (skipping >= 0) yield tooLong(skipping);
  else if (carry.length > 0) yield emit(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
}

function firstBreak(s: string): number {
  const a = s.indexOf('\n');
  const b = s.indexOf('\r');
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

// ---------------------------------------------------------------------------------------------
// CSV

const UNCLOSED_QUOTE: Localized = cliMessage('malformed-row.quote-unclosed');
const BAD_QUOTE: Localized = cliMessage('malformed-row.quote-unexpected');

export { detectDelimiter } from '../tabular/cells.js';

/**
 * Splits one CSV line (without its line break) into fields with papaparse, or says why it cannot.
 * The line is parsed as it stands in a file, followed by a line break (papaparse reads a final
 * line without one differently), so a line gives the same fields alone as among others.
 */
export function splitCsvLine(line: string, delimiter: string): string[] | Localized {
  const r = Papa.parse<string[]>(`${line}\n`, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
  if (r.errors.length > 0) return r.errors.some((e) => e.code === 'MissingQuotes') && !r.errors.some((e) => e.code === 'InvalidQuotes') ? UNCLOSED_QUOTE : BAD_QUOTE;
  if (r.data.length !== 2) return UNCLOSED_QUOTE;
  return r.data[0] ?? [];
}

interface ColumnPlan {
  name: string;
  /** Field name the column fills, or null when left out. */
  field: string | null;
  kind: FieldKind;
  /** A column the command does not read (kept when asked to). */
  other: boolean;
  forbidden: boolean;
}

/** Plans the columns of a header: which field each fills; unknown columns are named once. */
function planColumns(cells: readonly string[], info: InputInfo, options: ReadRowsOptions): ColumnPlan[] {
  const known = options.fields;
  const lookup = known === undefined ? null : headerLookup(Object.keys(known));
  const ignore = new Set((options.ignoreColumns ?? []).map((c) => c.trim().toLowerCase()));
  const seenNames = new Set<string>();
  const seenFields = new Map<string, string>();
  const others: string[] = [];
  const plan = cells.map((raw, i): ColumnPlan => {
    const name = raw.trim();
    if (name === '') {
      throw CliError.of('cli.column-no-name', { n: i + 1 });
    }
    const lower = name.toLowerCase();
    if (seenNames.has(lower)) throw CliError.of('cli.column-twice', { name });
    seenNames.add(lower);
    const forbidden = FORBIDDEN_KEYS.has(name);
    if (ignore.has(lower)) return { name, field: null, kind: 'string', other: false, forbidden: false };
    if (forbidden) return { name, field: null, kind: 'string', other: false, forbidden: true };
    if (known === undefined || lookup === null) return { name, field: name, kind: 'string', other: false, forbidden: false };
    const f = lookup.get(headerKey(name));
    if (f === undefined) {
      others.push(name);
      return { name, field: null, kind: 'string', other: true, forbidden: false };
    }
    const before = seenFields.get(f);
    if (before !== undefined) {
      throw CliError.of('cli.column-same-field', { before, name, field: f });
    }
    seenFields.set(f, name);
    return { name, field: f, kind: known[f] ?? 'string', other: false, forbidden: false };
  });
  info.otherColumns = others;
  if (others.length > 0 && options.keepColumns !== true) {
    const list = others.join(', ');
    options.onWarning?.(cliText('cli.columns-unknown', { list }));
  }
  return plan;
}

/** Builds rows from header plans and cells (text from CSV, typed from a workbook). */
class RowBuilder {
  header: ColumnPlan[] | null = null;
  rowNo = 0;
  locale: NumberLocale | null = null;
  readonly keep: boolean;
  constructor(
    private readonly info: InputInfo,
    private readonly options: ReadRowsOptions,
  ) {
    this.keep = options.keepColumns === true;
  }

  setHeader(cells: readonly string[]): void {
    this.header = planColumns(cells, this.info, this.options);
  }

  /** The row of one record, or null for a line of only blanks. */
  build(fields: readonly Cell[], line: number | null): InputRow | null {
    const header = this.header as ColumnPlan[];
    let blank = true;
    for (let i = 0; i < fields.length && blank; i++) {
      const f = fields[i];
      if (!(f === null || f === undefined || (typeof f === 'string' && (f === '' || f.trim() === '')))) blank = false;
    }
    if (blank) return null;
    const rowNo = ++this.rowNo;
    if (fields.length !== header.length) {
      const d = JSON.stringify(this.info.delimiter ?? ',');
      return malformed(rowNo, line, cliText('malformed-row.field-count', { fields: fields.length, header: header.length, delimiter: d }));
    }
    const value: Record<string, unknown> = {};
    const issues: Issue[] = [];
    let kept: Record<string, string> | undefined;
    for (let i = 0; i < header.length; i++) {
      const col = header[i] as ColumnPlan;
      const raw = fields[i] ?? null;
      if (col.forbidden) {
        if (raw !== null && raw !== '') issues.push(cliIssueOf('forbidden-key.column', [col.name], { name: col.name }));
        continue;
      }
      if (col.other) {
        if (this.keep) {
          kept ??= {};
          kept[col.name] = cellText(raw);
        }
        continue;
      }
      if (col.field === null || raw === null) continue;
      let c: { value: unknown } | { issue: Issue };
      if (typeof raw === 'string') {
        const cell = raw.trim();
        if (cell === '') continue;
        if (cell.length > MAX_FIELD_LENGTH) {
          issues.push(cliIssueOf('limit-exceeded.field-length', [col.field], { field: col.field, length: cell.length, max: MAX_FIELD_LENGTH }));
          continue;
        }
        if (col.kind === 'string') {
          value[col.field] = cell;
          continue;
        }
        if (col.kind === 'date' && cell.length === 10) {
          const d = readDate(cell);
          if (d !== null) {
            value[col.field] = d;
            continue;
          }
        }
        c = coerceCell(cell, col.kind, col.field, this.locale);
        if ('issue' in c) {
          issues.push(c.issue);
          value[col.field] = cell;
          continue;
        }
      } else {
        c = coerceTyped(raw, col.kind, col.field);
        if ('issue' in c) {
          issues.push(c.issue);
          value[col.field] = cellText(raw);
          continue;
        }
      }
      value[col.field] = c.value;
    }
    const out: InputRow = { row: rowNo, line, value, issues };
    if (kept !== undefined) out.kept = kept;
    return out;
  }
}

async function* readCsvChunks(text: AsyncIterable<string>, info: InputInfo, options: ReadRowsOptions): AsyncGenerator<InputRow[]> {
  const b = new RowBuilder(info, options);
  let delimiter = options.delimiter;
  const out: InputRow[] = [];
  const header = (line: string): void => {
    delimiter ??= detectDelimiter(line);
    info.delimiter = delimiter;
    b.locale = options.locale ?? (delimiter === ';' ? 'de' : delimiter === ',' ? 'en' : null);
    info.locale = b.locale;
    options.onDelimiter?.(delimiter);
    const cells = splitCsvLine(line, delimiter);
    if (!Array.isArray(cells)) throw CliError.of('cli.header-line-unreadable', { cells });
    b.setHeader(cells);
  };
  const oneLine = (line: string, lineNo: number): void => {
    if (line.trim() === '') return;
    const cells = splitCsvLine(line, delimiter as string);
    if (!Array.isArray(cells)) {
      out.push(malformed(++b.rowNo, lineNo, cells));
      return;
    }
    const r = b.build(cells, lineNo);
    if (r !== null) out.push(r);
  };
  /**
   * Lines after the header, the first numbered `first`: all at once when papaparse finds one
   * record per line and no error, else line by line (the same rows). Returns how many lines.
   */
  const lines = (text: string, textNl: string, first: number): number => {
    const d = delimiter as string;
    if (!text.includes('"') && text.charCodeAt(0) !== 0xfeff && !Papa.BAD_DELIMITERS.includes(d)) {
      // Without a quote papaparse splits at every line break, then every line at every delimiter
      // (its "fast mode"), and finds no error; the same is done here without its per-piece set-up,
      // whose garbage outlived the pieces and cost more than the parsing (1 M rows: about 3 s of
      // collection). Text starting with a BOM and delimiters papaparse replaces take its path.
      const split = text.split('\n');
      for (let i = 0; i < split.length; i++) {
        const row = b.build((split[i] as string).split(d), first + i);
        if (row !== null) out.push(row);
      }
      return split.length;
    }
    // Every line followed by its line break, as splitCsvLine reads it: one more, empty record at the end.
    const r = Papa.parse<string[]>(textNl, { delimiter: d, newline: '\n', quoteChar: '"', escapeChar: '"' });
    if (r.errors.length === 0) {
      // Without a quote no record spans lines; with one, count the lines to be sure.
      const count = textNl.includes('"') ? lineCount(text) : r.data.length - 1;
      if (r.data.length === count + 1) {
        const data = r.data;
        for (let i = 0; i < count; i++) {
          const row = b.build(data[i] as string[], first + i);
          if (row !== null) out.push(row);
        }
        return count;
      }
    }
    const split = text.split('\n');
    for (let i = 0; i < split.length; i++) oneLine(split[i] as string, first + i);
    return split.length;
  };
  let line = 1;
  for await (const batch of lineBatches(text, MAX_CSV_LINE_LENGTH)) {
    if (batch.tooLong !== null) {
      const length = batch.tooLong;
      if (b.header === null) throw CliError.of('cli.header-line-too-long', { length });
      out.push({ row: ++b.rowNo, line, value: undefined, issues: [cliIssueOf('limit-exceeded.line-length', [], { line, length })] });
      line++;
    } else if (b.header !== null) {
      line += lines(batch.text, batch.textNl, line);
    } else {
      // Blank lines, then the header, then (perhaps) rows.
      let at = 0;
      let found = false;
      while (!found && at <= batch.text.length) {
        let nl = batch.text.indexOf('\n', at);
        if (nl < 0) nl = batch.text.length;
        const l = batch.text.slice(at, nl);
        if (l.trim() !== '') {
          header(l);
          found = true;
        }
        at = nl + 1;
        line++;
      }
      if (found && at <= batch.text.length) line += lines(batch.text.slice(at), batch.textNl.slice(at), line);
    }
    if (out.length > 0) yield out.splice(0);
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(source: InputSource, options: ReadRowsOptions): Promise<InputRow[]> {
  const info = (source.info ??= {});
  const { readSheet } = await import('read-excel-file/node');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.stream) {
    const buf = toBuffer(chunk);
    size += buf.length;
    const tooLarge = workbookSizeProblem(size);
    if (tooLarge !== null) throw new CliError(tooLarge.de, tooLarge.en);
    parts.push(buf);
  }
  const input = Buffer.concat(parts);
  parts.length = 0;
  const problem = workbookLimitProblem(input, source.name);
  if (problem !== null) throw new CliError(problem.de, problem.en);
  const sheetText = options.sheet;
  const sheet: number | string | undefined = sheetText === undefined ? undefined : /^\d+$/.test(sheetText) ? Number(sheetText) : sheetText;
  let data: unknown[][];
  try {
    data = (await readSheet<XlsxNumber>(input, sheet, { parseNumber: (digits: string) => new XlsxNumber(digits), trim: false }));
  } catch (e) {
    const msg = (e as Error).message;
    if (sheet !== undefined && /sheet/i.test(msg) && /not found|no sheet/i.test(msg)) {
      throw CliError.of('cli.no-such-sheet', { sheet: JSON.stringify(sheetText), name: source.name });
    }
    throw CliError.of('cli.workbook-unreadable', { name: source.name, message: msg });
  }
  const b = new RowBuilder(info, options);
  b.locale = options.locale ?? null;
  info.locale = b.locale;
  const out: InputRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const cells: Cell[] = (data[r] ?? []).map((v): Cell =>
      v === null || v === undefined
        ? null
        : v instanceof Date || typeof v === 'boolean' || v instanceof XlsxNumber
          ? v
          : typeof v === 'number'
            ? new XlsxNumber(String(v))
            : typeof v === 'string'
              ? v
              : JSON.stringify(v),
    );
    if (b.header === null) {
      const texts = cells.map(cellText);
      let last = texts.length;
      while (last > 0 && texts[last - 1] === '') last--;
      if (last === 0) continue;
      b.setHeader(texts.slice(0, last));
      continue;
    }
    const width = (b.header).length;
    if (cells.slice(width).some((c) => cellText(c) !== '')) {
      out.push(malformed(++b.rowNo, r + 1, cliText('malformed-row.values-right')));
      continue;
    }
    while (cells.length < width) cells.push(null);
    const row = b.build(cells.slice(0, width), r + 1);
    if (row !== null) out.push(row);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

function parseJsonRow(text: string, row: number, line: number, length = text.length): InputRow {
  if (length > MAX_JSON_ROW_LENGTH) {
    return { row, line, value: undefined, issues: [cliIssueOf('limit-exceeded.line-length', [], { line, length })] };
  }
  try {
    return { row, line, value: JSON.parse(text) as unknown, issues: [] };
  } catch (e) {
    const msg = (e as Error).message.slice(0, 200);
    return malformed(row, line, cliText('malformed-row.json-invalid', { message: msg }));
  }
}

async function* readJsonLines(text: AsyncIterable<string>): AsyncGenerator<InputRow[]> {
  let row = 0;
  let line = 1;
  for await (const batch of lineBatches(text, MAX_JSON_ROW_LENGTH + 1)) {
    const out: InputRow[] = [];
    if (batch.tooLong !== null) {
      out.push(parseJsonRow('', ++row, line, batch.tooLong));
      line++;
      yield out;
      continue;
    }
    const lines = batch.text.split('\n');
    const first = line;
    line += lines.length;
    for (let i = 0; i < lines.length; i++) {
      const lineNo = first + i;
      const t = lines[i] as string;
      if (t.trim() === '') continue;
      out.push(parseJsonRow(t, ++row, lineNo));
    }
    if (out.length > 0) yield out;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON array

/**
 * Streams the elements of a top-level JSON array without holding the whole array: it tracks
 * strings and nesting only to find where each element ends, then JSON.parse reads the element.
 * An element that does not parse becomes a `malformed-row`; the next element is read on. A
 * closing bracket that does not match its opening one belongs to the element it is in (which
 * then does not parse), so a stray `}` never cuts an element into pieces.
 */
async function* readJsonArray(textIn: AsyncIterable<string>, options: ReadRowsOptions): AsyncGenerator<InputRow[]> {
  const pos: { state: 'before' | 'inside' | 'after'; elementStarted: boolean; trailing: boolean } = { state: 'before', elementStarted: false, trailing: false };
  // Open brackets inside the current element: 123 `{` or 91 `[`.
  const stack: number[] = [];
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let elementLength = 0;
  let elementLine = 1;
  let line = 1;
  let row = 0;
  const out: InputRow[] = [];

  const finishElement = (closing: boolean): void => {
    const text = element.join('').trim();
    element = [];
    const length = elementLength;
    elementLength = 0;
    stack.length = 0;
    if (!pos.elementStarted) {
      // `[]` or a trailing comma before `]`: no row. Two commas in a row are a missing element.
      if (!closing) out.push(malformed(++row, line, cliText('malformed-row.element-empty')));
      return;
    }
    pos.elementStarted = false;
    if (length > MAX_JSON_ROW_LENGTH) {
      out.push({
        row: ++row,
        line: elementLine,
        value: undefined,
        issues: [cliIssueOf('limit-exceeded.element-length', [], { length })],
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
          throw CliError.of('cli.json-not-array');
        }
        pos.state = 'inside';
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
        stack.push(ch);
      } else if (ch === 125 || ch === 93) {
        if (stack.length === 0) {
          if (ch === 93) {
            keep(i);
            finishElement(true);
            pos.state = 'after';
            continue;
          }
          // A stray `}` at the top: part of this element, which will not parse.
        } else if (stack[stack.length - 1] === (ch === 125 ? 123 : 91)) {
          stack.pop();
        }
        // A mismatched closer stays inside the element, which will not parse.
      } else if (ch === 44 /* , */ && stack.length === 0) {
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

  for await (const text of textIn) {
    scan(text);
    if (out.length > 0) yield out.splice(0);
  }
  if (pos.state === 'inside' && pos.elementStarted) {
    const text = element.join('');
    element = [];
    pos.elementStarted = false;
    out.push(malformed(++row, elementLine, cliText('malformed-row.element-unfinished', { text: text.slice(0, 60) })));
  }
  if (out.length > 0) yield out.splice(0);
  if (pos.state === 'before') return; // empty input: no rows
  if (pos.state === 'inside') options.onWarning?.(cliText('cli.json-array-unclosed'));
  if (pos.trailing) options.onWarning?.(cliText('cli.json-array-trailing'));
}
