import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Collector, codes, jsonRows, run } from './helpers.js';

const F = 'test/fixtures/cli';

describe('check: reading rows', () => {
  it('reads a German CSV (semicolon, BOM, Ja/Nein, blank line) into one result per data row, in order', async () => {
    const r = await run(['check', `${F}/persons-semicolon-bom.csv`, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((x) => x.id)).toEqual(['G-1', 'G-2', 'G-3', 'G-4', 'G-5']);
    expect(rows.every((x) => x.ok === true)).toBe(true);
    // JA → displacedFromUkraine true: admitted by the Ukraine decree on 2022-03-14.
    expect(rows[1]).toMatchObject({ eligible: true, basis: 'displaced-from-ukraine', ruleSet: 'bw-im-2022', overlays: ['bw-im-2022-ukraine'] });
    // § 187/188 BGB: 3 years from 2023-07-01 end on 2026-06-30.
    expect(rows[0]).toMatchObject({ eligible: true, counsellingEndsOn: '2026-06-30', ruleSet: 'bw-im-2023' });
    expect(rows[2]).toMatchObject({ eligible: false, basis: 'counselling-period-expired' });
    expect(rows[4]).toMatchObject({ eligible: true, counsellingEndsOn: '2027-06-30', ruleSet: 'bw-im-2025' });
    expect(rows[0]?.ruleSetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reads comma CSV with CRLF and quoted fields', async () => {
    const r = await run(['check', `${F}/persons-comma-crlf.csv`, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => x.id)).toEqual(['C-1', 'C-2, quoted', 'C-3']);
  });

  it('gives the same results for JSON Lines and a JSON array', async () => {
    const a = await run(['check', `${F}/persons.jsonl`, '--format', 'json']);
    const b = await run(['check', `${F}/persons.json`, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const rows = jsonRows(a.stdout);
    expect(rows.map((x) => [x.id, x.eligible])).toEqual([
      ['J-1', true],
      ['J-2', false],
      ['J-3', true],
    ]);
  });

  it('reports every kind of bad CSV row with its issue and keeps row numbers and order (exit 1)', async () => {
    const r = await run(['check', `${F}/bad-rows.csv`, '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows.map((x) => x.ok)).toEqual([true, false, true, false, false, false, false, false, false, false, false, true]);
    expect(rows.map((x) => codes(x)[0] ?? null)).toEqual([
      null,
      'malformed-row', // unbalanced quote
      null, // parsing continued after it
      'malformed-row', // missing columns
      'invalid-value', // bad enum
      'invalid-date', // 2023-02-30
      'invalid-type', // "vielleicht" for a boolean
      'limit-exceeded', // 5000-character field
      'missing-field', // empty required accommodation
      'malformed-row', // extra field
      'missing-field', // no assessment date
      null,
    ]);
    expect(rows.map((x) => x.id)).toEqual(['B-01', null, 'B-03', null, 'B-05', 'B-06', 'B-07', 'B-08', 'B-09', null, 'B-11', 'B-12']);
    const bad = rows[1] as { issues: { message: { de: string; en: string } }[]; eligible: unknown };
    expect(bad.issues[0]?.message.de).toMatch(/Zeile 3/);
    expect(bad.issues[0]?.message.en).toMatch(/line 3/);
    expect(bad.eligible).toBeNull();
    expect(rows[5]?.issues).toEqual([expect.objectContaining({ code: 'invalid-date', path: ['followUpSince'] })]);
  });

  it('writes one CSV line and one JSON line per input row for the bad file too', async () => {
    const csv = await run(['check', `${F}/bad-rows.csv`, '--format', 'csv']);
    const records: Record<string, string>[] = parse(csv.stdout, { columns: true, delimiter: ';' });
    expect(records.map((x) => x.row)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(records[1]?.issues).toMatch(/^malformed-row/);
    // A semicolon input gives semicolon output.
    expect(csv.stdout.split('\n')[0]).toMatch(/^row;id;ok;/);
    const jsonl = await run(['check', `${F}/bad-rows.csv`, '--format', 'jsonl']);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(12);
    const table = await run(['check', `${F}/bad-rows.csv`]);
    expect(table.stdout.trim().split('\n')).toHaveLength(14);
  });

  it('reports bad JSON Lines rows: malformed JSON, __proto__, wrong type, not an object, unknown field', async () => {
    const r = await run(['check', `${F}/bad-rows.jsonl`, '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => [x.row, x.ok, codes(x)[0] ?? null])).toEqual([
      [1, true, null],
      [2, false, 'malformed-row'],
      [3, false, 'forbidden-key'],
      [4, false, 'invalid-type'],
      [5, false, 'invalid-type'],
      [6, false, 'unknown-field'],
      [7, true, null],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts an empty file and a header-only file as zero rows (exit 0)', async () => {
    for (const f of ['empty.csv', 'header-only.csv']) {
      const json = await run(['check', `${F}/${f}`, '--format', 'json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual([]);
      const csv = await run(['check', `${F}/${f}`, '--format', 'csv']);
      expect(csv.stdout.trim().split('\n')).toHaveLength(1);
    }
  });

  it('reports unknown columns on every row, unless told to ignore them', async () => {
    const r = await run(['check', `${F}/unknown-column.csv`, '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => codes(x))).toEqual([['unknown-field'], ['unknown-field']]);
    const ignored = await run(['check', `${F}/unknown-column.csv`, '--format', 'json', '--ignore-column', 'name']);
    expect(ignored.code).toBe(0);
  });

  it('reads stdin as CSV by default and as JSON Lines with --input-format', async () => {
    const csv = readFileSync(`${F}/persons-semicolon-bom.csv`, 'utf8');
    const a = await run(['check', '-', '--format', 'json'], { stdin: csv });
    expect(jsonRows(a.stdout)).toHaveLength(5);
    const b = await run(['check', '-', '--input-format', 'jsonl', '--format', 'json'], { stdin: readFileSync(`${F}/persons.jsonl`, 'utf8') });
    expect(jsonRows(b.stdout).map((x) => x.id)).toEqual(['J-1', 'J-2', 'J-3']);
  });

  it('keeps the row count over a large file with scattered malformed lines, under back-pressure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-cli-'));
    const file = join(dir, 'many.csv');
    const lines = ['id;residenceStatus;accommodation;displacedFromUkraine;followUpSince;on'];
    const expectedMalformed: number[] = [];
    for (let i = 1; i <= 6000; i++) {
      if (i % 997 === 0) {
        lines.push(`M-${i};"recognised-refugee;follow-up;nein;;2024-03-01`);
        expectedMalformed.push(i);
      } else lines.push(`P-${i};recognised-refugee;follow-up;nein;2023-07-01;2024-03-01`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const slow = new Collector(true, 256);
    const r = await run(['check', file, '--format', 'jsonl'], { stdout: slow });
    expect(r.code).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(6000);
    expect(out.every((x, i) => x.row === i + 1)).toBe(true);
    expect(out.filter((x) => x.ok === false).map((x) => x.row)).toEqual(expectedMalformed);
    expect(out[5999]?.id).toBe('P-6000');
  });
});

describe('check: options', () => {
  it('applies --on to every row, overriding the on column', async () => {
    const r = await run(['check', `${F}/persons.jsonl`, '--on', '2024-06-11', '--format', 'json']);
    expect(jsonRows(r.stdout).map((x) => x.on)).toEqual(['2024-06-11', '2024-06-11', '2024-06-11']);
  });

  it('uses a named bundled rule set with --rule-set', async () => {
    const r = await run(['check', `${F}/persons.jsonl`, '--rule-set', 'bw-im-2023', '--format', 'json']);
    expect(jsonRows(r.stdout).map((x) => x.ruleSet)).toEqual(['bw-im-2023', 'bw-im-2023', 'bw-im-2023']);
  });

  it('uses a user rule set from a directory with --rule-set PATH', async () => {
    const r = await run(['check', `${F}/persons.jsonl`, '--rule-set', `${F}/rulesets/scenario-tolerated`, '--on', '2025-06-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = jsonRows(r.stdout);
    expect(rows.every((x) => x.ruleSet === 'user-scenario-tolerated')).toBe(true);
    const tolerated = await run(['check', '-', '--input-format', 'jsonl', '--rule-set', `${F}/rulesets/scenario-tolerated`, '--format', 'json'], {
      stdin: '{"id":"t","residenceStatus":"tolerated","accommodation":"provisional","displacedFromUkraine":false,"on":"2025-06-01"}\n',
    });
    expect(jsonRows(tolerated.stdout)[0]).toMatchObject({ eligible: true, basis: 'user-tolerated' });
  });

  it('refuses an invalid user rule set with exit 2 and the issues in the chosen language', async () => {
    const r = await run(['check', `${F}/persons.jsonl`, '--rule-set', `${F}/scenario-invalid.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Fehler: .*ungültig/);
    expect(r.stderr).not.toMatch(/Error: /);
    const en = await run(['check', `${F}/persons.jsonl`, '--rule-set', `${F}/scenario-invalid.json`, '--lang', 'en']);
    expect(en.stderr).toMatch(/Error: .*invalid/);
    expect(en.stderr).not.toMatch(/Fehler/);
    expect(r.stderr).toMatch(/unknown-operator/);
    expect(r.stdout).toBe('');
  });

  it('adds the explanation with --explain, in the chosen language', async () => {
    const en = await run(['check', `${F}/persons.jsonl`, '--explain', '--lang', 'en', '--format', 'json']);
    const rows = jsonRows(en.stdout);
    expect(rows[0]?.explanation).toMatch(/Rules evaluated:/);
    expect(rows[0]?.explanation).toMatch(/accommodationStage \(follow-up\) is one of follow-up \[targetAccommodations\]/);
    const de = await run(['check', `${F}/persons.jsonl`, '--explain']);
    expect(de.stdout).toMatch(/Geprüfte Regeln:/);
  });

  it('writes --out FILE in the format its extension implies, and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-cli-'));
    const out = join(dir, 'result.csv');
    const r = await run(['check', `${F}/persons.jsonl`, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const records: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(records.map((x) => x.id)).toEqual(['J-1', 'J-2', 'J-3']);
    expect(records[0]?.ruleSetHash).toMatch(/^sha256:/);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await run(['check', `${F}/bad-rows.csv`, '--format', 'json']);
    const b = await run(['check', `${F}/bad-rows.csv`, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('check: bad usage and unreadable input exit 2 with German and English messages', () => {
  const cases: [string, string[]][] = [
    ['missing file', ['check', `${F}/does-not-exist.csv`]],
    ['directory', ['check', F]],
    ['unknown extension', ['check', 'README.md']],
    ['duplicate header column', ['check', `${F}/duplicate-header.csv`]],
    ['JSON that is not an array', ['check', `${F}/not-an-array.json`]],
    ['no input argument', ['check']],
    ['unknown option', ['check', `${F}/persons.jsonl`, '--bogus']],
    ['bad --format', ['check', `${F}/persons.jsonl`, '--format', 'xml']],
    ['impossible --on', ['check', `${F}/persons.jsonl`, '--on', '2023-02-30']],
    ['unknown --rule-set', ['check', `${F}/persons.jsonl`, '--rule-set', 'bw-im-1999']],
    ['unwritable --out', ['check', `${F}/persons.jsonl`, '--out', `${F}/no-such-dir/x.csv`]],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^Fehler: /);
      expect(r.stderr).not.toMatch(/Error: /);
    });
  }
});
