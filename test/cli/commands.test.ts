import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listRuleSets } from '../../src/versions/select.js';
import { COMMANDS } from '../../src/cli/registry.js';
import { demoDates } from '../../src/cli/commands/demo.js';
import { run } from './helpers.js';

const F = 'test/fixtures/cli';

describe('help', () => {
  it('lists every command in --help (exit 0), in German by default and in English with --lang en', async () => {
    const de = await run(['--help']);
    expect(de.code).toBe(0);
    for (const c of COMMANDS) expect(de.stdout).toContain(c.name);
    expect(de.stdout).toMatch(/Befehle:/);
    const en = await run(['--help', '--lang', 'en']);
    expect(en.stdout).toMatch(/Commands:/);
  });

  it('has --help for each command', async () => {
    for (const c of COMMANDS) {
      const r = await run([c.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`foerderregeln ${c.usage}`);
    }
  });

  it('exits 2 without a command and for an unknown command', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unbekannter Befehl/);
    expect((await run(['frobnicate', '--lang', 'en'])).stderr).toMatch(/Unknown command/);
  });
});

describe('versions', () => {
  it('prints every rule set with its hash', async () => {
    const r = await run(['versions']);
    expect(r.code).toBe(0);
    for (const s of listRuleSets()) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${s.id} `));
      expect(line).toBeDefined();
      expect(line).toContain(s.hash);
      expect(line).toContain(s.validFrom);
    }
  });

  it('prints JSON with --json', async () => {
    const r = await run(['versions', '--json']);
    expect(JSON.parse(r.stdout)).toEqual(listRuleSets());
  });
});

describe('show', () => {
  it('shows parameters with dated values, sources and confidence, and rules in readable form', async () => {
    const r = await run(['show', 'bw-im-2023']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('accommodationStage ist eines von follow-up [targetAccommodations]');
    expect(r.stdout).toMatch(/counsellingLimitMonths \(months\)/);
    expect(r.stdout).toMatch(/ab 2023-06-06: 36 {2}\(sourced\)/);
    expect(r.stdout).toMatch(/Quelle: https:\/\//);
    const en = await run(['show', 'bw-im-2023', '--lang', 'en']);
    expect(en.stdout).toContain('accommodationStage is one of follow-up [targetAccommodations]');
  });

  it('shows an overlay with what it extends', async () => {
    const r = await run(['show', 'bw-im-2022-ukraine', '--lang', 'en']);
    expect(r.stdout).toMatch(/Extends: bw-im-2022 → bw-im-2022-ukraine/);
    expect(r.stdout).toMatch(/displacedFromUkraine = yes/);
  });

  it('gives JSON with readable conditions under reads', async () => {
    const r = await run(['show', 'bw-im-2023', '--json']);
    const doc = JSON.parse(r.stdout) as { id: string; hash: string; rules: { eligibility: { id: string; reads: { de: string } }[] } };
    expect(doc.id).toBe('bw-im-2023');
    expect(doc.hash).toBe(listRuleSets().find((s) => s.id === 'bw-im-2023')?.hash);
    expect(doc.rules.eligibility.find((x) => x.id === 'follow-up-accommodation')?.reads.de).toBe('accommodationStage ist eines von follow-up [targetAccommodations]');
  });

  it('shows a user rule set from a path, and exits 2 for an unknown one', async () => {
    const r = await run(['show', `${F}/rulesets/scenario-tolerated`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^user-scenario-tolerated — /);
    expect((await run(['show', 'no-such-rule-set'])).code).toBe(2);
  });
});

describe('validate', () => {
  it('accepts a valid rule-set directory and runs its cases (exit 0)', async () => {
    const r = await run(['validate', `${F}/rulesets/scenario-tolerated`, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ user-scenario-tolerated .*cases 1\/1/);
  });

  it('rejects unknown facts and operators (exit 1)', async () => {
    const r = await run(['validate', `${F}/scenario-invalid.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unknown-fact/);
    expect(r.stdout).toMatch(/unknown-operator/);
  });

  it('requires a note on every value that is not sourced (exit 1)', async () => {
    const r = await run(['validate', `${F}/scenario-no-note.json`, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/missing-field parameters\.extraStatuses\.values\.0\.note/);
  });

  it('reports a failing case (exit 1)', async () => {
    const r = await run(['validate', `${F}/scenario-failing-case.json`, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ A case that expects the wrong result/);
  });

  it('exits 2 for unreadable JSON and a missing path', async () => {
    expect((await run(['validate', `${F}/broken.json`])).code).toBe(2);
    const missing = await run(['validate', `${F}/nothing-here`, '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Error: /);
  });

  it('validates every bundled rule set under rules/', async () => {
    const r = await run(['validate', 'rules']);
    expect(r.code).toBe(0);
    for (const s of listRuleSets()) expect(r.stdout).toContain(`✓ ${s.id} `);
  });
});

describe('test', () => {
  it('runs every rule set under rules/ and passes', async () => {
    const r = await run(['test', 'rules', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/(\d+) cases passed, 0 failed, 0 rule sets invalid\./);
    for (const s of listRuleSets()) expect(r.stdout).toContain(`✓ ${s.id} `);
  });

  it('fails with the mismatching fields when a case fails', async () => {
    const r = await run(['test', `${F}/scenario-failing-case.json`, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/eligible: expected false, got true/);
    expect(r.stdout).toMatch(/1 cases passed, 1 failed/);
  });

  it('fails for an invalid rule set', async () => {
    expect((await run(['test', `${F}/scenario-invalid.json`])).code).toBe(1);
  });
});

describe('demo', () => {
  it('takes its dates from the rule sets: starts, the day before the Ukraine decree, the day after a counselling period', () => {
    const dates = demoDates();
    for (const d of ['2017-07-01', '2020-01-01', '2022-03-10', '2022-03-11', '2023-06-06', '2025-01-01', '2026-07-01']) expect(dates).toContain(d);
    expect([...dates].sort()).toEqual(dates);
  });

  it('prints the table and writes a self-contained report.html, byte for byte the same each run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-demo-'));
    const r = await run(['demo', '--out', dir]);
    expect(r.code).toBe(0);
    const line = (d: string): string => r.stdout.split('\n').find((l) => l.startsWith(d)) ?? '';
    // P2 (displaced from Ukraine, private housing): not eligible the day before the decree, eligible from 2022-03-11.
    const cells = (d: string): string[] => line(d).split(/\s{2,}/);
    expect(cells('2022-03-10')[3]).toBe('✗');
    expect(cells('2022-03-11')[3]).toBe('✓');
    // P5 (allocated 2023-07-01): counselled until 2026-06-30, not on 2026-07-01.
    expect(line('2025-01-01')).toContain('✓ bis 2026-06-30');
    expect(cells('2026-07-01')[6]).toBe('✗ counselling-period-expired');
    const file = join(dir, 'report.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=/i);
    for (const d of demoDates()) expect(html).toContain(`<td>${d}</td>`);
    await run(['demo', '--out', dir]);
    expect(readFileSync(file, 'utf8')).toBe(html);
  });
});

describe('the installed command', () => {
  it('runs end to end as a process: npx tsx src/cli/bin.ts versions', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/bin.ts', 'versions'], { timeout: 60000 });
    // German by default: German column headings (the English keys with --lang en).
    expect(stdout).toMatch(/^Kennung\s+Programm/);
    expect(stdout).toContain('bw-im-2023');
  });

  it('sets the exit status of the process (2 for bad usage)', async () => {
    const err = await promisify(execFile)('npx', ['tsx', 'src/cli/bin.ts', 'check', '--lang', 'en'], { timeout: 60000 }).catch((e: unknown) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/Error: check expects 1/);
  });
});
