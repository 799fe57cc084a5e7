import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_XLSX_BYTES, workbookLimitProblem, workbookSizeProblem } from '../../src/tabular/workbook.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'excel');
const honest = new Uint8Array(readFileSync(join(FIXTURES, 'persons-writer.xlsx')));
const parts = unzipSync(honest);
const SHEET = 'xl/worksheets/sheet1.xml';
const sheetText = new TextDecoder().decode(parts[SHEET]);

/** The honest workbook with the sheet's XML changed. */
function withSheet(xml: string | Uint8Array, level: 0 | 9 = 0): Uint8Array {
  return zipSync({ ...parts, [SHEET]: typeof xml === 'string' ? new TextEncoder().encode(xml) : xml }, { level });
}

/** The sheet with one more row after its last. */
function extraRow(row: string): string {
  const at = sheetText.lastIndexOf('</row>') + '</row>'.length;
  return sheetText.slice(0, at) + row + sheetText.slice(at);
}

describe('workbook limits shared by the CLI and the what-if page', () => {
  it('lets honest workbooks through (written by the writer library and by LibreOffice)', () => {
    for (const f of ['persons-writer.xlsx', 'persons-libreoffice.xlsx', 'districts-writer.xlsx', 'districts-libreoffice.xlsx', 'posts-writer.xlsx']) {
      expect(workbookLimitProblem(new Uint8Array(readFileSync(join(FIXTURES, f))), f)).toBeNull();
    }
  });

  it('refuses a part packed far beyond spreadsheet XML (zip bomb), naming the file and the part, in German and English', () => {
    const at = sheetText.indexOf('<sheetData>');
    const padded = new Uint8Array(17 * 1024 * 1024 + sheetText.length);
    const enc = new TextEncoder();
    padded.set(enc.encode(sheetText.slice(0, at)), 0);
    padded.fill(32, at, at + 17 * 1024 * 1024);
    padded.set(enc.encode(sheetText.slice(at)), at + 17 * 1024 * 1024);
    const p = workbookLimitProblem(withSheet(padded, 9), 'bomb.xlsx');
    expect(p?.en).toMatch(/^bomb\.xlsx: the part "xl\/worksheets\/sheet1\.xml" is packed \d+:1 \(at most 100:1\): not a workbook read here\.$/);
    expect(p?.de).toMatch(/^bomb\.xlsx: der Teil "xl\/worksheets\/sheet1\.xml" ist \d+:1 gepackt \(höchstens 100:1\)/);
    // The same bytes stored unpacked are a large but honest part.
    expect(workbookLimitProblem(withSheet(padded, 0), 'big.xlsx')).toBeNull();
  });

  it('refuses a sheet beyond Excel\'s rows, its columns, or 30 million cells, naming the extent', () => {
    const rows = workbookLimitProblem(withSheet(extraRow('<row r="169220804"><c r="A169220804" t="inlineStr"><is><t>x</t></is></c></row>')), 'w.xlsx');
    expect(rows?.en).toBe(
      'w.xlsx: the sheet "xl/worksheets/sheet1.xml" reaches row 169220804, column 9 (Excel: at most 1048576 rows, 16384 columns; here at most 30000000 cells): not a workbook read here.',
    );
    expect(rows?.de).toMatch(/^w\.xlsx: das Blatt "xl\/worksheets\/sheet1\.xml" reicht bis Zeile 169220804, Spalte 9 /);
    expect(workbookLimitProblem(withSheet(extraRow('<row r="5"><c r="XFE5"><v>1</v></c></row>')), 'w.xlsx')?.en).toMatch(/reaches row \d+, column 16385 /);
    // 900,000 rows × 16,384 columns: within Excel's limits, beyond the cells read here.
    expect(workbookLimitProblem(withSheet(extraRow('<row r="900000"><c r="XFD900000"><v>1</v></c></row>')), 'w.xlsx')?.en).toMatch(/reaches row 900000, column 16384 /);
    // A reference whose letters are not A–Z cannot be read: refused, column unknown.
    expect(workbookLimitProblem(withSheet(extraRow('<row r="7"><c r="a7"><v>1</v></c></row>')), 'w.xlsx')?.en).toMatch(/reaches row \d+, column \? /);
    // At the limits exactly: read.
    expect(workbookLimitProblem(withSheet(extraRow('<row r="1048576"><c r="A1048576"><v>1</v></c></row>')), 'w.xlsx')).toBeNull();
  });

  it('leaves what is not an archive at all to the workbook reader', () => {
    expect(workbookLimitProblem(new TextEncoder().encode('id;name\n1;x\n'), 'not.xlsx')).toBeNull();
  });

  it('refuses a workbook file above the size limit', () => {
    expect(workbookSizeProblem(MAX_XLSX_BYTES)).toBeNull();
    expect(workbookSizeProblem(MAX_XLSX_BYTES + 1)).toEqual({ de: 'Die Arbeitsmappe ist größer als 200 MB.', en: 'The workbook is larger than 200 MB.' });
  });
});
