import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'foerderregeln-cli-cmp-'));

const PERSONS_CSV = `id;residenceStatus;accommodation;displacedFromUkraine;followUpSince;district
a;recognised-refugee;follow-up;nein;2021-01-01;08111
b;temporary-protection;private;ja;;08111
c;tolerated;follow-up;nein;2024-02-01;08226
d;temporary-protection;provisional;ja;;08226
e;nonsense;follow-up;nein;;08226
`;

describe('compare', () => {
  it('prints the rule diff without a caseload', async () => {
    const r = await run(['compare', 'bw-im-2022', 'bw-im-2022-ukraine', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('target group: + People displaced from Ukraine in municipal or private housing (not in state initial reception)');
    const j = await run(['compare', 'bw-im-2022', 'bw-im-2022-ukraine', '--format', 'json']);
    expect((JSON.parse(j.stdout) as { rules: { added: { id: string }[] } }).rules.added[0]?.id).toBe('displaced-from-ukraine');
  });

  it('computes the impact per district over a CSV caseload; an invalid row gives exit 1 and is reported', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'caseload.csv'), PERSONS_CSV);
    const r = await run(['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', join(dir, 'caseload.csv'), '--format', 'json', '--on', '2026-01-01']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { totals: Record<string, unknown>; caseload: Record<string, unknown>; districts: { district: string }[] };
    expect(report.caseload).toMatchObject({ personRows: 5, invalidRows: 1 });
    expect(report.totals).toMatchObject({ persons: 4, eligibleA: 3, eligibleB: 4, gained: 1 });
    expect(report.districts.map((d) => d.district)).toEqual(['08111', '08226']);
    for (const format of ['csv', 'md', 'table']) {
      const f = await run(['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', join(dir, 'caseload.csv'), '--format', format, '--on', '2026-01-01']);
      expect(f.stdout).toContain('08226');
    }
    const out = join(dir, 'report.html');
    const h = await run(['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', join(dir, 'caseload.csv'), '--format', 'html', '--out', out]);
    expect(h.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('<script');
  });

  it('accepts district rows and a scenario file as a side', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'districts.csv'), 'district,persons\n08111,800\n08222,400\n');
    const proposal = JSON.parse(readFileSync(join(root, 'rules/bw-integrationsmanagement/bw-im-proposal/parameters.json'), 'utf8')) as Record<string, { values: { value: unknown }[] }>;
    const ratio = proposal.staffingRatio;
    if (ratio === undefined) throw new Error('no staffingRatio');
    const scenario = {
      id: 'scenario-ratio-40',
      programme: 'bw-integrationsmanagement',
      title: { de: 'Vorschlag mit 1:40', en: 'Proposal with 1:40' },
      kind: 'scenario',
      status: 'proposed',
      validFrom: '2026-01-01',
      validity: { from: { source: 'test scenario', confidence: 'assumed', note: 'test' } },
      extends: 'bw-im-proposal',
      citations: [{ id: 'test', title: 'test scenario' }],
      parameters: { staffingRatio: { ...ratio, values: [{ ...ratio.values[0], value: 40, source: 'test scenario', confidence: 'assumed', note: 'half the ratio' }] } },
    };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const r = await run(['compare', 'bw-im-proposal', join(dir, 'scenario.json'), '--caseload', join(dir, 'districts.csv'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { totals: { fteA: string; fteB: string }; diff: { summary: { en: string }[] } };
    expect(report.totals.fteA).toBe('15');
    expect(report.totals.fteB).toBe('30');
    expect(report.diff.summary.map((s) => s.en).join('\n')).toContain('[staffingRatio]: 80');
  });

  it('fails with exit 2 on an unknown rule set or a missing caseload file', async () => {
    expect((await run(['compare', 'bw-im-2025', 'nope'])).code).toBe(2);
    expect((await run(['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', '/nonexistent.csv'])).code).toBe(2);
  });
});

describe('pin and snapshot', () => {
  it('pins, checks clean, and fails with the diff after a simulated release', async () => {
    const dir = tmp();
    const lock = join(dir, 'lock.json');
    expect((await run(['pin', 'bw-im-2023', '--out', lock])).code).toBe(0);
    const clean = await run(['pin', '--check', lock, '--lang', 'en']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✓ bw-im-2023 unchanged');
    cpSync(join(root, 'rules/bw-integrationsmanagement/bw-im-2023'), join(dir, 'rules/bw-im-2023'), { recursive: true });
    const pfile = join(dir, 'rules/bw-im-2023/parameters.json');
    const params = JSON.parse(readFileSync(pfile, 'utf8')) as Record<string, { values: { value: unknown }[] }>;
    const first = params.counsellingLimitMonths?.values[0];
    if (first === undefined) throw new Error('no counsellingLimitMonths');
    first.value = 24;
    writeFileSync(pfile, JSON.stringify(params));
    const changed = await run(['pin', '--check', lock, '--rules', join(dir, 'rules'), '--lang', 'en']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('✗ bw-im-2023 changed');
    expect(changed.stdout).toContain('[counsellingLimitMonths]: 36 months → 24 months');
    expect(changed.stdout).toContain('impacted periods [counsellingLimitMonths]: 2023-06-06 – 2024-12-31');

    const persons = join(dir, 'persons.csv');
    writeFileSync(persons, PERSONS_CSV);
    const snap = join(dir, 'outcomes.json');
    expect((await run(['snapshot', persons, '--on', '2024-03-01', '--out', snap])).code).toBe(1);
    expect((await run(['snapshot', '--check', snap])).code).toBe(0);
    const after = await run(['snapshot', '--check', snap, '--rules', join(dir, 'rules'), '--lang', 'en']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('counsellingEndsOn: "2027-01-31" → "2026-01-31"');
  });

  it('rejects an unreadable or malformed lock file with exit 2', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), '{"lockfileVersion": 9}');
    expect((await run(['pin', '--check', join(dir, 'bad.json')])).code).toBe(2);
    expect((await run(['pin', '--check', join(dir, 'missing.json')])).code).toBe(2);
    expect((await run(['pin', 'no-such-rule-set', '--out', join(dir, 'x.json')])).code).toBe(2);
  });
});
