/**
 * Reading one cell of a row file: yes/no words, numbers in German or international notation,
 * whole numbers for counts, dates as `YYYY-MM-DD` or `TT.MM.JJJJ`. Shared by the CLI's reader
 * (src/cli/input.ts) and the what-if page's reader in the browser, so both read a cell the same
 * way. No Node module here.
 */
import { daysInMonth, formatDate, isCalendarDate } from '../dates/calendar.js';
import type { Issue } from '../issues.js';
import { cliIssueOf } from '../messages/cli.js';

/** Number conventions `--locale` accepts: `de` 1.234,56 · `en` 1,234.56. */
export const LOCALES = ['de', 'en'] as const;
export type NumberLocale = (typeof LOCALES)[number];

/**
 * How a cell is turned into a value: text, yes/no, a number, a whole number (counts), a decimal
 * kept as a string (money, weights), or a calendar date (`YYYY-MM-DD`; `TT.MM.JJJJ` accepted).
 */
export type FieldKind = 'string' | 'boolean' | 'number' | 'integer' | 'decimal' | 'date';

const TRUE_WORDS = new Set(['true', 'ja', 'yes', '1', 'wahr', 'j', 'y', 'x']);
const FALSE_WORDS = new Set(['false', 'nein', 'no', '0', 'falsch', 'n']);

/** The result of reading a number: its plain form (`-1234.56`), or why not. */
export type NumberReading = { value: string } | { ambiguous: true } | null;

/**
 * Reads a number written in German (`1.234,56`, `0,5`, `630.305`) or international (`1234.56`,
 * `1,234.56`) notation as `1234.56`. With a locale, one separator followed by three digits is a
 * group separator where that locale groups with it (`630.305` is 630305 in `de`, 630.305 in
 * `en`). Without one, such a value is ambiguous. Anything else that is no number gives null.
 */
export function readNumber(text: string, locale: NumberLocale | null): NumberReading {
  const t = text.trim();
  const m = /^([-+]?)(\d[\d.,]*)$/.exec(t);
  if (m === null) return null;
  const sign = m[1] === '-' ? '-' : '';
  const s = m[2] as string;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  const plain = (x: string): { value: string } => ({ value: sign + x });
  if (dots === 0 && commas === 0) return plain(s);
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator, the other one groups.
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return plain(s.replace(/\./g, '').replace(',', '.'));
    if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) return plain(s.replace(/,/g, ''));
    return null;
  }
  const sep = dots > 0 ? '.' : ',';
  const count = dots + commas;
  const grouped = sep === '.' ? /^\d{1,3}(\.\d{3})+$/.test(s) : /^\d{1,3}(,\d{3})+$/.test(s);
  if (count > 1) return grouped ? plain(s.split(sep).join('')) : null;
  if (!/^\d+[.,]\d+$/.test(s)) return null;
  if (!grouped) return plain(s.replace(',', '.'));
  // One separator followed by exactly three digits: 630.305 or 1,234.
  if (locale === null) return { ambiguous: true };
  const groupSep = locale === 'de' ? '.' : ',';
  return plain(sep === groupSep ? s.replace(sep, '') : s.replace(',', '.'));
}

/** A decimal in German (`1.234,56`, `0,5`) or international (`1234.56`) notation, as `1234.56`; else null (also when ambiguous). */
export function normaliseDecimal(text: string, locale: NumberLocale | null = null): string | null {
  const r = readNumber(text, locale);
  return r !== null && 'value' in r ? r.value : null;
}

/** A date `YYYY-MM-DD`, `TT.MM.JJJJ` or `T.M.JJJJ` as `YYYY-MM-DD`; else null. */
export function readDate(text: string): string | null {
  const t = text.length === 10 ? text : text.trim();
  if (t.length === 10 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45) {
    // YYYY-MM-DD, checked without a regular expression (this runs for every date cell).
    let ok = true;
    for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) ok = false;
    }
    if (!ok) return null;
    const y = (t.charCodeAt(0) - 48) * 1000 + (t.charCodeAt(1) - 48) * 100 + (t.charCodeAt(2) - 48) * 10 + (t.charCodeAt(3) - 48);
    const m = (t.charCodeAt(5) - 48) * 10 + (t.charCodeAt(6) - 48);
    const d = (t.charCodeAt(8) - 48) * 10 + (t.charCodeAt(9) - 48);
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? t : null;
  }
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m === null) return null;
  const out = formatDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isCalendarDate(out) ? out : null;
}

/** A cell as an error message quotes it (shortened). */
export function echo(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}

/** Converts one text cell; returns the value or an issue that echoes the cell. */
export function coerceCell(cell: string, kind: FieldKind, column: string, locale: NumberLocale | null = null): { value: unknown } | { issue: Issue } {
  switch (kind) {
    case 'string':
      return { value: cell };
    case 'boolean': {
      const w = cell.toLowerCase();
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return { issue: cliIssueOf('invalid-type.cell-boolean', [column], { column, value: echo(cell) }) };
    }
    case 'date': {
      const d = readDate(cell);
      if (d !== null) return { value: d };
      return { issue: cliIssueOf('invalid-date.cell', [column], { column, value: echo(cell) }) };
    }
    case 'number':
    case 'integer':
    case 'decimal': {
      const n = readNumber(cell, locale);
      if (n !== null && 'ambiguous' in n) {
        return { issue: cliIssueOf('ambiguous-value.cell-number', [column], { column, value: echo(cell) }) };
      }
      if (n === null) {
        return { issue: cliIssueOf('invalid-type.cell-number', [column], { column, value: echo(cell) }) };
      }
      return numberValue(n.value, kind, column, cell);
    }
  }
}

/** A plain number text as the value of a kind (integers must be whole and safe). */
export function numberValue(plain: string, kind: 'number' | 'integer' | 'decimal', column: string, cell: string): { value: unknown } | { issue: Issue } {
  if (kind === 'decimal') return { value: plain };
  if (kind === 'integer') {
    const whole = /^-?\d+$/.test(plain) ? plain : /^-?\d+\.0+$/.test(plain) ? plain.replace(/\.0+$/, '') : null;
    const n = whole === null ? NaN : Number(whole);
    if (!Number.isSafeInteger(n)) {
      return { issue: cliIssueOf('invalid-type.cell-count', [column], { column, value: echo(cell) }) };
    }
    return { value: n === 0 ? 0 : n };
  }
  const n = Number(plain);
  return Number.isFinite(n) ? { value: n } : { issue: cliIssueOf('invalid-type.cell-number-too-large', [column], { column, value: echo(cell) }) };
}


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
