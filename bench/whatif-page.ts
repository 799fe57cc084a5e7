/**
 * `npm run bench:whatif` — the what-if page's recompute time in headless Chromium (Debian's
 * chromium, never a download): writes a page with a synthetic caseload of `--size` persons
 * (default 400,000; 44 districts), opens it from file://, changes the staffing ratio 15 times
 * (funding only: eligibility counts reused) and switches a target-group rule (every person checked
 * again), and prints the times the page itself measures (#status data-recompute-ms, data-compute-ms).
 * Target (issue 16): < 50 ms for a funding change. Reported, not asserted.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { main } from '../src/cli/main.js';
import { streamPersons } from '../src/synthetic/persons.js';

const { values } = parseArgs({ options: { size: { type: 'string' } } });
const size = Number(values.size ?? '400000');
const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (exe === undefined) {
  console.log('bench:whatif skipped: no chromium at /usr/bin/chromium');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-bench-whatif-'));
try {
  const cols = ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district'] as const;
  const lines: string[] = [cols.join(';')];
  for (const p of streamPersons({ count: size, seed: 4, on: '2026-01-01' })) {
    const r = p as unknown as Record<string, unknown>;
    lines.push(cols.map((c) => (r[c] === undefined ? '' : String(r[c] as string | boolean))).join(';'));
  }
  const csv = join(dir, 'caseload.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const html = join(dir, 'whatif.html');
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const code = await main(['whatif', '--caseload', csv, '--out', html, '--lang', 'en'], io);
  if (code !== 0) throw new Error(`whatif exited with ${String(code)}`);
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = Date.now();
    await page.goto(`file://${html}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 300_000 });
    const loadMs = Date.now() - t0;
    const seq = async (): Promise<string> => (await page.locator('#status').getAttribute('data-seq')) ?? '';
    const next = async (prev: string): Promise<void> => {
      await page.waitForFunction((p) => document.getElementById('status')?.dataset.seq !== p, prev, { timeout: 300_000 });
    };
    const attr = async (name: string): Promise<number> => Number(await page.locator('#status').getAttribute(name));
    const ms: number[] = [];
    const compute: number[] = [];
    for (let i = 0; i < 15; i++) {
      const prev = await seq();
      await page.fill('input[name="staffingRatio"]', String(61 + i));
      await next(prev);
      ms.push(await attr('data-recompute-ms'));
      compute.push(await attr('data-compute-ms'));
    }
    const prev = await seq();
    await page.click('input[name="rule:displaced-from-ukraine"]');
    await next(prev);
    const eligibilityMs = await attr('data-recompute-ms');
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const m = median(ms);
    console.log(`what-if page: ${String(size)} persons, ${(statSync(html).size / 1024).toFixed(0)} kB, opened and computed in ${String(loadMs)} ms; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`${m < 50 ? 'MET    ' : 'NOT MET'} < 50 ms per funding change: median ${m.toFixed(1)} ms with rendering (${median(compute).toFixed(1)} ms computing); all: ${ms.map((x) => x.toFixed(1)).join(', ')}`);
    console.log(`target-group change (every person checked again): ${eligibilityMs.toFixed(1)} ms`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
