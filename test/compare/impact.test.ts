import { describe, expect, it } from 'vitest';
import { compareImpact } from '../../src/compare/impact.js';
import { renderImpactHtml } from '../../src/compare/html.js';
import { impactRows, renderImpactMarkdown } from '../../src/compare/format.js';
import { generatePersons } from '../../src/synthetic/persons.js';

const P = (id: string, district: string, extra: Record<string, unknown> = {}) => ({
  id,
  residenceStatus: 'recognised-refugee',
  accommodation: 'follow-up',
  displacedFromUkraine: false,
  district,
  ...extra,
});

describe('compareImpact', () => {
  it('counts persons gained per district by the Ukraine decree', () => {
    const persons = [
      P('a', '08111'),
      P('b', '08111', { residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true }),
      P('c', '08226', { residenceStatus: 'temporary-protection', accommodation: 'provisional', displacedFromUkraine: true }),
      P('d', '08226', { residenceStatus: 'tolerated' }),
    ];
    const r = compareImpact('bw-im-2022', 'bw-im-2022-ukraine', { persons }, { on: '2022-03-14' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const by = Object.fromEntries(r.report.districts.map((d) => [d.district, d]));
    expect(by['08111']).toMatchObject({ name: 'Stuttgart (Stadt)', persons: 2, eligibleA: 1, eligibleB: 2, gained: 1, lost: 0, fundingA: null });
    expect(by['08226']).toMatchObject({ persons: 2, eligibleA: 0, eligibleB: 1, gained: 1, lost: 0 });
    expect(r.report.totals).toMatchObject({ persons: 4, eligibleA: 1, eligibleB: 3, gained: 2, lost: 0, fundingA: null, fundingB: null });
    expect(r.report.diff.rules.added.map((x) => x.id)).toEqual(['displaced-from-ukraine']);
    expect(r.report.fundingBasis.a.en).toContain('funds posts');
  });

  it('counts persons lost, and reports invalid rows without dropping the count', () => {
    const persons = [P('a', '08111', { residenceStatus: 'tolerated', followUpSince: '2024-01-01' }), { id: 'bad' }];
    const r = compareImpact('bw-im-2025', 'bw-im-2017', { persons }, { on: '2025-06-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.totals).toMatchObject({ persons: 1, eligibleA: 1, eligibleB: 0, gained: 0, lost: 1 });
    expect(r.report.caseload).toMatchObject({ personRows: 2, invalidRows: 1 });
    expect(r.report.notes.map((n) => n.en).join(' ')).toContain('1 person rows were invalid');
  });

  it('funds the proposal by its staffing ratio from district rows', () => {
    const r = compareImpact('bw-im-2025', 'bw-im-proposal', { districts: [{ district: '08111', persons: 800 }, { district: '08222', persons: 400 }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.report.districts.find((d) => d.district === '08111');
    expect(s?.fteB).toBe('10');
    expect(s?.fundingB).not.toBeNull();
    expect(r.report.totals.fteB).toBe('15');
    expect(r.report.fundingBasis.b.en).toContain('Staffing ratio');
    expect(r.report.assumptions.b.some((a) => a.name === 'staffingRatio')).toBe(true);
  });

  it('rejects unknown rule sets, bad dates and bad district rows with coded issues', () => {
    const a = compareImpact('nope', 'bw-im-2025', {});
    expect(!a.ok && a.issues[0]?.code).toBe('unknown-rule-set');
    const b = compareImpact('bw-im-2023', 'bw-im-2025', {}, { on: '2023-02-30' });
    expect(!b.ok && b.issues[0]?.code).toBe('invalid-date');
    const c = compareImpact('bw-im-2023', 'bw-im-2025', { districts: [{ district: '8111', persons: 3 }] });
    expect(!c.ok && c.issues[0]?.code).toBe('invalid-value');
  });

  it('gives the same report whatever the batch size', () => {
    const persons = generatePersons({ count: 3000, seed: 11, on: '2026-01-01' });
    const one = compareImpact('bw-im-2025', 'bw-im-proposal', { persons }, { chunkSize: 3000 });
    const many = compareImpact('bw-im-2025', 'bw-im-proposal', { persons }, { chunkSize: 7 });
    expect(one).toEqual(many);
  });
});

describe('report formats', () => {
  const persons = generatePersons({ count: 2000, seed: 5, on: '2026-01-01' });
  const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons, synthetic: true });
  if (!r.ok) throw new Error('compare failed');
  const report = r.report;

  it('writes one self-contained, deterministic HTML file labelled synthetic', () => {
    const html = renderImpactHtml(report);
    expect(renderImpactHtml(report)).toBe(html);
    expect(html).not.toMatch(/<script|https?:\/\/[^"<\s]*\.(js|css)|<link /);
    expect(html).toContain('Synthetische Daten');
    expect(html).toContain(report.diff.a.hash);
    expect((html.match(/class="bar"/g) ?? []).length).toBe(report.districts.length * 4);
  });

  it('writes Markdown with every district and a total row', () => {
    const md = renderImpactMarkdown(report, 'en');
    expect(md).toContain('# bw-im-2025 → bw-im-proposal');
    expect(md).toContain('**Synthetic data**');
    const rows = impactRows(report);
    expect(rows[rows.length - 1]?.district).toBe('total');
    for (const d of report.districts) expect(md).toContain(`| ${d.district} |`);
  });
});
