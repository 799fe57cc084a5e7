/**
 * Real-browser tests in headless Chromium (Debian's `chromium` driven by playwright-core; never a
 * browser download): the HTML report renders its charts with one bar per district and series and
 * no console error or outside request, and the ESM build evaluates eligibility inside a page.
 * Chromium is required under CI (.ci/run installs it); elsewhere the tests are skipped when it is
 * missing, and say so.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as tsup } from 'tsup';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareImpact } from '../../src/compare/impact.js';
import { renderImpactHtml } from '../../src/compare/html.js';
import { generatePersons } from '../../src/synthetic/persons.js';

const root = join(import.meta.dirname, '..', '..');

function chromiumPath(): string | null {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const executablePath = chromiumPath();
if (executablePath === null && process.env.CI === 'true') throw new Error('chromium is required in CI (apt-get install chromium)');
if (executablePath === null) console.warn('browser tests skipped: no chromium on PATH (apt-get install chromium)');

describe.skipIf(executablePath === null)('in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      ...(executablePath !== null ? { executablePath } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('renders the report: one bar per district and series in each chart, no console error, no outside request', async () => {
    const persons = generatePersons({ count: 20000, seed: 7, on: '2026-01-01' });
    const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons, synthetic: true });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const html = renderImpactHtml(r.report);
    expect(renderImpactHtml(r.report)).toBe(html);
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(`file://${file}`);
    const districts = r.report.districts.length;
    expect(districts).toBe(r.report.districts.filter((d) => d.district !== 'unknown').length + (r.report.districts.some((d) => d.district === 'unknown') ? 1 : 0));
    for (const chart of ['chart-funding-1', 'chart-eligibility-1']) {
      const bars = await page.locator(`#${chart} rect.bar`).count();
      expect(bars).toBe(districts * 2);
      const series = await page.locator(`#${chart} rect.bar`).evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-series')))]);
      expect(series).toHaveLength(2);
      const box = await page.locator(`#${chart} svg`).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(box?.height ?? 0).toBeGreaterThan(districts * 10);
    }
    const tableRows = await page.locator('table tbody tr').count();
    expect(tableRows).toBeGreaterThanOrEqual(districts);
    expect(await page.locator('script').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    mkdirSync(join(root, 'reports', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(root, 'reports', 'screenshots', 'report.png'), fullPage: true });
    await page.close();
  });

  it('evaluates eligibility inside a page from the ESM build', async () => {
    // Inside the project, so the bundler finds the dependencies in node_modules.
    const out = join(root, 'node_modules', '.cache', 'foerderregeln-browser-esm');
    mkdirSync(out, { recursive: true });
    await tsup({
      entry: { index: join(root, 'src/index.ts') },
      format: ['esm'],
      platform: 'neutral',
      target: 'es2022',
      outDir: out,
      dts: false,
      silent: true,
      config: false,
    });
    const bundled = await esbuild({
      entryPoints: [join(out, 'index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const lib = bundled.outputFiles[0]?.text ?? '';
    expect(lib.length).toBeGreaterThan(1000);
    writeFileSync(join(out, 'lib.js'), lib);
    writeFileSync(
      join(out, 'page.html'),
      `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out">…</pre>
<script type="module">
import { checkEligibility, listRuleSets } from './lib.js';
const r = checkEligibility({ id: 'u1', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true }, { on: '2022-03-11' });
const before = checkEligibility({ id: 'u1', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true }, { on: '2022-03-10' });
const end = checkEligibility({ id: 'v', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' }, { on: '2024-01-15' });
document.getElementById('out').textContent = JSON.stringify({ eligible: r.eligible, basis: r.basis.code, overlays: r.ruleSet.overlays, before: before.eligible, end: end.counsellingEndsOn, sets: listRuleSets().length, hash: r.ruleSet.hash });
</script></body></html>`,
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Module scripts need http(s): serve the two files from an in-page route, not the network.
    await page.route('http://foerderregeln.test/**', async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      const body = readFileSync(join(out, name), 'utf8');
      await route.fulfill({ body, contentType: name.endsWith('.js') ? 'text/javascript' : 'text/html' });
    });
    await page.goto('http://foerderregeln.test/page.html');
    await page.waitForFunction(() => document.getElementById('out')?.textContent !== '…');
    const result = JSON.parse((await page.locator('#out').textContent()) ?? '{}') as Record<string, unknown>;
    const { checkEligibility } = await import('../../src/index.js');
    const node = checkEligibility({ id: 'u1', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true }, { on: '2022-03-11' });
    expect(result).toEqual({
      eligible: true,
      basis: 'displaced-from-ukraine',
      overlays: ['bw-im-2022-ukraine'],
      before: false,
      end: '2026-06-30',
      sets: expect.any(Number) as number,
      hash: node.ok ? node.ruleSet.hash : 'node failed',
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
