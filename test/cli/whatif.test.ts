import { mkdtempSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');

describe('whatif', () => {
  it('writes one self-contained page whose CSP allows exactly its inline script and style', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-cli-whatif-'));
    const out = join(dir, 'w.html');
    const r = await run(['whatif', '--caseload', join(root, 'examples', 'persons.csv'), '--out', out, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What-if page:');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script[^>]+src=|<link |https?:\/\/[^"\s<]*\.(js|css)\b/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-');
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    // No inline style attribute in the page (the script may hold the text style="…", e.g. for workbook XML).
    expect(html.replace(script, '')).not.toMatch(/\sstyle="/);
  }, 120_000);

  it('refuses an unknown baseline with exit 2 and names the shipped ones', async () => {
    const r = await run(['whatif', '--baseline', 'nope', '--out', join(tmpdir(), 'never.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bw-im-proposal');
  });
});
