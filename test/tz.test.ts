/**
 * Results must not depend on the process time zone. This test switches `TZ` inside the process
 * (Node re-reads it on assignment) and compares complete results; `npm run test:tz` runs the
 * whole suite under each zone as well.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { listRuleSets } from '../src/index.js';
import { checkEligibilityMany } from '../src/entry/untrusted.js';
import { addMonths, fromDayNumber, periodEnd, toDayNumber } from '../src/dates/calendar.js';
import { RESIDENCE_STATUSES, ACCOMMODATIONS } from '../src/contract/person.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const original = process.env.TZ;

function setZone(tz: string): void {
  process.env.TZ = tz;
}

/** Dates around the changes of the law, plus a day either side and a year end. */
const DATES = [
  '2017-01-01', '2018-12-31', '2019-01-01', '2020-06-30', '2022-03-10', '2022-03-11', '2022-06-01',
  '2023-06-30', '2023-07-01', '2024-01-15', '2024-02-29', '2025-12-31', '2026-06-30',
];

function persons(): unknown[] {
  const out: unknown[] = [];
  let n = 0;
  for (const residenceStatus of RESIDENCE_STATUSES) {
    for (const accommodation of ACCOMMODATIONS) {
      n++;
      out.push({
        id: `p${n}`,
        residenceStatus,
        accommodation,
        displacedFromUkraine: n % 3 === 0,
        followUpSince: n % 2 === 0 ? '2023-07-01' : '2021-01-31',
        ...(n % 5 === 0 ? { justifiedExtension: true } : {}),
        ...(n % 4 === 0 ? { goodProspects: true } : {}),
      });
    }
  }
  return out;
}

function snapshot(): string {
  const people = persons();
  const results = DATES.map((on) => checkEligibilityMany(people, { on, trace: true }));
  const calendar = [periodEnd('2023-07-01', 36), addMonths('2024-02-29', 12), fromDayNumber(toDayNumber('2024-03-31'))];
  return JSON.stringify({ results, calendar, ruleSets: listRuleSets() });
}

describe('results are identical in every time zone', () => {
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('the zone switch takes effect (so the comparison below means something)', () => {
    const offsets = ZONES.map((tz) => {
      setZone(tz);
      return new Date(2024, 0, 15, 12).getTimezoneOffset();
    });
    expect(new Set(offsets).size).toBe(ZONES.length);
  });

  it('checkEligibilityMany (with trace), calendar arithmetic and rule-set listing agree across zones', () => {
    setZone('UTC');
    const reference = snapshot();
    expect(reference).toContain('"eligible":true');
    expect(reference).toContain('"eligible":false');
    expect(reference).toContain('2026-06-30');
    for (const tz of ZONES.slice(1)) {
      setZone(tz);
      expect(snapshot(), tz).toBe(reference);
    }
  });
});
