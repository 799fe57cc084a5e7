/**
 * The borderline persons of the legal review (docs/legal-notes.md): the checked-in table is what
 * the library answers now, and the answers the review called wrong are fixed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BORDERLINE_FILE, BORDERLINE_PERSONS, renderBorderline } from '../../scripts/build-legal-notes.js';
import { checkEligibility, type EligibilityOk } from '../../src/domain/eligibility.js';

const root = join(import.meta.dirname, '..', '..');

function check(id: string): EligibilityOk {
  const b = BORDERLINE_PERSONS.find((x) => x.id === id);
  if (b === undefined) throw new Error(id);
  const r = checkEligibility({ id, ...b.person }, { on: b.on });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('legal review 2026-11: borderline persons', () => {
  it('the checked-in table is current (run npm run docs:legal)', () => {
    expect(readFileSync(join(root, BORDERLINE_FILE), 'utf8').replace(/\r\n/g, '\n')).toBe(renderBorderline());
  });

  it('fixes the answers the review called wrong: B04, B05, B10, B14 (and B01, B18 doubtful)', () => {
    expect(check('B04').eligible).toBe(false);
    const b05 = check('B05');
    expect([b05.eligible, b05.counsellingEndsOn]).toEqual([true, null]);
    expect(b05.assumptions.some((a) => a.kind === 'fact' && a.name === 'counsellingEndsOn')).toBe(true);
    expect(check('B05a').basis.code).toBe('counselling-period-expired');
    expect([check('B14').eligible, check('B14').basis.code]).toEqual([true, 'follow-up-accommodation']);
    expect(check('B01').eligible).toBe(false);
    expect(check('B18').eligible).toBe(false);
    const b10 = BORDERLINE_PERSONS.find((x) => x.id === 'B10');
    const r10 = checkEligibility({ id: 'B10', ...b10?.person }, { on: b10?.on ?? '' });
    expect(r10.ok ? null : r10.issues[0]?.code).toBe('inconsistent-input');
  });

  it('shows both readings of § 187 BGB for B08, and notes time before the VwV 2023 for B15', () => {
    const b08 = check('B08');
    expect(b08.eligible).toBe(false);
    expect(b08.assumptions.map((a) => a.name)).toContain('counsellingPeriodCounting');
    expect(b08.notes.map((n) => n.en).join(' ')).toContain('under § 187(1) counselling would end on 2026-07-01');
    expect(check('B15').notes.map((n) => n.en).join(' ')).toMatch(/before the limit came into force \(2023-06-06, assumed\)/);
  });
});
