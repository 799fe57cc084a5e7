/** Shared by the browser tests: the Chromium to use, a watcher for errors and requests, axe-core. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

function chromiumPath(): string | null {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Debian's chromium, or null when it is not installed (then the browser tests are skipped, except under CI). */
export const executablePath = chromiumPath();
if (executablePath === null && process.env.CI === 'true') throw new Error('chromium is required in CI (apt-get install chromium)');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

/** Runs axe-core in a copy of the page opened with CSP bypassed (axe is injected as a script). */
export async function axe(browser: Browser, url: string, width: number, ready?: string): Promise<AxeResult> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  if (ready !== undefined) await page.waitForSelector(ready, { timeout: 120_000 });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<unknown> } };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  await context.close();
  return result as AxeResult;
}

/** Watches a page for console errors, page errors and requests that leave file://. */
export function watch(page: Page): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (q) => {
    if (!q.url().startsWith('file://') && !q.url().startsWith('blob:') && !q.url().startsWith('data:')) requests.push(q.url());
  });
  return { errors, requests };
}

