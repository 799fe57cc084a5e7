/**
 * The what-if page's caseload reader in Node: German Excel files (Windows-1252 CSV with German
 * column names, German dates and grouped numbers; an .xlsx workbook) give the same impact in the
 * page's reader as `compare --caseload` gives on the same file; its fields are the CLI's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/universal';
import type { ImpactTally } from '../../../src/compare/impact.js';
import { personSchema } from '../../../src/contract/person.js';
import { fieldKindsOfSchema } from '../../../src/cli/input.js';
import { CASELOAD_FIELDS, decodeCaseloadBytes, districtRowOf, readCaseloadSheet, readCaseloadText, type SheetCell } from '../../../src/adapters/whatif/read.js';
import { computeWhatIf } from '../../../src/adapters/whatif/model.js';
import { generatePersons } from '../../../src/synthetic/persons.js';
import { run } from '../../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-whatif-read-'));
const STATE = { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: {}, removeRules: [] };

function pageImpact(r: ReturnType<typeof readCaseloadText>): { totals: unknown; districts: unknown; personRows: number; invalidRows: number } {
  if (!r.ok) throw new Error(r.message.en);
  const c = computeWhatIf(STATE, { persons: r.caseload.persons, districts: r.caseload.districts, label: { de: 'x', en: 'x' }, synthetic: false }, new Map<string, ImpactTally>());
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const rep = c.result.report;
  return { totals: rep.totals, districts: rep.districts, personRows: rep.caseload.personRows, invalidRows: rep.caseload.invalidRows };
}

async function cliImpact(file: string): Promise<{ totals: unknown; districts: unknown; personRows: number; invalidRows: number }> {
  const cli = await run(['compare', 'bw-im-proposal', 'bw-im-proposal', '--caseload', file, '--format', 'json']);
  const rep = JSON.parse(cli.stdout) as { totals: unknown; districts: unknown; caseload: { personRows: number; invalidRows: number } };
  return { totals: rep.totals, districts: rep.districts, personRows: rep.caseload.personRows, invalidRows: rep.caseload.invalidRows };
}

const persons = generatePersons({ count: 600, seed: 9, on: '2026-01-01' });
const german = (iso: string | undefined): string => (iso === undefined ? '' : `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`);

describe('what-if page reader: German Excel files as the CLI reads them', () => {
  it('reads the fields the CLI reads for a caseload, with the same kinds', () => {
    expect(CASELOAD_FIELDS).toEqual({ ...fieldKindsOfSchema(personSchema), persons: 'integer', population: 'integer', allocations: 'integer', name: 'string' });
  });

  it('a Windows-1252 CSV with German column names, TT.MM.JJJJ dates, ja/nein, a grouped population and a bad row: the same impact as compare --caseload', async () => {
    const header = 'Kennung;Aufenthaltsstatus;Unterbringung;Ukraine;Anschlussunterbringung seit;Einreise;Bleibeperspektive;Verlängerung;Kreis;Stichtag;Bemerkung';
    const lines = persons.map((p) =>
      [p.id, p.residenceStatus, p.accommodation, p.displacedFromUkraine ? 'ja' : 'nein', german(p.followUpSince), german(p.arrivalDate), p.goodProspects === true ? 'ja' : '', p.justifiedExtension === true ? 'ja' : '', p.district ?? '', '01.01.2026', 'Büro Süd'].join(';'),
    );
    lines.push('x1;tolerated;follow-up;vielleicht;;;;;08111;01.01.2026;kaputt');
    lines.push(';;;;;;;;08111;;;');
    const text = `${header}\r\n${lines.join('\r\n')}\r\n`;
    const bytes = Buffer.from(text, 'latin1'); // Windows-1252 for these characters
    const file = join(dir, 'fallbestand.csv');
    writeFileSync(file, bytes);
    const decoded = decodeCaseloadBytes(new Uint8Array(bytes));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Verlängerung');
    const r = readCaseloadText('fallbestand.csv', decoded.text);
    if (!r.ok) throw new Error(r.message.en);
    expect(r.caseload.unknownColumns).toEqual(['Bemerkung']);
    // The bad yes/no word and the line with one cell too many.
    expect(r.caseload.unreadable).toBe(2);
    const page = pageImpact(r);
    expect(page).toEqual(await cliImpact(file));
    expect(page.personRows).toBe(persons.length + 2);
  });

  it('district rows with German grouped counts (630.305 in a ; file) are read as counts, as the CLI reads them', () => {
    const r = readCaseloadText('kreise.csv', 'Kreis;Name;Einwohner;Personen\n08111;Stuttgart;630.305;2.310\n08115;Böblingen;1.234;17\n');
    if (!r.ok) throw new Error(r.message.en);
    expect(r.caseload.districts).toEqual([
      { district: '08111', name: 'Stuttgart', population: 630305, persons: 2310 },
      { district: '08115', name: 'Böblingen', population: 1234, persons: 17 },
    ]);
    expect(districtRowOf({ district: '08111', residenceStatus: 'tolerated', persons: 2 })).toBeNull();
  });

  it('an .xlsx workbook (typed cells: dates, booleans, numbers; German header): the same impact as compare --caseload on the same file', async () => {
    const header = ['Kennung', 'Aufenthaltsstatus', 'Unterbringung', 'Ukraine', 'Anschlussunterbringung seit', 'Einreise', 'Kreis', 'Stichtag'];
    const date = (iso: string | undefined): { value: Date; type: DateConstructor; format: string } | null => (iso === undefined ? null : { value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'dd.mm.yyyy' });
    const data = [
      header.map((h) => ({ value: h, type: String })),
      ...persons.map((p) => [
        { value: p.id, type: String },
        { value: p.residenceStatus, type: String },
        { value: p.accommodation, type: String },
        { value: p.displacedFromUkraine, type: Boolean },
        date(p.followUpSince),
        date(p.arrivalDate),
        p.district === undefined ? null : { value: p.district, type: String },
        date('2026-01-01'),
      ]),
    ];
    const file = join(dir, 'fallbestand.xlsx');
    const buf = await writeXlsxFile(data as never).toBuffer();
    writeFileSync(file, buf);
    const rows = (await readSheet(new Uint8Array(buf).buffer)) as SheetCell[][];
    const r = readCaseloadSheet(rows);
    const page = pageImpact(r);
    expect(page).toEqual(await cliImpact(file));
    expect(page.invalidRows).toBe(0);
    expect(page.personRows).toBe(persons.length);
  });
});
