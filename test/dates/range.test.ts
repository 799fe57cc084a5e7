/**
 * The supported date range (issue 13, F2): dates outside 1900-01-01 … 2199-12-31 — such as the
 * "open-ended" 9999-12-31 — are refused at the boundary with `out-of-range`, one row at a time;
 * date arithmetic never throws on a valid date.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, isCalendarDate, periodEnd, periodEndAfterEvent, SUPPORTED_DATES } from '../../src/dates/calendar.js';
import { snapshotOutcomes } from '../../src/index.js';
import { checkEligibility, checkEligibilityMany, computeGrant, evaluateEligibilityBatch } from '../../src/entry/untrusted.js';
import { run } from '../cli/helpers.js';

const person = (followUpSince: string) => ({ id: 'p', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince });
const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('supported date range at the boundary', () => {
  it('9999-12-31 as followUpSince: out-of-range with the value echoed, other rows unaffected', () => {
    const rows = checkEligibilityMany([person('9999-12-31'), person('2023-07-01')], { on: '2024-01-15' });
    expect(rows[0]).toMatchObject({ ok: false, issues: [{ code: 'out-of-range', path: ['followUpSince'] }] });
    expect(rows[0]?.ok === false && rows[0].issues[0]?.message.en).toContain('9999-12-31');
    expect(rows[1]).toMatchObject({ ok: true, eligible: true, counsellingEndsOn: '2026-06-30' });
    const batch = evaluateEligibilityBatch([person('9999-12-31'), person('2023-07-01')], { on: '2024-01-15' });
    expect(batch.result(0)).toEqual(rows[0]);
    expect(batch.result(1)).toEqual(rows[1]);
  });
  it('on = 9999-12-31 (option or person field) is out-of-range, not a RangeError', () => {
    expect(checkEligibility(person('2023-07-01'), { on: '9999-12-31' })).toMatchObject({ ok: false, issues: [{ code: 'out-of-range', path: ['options', 'on'] }] });
    expect(checkEligibility({ ...person('2023-07-01'), on: '1899-12-31' })).toMatchObject({ ok: false, issues: [{ code: 'out-of-range', path: ['on'] }] });
    expect(computeGrant({ id: 'g', qualification: 'vocational', fte: 1, startDate: '9999-12-31' })).toMatchObject({ ok: false, issues: [{ code: 'out-of-range' }] });
  });
  it('snapshotOutcomes records the issue instead of losing the batch', () => {
    const s = snapshotOutcomes([person('9999-12-31'), person('2023-07-01')], { on: '2024-01-15' });
    expect(s.cases).toHaveLength(2);
    expect(JSON.stringify(s.cases[0])).toContain('out-of-range');
  });
  it('the range ends are accepted', () => {
    expect(checkEligibility(person(SUPPORTED_DATES.to), { on: SUPPORTED_DATES.to }).ok).toBe(true);
    expect(checkEligibility(person(SUPPORTED_DATES.from), { on: '2024-01-15' }).ok).toBe(true);
  });
  it('compare --caseload and snapshot with a far date: no internal error, the row is reported', async () => {
    const csv = join(dir, 'far.csv');
    writeFileSync(csv, 'id,residenceStatus,accommodation,displacedFromUkraine,followUpSince,district\nA,recognised-refugee,follow-up,false,9999-12-31,08111\nB,recognised-refugee,follow-up,false,2023-07-01,08111\n');
    const c = await run(['compare', 'bw-im-2023', 'bw-im-2025', '--caseload', csv, '--format', 'json']);
    expect(c.stderr).not.toMatch(/Interner Fehler|internal error|\n\s+at /);
    expect(c.code).not.toBe(2);
    const s = await run(['snapshot', csv, '--on', '2024-01-15', '--out', join(dir, 's.json')]);
    expect(s.stderr).not.toMatch(/Interner Fehler|internal error|\n\s+at /);
    expect(s.code).not.toBe(2);
  });
});

describe('date arithmetic never throws on a valid date', () => {
  const anyDate = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('addDays, addMonths, periodEnd, periodEndAfterEvent give calendar dates for any valid date and any count', () => {
    fc.assert(
      fc.property(anyDate, fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(1e300, -1e300, Infinity, NaN, 8.5)), (d, n) => {
        for (const r of [addDays(d, n), addMonths(d, n), periodEnd(d, n), periodEndAfterEvent(d, n)]) if (!isCalendarDate(r)) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });
  it('inside the supported range plus 1,200 months the results are exact (no clamping)', () => {
    expect(periodEnd(SUPPORTED_DATES.to, 1200)).toBe('2299-12-30');
    expect(addMonths('2199-12-31', 1200)).toBe('2299-12-31');
    expect(periodEnd('9999-12-31', 36)).toBe('9999-12-31');
  });
});
