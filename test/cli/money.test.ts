import { describe, expect, it } from 'vitest';
import { run, jsonRows } from './helpers.js';

describe('grant', () => {
  it('writes one row per post with money as two-place strings; exit 1 when a row is invalid', async () => {
    const csv = 'id;qualification;fte;startDate;salaryInterrupted\np1;vocational;0,5;2018-01-01;nein\np2;vocational;0,2;2018-01-01;\n';
    const r = await run(['grant', '-', '--format', 'json'], { stdin: csv });
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 1, id: 'p1', ok: true, total: '51000.00', endDate: '2019-12-31', months: 24, ruleSet: 'bw-im-2017' });
    expect((rows[0]?.trace as unknown[]).length).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ row: 2, ok: false });
  });

  it('exit 0 when all rows are valid; csv output has the columns of the contract', async () => {
    const r = await run(['grant', '-', '--format', 'csv'], { stdin: 'id,qualification,fte,startDate\na,vocational,1,2020-03-01\n' });
    expect(r.code).toBe(0);
    const [header, line] = r.stdout.trim().split('\n');
    expect(header).toContain('ratePerFteYear,yearlyAmount,months,fundedMonths,startDate,endDate,total');
    // first approved 2020 (after the reference date 31.12.2018): 36 months, funded until 2021-12-31
    expect(line).toContain('93500.00');
  });

  it('exit 2 on a bad --on', async () => {
    expect((await run(['grant', '-', '--on', '2020-02-30'], { stdin: 'id\n' })).code).toBe(2);
  });
});

describe('allocate', () => {
  it('reproduces the published 2017 frames and writes the summary to stderr', async () => {
    const csv = 'id;persons\nTettnang;166\nNeukirch;13\nWeinheim;352\nSchriesheim;85\n';
    const r = await run(['allocate', '-', '--rule-set', 'bw-im-2017', '--format', 'json', '--lang', 'en'], { stdin: csv });
    expect(r.code).toBe(0);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.amount)).toEqual(['132149.00', '10349.00', '280220.00', '67667.00']);
    expect(rows.map((x) => x.mustApplyJointly)).toEqual([false, true, false, false]);
    expect(r.stderr).toMatch(/residual 0\.28/);
  });

  it('reads data/bw-districts.csv as it is and splits exactly with largest-remainder', async () => {
    const r = await run(['allocate', 'data/bw-districts.csv', '--rule-set', 'bw-soforthilfe-2022', '--method', 'largest-remainder', '--format', 'jsonl', '--lang', 'en']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(44);
    const total = rows.reduce((s, x) => s + Math.round(Number(x.amount) * 100), 0);
    expect(total).toBe(800000000);
    expect(r.stderr).toMatch(/2021-11-30; those figures were not available/);
  });

  it('reports bad rows in place and exits 1; without --rule-set exits 2', async () => {
    const r = await run(['allocate', '-', '--rule-set', 'bw-im-2025', '--format', 'json'], { stdin: 'id,allocations\nA,10\nB,x\n' });
    expect(r.code).toBe(1);
    const rows = jsonRows(r.stdout);
    expect(rows.map((x) => x.ok)).toEqual([true, false]);
    expect(rows[0]?.amount).toBe('58000000.00');
    expect((await run(['allocate', '-'], { stdin: 'id,allocations\nA,1\n' })).code).toBe(2);
    expect((await run(['allocate', '-', '--rule-set', 'bw-im-2025', '--method', 'random'], { stdin: 'id,allocations\nA,1\n' })).code).toBe(2);
  });
});

describe('staffing', () => {
  it('computes FTE, funding and per-case amount per district', async () => {
    const r = await run(['staffing', '-', '--rule-set', 'bw-im-proposal', '--format', 'json'], { stdin: 'id,persons,fundedFte\nbiberach,1998,25\n' });
    expect(r.code).toBe(0);
    expect(jsonRows(r.stdout)[0]).toMatchObject({ fte: '25', ratePerFte: '61813.50', perCaseAmount: '772.67', impliedRatio: '79.92', ruleSet: 'bw-im-proposal' });
  });
});

describe('lump-sum', () => {
  it('prints the FlüAG § 15 amount of 2023 (15506.00) and exits 0', async () => {
    const r = await run(['lump-sum', '--programme', 'bw-fluag', '--kind', 'asylum-seeker', '--year', '2023', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, amount: '15506.00', ruleSet: { id: 'bw-fluag-2014' } });
    const table = await run(['lump-sum', '--kind', 'municipality', '--year', '2023']);
    expect(table.stdout).toContain('149.00');
  });

  it('exits 1 for a year outside the statute and 2 for bad usage', async () => {
    expect((await run(['lump-sum', '--kind', 'other', '--year', '2013'])).code).toBe(1);
    expect((await run(['lump-sum', '--kind', 'nobody', '--year', '2020'])).code).toBe(2);
    expect((await run(['lump-sum', '--kind', 'other'])).code).toBe(2);
  });
});
