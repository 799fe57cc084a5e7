/**
 * Files as German offices have them: Excel CSV in Windows-1252 and in UTF-8 with BOM (CRLF, `;`,
 * German headers, TT.MM.JJJJ dates, grouped numbers), workbooks written by write-excel-file and by
 * LibreOffice Calc (test/fixtures/excel/README.md says how each was made). Every file goes
 * through every command that reads it: rows in = rows out, exact values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMN_ALIASES } from '../../src/cli/aliases.js';
import { readNumber, readRows, type FieldKind, type InputRow } from '../../src/cli/input.js';
import { main } from '../../src/cli/main.js';
import { RowWriter, type Column } from '../../src/cli/output.js';
import { Collector, codes, jsonRows, run } from './helpers.js';

const F = 'test/fixtures/excel';
const tmp = mkdtempSync(join(tmpdir(), 'fr-excel-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PERSON_FILES = ['persons-1252.csv', 'persons-utf8-bom.csv', 'persons-writer.xlsx', 'persons-libreoffice.xlsx'];
const DISTRICT_FILES = ['districts-1252.csv', 'districts-utf8-bom.csv', 'districts-writer.xlsx', 'districts-libreoffice.xlsx'];
const POST_FILES = ['posts-1252.csv', 'posts-writer.xlsx'];

/** What every person file holds, read: id, eligible, basis, counselling end, ok. */
const PERSONS_EXPECTED = [
  ['P-001', true, 'follow-up-accommodation', '2026-06-30', true],
  ['P-002', true, 'displaced-from-ukraine', null, true],
  ['P-003', false, 'counselling-period-expired', '2023-02-28', true],
  ['P-004', false, 'not-in-target-group', null, true],
  ['P-005', null, null, null, false],
];
const REMARKS = ['Böblingen, Familie Ä', 'Karlsruhe', 'Ulm – Frist abgelaufen', '=HYPERLINK("x")', 'falsches Datum'];

describe('Excel files through every reading command', () => {
  for (const file of PERSON_FILES) {
    it(`check ${file}: German headers, dates and yes/no, one row per row, remarks kept`, async () => {
      const r = await run(['check', `${F}/${file}`, '--format', 'json', '--keep-columns']);
      expect(r.code).toBe(1); // P-005 has 31.02.2023
      const rows = jsonRows(r.stdout);
      expect(rows.map((x) => [x.id, x.eligible, x.basis, x.counsellingEndsOn, x.ok])).toEqual(PERSONS_EXPECTED);
      expect(rows.map((x) => x.on)).toEqual(['2024-03-01', '2024-03-01', '2024-03-01', '2024-03-01', null]);
      // LibreOffice took =HYPERLINK("x") in the CSV it imported for a formula and keeps its result.
      const remarks = file.includes('libreoffice') ? REMARKS.map((x) => (x.startsWith('=') ? 'x' : x)) : REMARKS;
      expect(rows.map((x) => (x.columns as Record<string, string>).Bemerkung)).toEqual(remarks);
      expect(codes(rows[4])).toEqual(['invalid-date']);
      expect(JSON.stringify(rows[4]?.issues)).toContain('31.02.2023');
      if (file.includes('1252')) expect(r.stderr).toContain('read as Windows-1252');
      else expect(r.stderr).not.toContain('Windows-1252');
    });

    it(`compare --caseload ${file}: person rows counted per district, the bad one named on stderr`, async () => {
      const r = await run(['compare', 'bw-im-2023', 'bw-im-2025', '--caseload', `${F}/${file}`, '--format', 'json', '--ignore-column', 'Bemerkung']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { caseload: { personRows: number; invalidRows: number } };
      expect(report.caseload.personRows).toBe(5);
      expect(report.caseload.invalidRows).toBe(1);
      expect(r.stderr).toContain('31.02.2023');
    });
  }

  it('an Excel CSV answers in Excel CSV (BOM, ;, decimal comma, TT.MM.JJJJ), formulas neutralised', async () => {
    const r = await run(['check', `${F}/persons-1252.csv`, '--format', 'csv', '--keep-columns']);
    const lines = r.stdout.split('\n');
    expect(lines[0]?.startsWith('\uFEFFrow;id;ok;on;')).toBe(true);
    expect(lines[1]).toContain(';01.03.2024;true;follow-up-accommodation;30.06.2026;');
    expect(lines[4]?.endsWith(`;"'=HYPERLINK(""x"")"`)).toBe(true);
    const plain = await run(['check', `${F}/persons-writer.xlsx`, '--format', 'csv', '--keep-columns']);
    expect(plain.stdout.split('\n')[1]).toContain(',2024-03-01,true,follow-up-accommodation,2026-06-30,');
  });

  for (const file of DISTRICT_FILES) {
    it(`allocate ${file}: 630.305 inhabitants are 630305, the budget split exactly`, async () => {
      const r = await run(['allocate', `${F}/${file}`, '--rule-set', 'bw-soforthilfe-2022', '--method', 'largest-remainder', '--format', 'json', '--ignore-column', 'Personen']);
      expect(r.stderr).not.toContain('Warning');
      expect(r.code).toBe(0);
      const rows = jsonRows(r.stdout);
      expect(rows.map((x) => [x.id, x.name, x.weight, x.amount])).toEqual([
        ['08111', 'Stuttgart', '630305', '3298483.00'],
        ['08115', 'Böblingen', '392898', '2056095.00'],
        ['08212', 'Karlsruhe', '308436', '1614093.00'],
        ['08425', 'Alb-Donau-Kreis', '197076', '1031329.00'],
      ]);
    });

    it(`staffing ${file}: 2.310 persons are 2310`, async () => {
      const r = await run(['staffing', `${F}/${file}`, '--rule-set', 'bw-im-2023', '--year', '2024', '--format', 'json', '--ignore-column', 'Einwohner']);
      expect(r.code).toBe(0);
      expect(jsonRows(r.stdout).map((x) => [x.id, x.name, x.persons, x.year])).toEqual([
        ['08111', 'Stuttgart', '2310', 2024],
        ['08115', 'Böblingen', '1204', 2024],
        ['08212', 'Karlsruhe', '987', 2024],
        ['08425', 'Alb-Donau-Kreis', '415', 2024],
      ]);
    });

    it(`compare --caseload ${file}: district rows with grouped counts`, async () => {
      const r = await run(['compare', 'bw-im-2023', 'bw-im-2025', '--caseload', `${F}/${file}`, '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { caseload: { districtRows: number }; districts: { district: string; persons: number }[] };
      expect(report.caseload.districtRows).toBe(4);
      expect(report.districts.map((d) => [d.district, d.persons])).toEqual([
        ['08111', 2310],
        ['08115', 1204],
        ['08212', 987],
        ['08425', 415],
      ]);
    });
  }

  for (const file of POST_FILES) {
    it(`grant ${file}: 0,5 FTE and 1.4.2024`, async () => {
      const r = await run(['grant', `${F}/${file}`, '--rule-set', 'bw-im-2023', '--format', 'json', '--ignore-column', 'Name']);
      expect(r.code).toBe(0);
      expect(jsonRows(r.stdout).map((x) => [x.id, x.fte, x.startDate, x.total])).toEqual([
        ['S-01', '1', '2024-01-01', '60000.00'],
        ['S-02', '0.5', '2024-04-01', '22500.00'],
        ['S-03', '0.75', '2024-07-01', '22500.00'],
      ]);
    });
  }

  it('reads a named sheet with --sheet and refuses a missing one (exit 2)', async () => {
    const notes = await run(['check', `${F}/persons-writer.xlsx`, '--sheet', 'Notizen', '--format', 'json']);
    expect(jsonRows(notes.stdout)).toHaveLength(1);
    const second = await run(['check', `${F}/persons-writer.xlsx`, '--sheet', 'Personen', '--format', 'json', '--ignore-column', 'Bemerkung']);
    expect(jsonRows(second.stdout)).toHaveLength(5);
    const missing = await run(['check', `${F}/persons-writer.xlsx`, '--sheet', 'Fehlt']);
    expect(missing.code).toBe(2);
  });

  it('every CSV fixture gives the same rows split at every byte offset', async () => {
    for (const file of [...PERSON_FILES, ...DISTRICT_FILES, ...POST_FILES].filter((f) => f.endsWith('.csv'))) {
      const bytes = readFileSync(`${F}/${file}`);
      const read = async (parts: Buffer[]): Promise<InputRow[]> => {
        const out: InputRow[] = [];
        for await (const r of readRows({ name: file, format: 'csv', stream: Readable.from(parts), encoding: file.includes('1252') ? 'windows-1252' : 'utf-8' }, {})) out.push(r);
        return out;
      };
      const whole = await read([bytes]);
      expect(whole.length).toBeGreaterThan(2);
      for (let at = 1; at < bytes.length; at++) expect(await read([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(whole);
    }
  });
});

describe('workbook output', () => {
  it('--format xlsx writes typed cells, a € money format, a frozen header and a sheet of assumptions and hashes', async () => {
    const out = join(tmp, 'grants.xlsx');
    const r = await run(['grant', `${F}/posts-1252.csv`, '--rule-set', 'bw-im-2023', '--out', out, '--keep-columns']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    const data = await readSheet(bytes);
    expect(data[0]?.slice(0, 3)).toEqual(['row', 'id', 'ok']);
    const header = data[0] as string[];
    const row2 = data[2] as unknown[];
    expect(row2[header.indexOf('total')]).toBe(22500);
    expect(row2[header.indexOf('startDate')]).toEqual(new Date(Date.UTC(2024, 3, 1)));
    expect(row2[header.indexOf('ok')]).toBe(true);
    expect(row2[header.indexOf('id')]).toBe('S-02');
    expect(header).not.toContain('Name'); // read as the post's name, so not an extra column
    const zip = unzipSync(new Uint8Array(bytes));
    const styles = strFromU8(zip['xl/styles.xml'] as Uint8Array);
    expect(styles).toContain('#,##0.00 &quot;€&quot;');
    expect(strFromU8(zip['xl/worksheets/sheet1.xml'] as Uint8Array)).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    const about = await readSheet(bytes, 'Annahmen');
    const flat = about.flat().map(String);
    expect(flat).toContain('bw-im-2023');
    expect(flat.some((c) => c.startsWith('sha256:'))).toBe(true);
    expect(flat).toContain('parameter');
  });

  it('check writes a workbook that check reads back: rows in = rows out', async () => {
    const out = join(tmp, 'check.xlsx');
    await run(['check', `${F}/persons-utf8-bom.csv`, '--format', 'xlsx', '--out', out, '--ignore-column', 'Bemerkung']);
    const data = await readSheet(readFileSync(out));
    expect(data).toHaveLength(6);
    expect(data[1]?.[3]).toEqual(new Date(Date.UTC(2024, 2, 1)));
  });
});

describe('numbers, dates and options', () => {
  it('reads German and international numbers; an ambiguous one only with a locale', () => {
    expect(readNumber('630.305', 'de')).toEqual({ value: '630305' });
    expect(readNumber('630.305', 'en')).toEqual({ value: '630.305' });
    expect(readNumber('630.305', null)).toEqual({ ambiguous: true });
    expect(readNumber('1.234.567', null)).toEqual({ value: '1234567' });
    expect(readNumber('1.234,56', 'en')).toEqual({ value: '1234.56' });
    expect(readNumber('1234.56', 'de')).toEqual({ value: '1234.56' });
    expect(readNumber('1,5', 'de')).toEqual({ value: '1.5' });
    expect(readNumber('1,234', 'en')).toEqual({ value: '1234' });
    expect(readNumber('-2.310', 'de')).toEqual({ value: '-2310' });
    expect(readNumber('1.2.3', 'de')).toBeNull();
  });

  it('counts must be whole numbers; a decimal point in a comma file says so, echoing the value', async () => {
    const file = join(tmp, 'en.csv');
    writeFileSync(file, 'id,persons\n08111,2.310\n08115,"1,204"\n');
    const r = await run(['staffing', file, '--rule-set', 'bw-im-2023', '--year', '2024', '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(codes(rows[0])).toEqual(['invalid-type']);
    expect(JSON.stringify(rows[0]?.issues)).toContain('2.310');
    expect(rows[1]?.persons).toBe('1204');
    const tab = join(tmp, 'tab.csv');
    writeFileSync(tab, 'id\tpersons\n08111\t2.310\n');
    const t = await run(['staffing', tab, '--rule-set', 'bw-im-2023', '--year', '2024', '--format', 'json']);
    expect(codes(jsonRows(t.stdout)[0])).toEqual(['ambiguous-value']);
    const de = await run(['staffing', tab, '--rule-set', 'bw-im-2023', '--year', '2024', '--format', 'json', '--locale', 'de']);
    expect(jsonRows(de.stdout)[0]?.persons).toBe('2310');
  });

  it('--budget 500.000 is refused as ambiguous (exit 2) unless --locale says how to read it; 31 digits are too many', async () => {
    const a = await run(['allocate', `${F}/districts-utf8-bom.csv`, '--rule-set', 'bw-soforthilfe-2022', '--budget', '500.000']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('"500.000"');
    const b = await run(['allocate', `${F}/districts-utf8-bom.csv`, '--rule-set', 'bw-soforthilfe-2022', '--budget', '500.000', '--locale', 'de', '--ignore-column', 'Personen']);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('Budget 500000.00 €');
    const c = await run(['allocate', `${F}/districts-utf8-bom.csv`, '--rule-set', 'bw-soforthilfe-2022', '--budget', '1'.repeat(31)]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('zu viele Stellen');
  });

  it('--on takes TT.MM.JJJJ and T.M.JJJJ; a bad date is echoed', async () => {
    const a = await run(['check', `${F}/persons-utf8-bom.csv`, '--on', '1.3.2024', '--format', 'json', '--ignore-column', 'Bemerkung']);
    expect(jsonRows(a.stdout)[0]?.on).toBe('2024-03-01');
    const b = await run(['check', `${F}/persons-utf8-bom.csv`, '--on', '30.02.2024']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('"30.02.2024"');
  });

  it('--encoding overrides detection; invalid UTF-8 ids stay distinct (review F15)', async () => {
    const file = join(tmp, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('id;residenceStatus;accommodation;displacedFromUkraine\nA'), Buffer.from([0xff]), Buffer.from(';other;private;nein\nA'), Buffer.from([0xfe]), Buffer.from(';other;private;nein\n')]));
    const r = await run(['check', file, '--on', '2024-01-15', '--format', 'json']);
    expect(jsonRows(r.stdout).map((x) => x.id)).toEqual(['Aÿ', 'Aþ']);
    expect(r.stderr).toContain('Windows-1252');
    const forced = await run(['check', file, '--on', '2024-01-15', '--format', 'json', '--encoding', 'utf-8']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('kein gültiges UTF-8');
  });
});

describe('reliability findings (issue 13) on reading and writing', () => {
  it('F1: check same.csv --out same.csv keeps every row', async () => {
    const file = join(tmp, 'same.csv');
    const lines = ['id;residenceStatus;accommodation;displacedFromUkraine;followUpSince'];
    for (let i = 0; i < 3000; i++) lines.push(`S-${i};recognised-refugee;follow-up;nein;2023-07-01`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await run(['check', file, '--on', '2024-01-15', '--format', 'csv', '--out', file]);
    expect(r.code).toBe(0);
    const out = readFileSync(file, 'utf8').trim().split('\n');
    expect(out).toHaveLength(3001);
    expect(out[3000]?.startsWith('3000;S-2999;true;')).toBe(true);
  });

  it('a failed run leaves an existing output file as it was', async () => {
    const out = join(tmp, 'keep.csv');
    writeFileSync(out, 'old\n');
    const r = await run(['check', join(tmp, 'missing.csv'), '--out', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
  });

  it('F23: a JSON array with a stray } gives one malformed row, not a row per key', async () => {
    const file = join(tmp, 'stray.json');
    writeFileSync(
      file,
      '[{"id":"1","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false}},\n{"id":"2","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false},\n{"id":"3","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false}]',
    );
    const r = await run(['check', file, '--on', '2024-01-15', '--format', 'json']);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.ok)).toEqual([false, true, true]);
    expect(codes(rows[0])).toEqual(['malformed-row']);
  });

  it('F8: a repeated district row in compare --caseload is named on stderr and gives exit 1', async () => {
    const file = join(tmp, 'dup.csv');
    writeFileSync(file, 'district;persons\n08111;100\n08111;200\n08115;50\n');
    const r = await run(['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', file, '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('08111');
    expect(r.stderr).toMatch(/row 1|Zeile 1/);
  });

  it('F29: duplicate recipient ids in allocate are a warning (exit 1)', async () => {
    const file = join(tmp, 'dupid.csv');
    writeFileSync(file, 'ags;population\n08111;100\n08111;200\n');
    const r = await run(['allocate', file, '--rule-set', 'bw-soforthilfe-2022', '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Duplicate id: 08111');
  });

  it('F16: a JSON Lines row over the limit is one row; the next is read', async () => {
    const text = `{"id":"x","pad":"${'y'.repeat(1_100_000)}"}\n{"id":"2","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false}\n`;
    const r = await run(['check', '-', '--input-format', 'jsonl', '--on', '2024-01-15', '--format', 'json'], { stdin: text });
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => [x.row, x.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(codes(rows[0])).toEqual(['limit-exceeded']);
  });

  it('table output names the rows that were not counted on stderr', async () => {
    const r = await run(['grant', `${F}/posts-1252.csv`, '--rule-set', 'bw-im-2023', '--delimiter', ',']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 Zeile\(n\) nicht gezählt:\n {2}Zeile 1/);
  });

  it('JSON Lines stream: each result is written before the next input line arrives', async () => {
    const stdin = new PassThrough();
    const stdout = new Collector();
    const stderr = new Collector();
    const done = main(['check', '-', '--input-format', 'jsonl', '--format', 'jsonl', '--on', '2024-01-15'], { stdin, stdout, stderr });
    const waitFor = async (n: number): Promise<void> => {
      for (let i = 0; i < 200 && stdout.text.split('\n').length <= n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    stdin.write('{"id":"a","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false}\n');
    await waitFor(1);
    expect(stdout.text.split('\n').filter(Boolean)).toHaveLength(1);
    stdin.write('{"id":"b","residenceStatus":"other","accommodation":"private","displacedFromUkraine":false}\n');
    await waitFor(2);
    expect(stdout.text.split('\n').filter(Boolean)).toHaveLength(2);
    stdin.end();
    expect(await done).toBe(0);
  });
});

describe('Excel CSV written is read back identically', () => {
  it('any decimal, whole number and date (property)', async () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 10 }))
      .map(([neg, n, places]) => {
        const s = n.toString().padStart(places + 1, '0');
        const v = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
        return (neg && n !== 0n ? '-' : '') + v.replace(/^0+(?=\d)/, '');
      });
    const date = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
    const whole = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String);
    type Row = { amount: string; weight: string; on: string; persons: string; note: string };
    const columns: Column<Row>[] = [
      { key: 'amount', kind: 'money', cell: (r) => r.amount },
      { key: 'weight', kind: 'decimal', cell: (r) => r.weight },
      { key: 'on', kind: 'date', cell: (r) => r.on },
      { key: 'persons', kind: 'integer', cell: (r) => r.persons },
      { key: 'note', kind: 'text', cell: (r) => r.note },
    ];
    const fields: Record<string, FieldKind> = { amount: 'decimal', weight: 'decimal', on: 'date', persons: 'integer', note: 'string' };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ amount: decimal, weight: decimal, on: date, persons: whole, note: fc.string({ maxLength: 12 }).filter((s) => s.trim() === s && !/[\r\n]/.test(s)) }), { minLength: 1, maxLength: 20 }), async (rows) => {
        const out = new Collector();
        const w = new RowWriter<Row>({ format: 'csv', stream: out, columns, toJson: (r) => r, excel: true });
        await w.writeMany(rows);
        await w.end();
        const back: InputRow[] = [];
        for await (const r of readRows({ name: 'x', format: 'csv', stream: Readable.from([Buffer.from(out.text, 'utf8')]) }, { fields })) back.push(r);
        expect(back).toHaveLength(rows.length);
        back.forEach((b, i) => {
          const r = rows[i] as Row;
          expect(b.issues).toEqual([]);
          const v = b.value as Record<string, unknown>;
          expect(v.amount).toBe(r.amount);
          expect(v.weight).toBe(r.weight);
          expect(v.on).toBe(r.on);
          expect(v.persons).toBe(Number(r.persons));
          const note = /^[=+\-@\t\r]/.test(r.note) ? `'${r.note}` : r.note;
          expect(v.note ?? '').toBe(note);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('German column names', () => {
  it('docs/analysts.md lists exactly the aliases the CLI accepts', () => {
    const doc = readFileSync('docs/analysts.md', 'utf8');
    for (const [field, aliases] of Object.entries(COLUMN_ALIASES)) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`${field}\` |`));
      expect(line, field).toBeDefined();
      expect(line).toBe(`| \`${field}\` | ${aliases.join(', ')} |`);
    }
  });
});
