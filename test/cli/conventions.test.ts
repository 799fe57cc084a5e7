/** CLI conventions shared by every command: --version, one JSON flag, one language per output. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/registry.js';
import { run } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const F = join(root, 'test', 'fixtures', 'cli');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it('prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('--format json and --json mean the same on every command with JSON output', () => {
  const jsonCommands = COMMANDS.filter((c) => c.options.json !== undefined || c.options.format !== undefined).map((c) => c.name);
  it('covers the commands that had only --json', () => {
    expect(jsonCommands).toEqual(expect.arrayContaining(['versions', 'show', 'pin', 'check']));
  });
  it.each([
    ['versions', []],
    ['show', ['bw-im-2023']],
  ] as const)('%s: --format json, --format=json and --json give the same JSON', async (cmd, args) => {
    const a = await run([cmd, ...args, '--format', 'json']);
    const b = await run([cmd, ...args, '--format=json']);
    const c = await run([cmd, ...args, '--json']);
    expect(a.code).toBe(0);
    expect(() => JSON.parse(a.stdout) as unknown).not.toThrow();
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });
  it('check: --json is an alias of --format json', async () => {
    const a = await run(['check', `${F}/persons.jsonl`, '--on', '2024-01-15', '--format', 'json']);
    const b = await run(['check', `${F}/persons.jsonl`, '--on', '2024-01-15', '--json']);
    expect(b.stdout).toBe(a.stdout);
    expect(b.code).toBe(a.code);
    expect(a.stdout.trimStart().startsWith('[')).toBe(true);
  });
});

describe('one language per output', () => {
  it.each([
    ['an unknown option', ['versions', '--nope']],
    ['an option without its value', ['check', `${F}/persons.jsonl`, '--on']],
    ['a value for a flag', ['versions', '--json=yes']],
    ['an unknown command', ['nope']],
    ['a missing argument', ['check']],
  ])('%s: German by default, English with --lang en, never both', async (_name, args) => {
    const de = await run([...args]);
    expect(de.code).toBe(2);
    expect(de.stderr).toMatch(/^Fehler: /);
    expect(de.stderr).not.toMatch(/Error|Unknown|argument missing|does not take|To specify/);
    const en = await run([...args, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^Error: /);
    expect(en.stderr).not.toMatch(/Fehler|Unbekannt/);
  });
  it('names the option in the translated parseArgs message', async () => {
    expect((await run(['versions', '--nope'])).stderr).toContain('Unbekannte Option --nope.');
    expect((await run(['versions', '--nope', '--lang', 'en'])).stderr).toContain('Unknown option --nope.');
    expect((await run(['check', 'x.csv', '--on'])).stderr).toContain('Der Option --on fehlt ihr Wert.');
    expect((await run(['versions', '--json=yes', '--lang=en'])).stderr).toContain('Option --json takes no value.');
  });
});

describe('--format json on every command that prints a result', () => {
  const R = join(root, 'rules', 'bw-integrationsmanagement', 'bw-im-2023');
  it('only whatif (writes a page) and serve (runs a service) have no JSON output', () => {
    const without = COMMANDS.filter((c) => c.options.json === undefined && c.options.format === undefined).map((c) => c.name);
    expect(without.sort()).toEqual(['serve', 'whatif']);
  });

  it.each([
    ['validate', [R], 0],
    ['validate', [join(F, 'scenario-invalid.json')], 1],
    ['test', [R], 0],
    ['test', [join(F, 'scenario-failing-case.json'), '--failures-only'], 1],
    ['pin', ['--check', join(root, 'foerderregeln.lock.json')], 0],
  ] as const)('%s %s: --format json, --format=json and --json give the same JSON and exit status', async (cmd, args, code) => {
    const a = await run([cmd, ...args, '--format', 'json']);
    const b = await run([cmd, ...args, '--format=json']);
    const c = await run([cmd, ...args, '--json', '--lang', 'en']);
    expect(a.code).toBe(code);
    expect(() => JSON.parse(a.stdout) as unknown).not.toThrow();
    expect(b).toEqual(a);
    // The language changes text, not JSON (issue messages carry both languages anyway).
    expect(c.stdout).toBe(a.stdout);
  });

  it('snapshot --check: --format json and --json give the same JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-snap-json-'));
    try {
      const snap = join(dir, 'outcomes.json');
      expect((await run(['snapshot', join(F, 'persons.jsonl'), '--on', '2024-03-01', '--out', snap])).code).toBeLessThan(2);
      const a = await run(['snapshot', '--check', snap, '--format', 'json']);
      const b = await run(['snapshot', '--check', snap, '--json']);
      expect(a.code).toBe(0);
      expect(() => JSON.parse(a.stdout) as unknown).not.toThrow();
      expect(b).toEqual(a);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validate: per rule set its hash, evidence issues and failing cases', async () => {
    const ok = JSON.parse((await run(['validate', R, '--format', 'json'])).stdout) as { valid: boolean; ruleSets: { id: string; valid: boolean; hash: string; cases: { passed: number; failed: number } }[] };
    expect(ok.valid).toBe(true);
    expect(ok.ruleSets[0]).toMatchObject({ id: 'bw-im-2023', valid: true, cases: { failed: 0 } });
    expect(ok.ruleSets[0]?.hash).toMatch(/^sha256:/);
    expect(ok.ruleSets[0]?.cases.passed).toBeGreaterThan(0);
    const bad = JSON.parse((await run(['validate', join(F, 'scenario-invalid.json'), '--json'])).stdout) as { valid: boolean; problems: { issues: { code: string }[] }[] };
    expect(bad.valid).toBe(false);
    expect(bad.problems[0]?.issues.length).toBeGreaterThan(0);
  });

  it('test: counts and the outcome of each case; --failures-only keeps the failing ones', async () => {
    const all = JSON.parse((await run(['test', R, '--format', 'json'])).stdout) as { passed: number; failed: number; ruleSets: { cases: { passed: boolean }[] }[] };
    expect(all.failed).toBe(0);
    expect(all.ruleSets[0]?.cases).toHaveLength(all.passed);
    const failing = JSON.parse((await run(['test', join(F, 'scenario-failing-case.json'), '--failures-only', '--format', 'json'])).stdout) as { failed: number; ruleSets: { cases: { passed: boolean; mismatches: unknown[] }[] }[] };
    expect(failing.failed).toBeGreaterThan(0);
    expect(failing.ruleSets.flatMap((r) => r.cases).every((c) => !c.passed && c.mismatches.length > 0)).toBe(true);
  });

  it('demo: results per person and date, totals per comparison and the report path, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-demo-json-'));
    try {
      const r = await run(['demo', '--out', dir, '--format', 'json', '--lang', 'en']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { dates: string[]; eligibility: { person: string; on: string; result: { ok: boolean } }[]; comparisons: { totals: unknown }[]; report: string };
      expect(doc.dates.length).toBeGreaterThan(3);
      expect(doc.eligibility.length).toBeGreaterThan(doc.dates.length);
      expect(doc.comparisons.length).toBeGreaterThan(0);
      expect(doc.report).toBe(join(dir, 'report.html'));
      expect(readFileSync(doc.report, 'utf8')).toContain('<html');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('summaries in one language', () => {
  it('staffing: the summary after the table is German by default and English with --lang en', async () => {
    const stdin = 'id,persons,fundedFte\nbiberach,1998,25\n';
    const de = await run(['staffing', '-', '--rule-set', 'bw-im-proposal', '--format', 'table'], { stdin });
    expect(de.code).toBe(0);
    expect(de.stderr).toContain('Personen 1998 · VZÄ 25');
    expect(de.stderr).not.toMatch(/persons|funding|assumptions/);
    const en = await run(['staffing', '-', '--rule-set', 'bw-im-proposal', '--format', 'table', '--lang', 'en'], { stdin });
    expect(en.stderr).toContain('persons 1998 · FTE 25');
    expect(en.stderr).not.toMatch(/Personen|Förderung|Annahmen/);
  });
});
