import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckBatcher, checkColumns, type CheckRow } from '../../src/cli/commands/check.js';
import { fieldKindsOfSchema, readRows, splitCsvLine, type FieldKind, type InputFormat, type InputRow } from '../../src/cli/input.js';
import { csvRecord, RowWriter, type OutputFormat } from '../../src/cli/output.js';
import { personSchema } from '../../src/contract/person.js';
import { defaultRegistry } from '../../src/versions/registry.js';
import { streamPersons } from '../../src/synthetic/persons.js';
import { Collector, run } from './helpers.js';
import { tableHeading } from '../../src/_lib/headings.js';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** Reads bytes in the given pieces, collecting rows or the error message. */
async function readAll(parts: Buffer[], format: InputFormat, options: { fields?: Record<string, FieldKind>; delimiter?: string }): Promise<InputRow[] | string> {
  const out: InputRow[] = [];
  try {
    for await (const r of readRows({ name: 't', format, stream: Readable.from(parts) }, options)) out.push(r);
  } catch (e) {
    return `${(e as Error).message} after ${String(out.length)} rows`;
  }
  return out;
}

function cut(bytes: Buffer, r: () => number): Buffer[] {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(r() * (r() < 0.3 ? 4 : 200));
    parts.push(bytes.subarray(i, i + n));
    i += n;
  }
  return parts;
}

describe('CSV reading: papaparse on whole lines, the same rows whatever the pieces', () => {
  const TOKENS = ['a', 'b', '7', ' ', 'é', '€', '"', '""', ';', ';', ';', ',', '\t', '\r', '\n', '\n', '\n', '\r\n', 'ja', '2024-01-15', '"x"', '"x;y"', '"q""r"', '1.234', '630.305', '1,5', '15.01.2024'];

  it('splitCsvLine gives the fields of quoted, plain and empty fields, and a reason where a line is broken', () => {
    expect(splitCsvLine('a;b;;c;', ';')).toEqual(['a', 'b', '', 'c', '']);
    expect(splitCsvLine('"a;b";"c""d";"";e"f', ';')).toEqual(['a;b', 'c"d', '', 'e"f']);
    expect(splitCsvLine('"a";', ';')).toEqual(['a', '']);
    expect(Array.isArray(splitCsvLine('"a', ';'))).toBe(false);
    expect(Array.isArray(splitCsvLine('"a"b;c', ';'))).toBe(false);
  });

  it('gives the same rows, line numbers and issues on 300 random inputs (mixed line endings) split at every offset and in random pieces', async () => {
    const r = rng(20261125);
    const fields = fieldKindsOfSchema(personSchema);
    for (let n = 0; n < 300; n++) {
      const header = pick(r, ['id;a;b', 'id,a,b', 'id;residenceStatus;goodProspects', '"id";"a"', 'id\ta\tb', 'id;a', 'Kennung;Aufenthaltsstatus;Einreise']);
      const eol = pick(r, ['\n', '\r\n', '\n', '\r']);
      let text = r() < 0.2 ? '\uFEFF' : '';
      text += header + eol;
      const lines = 1 + Math.floor(r() * 12);
      for (let l = 0; l < lines; l++) {
        const len = Math.floor(r() * 10);
        let line = '';
        for (let k = 0; k < len; k++) line += pick(r, TOKENS);
        text += line + (r() < 0.7 ? eol : pick(r, ['\n', '\r\n', '\r', '']));
      }
      const bytes = Buffer.from(text, 'utf8');
      const options = r() < 0.5 ? { fields } : {};
      const forced = r() < 0.1 ? { delimiter: pick(r, [';', ',']) } : {};
      const whole = await readAll([bytes], 'csv', { ...options, ...forced });
      expect(await readAll(cut(bytes, r), 'csv', { ...options, ...forced }), JSON.stringify(text)).toEqual(whole);
      for (let at = 1; at < bytes.length; at += n < 60 ? 1 : 7) {
        expect(await readAll([bytes.subarray(0, at), bytes.subarray(at)], 'csv', { ...options, ...forced }), `${JSON.stringify(text)} at ${at}`).toEqual(whole);
      }
    }
  });

  it('reads valid rows whatever their line endings (review F6): 20,000 rows, LF and CRLF mixed, blank lines between', async () => {
    const lines = ['id;a'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i};x`, ...(i % 3 === 0 ? [''] : []));
    const text = lines.map((l, i) => l + (i % 2 === 0 ? '\r\n' : '\n')).join('');
    const rows = await readAll([Buffer.from(text)], 'csv', { fields: { id: 'string', a: 'string' } });
    expect(Array.isArray(rows) && rows.length).toBe(20_000);
    expect(Array.isArray(rows) && rows.every((x) => x.issues.length === 0)).toBe(true);
  });
});

describe('CSV writing: csvRecord is csv-stringify', () => {
  it('quotes and escapes like csv-stringify for random cells and delimiters', () => {
    const r = rng(7);
    const parts = ['a', ' ', '"', ';', ',', '\n', '\r', '|', 'ü', '', '2024-01-01', '\t', '=1'];
    for (let n = 0; n < 2000; n++) {
      const delimiter = pick(r, [';', ',', '|', '\t', '"', '\r', '𝄞', 'ab']);
      const cells = Array.from({ length: 1 + Math.floor(r() * 5) }, () => Array.from({ length: Math.floor(r() * 4) }, () => pick(r, parts)).join(''));
      expect(csvRecord(cells, delimiter)).toBe(stringify([cells], { delimiter, record_delimiter: 'unix' }));
    }
  });
});

/** Valid, invalid and edge rows: several rule-set periods, every basis, missing starts, bad cells, bad lines. */
const MIXED = [
  '\uFEFFid;residenceStatus;accommodation;displacedFromUkraine;followUpSince;arrivalDate;goodProspects;justifiedExtension;district;on',
  'A-001;recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;nein;08111;2024-03-01',
  'A-002;temporary-protection;private;ja;;2022-03-20;;;08212;2022-03-14',
  'A-003;tolerated;follow-up;nein;2020-03-01;2019-08-02;;;08425;2024-03-01',
  'A-004;asylum-seeker;provisional;nein;;2023-09-01;ja;;08115;2018-05-02',
  'A-005;subsidiary-protection;follow-up;nein;2023-07-01;2023-01-10;;ja;08136;2026-07-01',
  'A-006;temporary-protection;provisional;ja;;2022-03-05;;;08111;2022-03-10',
  'A-007;recognised-refugee;follow-up;nein;;;;;08111;2024-03-01',
  'A-008;recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;nein;08111;2024-03-01',
  'A-009;tolerated;follow-up;nein;2019-03-01;2019-08-02;;;08425;2024-03-01',
  'A-010;temporary-protection;private;ja;;2022-03-20;;;08212;2024-03-01',
  'A-011;asylum-seeker;provisional;nein;;2023-09-01;nein;;08115;2024-03-01',
  'A-012;recognised-refugee;follow-up;vielleicht;2023-07-01;2022-11-14;;;08111;2024-03-01',
  'A-013;alien;follow-up;nein;2023-07-01;2022-11-14;;;08111;2024-03-01',
  'A-014;recognised-refugee;follow-up;nein;2023-02-30;2022-11-14;;;08111;2024-03-01',
  'A-015;recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;;08111;',
  'A-016;recognised-refugee;follow-up;nein;2023-07-01',
  'A-017;"recognised-refugee;follow-up;nein;;;;;08111;2024-03-01',
  '"A-018";"recognised-refugee";follow-up;nein;"2021-01-01";;;;08111;2024-03-01',
  ';recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;;08111;2024-03-01',
  `${'X'.repeat(250)};recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;;08111;2024-03-01`,
  'A-021;recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;;08111;1999-01-01',
  'A-022;temporary-protection;follow-up;ja;2022-06-01;2022-03-20;;ja;08212;2025-06-01',
  '',
  'A-023;tolerated;private;nein;;2016-01-01;;;08425;2017-06-01',
  'A-024;recognised-refugee;follow-up;nein;2023-07-01;2022-11-14;;;08111;2024-03-01',
].join('\r\n');

/** The per-row path: one `checkEligibility` and one write per row (what `check` did before batching). */
async function perRow(text: string, format: OutputFormat, on: string | undefined, inputFormat: InputFormat): Promise<{ out: string; invalid: number }> {
  const batcher = new CheckBatcher({ registry: defaultRegistry(), trace: false, ...(on !== undefined ? { on } : {}) });
  const stream = new Collector();
  let delimiter = ',';
  const writer = new RowWriter<CheckRow>({
    format,
    stream,
    // German column headings in a table, as the CLI gives them (`RowOutput`).
    columns: checkColumns(format === 'table' ? 'table' : 'csv', 'de', false).map((c) => ({ ...c, heading: tableHeading(c.key, 'de') })),
    toJson: (r) => r,
    get csvDelimiter() {
      return delimiter;
    },
    // A German Excel CSV (BOM and ;) is answered in Excel CSV.
    excel: inputFormat === 'csv' && text.startsWith('\uFEFF') && (text.split('\n')[0] ?? '').includes(';'),
  });
  let invalid = 0;
  const rows = readRows(
    { name: 't', format: inputFormat, stream: Readable.from([Buffer.from(text, 'utf8')]) },
    { fields: fieldKindsOfSchema(personSchema), onDelimiter: (d) => (delimiter = d === '\t' ? ',' : d) },
  );
  for await (const row of rows) {
    const result = batcher.one(row);
    if (!result.ok) invalid++;
    await writer.write(result);
  }
  await writer.end();
  return { out: stream.text, invalid };
}

describe('check: the batched path writes byte for byte what the per-row path writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-fast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csvFile = join(dir, 'mixed.csv');
  writeFileSync(csvFile, MIXED);
  // Many rows in one batch, so that templates are built once and reused.
  const bigText = [MIXED, ...Array.from({ length: 40 }, () => MIXED.split('\r\n').slice(1).join('\r\n'))].join('\r\n');
  const bigFile = join(dir, 'big.csv');
  writeFileSync(bigFile, bigText);

  for (const format of ['table', 'csv', 'json', 'jsonl'] as const) {
    for (const on of [undefined, '2024-03-01', '2022-03-14']) {
      it(`${format}${on !== undefined ? ` --on ${on}` : ''}`, async () => {
        for (const [file, text] of [
          [csvFile, MIXED],
          [bigFile, bigText],
        ] as const) {
          const expected = await perRow(text, format, on, 'csv');
          const got = await run(['check', file, '--format', format, ...(on !== undefined ? ['--on', on] : [])]);
          expect(got.stdout).toBe(expected.out);
          expect(got.code).toBe(expected.invalid > 0 ? 1 : 0);
          expect(expected.invalid).toBeGreaterThan(0);
        }
      });
    }
  }

  it('tab- and comma-separated input (CSV output with a comma, ids with commas and quotes)', async () => {
    const tab = MIXED.replaceAll(';', '\t');
    const comma = MIXED.replaceAll(';', ',').replace('A-001,', '"A,001",').replace('A-002,', '"A""002",');
    for (const [name, text] of [
      ['tab.csv', tab],
      ['comma.csv', comma],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      for (const format of ['csv', 'json'] as const) {
        const expected = await perRow(text, format, undefined, 'csv');
        const got = await run(['check', file, '--format', format]);
        expect(got.stdout).toBe(expected.out);
      }
    }
    const comma2 = await run(['check', join(dir, 'comma.csv'), '--format', 'csv']);
    expect(comma2.stdout).toContain('"A,001"');
    expect(comma2.stdout).toContain('"A""002"');
  });

  it('synthetic persons on many dates (every rule-set period, excluded, counselling ends with notes, inconsistent rows): every output format, with and without --on', async () => {
    const cols = ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'counsellingSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district', 'on'] as const;
    const dates = ['2016-06-01', '2018-05-02', '2020-12-31', '2022-03-14', '2023-01-01', '2024-01-15', '2025-07-01', '2026-07-01', '2027-03-01'];
    const r = rng(99);
    const lines: string[] = [cols.join(';')];
    for (const p of streamPersons({ count: 2500, seed: 11 })) {
      const row: Record<string, unknown> = { ...p, on: pick(r, dates) };
      if (r() < 0.1) row.counsellingSince = row.arrivalDate;
      lines.push(cols.map((c) => (row[c] === undefined ? '' : String(row[c] as string | number | boolean))).join(';'));
    }
    const text = lines.join('\n');
    const file = join(dir, 'synthetic.csv');
    writeFileSync(file, text);
    for (const format of ['csv', 'json', 'jsonl', 'table'] as const) {
      for (const on of [undefined, '2024-01-15', '2026-07-01']) {
        const expected = await perRow(text, format, on, 'csv');
        const got = await run(['check', file, '--format', format, ...(on !== undefined ? ['--on', on] : [])]);
        expect(got.stdout, `${format} ${String(on)}`).toBe(expected.out);
      }
    }
    // The rows cover excluded persons and rows with date notes, so the lazy and template paths ran.
    const json = await run(['check', file, '--format', 'json']);
    const rows = JSON.parse(json.stdout) as { basis: string | null; notes: unknown[]; ok: boolean }[];
    expect(rows.some((x) => x.basis === 'counselling-period-expired' && x.notes.length > 0)).toBe(true);
    expect(rows.some((x) => !x.ok)).toBe(true);
  });

  it('--keep-columns with JSON output: the row as JSON plus the kept columns (rows with lazily computed notes included)', async () => {
    const text = `${MIXED.split('\r\n')[0] ?? ''};Bemerkung\r\n${MIXED.split('\r\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l, i) => `${l};note ${String(i)}`)
      .join('\r\n')}`;
    const file = join(dir, 'kept.csv');
    writeFileSync(file, text);
    const plain = JSON.parse((await run(['check', file, '--format', 'json', '--ignore-column', 'Bemerkung'])).stdout) as Record<string, unknown>[];
    const kept = JSON.parse((await run(['check', file, '--format', 'json', '--keep-columns'])).stdout) as Record<string, unknown>[];
    expect(kept.length).toBe(plain.length);
    kept.forEach((row, i) => {
      const { columns, ...rest } = row;
      expect(rest).toEqual(plain[i]);
      expect(Object.keys(rest)).toEqual(Object.keys(plain[i] ?? {}));
      // Short or broken lines have no Bemerkung cell.
      const c = columns as Record<string, string>;
      if (c.Bemerkung !== undefined) expect(c).toEqual({ Bemerkung: `note ${String(i)}` });
    });
    expect(kept.filter((x) => (x.columns as Record<string, string>).Bemerkung !== undefined).length).toBeGreaterThan(20);
    expect(plain.some((x) => Array.isArray(x.notes) && x.notes.length > 0 && x.counsellingEndsOn !== null)).toBe(true);
  });

  it('JSON Lines input, every output format', async () => {
    const lines = [
      JSON.stringify({ id: 'J1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', followUpSince: '2023-07-01', on: '2024-03-01' }),
      JSON.stringify({ id: 'J2', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true, on: '2022-03-14' }),
      '{"id": "J3", "residenceStatus": 5}',
      'not json',
      JSON.stringify({ id: 'J4', residenceStatus: 'tolerated', accommodation: 'follow-up', followUpSince: '2019-03-01', on: '2024-03-01' }),
      JSON.stringify({ id: 'J5', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', on: '2024-03-01' }),
      JSON.stringify({ id: 42, residenceStatus: 'recognised-refugee', accommodation: 'follow-up', on: '2024-03-01' }),
    ];
    const text = Array.from({ length: 30 }, () => lines.join('\n')).join('\n');
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, text);
    for (const format of ['table', 'csv', 'json', 'jsonl'] as const) {
      const expected = await perRow(text, format, undefined, 'jsonl');
      const got = await run(['check', file, '--format', format]);
      expect(got.stdout).toBe(expected.out);
      expect(got.code).toBe(1);
    }
  });
});
