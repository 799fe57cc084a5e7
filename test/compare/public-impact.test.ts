/** `compareImpact` is part of the public API (issue 11): the documented call, and bad input as coded issues. */
import { describe, expect, it } from 'vitest';
import { compareImpact, generatePersons, type ImpactCaseload, type ImpactReport } from '../../src/index.js';

describe('compareImpact from foerderregeln', () => {
  it('runs the documented call: per-district eligibility and funding under both rule sets, totals that add up', () => {
    const caseload: ImpactCaseload = { persons: generatePersons({ count: 3000, seed: 5, on: '2026-01-01' }) };
    const r = compareImpact('bw-im-2025', 'bw-im-proposal', caseload, { on: '2026-01-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const report: ImpactReport = r.report;
    expect(report.caseload.personRows).toBe(3000);
    expect(report.districts.reduce((n, d) => n + d.persons, 0)).toBe(3000);
    expect(report.districts.reduce((n, d) => n + d.eligibleB, 0)).toBe(report.totals.eligibleB);
    expect(report.totals.fundingB).toMatch(/^\d+\.\d{2}$/);
    // The same report for any batch size.
    const small = compareImpact('bw-im-2025', 'bw-im-proposal', caseload, { on: '2026-01-01', chunkSize: 7 });
    expect(small).toEqual(r);
  });

  it('gives coded issues for a caseload that is not an object and for an unknown rule set', () => {
    const bad = compareImpact('bw-im-2025', 'bw-im-proposal', null as unknown as ImpactCaseload);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ code: 'invalid-type', path: ['caseload'] });
    const unknown = compareImpact('bw-im-2025', 'bw-im-9999', { persons: [] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues.map((i) => i.code)).toContain('unknown-rule-set');
  });
});
