/**
 * The HTML report (`compare --format html`, `demo`) in headless Chromium: one language with the
 * right `lang` attribute, the three summary figures on top, charts that scale with titles and
 * descriptions and bars sorted by value, tables that scroll inside themselves (no sideways scroll
 * of the page at 390 px), no raw JSON or backticks outside the collapsed JSON block, no script,
 * no console error, no request, and no axe-core violation. Screenshots go to reports/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareImpact } from '../../src/compare/impact.js';
import { renderImpactHtml } from '../../src/compare/html.js';
import { generatePersons } from '../../src/synthetic/persons.js';
import { run } from '../cli/helpers.js';
import { axe, executablePath, watch } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'reports', 'screenshots');

describe.skipIf(executablePath === null)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await chromium.launch({
      ...(executablePath !== null ? { executablePath } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    dir = mkdtempSync(join(tmpdir(), 'foerderregeln-report-a11y-'));
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
  });

  for (const lang of ['en', 'de'] as const) {
    it(`compare report (${lang}): one language, summary on top, sorted scalable charts, no sideways scroll, axe clean`, async () => {
      const persons = generatePersons({ count: 15000, seed: 3, on: '2026-01-01' });
      const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons, synthetic: true }, { on: '2026-01-01' });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const html = renderImpactHtml(r.report, undefined, { lang });
      expect(renderImpactHtml(r.report, undefined, { lang })).toBe(html);
      const file = join(dir, `report-${lang}.html`);
      writeFileSync(file, html);
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const seen = watch(page);
      await page.goto(`file://${file}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('script').count()).toBe(0);
      // The three figures at the top: funding A, funding B, difference.
      const summary = await page.locator('dl.summary dd').allTextContents();
      expect(summary).toHaveLength(3);
      // Charts: viewBox, title and description, width follows the box; bars sorted by value.
      for (const id of ['chart-funding-1', 'chart-eligibility-1']) {
        const svg = page.locator(`#${id} svg`);
        expect(await svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
        expect(await svg.locator('title').first().textContent()).not.toBe('');
        expect(await svg.locator('desc').textContent()).not.toBe('');
      }
      const fundingB = await page.locator('#chart-funding-1 rect.bar:nth-of-type(2n)').evaluateAll((els) => els.map((e) => Number(e.getAttribute('width'))));
      expect(fundingB.length).toBeGreaterThan(10);
      expect(fundingB).toEqual([...fundingB].sort((a, b) => b - a));
      // Text analysts read has no raw JSON and no backticks; the JSON sits in a closed details block.
      const text = await page.evaluate(() => {
        const clone = document.body.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('details').forEach((d) => d.remove());
        return clone.innerText;
      });
      expect(text).not.toContain('`');
      expect(text).not.toMatch(/\{"|":/);
      expect(await page.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      const other = lang === 'en' ? 'Förderung je Kreis' : 'Funding per district';
      expect(text).not.toContain(other);
      await page.screenshot({ path: join(shots, `report-${lang}-1280.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(shots, `report-${lang}-390.png`) });
      expect(seen.errors).toEqual([]);
      expect(seen.requests).toEqual([]);
      await page.close();
      for (const width of [1280, 390]) {
        const result = await axe(browser, `file://${file}`, width);
        expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    }, 180_000);
  }

  it('demo report: English throughout, no sideways scroll at 390 px, axe clean', async () => {
    const out = join(dir, 'demo');
    const r = await run(['demo', '--out', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    const file = join(out, 'report.html');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="en">');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const seen = watch(page);
    await page.goto(`file://${file}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const headings = await page.locator('h1, h2, h3, h4').evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
    expect(headings[0]).toBe(1);
    for (let i = 1; i < headings.length; i++) expect((headings[i] ?? 0) - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(shots, 'demo-390.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await page.close();
    const result = await axe(browser, `file://${file}`, 1280);
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 240_000);
});
