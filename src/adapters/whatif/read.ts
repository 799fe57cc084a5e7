/**
 * Reads a caseload file dropped on the what-if page (CSV, Excel workbook, JSON array or JSON
 * Lines), in the page, with the conventions of the CLI's reader: the same column names and German
 * aliases (src/tabular/aliases.ts), the same cell reading (src/tabular/cells.ts: ja/nein, 1.234,56,
 * `630.305` as a grouped count in a `;` file, `TT.MM.JJJJ`), `;`, `,` or tab from the header,
 * UTF-8 with or without BOM, UTF-16 or Windows-1252, and person rows and district rows told apart
 * as `compare --caseload` tells them ({@link districtRowOf}). Nothing is uploaded. No DOM and no
 * Node module here.
 */
import type { DistrictCaseloadRow } from '../../compare/impact.js';
import { message } from '../../messages/catalogue.js';
import { headerKey, headerLookup } from '../../tabular/aliases.js';
import { coerceCell, detectDelimiter, type FieldKind, type NumberLocale } from '../../tabular/cells.js';

/**
 * The fields a caseload row may fill and how each is read: those of a person
 * (`fieldKindsOfSchema(personSchema)`, as `check` reads them) and those of a district row.
 */
export const CASELOAD_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: 'string',
  residenceStatus: 'string',
  accommodation: 'string',
  displacedFromUkraine: 'boolean',
  followUpSince: 'date',
  counsellingSince: 'date',
  arrivalDate: 'date',
  goodProspects: 'boolean',
  justifiedExtension: 'boolean',
  district: 'string',
  on: 'date',
  persons: 'integer',
  population: 'integer',
  allocations: 'integer',
  name: 'string',
};

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const LOOKUP = headerLookup(Object.keys(CASELOAD_FIELDS));

/**
 * A district row of a caseload (a row without `residenceStatus` that names a district and gives
 * persons, population or allocations), or null for a person row. `compare --caseload`, the
 * `whatif` command and the page tell rows apart with this one function.
 */
export function districtRowOf(v: Record<string, unknown>): DistrictCaseloadRow | null {
  if ('residenceStatus' in v || typeof v.district !== 'string' || !('persons' in v || 'population' in v || 'allocations' in v)) return null;
  const d: DistrictCaseloadRow = { district: v.district };
  for (const k of ['persons', 'population', 'allocations'] as const) if (typeof v[k] === 'number') d[k] = v[k];
  if (typeof v.name === 'string') d.name = v.name;
  return d;
}

/** Splits CSV text into records (quotes with `""` escapes; line breaks inside quotes kept). */
export function splitCsv(text: string, delimiter: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A caseload read in the page: person rows (undefined for unreadable ones) and district rows. */
export interface ReadCaseload {
  persons: unknown[];
  districts: DistrictCaseloadRow[];
  unreadable: number;
  /** Columns that name no field (not read, as the CLI warns). */
  unknownColumns: string[];
}

type Message = { de: string; en: string };
type ReadResult = { ok: true; caseload: ReadCaseload } | { ok: false; message: Message };

function classify(v: Record<string, unknown>, out: ReadCaseload): void {
  const d = districtRowOf(v);
  if (d !== null) out.districts.push(d);
  else out.persons.push(v);
}

function fresh(entries: [string, unknown][]): Record<string, unknown> | undefined {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (FORBIDDEN.has(k)) return undefined;
    o[k] = v;
  }
  return o;
}

/** A cell of a workbook or CSV: text, or a typed workbook value. */
export type SheetCell = string | number | boolean | Date | null | undefined;

function isoDate(d: Date): string | null {
  if (!Number.isFinite(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** One cell's value for a field, or undefined when the row cannot be read (as the CLI's row issue). */
function cellValue(cell: Exclude<SheetCell, null | undefined>, kind: FieldKind, field: string, locale: NumberLocale | null): { value: unknown } | undefined {
  if (typeof cell === 'string') {
    const c = coerceCell(cell, kind, field, locale);
    return 'issue' in c ? undefined : c;
  }
  if (cell instanceof Date) {
    const d = isoDate(cell);
    return d === null || (kind !== 'date' && kind !== 'string') ? undefined : { value: d };
  }
  if (typeof cell === 'boolean') return kind === 'boolean' ? { value: cell } : kind === 'string' ? { value: String(cell) } : undefined;
  // A number cell.
  if (kind === 'integer') return Number.isSafeInteger(cell) ? { value: cell === 0 ? 0 : cell } : undefined;
  if (kind === 'number') return Number.isFinite(cell) ? { value: cell } : undefined;
  if (kind === 'decimal') return Number.isFinite(cell) ? { value: String(cell) } : undefined;
  if (kind === 'boolean') return cell === 1 ? { value: true } : cell === 0 ? { value: false } : undefined;
  if (kind === 'string') return { value: String(cell) };
  return undefined; // a number is not a date (as the CLI says)
}

/**
 * Turns a header and records (text cells from CSV, typed cells from a workbook) into a caseload,
 * as the CLI reads rows: columns by name or German alias, unknown columns left out, blank rows
 * skipped, a row with a cell that cannot be read (or the wrong number of cells) unreadable.
 */
export function readCaseloadRecords(headerCells: readonly SheetCell[], records: readonly (readonly SheetCell[])[], locale: NumberLocale | null, fromSheet = false): ReadResult {
  const header = headerCells.map((h) => (h === null || h === undefined ? '' : h instanceof Date ? (isoDate(h) ?? '') : String(h).trim()));
  // A sheet's header row may run on with empty cells.
  if (fromSheet) while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const keys = header.map(headerKey);
  if (header.length === 0 || header.some((h) => h === '') || new Set(keys).size !== keys.length || header.some((h) => FORBIDDEN.has(h))) {
    return { ok: false, message: message('invalid-input.header-names') };
  }
  const fields = keys.map((k) => LOOKUP.get(k) ?? null);
  const seen = new Set<string>();
  for (const f of fields) {
    if (f === null) continue;
    if (seen.has(f)) return { ok: false, message: message('invalid-input.two-columns-one-field', { field: f }) };
    seen.add(f);
  }
  const out: ReadCaseload = { persons: [], districts: [], unreadable: 0, unknownColumns: header.filter((_, i) => fields[i] === null) };
  const unreadable = (): void => {
    out.unreadable++;
    out.persons.push(undefined);
  };
  for (const rec of records) {
    const blank = rec.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
    if (blank) continue;
    // CSV: as many cells as the header; a workbook row may end early or run on with empty cells.
    const malformed = fromSheet ? rec.slice(header.length).some((c) => !(c === null || c === undefined || c === '')) : rec.length !== header.length;
    if (malformed) {
      unreadable();
      continue;
    }
    const entries: [string, unknown][] = [];
    let bad = false;
    for (let i = 0; i < header.length && !bad; i++) {
      const f = fields[i];
      const raw = rec[i];
      if (f === null || f === undefined || raw === null || raw === undefined) continue;
      const cell = typeof raw === 'string' ? raw.trim() : raw;
      if (cell === '') continue;
      const v = cellValue(cell, CASELOAD_FIELDS[f] ?? 'string', f, locale);
      if (v === undefined) bad = true;
      else entries.push([f, v.value]);
    }
    const o = bad ? undefined : fresh(entries);
    if (o === undefined) unreadable();
    else classify(o, out);
  }
  return { ok: true, caseload: out };
}


/**
 * Decodes a text file's bytes as the CLI does: a BOM (UTF-8, UTF-16) decides; else UTF-8 when the
 * bytes are UTF-8, else Windows-1252 (what German Excel writes as "CSV (Trennzeichen-getrennt)").
 */
export function decodeCaseloadBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Reads a caseload from the text of a file by its name's extension (`.csv`, `.txt`, `.json`,
 * `.jsonl`, `.ndjson`).
 *
 * @example
 * const r = readCaseloadText('persons.csv', 'Kennung;Aufenthaltsstatus;Unterbringung;Ukraine\na;tolerated;follow-up;nein\n');
 */
export function readCaseloadText(name: string, raw: string): ReadResult {
  const text = raw.replace(/^\uFEFF/, '');
  const lower = name.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    const out: ReadCaseload = { persons: [], districts: [], unreadable: 0, unknownColumns: [] };
    let values: unknown[];
    try {
      if (lower.endsWith('.json')) {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) return { ok: false, message: message('invalid-input.json-not-array') };
        values = parsed;
      } else {
        values = text
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '')
          .map((l) => {
            try {
              return JSON.parse(l) as unknown;
            } catch {
              return undefined;
            }
          });
      }
    } catch {
      return { ok: false, message: message('unreadable-input.json-invalid') };
    }
    for (const v of values) {
      const o = v !== null && typeof v === 'object' && !Array.isArray(v) ? fresh(Object.entries(v as Record<string, unknown>)) : undefined;
      if (o === undefined) {
        out.unreadable++;
        out.persons.push(undefined);
      } else classify(o, out);
    }
    return { ok: true, caseload: out };
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt') && !lower.endsWith('.tsv')) {
    return { ok: false, message: message('invalid-input.file-kind') };
  }
  const firstLine = text.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstLine);
  const records = splitCsv(text, delimiter);
  if (records === null || records.length === 0) return { ok: false, message: message('unreadable-input.csv') };
  const locale: NumberLocale | null = delimiter === ';' ? 'de' : delimiter === ',' ? 'en' : null;
  return readCaseloadRecords(records[0] as string[], records.slice(1), locale);
}

/**
 * Reads a caseload from the rows of a workbook's sheet (as read-excel-file gives them: text,
 * numbers, booleans, dates, null): the first non-empty row is the header.
 */
export function readCaseloadSheet(rows: readonly (readonly SheetCell[])[]): ReadResult {
  let at = 0;
  while (at < rows.length && (rows[at] ?? []).every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) at++;
  if (at >= rows.length) return { ok: false, message: message('invalid-input.sheet-empty') };
  return readCaseloadRecords(rows[at] as SheetCell[], rows.slice(at + 1), null, true);
}
