/**
 * The CLI with bad input, through its in-process `main()`: every input row yields its own output
 * row with coded issues (German and English), rows in = rows out, and the documented exit status
 * (0 all valid, 1 some rows invalid, 2 bad usage or unreadable input). Also the jsonpath-plus
 * payloads and prototype keys through `validate`, `check --rule-set FILE` and CSV headers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../cli/helpers.js';
import { canaryFile, globalCanarySet, prototypesClean, scenarioDocument, setAt, withoutUnreadParameter } from './fixtures.js';
import { payloads } from './payloads.js';

const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-cli-bad-'));
let n = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `in-${n++}.${ext}`);
  writeFileSync(p, content);
  return p;
}
const HEADER = 'id;residenceStatus;accommodation;displacedFromUkraine;followUpSince;on';
const GOOD = 'G-1;recognised-refugee;follow-up;nein;2023-07-01;2024-03-01';

interface Row {
  row: number;
  id: string | null;
  ok: boolean;
  eligible: boolean | null;
  issues: { code: string; path: (string | number)[]; message: { de: string; en: string } }[];
}
async function check(path: string, extra: string[] = []): Promise<{ code: number; rows: Row[]; stderr: string }> {
  const r = await run(['check', path, '--format', 'json', ...extra]);
  let rows: Row[] = [];
  if (r.stdout.trim() !== '') rows = JSON.parse(r.stdout) as Row[];
  return { code: r.code, rows, stderr: r.stderr };
}
function bilingual(rows: Row[]): void {
  for (const row of rows) {
    for (const i of row.issues) {
      expect(i.code).toMatch(/^[a-z-]+$/);
      expect(i.message.de.length).toBeGreaterThan(0);
      expect(i.message.en.length).toBeGreaterThan(0);
    }
    if (!row.ok) expect(row.issues.length).toBeGreaterThan(0);
  }
}

afterEach(() => {
  expect(prototypesClean()).toBe(true);
});

describe('check: each bad line gets its own row with coded issues (exit 1), rows in = rows out', () => {
  const cases: [string, string, string][] = [
    ['an unbalanced quote', 'B-1;"recognised-refugee;follow-up;nein;2023-07-01;2024-03-01', 'malformed-row'],
    ['too many fields', 'B-1;recognised-refugee;follow-up;nein;2023-07-01;2024-03-01;extra', 'malformed-row'],
    ['too few fields', 'B-1;recognised-refugee', 'malformed-row'],
    ['an unknown enum value', 'B-1;martian;follow-up;nein;2023-07-01;2024-03-01', 'invalid-value'],
    ['an impossible date', 'B-1;recognised-refugee;follow-up;nein;2023-02-30;2024-03-01', 'invalid-date'],
    ['an impossible assessment date', 'B-1;recognised-refugee;follow-up;nein;2023-07-01;2024-13-01', 'invalid-date'],
    ['an impossible German date', 'B-1;recognised-refugee;follow-up;nein;31.02.2023;2024-03-01', 'invalid-date'],
    ['a wrong type for a boolean', 'B-1;recognised-refugee;follow-up;vielleicht;2023-07-01;2024-03-01', 'invalid-type'],
    ['an empty required field', 'B-1;;follow-up;nein;2023-07-01;2024-03-01', 'missing-field'],
    ['a __proto__ value (inert data, wrong enum)', 'B-1;__proto__;follow-up;nein;2023-07-01;2024-03-01', 'invalid-value'],
  ];
  it.each(cases)('%s', async (_name, line, code) => {
    const r = await check(file(`${HEADER}\n${GOOD}\n${line}\n${GOOD}\n`));
    expect(r.code).toBe(1);
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 3]);
    expect(r.rows.map((x) => x.ok)).toEqual([true, false, true]);
    expect(r.rows[1]?.issues.map((i) => i.code)).toContain(code);
    expect(r.rows[1]?.eligible).toBeNull();
    bilingual(r.rows);
  });

  it('all of them in one file: one output row each, in order', async () => {
    const lines = cases.map(([, line]) => line);
    const r = await check(file([HEADER, ...lines, GOOD].join('\n')));
    expect(r.code).toBe(1);
    expect(r.rows.length).toBe(lines.length + 1);
    expect(r.rows.map((x) => x.row)).toEqual(Array.from({ length: lines.length + 1 }, (_, i) => i + 1));
    expect(r.rows.at(-1)?.ok).toBe(true);
    expect(r.rows.slice(0, -1).every((x) => !x.ok)).toBe(true);
  });

  it('a missing required column: every row reports it', async () => {
    const r = await check(file('id;accommodation;displacedFromUkraine;on\nM-1;follow-up;nein;2024-03-01\nM-2;private;ja;2024-03-01\n'));
    expect(r.code).toBe(1);
    expect(r.rows.length).toBe(2);
    for (const row of r.rows) expect(row.issues).toContainEqual(expect.objectContaining({ code: 'missing-field', path: ['residenceStatus'] }));
  });

  it('a 1 MB cell: its row fails with a coded issue, the others are unaffected', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const r = await check(file(`${HEADER}\n${GOOD}\n${big};recognised-refugee;follow-up;nein;2023-07-01;2024-03-01\nL-3;recognised-refugee;follow-up;nein;${big};2024-03-01\n${GOOD}\n`));
    expect(r.code).toBe(1);
    expect(r.rows.map((x) => x.ok)).toEqual([true, false, false, true]);
    expect(r.rows[1]?.issues.length).toBeGreaterThan(0);
    expect(r.rows[2]?.issues.length).toBeGreaterThan(0);
    // the output does not echo a megabyte back
    expect(JSON.stringify(r.rows).length).toBeLessThan(200_000);
    bilingual(r.rows);
  });

  it.each([
    ['__proto__'],
    ['constructor'],
    ['prototype'],
  ])('a CSV header %s: every row fails with forbidden-key or unknown-field, nothing is polluted', async (key) => {
    const r = await check(file(`${HEADER};${key}\n${GOOD};{"polluted":1}\n${GOOD};x\n`));
    expect(r.code).toBe(1);
    expect(r.rows.length).toBe(2);
    for (const row of r.rows) {
      expect(row.ok).toBe(false);
      expect(row.issues.map((i) => i.code).some((c) => c === 'forbidden-key' || c === 'unknown-field')).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('check: encodings, separators and empty inputs', () => {
  it('an empty file and a header-only file: zero rows, exit 0', async () => {
    for (const content of ['', HEADER, `${HEADER}\n`, '\uFEFF', `\uFEFF${HEADER}\r\n`]) {
      const r = await check(file(content));
      expect(r.code).toBe(0);
      expect(r.rows).toEqual([]);
    }
  });
  it('a BOM does not become part of the first column name', async () => {
    const r = await check(file(`\uFEFF${HEADER}\r\n${GOOD}\r\n`));
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => [x.id, x.ok])).toEqual([['G-1', true]]);
  });
  it('`;` and `,` give the same results', async () => {
    const semi = await check(file(`${HEADER}\n${GOOD}\nB-2;martian;follow-up;nein;2023-07-01;2024-03-01\n`));
    const comma = await check(file(`${HEADER.replaceAll(';', ',')}\n${GOOD.replaceAll(';', ',')}\nB-2,martian,follow-up,nein,2023-07-01,2024-03-01\n`));
    expect(comma.code).toBe(semi.code);
    expect(comma.rows).toEqual(semi.rows);
  });
  it('a file in Latin-1 (not UTF-8) still yields one row per line', async () => {
    const latin1 = Buffer.from(`${HEADER}\nÄ-1;recognised-refugee;follow-up;nein;2023-07-01;2024-03-01\n`, 'latin1');
    const r = await check(file(latin1));
    expect([0, 1, 2]).toContain(r.code);
    if (r.code !== 2) expect(r.rows.length).toBe(1);
  });
  it('a binary file: exit 1 or 2 with a message in both languages, never a crash', async () => {
    const r = await run(['check', file(Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 0x22, 10]))]);
    expect([1, 2]).toContain(r.code);
    if (r.code === 2) expect(r.stderr).toMatch(/^Fehler: /);
  });
  it('a file that does not exist: exit 2 with a message in the chosen language', async () => {
    const r = await run(['check', join(dir, 'missing.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Fehler: /);
    const en = await run(['check', join(dir, 'missing.csv'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^Error: /);
  });
});

describe('grant: decimal commas and bad amounts', () => {
  const GH = 'id;qualification;fte;startDate';
  it('accepts a German decimal comma and rejects too small, non-numeric and impossible values per row', async () => {
    const r = await run(['grant', file(`${GH}\nS-1;social-work-degree;0,5;2023-01-01\nS-2;social-work-degree;0.5;2023-01-01\nS-3;social-work-degree;0,1;2023-01-01\nS-4;social-work-degree;abc;2023-01-01\nS-5;social-work-degree;0,5;2023-02-30\n`), '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as (Row & { fte: string | null; total: string | null })[];
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((x) => x.ok)).toEqual([true, true, false, false, false]);
    expect(rows[0]?.fte).toBe(rows[1]?.fte);
    expect(rows[0]?.total).toBe(rows[1]?.total);
    expect(rows[4]?.issues.map((i) => i.code)).toContain('invalid-date');
    bilingual(rows);
  });
});

describe('jsonpath-plus payloads and prototype keys through validate and check --rule-set', () => {
  const canary = canaryFile();
  afterEach(() => {
    expect(canary.exists()).toBe(false);
    expect(globalCanarySet()).toBe(false);
  });
  for (const { name, path } of payloads(canary.file)) {
    it(`${name}: validate refuses the file (exit 1 or 2), check --rule-set refuses to run (exit 2)`, async () => {
      const doc = scenarioDocument();
      setAt(doc, ['rules', 'eligibility', 0, 'conditions', 'all', 0], { fact: 'district', operator: 'equal', value: '08111', path });
      const scenario = file(JSON.stringify(doc), 'json');
      const v = await run(['validate', scenario]);
      expect([1, 2]).toContain(v.code);
      expect(`${v.stdout}${v.stderr}`).toMatch(/unknown-field/);
      const c = await run(['check', file(`${HEADER}\n${GOOD}\n`), '--rule-set', scenario, '--format', 'json']);
      expect(c.code).toBe(2);
      expect(c.stderr).toMatch(/Fehler|Error/);
    });
  }
  it('the payload as inert data (a district value) loads and checks normally', async () => {
    const [first] = payloads(canary.file);
    const doc = scenarioDocument();
    setAt(doc, ['rules', 'eligibility', 0, 'conditions', 'all', 0], { fact: 'district', operator: 'equal', value: first!.path });
    const scenario = file(JSON.stringify(withoutUnreadParameter(doc)), 'json');
    expect((await run(['validate', scenario])).code).toBe(0);
    const c = await check(file(`${HEADER};district\n${GOOD};08111\n`), ['--rule-set', scenario]);
    expect(c.code).toBe(0);
    expect(c.rows.map((x) => x.ok)).toEqual([true]);
  });
  it('a scenario file with __proto__ / constructor keys is refused with forbidden-key', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(scenarioDocument()).replace('{', `{"${key}":{"polluted":"yes"},`);
      const scenario = file(text, 'json');
      const v = await run(['validate', scenario]);
      expect([1, 2]).toContain(v.code);
      expect(`${v.stdout}${v.stderr}`).toMatch(/forbidden-key/);
      const c = await run(['check', file(`${HEADER}\n${GOOD}\n`), '--rule-set', scenario]);
      expect(c.code).toBe(2);
    }
  });
});

describe('a workbook made to exhaust memory (zip bomb)', () => {
  it('is refused from the archive listing, before anything is unpacked, with exit 2 and the part named', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'excel', 'persons-writer.xlsx'))));
    const sheet = Buffer.from(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array()).toString('utf8');
    const at = sheet.indexOf('<sheetData>');
    expect(at).toBeGreaterThan(0);
    // 40 MB of blanks inside the sheet XML pack to about 40 kB.
    parts['xl/worksheets/sheet1.xml'] = Buffer.concat([Buffer.from(sheet.slice(0, at)), Buffer.alloc(40 * 1024 * 1024, 32), Buffer.from(sheet.slice(at))]);
    const bomb = file(Buffer.from(zipSync(parts, { level: 9 })), 'xlsx');
    const r = await run(['check', bomb, '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the part "xl\/worksheets\/sheet1\.xml" is packed \d+:1 \(at most 100:1\)/);
    // The honest workbook it came from still reads.
    expect((await run(['check', join(import.meta.dirname, '..', 'fixtures', 'excel', 'persons-writer.xlsx'), '--format', 'json'])).code).not.toBe(2);
  });
});

describe('a workbook whose cell references reach far beyond its content', () => {
  it('is refused before the reader fills the gap (row 169,220,804; column XFD of a long sheet), exit 2', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const source = unzipSync(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'excel', 'persons-writer.xlsx'))));
    const sheet = Buffer.from(source['xl/worksheets/sheet1.xml'] ?? new Uint8Array()).toString('utf8');
    const lastRow = sheet.lastIndexOf('</row>') + '</row>'.length;
    for (const extra of ['<row r="169220804"><c r="A169220804" t="inlineStr"><is><t>x</t></is></c></row>', '<row r="900000"><c r="XFD900000" t="inlineStr"><is><t>x</t></is></c></row>']) {
      const parts = { ...source, 'xl/worksheets/sheet1.xml': Buffer.from(sheet.slice(0, lastRow) + extra + sheet.slice(lastRow)) };
      const r = await run(['check', file(Buffer.from(zipSync(parts)), 'xlsx'), '--format', 'json', '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the sheet "xl\/worksheets\/sheet1\.xml" reaches row \d+, column \d+/);
    }
  });
});
