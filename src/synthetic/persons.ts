import { fromDayNumber, isCalendarDate, toDayNumber, type CalendarDate } from '../dates/calendar.js';
import type { Accommodation, Person, ResidenceStatus } from '../contract/person.js';
import { bwDistricts } from '../data/districts.js';
import { guardApi } from '../_lib/guard.js';

/**
 * Synthetic persons for benchmarks, demos and comparisons.
 *
 * THESE PERSONS ARE INVENTED. Every share and weight below is a plausible, round guess made
 * for load and variety, not a statistic of any real caseload, and nothing here is a legal
 * number (those live in `rules/`). What the generator promises is only:
 *
 * - every person is valid against `personSchema` (checked by the tests);
 * - the same options (including `seed`) give the same persons, on every platform and under any
 *   `TZ` (a seeded sfc32 generator; no `Math.random`, no `Date`);
 * - a mix that exercises every rule: all residence statuses, all accommodation stages, people
 *   displaced from Ukraine, missing optional facts, and follow-up dates near the end of a
 *   three- or four-year counselling period.
 *
 * Distribution assumptions (all synthetic):
 * - Reference date R: the person's `on` (fixed, or drawn uniformly from a range); without `on`
 *   the dates are drawn up to 2026-12-31 and the person has no `on`.
 * - Displaced from Ukraine: only when R is after 2022-03-01; share `ukraineShare`
 *   (default 0.3). Arrival uniform between 2022-02-24 and R; status `temporary-protection`
 *   (90 %), else `asylum-seeker` or `other`; accommodation private 55 %, follow-up 25 %,
 *   provisional 15 %, initial reception 5 %.
 * - Everyone else: arrival 35 % in 2015–2016, otherwise uniform between 2014-01-01 and R.
 *   Status weights: recognised refugee 30, asylum seeker 20, subsidiary protection 15,
 *   tolerated 10, humanitarian 8, other 7, deportation ban 5, obliged to leave 5.
 *   Accommodation by time since arrival: under 3 months initial reception; 3–12 months
 *   provisional (70 %) or follow-up; later follow-up (55 %) or private.
 * - `followUpSince` (only for follow-up or private accommodation): 3–30 months after arrival,
 *   never after R; 15 % of persons are drawn within ±10 days of 36 or 48 months before R to
 *   hit the counselling-limit boundaries (never before arrival); missing for 15 %.
 * - `arrivalDate` missing for 10 %. `goodProspects` set for 70 % of asylum seekers (40 % true)
 *   and for 5 % of others (false). `justifiedExtension` set for 30 % (true for a third of those).
 * - `district`: 95 % set, drawn by population (rounded to thousands, 31.12.2020, from the
 *   project's reference data) over the 44 districts of Baden-Württemberg, or uniformly from
 *   `districts` when given.
 *
 * @example
 * const persons = generatePersons({ count: 1000, seed: 42 });
 */
export interface GeneratePersonsOptions {
  /** Number of persons. */
  count: number;
  /** Seed: the same seed gives the same persons. A number (used as 32-bit) or any string. */
  seed: number | string;
  /** Assessment date for every person, or a range `{ from, to }` each person's `on` is drawn from. */
  on?: CalendarDate | { from: CalendarDate; to: CalendarDate };
  /** Share of persons displaced from Ukraine where the date allows it (0–1, default 0.3). */
  ukraineShare?: number;
  /** District keys to draw from uniformly instead of the population-weighted BW districts. */
  districts?: readonly string[];
  /** Prefix of the generated ids (default `p`); ids are `<prefix><index>`. */
  idPrefix?: string;
}

/** The 44 districts of Baden-Württemberg with population in thousands (31.12.2020), from the bundled data. */
const BW_DISTRICTS: readonly (readonly [string, number])[] = bwDistricts().map((d) => [d.ags, Math.round(d.population / 1000)] as const);

const STATUS_WEIGHTS: readonly (readonly [ResidenceStatus, number])[] = [
  ['recognised-refugee', 30],
  ['asylum-seeker', 20],
  ['subsidiary-protection', 15],
  ['tolerated', 10],
  ['humanitarian', 8],
  ['other', 7],
  ['deportation-ban', 5],
  ['obliged-to-leave', 5],
];
const UKRAINE_ACCOMMODATION: readonly (readonly [Accommodation, number])[] = [
  ['private', 55],
  ['follow-up', 25],
  ['provisional', 15],
  ['initial-reception', 5],
];

const DEFAULT_HORIZON = '2026-12-31';
const EARLIEST_ARRIVAL = toDayNumber('2014-01-01');
const WAVE_FROM = toDayNumber('2015-01-01');
const WAVE_TO = toDayNumber('2016-12-31');
const UKRAINE_FROM = toDayNumber('2022-02-24');
const UKRAINE_POSSIBLE = toDayNumber('2022-03-01');

/** A small, fast, seedable PRNG (sfc32), seeded through a 32-bit string/number hash. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    // FNV-1a over the seed's text, then splitmix32 to fill the four state words.
    let h = 0x811c9dc5;
    const text = typeof seed === 'number' ? `n:${String(seed >>> 0)}` : `s:${seed}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    const next = (): number => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Picks from `[item, weight]` pairs by weight. */
  weighted<T>(items: readonly (readonly [T, number])[], total: number): T {
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new RangeError('weighted: no items');
    return last[0];
  }
}

const sum = (xs: readonly (readonly [unknown, number])[]): number => xs.reduce((s, [, w]) => s + w, 0);

function checkDate(name: string, d: unknown): number {
  if (!isCalendarDate(d)) throw new RangeError(`generatePersons: ${name} is not a calendar date YYYY-MM-DD: ${String(d)}`);
  return toDayNumber(d);
}

/**
 * Yields `count` valid, synthetic {@link Person} objects, deterministically from `seed`
 * (see the distribution notes at the top of this file; the mix is invented, not statistics).
 *
 * @throws FoerderregelnError (code `invalid-input`) when `count` is not a non-negative integer, a date is not `YYYY-MM-DD`,
 * a range is reversed, or `ukraineShare` is outside 0–1.
 * @example
 * for (const p of streamPersons({ count: 3, seed: 42, on: '2024-01-15' })) console.log(p.id, p.residenceStatus);
 */
export const streamPersons = guardApi('streamPersons', function* streamPersons(options: GeneratePersonsOptions): Generator<Person, void, undefined> {
  const { count, seed } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('generatePersons: count must be a non-negative integer');
  const ukraineShare = options.ukraineShare ?? 0.3;
  if (!(ukraineShare >= 0 && ukraineShare <= 1)) throw new RangeError('generatePersons: ukraineShare must be between 0 and 1');
  const prefix = options.idPrefix ?? 'p';
  let onFrom: number;
  let onTo: number;
  let setOn: boolean;
  if (options.on === undefined) {
    onFrom = onTo = toDayNumber(DEFAULT_HORIZON);
    setOn = false;
  } else if (typeof options.on === 'string') {
    onFrom = onTo = checkDate('on', options.on);
    setOn = true;
  } else {
    onFrom = checkDate('on.from', options.on.from);
    onTo = checkDate('on.to', options.on.to);
    if (onTo < onFrom) throw new RangeError('generatePersons: on.to is before on.from');
    setOn = true;
  }
  const custom = options.districts;
  if (custom !== undefined) {
    for (const d of custom) if (!/^\d{5}$/.test(d)) throw new RangeError(`generatePersons: district ${d} is not a five-digit key`);
    if (custom.length === 0) throw new RangeError('generatePersons: districts must not be empty');
  }
  const rnd = new SeededRandom(seed);
  const statusTotal = sum(STATUS_WEIGHTS);
  const ukrAccTotal = sum(UKRAINE_ACCOMMODATION);
  const districtTotal = sum(BW_DISTRICTS);
  const onDateCache = new Map<number, string>();
  const dateOf = (day: number): string => {
    let s = onDateCache.get(day);
    if (s === undefined) {
      s = fromDayNumber(day);
      onDateCache.set(day, s);
    }
    return s;
  };

  for (let i = 0; i < count; i++) {
    const ref = onFrom === onTo ? onFrom : rnd.int(onFrom, onTo);
    let residenceStatus: ResidenceStatus;
    let accommodation: Accommodation;
    let arrival: number;
    const ukraine = ref >= UKRAINE_POSSIBLE && rnd.chance(ukraineShare);
    if (ukraine) {
      arrival = rnd.int(UKRAINE_FROM, ref);
      const s = rnd.float();
      residenceStatus = s < 0.9 ? 'temporary-protection' : s < 0.95 ? 'asylum-seeker' : 'other';
      accommodation = rnd.weighted(UKRAINE_ACCOMMODATION, ukrAccTotal);
    } else {
      const lo = Math.min(EARLIEST_ARRIVAL, ref);
      arrival = rnd.chance(0.35) && ref >= WAVE_FROM ? rnd.int(WAVE_FROM, Math.min(WAVE_TO, ref)) : rnd.int(lo, ref);
      residenceStatus = rnd.weighted(STATUS_WEIGHTS, statusTotal);
      const since = ref - arrival;
      if (since < 91) accommodation = 'initial-reception';
      else if (since < 365) accommodation = rnd.chance(0.7) ? 'provisional' : 'follow-up';
      else accommodation = rnd.chance(0.55) ? 'follow-up' : 'private';
    }
    const person: Person = {
      id: `${prefix}${String(i)}`,
      residenceStatus,
      accommodation,
      displacedFromUkraine: ukraine,
    };
    if ((accommodation === 'follow-up' || accommodation === 'private') && !rnd.chance(0.15)) {
      let fu: number;
      if (rnd.chance(0.15)) {
        // Near the end of a 3- or 4-year counselling period (about 1096 / 1461 days).
        fu = ref - (rnd.chance(0.5) ? 1096 : 1461) + rnd.int(-10, 10);
      } else {
        fu = arrival + rnd.int(91, 913);
      }
      person.followUpSince = dateOf(Math.max(arrival, Math.min(fu, ref)));
    }
    if (!rnd.chance(0.1)) person.arrivalDate = dateOf(arrival);
    if (residenceStatus === 'asylum-seeker') {
      if (rnd.chance(0.7)) person.goodProspects = rnd.chance(0.4);
    } else if (rnd.chance(0.05)) {
      person.goodProspects = false;
    }
    if (rnd.chance(0.3)) person.justifiedExtension = rnd.chance(1 / 3);
    if (rnd.chance(0.95)) {
      person.district =
        custom !== undefined ? custom[rnd.int(0, custom.length - 1)] : rnd.weighted(BW_DISTRICTS, districtTotal);
    }
    if (setOn) person.on = dateOf(ref);
    yield person;
  }
});

/**
 * `count` valid, synthetic persons as an array; identical to collecting {@link streamPersons}.
 *
 * @example
 * const persons = generatePersons({ count: 100_000, seed: 1, on: '2024-01-15' });
 * @throws FoerderregelnError as {@link streamPersons} does, e.g. `generatePersons: count must be a non-negative integer`.
 */
export const generatePersons = guardApi('generatePersons', function generatePersons(options: GeneratePersonsOptions): Person[] {
  return Array.from(streamPersons(options));
});
