/**
 * Limits of an Excel workbook (`.xlsx`) checked before a workbook reader unpacks it, shared by the
 * CLI (src/cli/input.ts) and the what-if page (in the browser): a ZIP bomb or a sheet whose used
 * range spans billions of cells is refused with a clear message instead of taking gigabytes (the
 * CLI) or freezing the tab (the page). Browser-safe: fflate only, no Node module.
 */
import { unzipSync } from 'fflate';
import { cliMessage } from '../messages/cli.js';

/** A message in German and English. */
export interface WorkbookProblem {
  de: string;
  en: string;
}

/** Largest workbook file read (packed bytes). */
export const MAX_XLSX_BYTES = 200 * 1024 * 1024;
/**
 * Largest total size the parts of a workbook may unpack to (as its ZIP directory declares them):
 * more than any sheet of Excel's million rows of caseload data needs.
 */
export const MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024;
/**
 * Highest packing ratio of one large part (above 16 MB unpacked): real sheets pack about 5–20:1,
 * a ZIP bomb thousands to one.
 */
export const MAX_XLSX_PACKING_RATIO = 100;
/** Excel's own limits: rows and columns of a worksheet. */
export const XLSX_SHEET_MAX_ROWS = 1_048_576;
export const XLSX_SHEET_MAX_COLUMNS = 16_384;
/**
 * Most cells (rows × columns of the used range) a sheet may span: the workbook reader fills every
 * gap up to the last row and column named, so one cell at row 100,000,000 (or at column XFD of a
 * long sheet) would otherwise take gigabytes from a file of a few hundred bytes.
 */
export const MAX_XLSX_CELLS = 30_000_000;

/** Why a workbook file of this many bytes is not read, or null. */
export function workbookSizeProblem(bytes: number): WorkbookProblem | null {
  if (bytes <= MAX_XLSX_BYTES) return null;
  const mb = MAX_XLSX_BYTES / 1024 / 1024;
  return cliMessage('cli.workbook-too-large', { mb: String(mb) });
}

/**
 * Why a workbook is not read (named `name` in the message), or null: a part packed more than
 * MAX_XLSX_PACKING_RATIO:1, more than MAX_XLSX_UNPACKED_BYTES unpacked (both from the ZIP
 * directory, without unpacking), or a sheet beyond Excel's rows or columns or spanning more than
 * MAX_XLSX_CELLS cells (from the row and cell references of every worksheet). An archive that
 * cannot even be listed is left to the workbook reader, which reports it as unreadable.
 */
export function workbookLimitProblem(input: Uint8Array, name: string): WorkbookProblem | null {
  let total = 0;
  let worst: { name: string; ratio: number } | null = null;
  try {
    unzipSync(input, {
      filter: (file) => {
        total += file.originalSize;
        const ratio = file.originalSize / Math.max(1, file.size);
        if (file.originalSize > 16 * 1024 * 1024 && ratio > MAX_XLSX_PACKING_RATIO && (worst === null || ratio > worst.ratio)) worst = { name: file.name, ratio };
        return false;
      },
    });
  } catch {
    return null;
  }
  const bomb = worst as { name: string; ratio: number } | null;
  if (bomb !== null) {
    return cliMessage('cli.workbook-packed', { name, part: JSON.stringify(bomb.name), ratio: String(Math.round(bomb.ratio)), max: String(MAX_XLSX_PACKING_RATIO) });
  }
  if (total > MAX_XLSX_UNPACKED_BYTES) {
    const mb = MAX_XLSX_UNPACKED_BYTES / 1024 / 1024;
    return cliMessage('cli.workbook-unpacked', { name, size: String(Math.ceil(total / 1024 / 1024)), mb: String(mb) });
  }
  return sheetExtentProblem(input, name);
}

/**
 * Scans the row and cell references (`r="…"`) of every worksheet before the workbook reader sees
 * them: why a sheet is beyond Excel's limits or spans more than MAX_XLSX_CELLS cells, or null.
 */
function sheetExtentProblem(input: Uint8Array, name: string): WorkbookProblem | null {
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(input, { filter: (file) => /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name) });
  } catch {
    return null;
  }
  // Row and cell references read as the workbook reader reads them: a row's `r` as a number, a
  // cell's `r` as letters (each counted as its character code − 64, as the reader does) followed by
  // a number. Letters other than A–Z make the reference unreadable here. One character per byte
  // (Windows-1252): the references are ASCII, other bytes only need to stay other.
  const ref = /<(row|c)\b[^>]*?\sr\s*=\s*(["'])(.*?)\2/g;
  const decoder = new TextDecoder('windows-1252');
  for (const [part, bytes] of Object.entries(sheets)) {
    const text = decoder.decode(bytes);
    let rows = 0;
    let columns = 0;
    ref.lastIndex = 0;
    for (let m = ref.exec(text); m !== null; m = ref.exec(text)) {
      const value = m[3] ?? '';
      let row: number;
      let column = 0;
      if (m[1] === 'row') row = Number(value);
      else {
        const at = value.search(/\d/);
        const letters = at < 0 ? value : value.slice(0, at);
        row = at < 0 ? 0 : Number(value.slice(at));
        column = /^[A-Z]*$/.test(letters) ? 0 : Infinity;
        for (let i = 0; i < letters.length && column !== Infinity; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
      }
      if (row > rows) rows = row;
      if (column > columns) columns = column;
    }
    if (rows > XLSX_SHEET_MAX_ROWS || columns > XLSX_SHEET_MAX_COLUMNS || rows * Math.max(1, columns) > MAX_XLSX_CELLS) {
      return cliMessage('cli.workbook-sheet-extent', { name, part: JSON.stringify(part), rows: String(rows), columns: columns === Infinity ? '?' : String(columns), maxRows: String(XLSX_SHEET_MAX_ROWS), maxColumns: String(XLSX_SHEET_MAX_COLUMNS), maxCells: String(MAX_XLSX_CELLS) });
    }
  }
  return null;
}
