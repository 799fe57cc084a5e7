/**
 * Reads a caseload file dropped on the what-if page (CSV, JSON array or JSON Lines), in the page,
 * with the conventions of the CLI's reader: `;` or `,` from the header, UTF-8 with or without BOM,
 * German decimal comma, yes/no words, person rows and district rows told apart the way
 * `compare --caseload` tells them. Nothing is uploaded. No DOM and no Node module here.
 */
import type { DistrictCaseloadRow } from '../../compare/impact.js';

const TRUE_WORDS = new Set(['true', 'ja', 'yes', '1', 'wahr', 'j', 'y']);
const FALSE_WORDS = new Set(['false', 'nein', 'no', '0', 'falsch', 'n']);
const BOOLEAN_FIELDS = new Set(['displacedFromUkraine', 'goodProspects', 'justifiedExtension']);
const NUMBER_FIELDS = new Set(['persons', 'population', 'allocations']);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function normaliseDecimal(text: string): string | null {
  const s = text.trim();
  if (/^[-+]?\d+([.,]\d+)?$/.test(s)) return s.replace(',', '.').replace(/^\+/, '');
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, '').replace(',', '.').replace(/^\+/, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '').replace(/^\+/, '');
  return null;
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
}

function classify(v: Record<string, unknown>, out: ReadCaseload): void {
  if (!('residenceStatus' in v) && typeof v.district === 'string' && ('persons' in v || 'population' in v || 'allocations' in v)) {
    const d: DistrictCaseloadRow = { district: v.district };
    for (const k of ['persons', 'population', 'allocations'] as const) if (typeof v[k] === 'number') d[k] = v[k];
    if (typeof v.name === 'string') d.name = v.name;
    out.districts.push(d);
  } else out.persons.push(v);
}

function fresh(entries: [string, unknown][]): Record<string, unknown> | undefined {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (FORBIDDEN.has(k)) return undefined;
    o[k] = v;
  }
  return o;
}

/**
 * Reads a caseload from the text of a file by its name's extension (`.csv`, `.json`, `.jsonl`).
 *
 * @example
 * const r = readCaseloadText('persons.csv', 'id;residenceStatus;accommodation;displacedFromUkraine\na;tolerated;follow-up;nein\n');
 */
export function readCaseloadText(name: string, raw: string): { ok: true; caseload: ReadCaseload } | { ok: false; message: { de: string; en: string } } {
  const text = raw.replace(/^\uFEFF/, '');
  const out: ReadCaseload = { persons: [], districts: [], unreadable: 0 };
  const lower = name.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    let values: unknown[];
    try {
      if (lower.endsWith('.json')) {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) return { ok: false, message: { de: 'JSON muss ein Array von Zeilen sein.', en: 'JSON must be an array of rows.' } };
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
      return { ok: false, message: { de: 'Die Datei ist kein gültiges JSON.', en: 'The file is not valid JSON.' } };
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
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) {
    return { ok: false, message: { de: 'Bitte eine CSV-, JSON- oder JSON-Lines-Datei wählen.', en: 'Please choose a CSV, JSON or JSON Lines file.' } };
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g) ?? []).length >= (firstLine.match(/,/g) ?? []).length && firstLine.includes(';') ? ';' : ',';
  const records = splitCsv(text, delimiter);
  if (records === null || records.length === 0) return { ok: false, message: { de: 'Die CSV-Datei ist nicht lesbar (Anführungszeichen?).', en: 'The CSV file is unreadable (quotes?).' } };
  const header = (records[0] as string[]).map((h) => h.trim());
  if (header.some((h) => h === '') || new Set(header).size !== header.length || header.some((h) => FORBIDDEN.has(h))) {
    return { ok: false, message: { de: 'Die Kopfzeile hat leere, doppelte oder unzulässige Spaltennamen.', en: 'The header has empty, duplicate or forbidden column names.' } };
  }
  for (const rec of records.slice(1)) {
    if (rec.length !== header.length) {
      out.unreadable++;
      out.persons.push(undefined);
      continue;
    }
    const entries: [string, unknown][] = [];
    const bad = { yes: false };
    header.forEach((h, i) => {
      const cell = (rec[i] ?? '').trim();
      if (cell === '') return;
      if (BOOLEAN_FIELDS.has(h)) {
        const w = cell.toLowerCase();
        if (TRUE_WORDS.has(w)) entries.push([h, true]);
        else if (FALSE_WORDS.has(w)) entries.push([h, false]);
        else bad.yes = true;
      } else if (NUMBER_FIELDS.has(h)) {
        const d = normaliseDecimal(cell);
        if (d === null) bad.yes = true;
        else entries.push([h, Number(d)]);
      } else entries.push([h, cell]);
    });
    const o = bad.yes ? undefined : fresh(entries);
    if (o === undefined) {
      out.unreadable++;
      out.persons.push(undefined);
    } else classify(o, out);
  }
  return { ok: true, caseload: out };
}
