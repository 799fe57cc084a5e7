/**
 * The what-if page in headless Chromium (Debian's chromium, playwright-core; never a browser
 * download), opened from file:// under its own Content-Security-Policy: after changing the staffing
 * ratio the totals and every district row equal compareImpact/computeStaffing in Node; the URL
 * fragment restores the state; the downloaded scenario run through the CLI gives the same totals;
 * no console error and no request; no sideways scroll at 390 px; axe-core finds no violation;
 * the page works from the keyboard. Screenshots go to reports/screenshots/.
 * Chromium is required under CI; elsewhere the tests are skipped when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as tsup } from 'tsup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareImpact } from '../../src/compare/impact.js';
import { computeStaffing } from '../../src/domain/staffing.js';
import { defaultRegistry, loadRuleSet } from '../../src/versions/registry.js';
import { generatePersons } from '../../src/synthetic/persons.js';
import type { ImpactReport } from '../../src/compare/types.js';
import { run } from '../cli/helpers.js';
import { axe, executablePath, watch } from './helpers.js';
import { buildWhatIfScript, PAGE_SCRIPT_FILE } from '../../src/adapters/whatif/bundle.js';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';

const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'reports', 'screenshots');

async function totals(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-total]').evaluateAll((els): Record<string, string> => Object.fromEntries(els.map((e) => [e.getAttribute('data-total') ?? '', e.getAttribute('data-value') ?? ''])));
}

async function rows(page: Page): Promise<Record<string, { a: string; b: string; d: string }>> {
  return page.locator('#districts tbody tr').evaluateAll((trs): Record<string, { a: string; b: string; d: string }> =>
    Object.fromEntries(
      trs.map((tr) => {
        const v = Array.from(tr.querySelectorAll('td[data-value]')).map((td) => td.getAttribute('data-value') ?? '');
        return [tr.getAttribute('data-district') ?? '', { a: v[0] ?? '', b: v[1] ?? '', d: v[2] ?? '' }];
      }),
    ),
  );
}

function expectPageEquals(report: ImpactReport, t: Record<string, string>, r: Record<string, { a: string; b: string; d: string }>): void {
  expect(t).toEqual({ baseline: report.totals.fundingA, scenario: report.totals.fundingB, delta: report.totals.difference });
  expect(Object.keys(r).sort()).toEqual(report.districts.map((d) => d.district).sort());
  for (const d of report.districts) expect(r[d.district]).toEqual({ a: d.fundingA ?? '', b: d.fundingB ?? '', d: d.difference ?? '' });
}

/** The recompute counter of #status, read before an edit; waitForStatus waits until it moves on. */
async function statusSeq(page: Page): Promise<string> {
  return (await page.locator('#status').getAttribute('data-seq')) ?? '';
}

async function waitForStatus(page: Page, previous: string): Promise<void> {
  await page.waitForFunction((p) => {
    const s = document.getElementById('status');
    return s !== null && s.dataset.seq !== undefined && s.dataset.seq !== p && s.dataset.recomputeMs !== undefined;
  }, previous);
}

describe.skipIf(executablePath === null)('what-if page in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let html: string;
  const persons = generatePersons({ count: 12000, seed: 5, on: '2026-01-01' });

  beforeAll(async () => {
    browser = await chromium.launch({
      ...(executablePath !== null ? { executablePath } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    dir = mkdtempSync(join(tmpdir(), 'foerderregeln-whatif-'));
    const header = ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district', 'on'];
    const lines = persons.map((p) => header.map((k) => { const v = (p as unknown as Record<string, unknown>)[k]; return typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : ''; }).join(';'));
    writeFileSync(join(dir, 'caseload.csv'), `${header.join(';')}\n${lines.join('\n')}\n`);
    html = join(dir, 'whatif.html');
    const r = await run(['whatif', '--caseload', join(dir, 'caseload.csv'), '--out', html, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    mkdirSync(shots, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser.close();
  });

  it('recomputes on a new staffing ratio exactly as compareImpact and computeStaffing do in Node; restores from the fragment; the downloaded scenario gives the same totals in the CLI', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`file://${html}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
    const registry = defaultRegistry();
    const same = compareImpact('bw-im-proposal', 'bw-im-proposal', { persons }, { registry, on: '2026-01-01' });
    if (!same.ok) throw new Error('compare failed');
    expectPageEquals(same.report, await totals(page), await rows(page));

    const before = await statusSeq(page);
    await page.fill('input[name="staffingRatio"]', '60');
    await waitForStatus(page, before);
    const scenarioText = JSON.stringify(await page.evaluate(() => document.getElementById('command')?.textContent));
    expect(scenarioText).toContain('compare bw-im-proposal scenario.json --caseload caseload.csv --on 2026-01-01');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-scenario')]);
    const scenarioFile = join(dir, 'scenario.json');
    await download.saveAs(scenarioFile);
    const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8')) as unknown;
    const loaded = loadRuleSet(scenario, { registry });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.ruleSet.document).toMatchObject({ kind: 'scenario', extends: 'bw-im-proposal' });
    expect(await page.locator('#hashes').textContent()).toContain(loaded.ruleSet.hash);
    const node = compareImpact('bw-im-proposal', loaded.ruleSet, { persons }, { registry, on: '2026-01-01' });
    if (!node.ok) throw new Error('compare failed');
    const afterTotals = await totals(page);
    expectPageEquals(node.report, afterTotals, await rows(page));
    expect(afterTotals.delta).not.toBe('0.00');
    // Each district's scenario amount is computeStaffing over its eligible persons under the scenario.
    const staffing = computeStaffing(
      node.report.districts.filter((d) => d.district !== 'unknown').map((d) => ({ id: d.district, persons: d.eligibleB })),
      { ruleSet: loaded.ruleSet.id, registry: registry.with(loaded.ruleSet), on: '2026-01-01' },
    );
    if (!staffing.ok) throw new Error('staffing failed');
    const pageRows = await rows(page);
    for (const s of staffing.rows) if (s.ok) expect(pageRows[s.id]?.b).toBe(s.funding);

    // The CLI with the downloaded scenario and the same caseload.
    const cli = await run(['compare', 'bw-im-proposal', scenarioFile, '--caseload', join(dir, 'caseload.csv'), '--on', '2026-01-01', '--format', 'json']);
    expect(cli.code).toBe(0);
    const cliReport = JSON.parse(cli.stdout) as ImpactReport;
    expect({ baseline: cliReport.totals.fundingA, scenario: cliReport.totals.fundingB, delta: cliReport.totals.difference }).toEqual(afterTotals);

    // An eligibility change: every person is checked again, still equal to Node.
    const mid = await statusSeq(page);
    await page.uncheck('input[name="rule:displaced-from-ukraine"]');
    await waitForStatus(page, mid);
    expect(await page.locator('#status').getAttribute('data-evaluated-persons')).toBe('true');
    const off = compareImpact('bw-im-proposal', loadOk({ ...(scenario as object), removeRules: ['displaced-from-ukraine'] }), { persons }, { registry, on: '2026-01-01' });
    if (!off.ok) throw new Error('compare failed');
    expectPageEquals(off.report, await totals(page), await rows(page));

    // The fragment holds the state: a fresh page from the same address shows the same figures.
    const url = page.url();
    expect(url).toContain('#baseline=bw-im-proposal');
    expect(url).toContain('p.staffingRatio=60');
    const again = await context.newPage();
    const seenAgain = watch(again);
    await again.goto(url);
    await again.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
    expect(await totals(again)).toEqual(await totals(page));
    expect(await again.inputValue('input[name="staffingRatio"]')).toBe('60');
    expect(await again.isChecked('input[name="rule:displaced-from-ukraine"]')).toBe(false);

    // Recompute time measured in the browser over funding-only edits (reported, not asserted).
    const ms: number[] = [];
    const compute: number[] = [];
    for (let i = 0; i < 12; i++) {
      const prev = await statusSeq(again);
      await again.fill('input[name="staffingRatio"]', String(61 + i));
      await waitForStatus(again, prev);
      ms.push(Number(await again.locator('#status').getAttribute('data-recompute-ms')));
      compute.push(Number(await again.locator('#status').getAttribute('data-compute-ms')));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    console.log(`what-if recompute in Chromium, ${String(persons.length)} persons, 44 districts: median ${median(ms).toFixed(1)} ms with rendering, ${median(compute).toFixed(1)} ms computing`);

    await page.screenshot({ path: join(shots, 'whatif-1280.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seenAgain.errors).toEqual([]);
    expect(seenAgain.requests).toEqual([]);
    await context.close();
  }, 240_000);

  it('downloads the per-district table as XLSX with the figures of compareImpact, and reads a dropped German Excel caseload (.xlsx and Windows-1252 CSV) as the CLI does', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`file://${html}#baseline=bw-im-proposal&p.staffingRatio=60`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-xlsx')]);
    expect(download.suggestedFilename()).toBe('whatif-districts.xlsx');
    const xlsxFile = join(dir, 'districts.xlsx');
    await download.saveAs(xlsxFile);
    const sheet = (await readSheet(xlsxFile)) as unknown[][];
    const head = sheet[0] as string[];
    const col = (name: string): number => head.indexOf(name);
    const pageTotals = await totals(page);
    const pageRows = await rows(page);
    const body = sheet.slice(1).filter((r) => r[col('district')] !== null && r[col('district')] !== 'total');
    expect(body.length).toBe(Object.keys(pageRows).length);
    for (const r of body) {
      const d = String(r[col('district')]);
      // Money as numbers (empty where a row has no amount, e.g. persons without a district).
      const money = (v: unknown): string => (v === null ? '' : typeof v === 'number' ? v.toFixed(2) : `not a number: ${JSON.stringify(v)}`);
      expect(money(r[col('fundingB')])).toBe(pageRows[d]?.b);
      expect(money(r[col('difference')])).toBe(pageRows[d]?.d);
    }
    expect(pageTotals.delta).not.toBe('0.00');

    // A German workbook (typed dates and booleans, German column names), dropped in via the file picker.
    const sample = persons.slice(0, 3000);
    const header = ['Kennung', 'Aufenthaltsstatus', 'Unterbringung', 'Ukraine', 'Anschlussunterbringung seit', 'Einreise', 'Kreis', 'Stichtag'];
    const date = (iso: string | undefined): { value: Date; type: DateConstructor; format: string } | null => (iso === undefined ? null : { value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'dd.mm.yyyy' });
    const data = [
      header.map((h) => ({ value: h, type: String })),
      ...sample.map((p) => [
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
    const caseXlsx = join(dir, 'fallbestand.xlsx');
    writeFileSync(caseXlsx, await writeXlsxFile(data as never).toBuffer());
    const registry = defaultRegistry();
    const expected = compareImpact('bw-im-proposal', loadOk(await scenarioOf(page)), { persons: sample }, { registry, on: '2026-01-01' });
    if (!expected.ok) throw new Error('compare failed');
    let prev = await statusSeq(page);
    await page.setInputFiles('#load-caseload', caseXlsx);
    await waitForStatus(page, prev);
    expect(await page.locator('#load-message').textContent()).toContain('fallbestand.xlsx');
    expectPageEquals(expected.report, await totals(page), await rows(page));
    const cli = await run(['compare', 'bw-im-proposal', 'bw-im-proposal', '--caseload', caseXlsx, '--format', 'json']);
    expect((JSON.parse(cli.stdout) as ImpactReport).totals.fundingA).toBe((await totals(page)).baseline);

    // The same persons as a Windows-1252 CSV from German Excel (TT.MM.JJJJ, ja/nein, umlauts in a column of one's own).
    const german = (iso: string | undefined): string => (iso === undefined ? '' : `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`);
    const csv = [
      `${header.join(';')};Bemerkung`,
      ...sample.map((p) => [p.id, p.residenceStatus, p.accommodation, p.displacedFromUkraine ? 'ja' : 'nein', german(p.followUpSince), german(p.arrivalDate), p.district ?? '', '01.01.2026', 'Außenstelle'].join(';')),
    ].join('\r\n');
    const caseCsv = join(dir, 'fallbestand.csv');
    writeFileSync(caseCsv, Buffer.from(`${csv}\r\n`, 'latin1'));
    prev = await statusSeq(page);
    await page.setInputFiles('#load-caseload', caseCsv);
    await waitForStatus(page, prev);
    expect(await page.locator('#load-message').textContent()).toContain('Bemerkung');
    expectPageEquals(expected.report, await totals(page), await rows(page));

    // A workbook of a few kB whose sheet reaches row 169,220,804: refused with the CLI's message
    // (src/tabular/workbook.ts) before the reader fills the gap; the caseload stays as it was.
    const { unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(new Uint8Array(readFileSync(caseXlsx)));
    const sheetXml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    const end = sheetXml.lastIndexOf('</row>') + '</row>'.length;
    parts['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(`${sheetXml.slice(0, end)}<row r="169220804"><c r="A169220804" t="inlineStr"><is><t>x</t></is></c></row>${sheetXml.slice(end)}`);
    const far = join(dir, 'weit.xlsx');
    writeFileSync(far, zipSync(parts));
    prev = await statusSeq(page);
    await page.setInputFiles('#load-caseload', far);
    await page.waitForFunction(() => (document.getElementById('load-message')?.textContent ?? '').includes('weit.xlsx'));
    expect(await page.locator('#load-message').textContent()).toMatch(/^weit\.xlsx: the sheet "xl\/worksheets\/sheet1\.xml" reaches row 169220804, column \d+ .*not a workbook read here\.$/);
    expect(await statusSeq(page)).toBe(prev);
    expectPageEquals(expected.report, await totals(page), await rows(page));
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await context.close();
  }, 240_000);

  it('fits 390 px without sideways scrolling, works from the keyboard, and axe-core finds no violation', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`file://${html}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'whatif-390.png') });
    // Keyboard: focus the ratio by tabbing, type a value, sort the table with Enter.
    await page.focus('#baseline');
    let guard = 0;
    while ((await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) !== 'staffingRatio' && guard++ < 80) await page.keyboard.press('Tab');
    expect(guard).toBeLessThan(80);
    const prev = await statusSeq(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('70');
    await waitForStatus(page, prev);
    expect(await page.locator('[data-total="delta"]').getAttribute('data-value')).not.toBe('0.00');
    await page.focus('th[data-sort="name"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="name"]', 'aria-sort')).toBe('ascending');
    const names = await page.locator('#districts tbody th').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    // Reset from the changes list, by keyboard.
    await page.focus('#changes button');
    const prev2 = await statusSeq(page);
    await page.keyboard.press('Enter');
    await waitForStatus(page, prev2);
    expect(await page.locator('[data-total="delta"]').getAttribute('data-value')).toBe('0.00');
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await context.close();
    for (const width of [1280, 390]) {
      const result = await axe(browser, `file://${html}#baseline=bw-im-proposal&p.staffingRatio=60`, width, 'body[data-ready=true]');
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }, 240_000);
});

describe.skipIf(executablePath === null)('what-if page from the built CLI (as installed)', () => {
  it('node dist-like/cli.js whatif writes a page from the built page script that computes the same totals', async () => {
    // Built like `npm run build` does it: tsup for the CLI, then the page script next to it.
    const out = join(root, 'node_modules', '.cache', 'foerderregeln-whatif-dist');
    mkdirSync(out, { recursive: true });
    await tsup({ entry: { cli: join(root, 'src/cli/bin.ts') }, format: ['esm'], platform: 'node', target: 'node20', outDir: out, dts: false, silent: true, config: false, external: ['esbuild'] });
    writeFileSync(join(out, PAGE_SCRIPT_FILE), await buildWhatIfScript());
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-whatif-built-'));
    const file = join(dir, 'page.html');
    execFileSync(process.execPath, [join(out, 'cli.js'), 'whatif', '--caseload', join(root, 'examples', 'persons.csv'), '--out', file, '--lang', 'de'], { encoding: 'utf8' });
    const browser = await chromium.launch({
      ...(executablePath !== null ? { executablePath } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const seen = watch(page);
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      const prev = await statusSeq(page);
      await page.fill('input[name="staffingRatePerFte"]', '62000');
      await waitForStatus(page, prev);
      const scenario = (await page.evaluate(() => location.hash)).includes('p.staffingRatePerFte=62000.00');
      expect(scenario).toBe(true);
      const cli = await run(['compare', 'bw-im-proposal', 'bw-im-proposal', '--caseload', join(root, 'examples', 'persons.csv'), '--format', 'json']);
      const base = JSON.parse(cli.stdout) as ImpactReport;
      expect((await totals(page)).baseline).toBe(base.totals.fundingA);
      expect(seen.errors).toEqual([]);
      expect(seen.requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});

/** The scenario the page shows (as the downloaded scenario.json). */
async function scenarioOf(page: Page): Promise<unknown> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-scenario')]);
  const path = await download.path();
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function loadOk(doc: unknown): Parameters<typeof compareImpact>[1] {
  const l = loadRuleSet(doc);
  if (!l.ok) throw new Error(JSON.stringify(l.issues));
  return l.ruleSet;
}
