/**
 * The bounded reader for rule-set files (issue 13: F3, F4, F5, F12, F13, F22, F27): regular files
 * only, a total cap checked before parsing, unknown rules files refused unread, no symlink loops,
 * no file content in messages, cyclic `extends` reported.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRuleSetDirs, MAX_RULE_SET_BYTES, readBoundedText, readRuleSetDocument } from '../../src/ruleset/fs.js';
import { run } from '../cli/helpers.js';
import { scenarioDocument } from '../security/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, '..', '..');

function ruleSetDir(name: string, doc: Record<string, unknown> = scenarioDocument()): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  const { rules, parameters, ...meta } = doc as { rules?: Record<string, unknown>; parameters?: unknown };
  writeFileSync(join(d, 'ruleset.json'), JSON.stringify(meta));
  if (parameters !== undefined) writeFileSync(join(d, 'parameters.json'), JSON.stringify(parameters));
  for (const [k, v] of Object.entries(rules ?? {})) writeFileSync(join(d, `${k}.rules.json`), JSON.stringify(v));
  return d;
}

const codes = (r: ReturnType<typeof readRuleSetDocument>) => (r.ok ? [] : r.issues.map((i) => i.code));

describe('readBoundedText', () => {
  it('refuses devices, and symlinks to devices, without reading', () => {
    expect(readBoundedText('/dev/zero', 100)).toMatchObject({ ok: false, issue: { code: 'unreadable-input' } });
    symlinkSync('/dev/zero', join(dir, 'zero-link'));
    expect(readBoundedText(join(dir, 'zero-link'), 100)).toMatchObject({ ok: false, issue: { code: 'unreadable-input' } });
  });
  it('refuses a FIFO without hanging', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const t = performance.now();
    expect(readBoundedText(fifo, 100)).toMatchObject({ ok: false, issue: { code: 'unreadable-input' } });
    expect(performance.now() - t).toBeLessThan(5000);
  });
  it('enforces the byte cap while reading, whatever stat says', () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(1000));
    expect(readBoundedText(join(dir, 'big.txt'), 999)).toMatchObject({ ok: false, issue: { code: 'limit-exceeded' } });
    expect(readBoundedText(join(dir, 'big.txt'), 1000)).toEqual({ ok: true, text: 'x'.repeat(1000) });
  });
});

describe('readRuleSetDocument', () => {
  it('reads a valid directory', () => {
    expect(readRuleSetDocument(ruleSetDir('ok')).ok).toBe(true);
  });
  it('refuses a *.rules.json that names no computation, before reading it', () => {
    const d = ruleSetDir('unknown-file');
    symlinkSync('/dev/zero', join(d, 'x0.rules.json'));
    const r = readRuleSetDocument(d);
    expect(codes(r)).toEqual(['unknown-field']);
  });
  it('refuses a directory whose files together pass the total cap, before parsing any', () => {
    const d = ruleSetDir('too-big');
    // Sparse files: 5 files just under the per-file cap, together over the directory cap.
    for (const c of ['grant', 'allocation', 'staffing', 'lump-sum']) {
      writeFileSync(join(d, `${c}.rules.json`), '');
      truncateSync(join(d, `${c}.rules.json`), 5 * 1024 * 1024 - 1);
    }
    writeFileSync(join(d, 'cases.json'), '');
    truncateSync(join(d, 'cases.json'), 5 * 1024 * 1024 - 1);
    const t = performance.now();
    const r = readRuleSetDocument(d);
    expect(codes(r)).toEqual(['limit-exceeded']);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(MAX_RULE_SET_BYTES).toBeLessThan(6 * 5 * 1024 * 1024);
  });
  it('refuses a README on a device or over its cap (600 MB sparse) without reading it whole', () => {
    const d1 = ruleSetDir('readme-dev');
    symlinkSync('/dev/zero', join(d1, 'README.md'));
    expect(codes(readRuleSetDocument(d1, { withReadme: true }))).toEqual(['unreadable-input']);
    const d2 = ruleSetDir('readme-600m');
    writeFileSync(join(d2, 'README.md'), '');
    truncateSync(join(d2, 'README.md'), 600 * 1024 * 1024);
    expect(codes(readRuleSetDocument(d2, { withReadme: true }))).toEqual(['limit-exceeded']);
  });
  it('a rules file that is a FIFO is refused, not waited for', () => {
    const d = ruleSetDir('rules-fifo');
    rmSync(join(d, 'eligibility.rules.json'));
    execFileSync('mkfifo', [join(d, 'eligibility.rules.json')]);
    expect(codes(readRuleSetDocument(d))).toEqual(['unreadable-input']);
  });
  it('does not echo file content in a JSON error (e.g. /etc/passwd through a symlink)', () => {
    const d = join(dir, 'secret.json');
    writeFileSync(d, 'root:x:0:0:root:/root:/bin/bash\n');
    const r = readRuleSetDocument(d);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const i of r.issues) expect(`${i.message.de} ${i.message.en}`).not.toContain('root:x');
  });
});

describe('findRuleSetDirs', () => {
  it('does not follow symlinked directories (10 links to "." cost nothing) and skips dangling links', () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    cpSync(ruleSetDir('in-tree'), join(tree, 'a'), { recursive: true });
    for (let i = 0; i < 10; i++) symlinkSync('.', join(tree, `loop${i}`));
    symlinkSync(join(dir, 'nowhere'), join(tree, 'broken'));
    const t = performance.now();
    expect(findRuleSetDirs(tree)).toEqual([join(tree, 'a')]);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('CLI on hostile rule-set paths', () => {
  it('validate: cyclic extends inside a directory is a cyclic-extends issue, exit 1', async () => {
    const tree = join(dir, 'cycle');
    const a = { ...scenarioDocument(), id: 'cyc-a', extends: 'cyc-b' };
    const b = { ...scenarioDocument(), id: 'cyc-b', extends: 'cyc-a' };
    mkdirSync(tree);
    cpSync(ruleSetDir('cyc-a-src', a), join(tree, 'a'), { recursive: true });
    cpSync(ruleSetDir('cyc-b-src', b), join(tree, 'b'), { recursive: true });
    const r = await run(['validate', tree]);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain('cyclic-extends');
  });
  it.each([['/dev/zero'], ['/dev/urandom']])('validate %s ends with exit 2, no stack trace', async (p) => {
    const r = await run(['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('a rule-set path with a dangling symlink validates the rest', async () => {
    const tree = join(dir, 'dangling');
    mkdirSync(tree);
    cpSync(ruleSetDir('dangling-src'), join(tree, 'a'), { recursive: true });
    symlinkSync(join(dir, 'nowhere'), join(tree, 'broken'));
    const r = await run(['validate', tree]);
    expect(r.code).toBe(0);
  });
  it('the bundled rules/ tree still reads and validates', async () => {
    const r = await run(['validate', join(root, 'rules')]);
    expect(r.code).toBe(0);
  });
});
