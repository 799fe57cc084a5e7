import { ACCOMMODATIONS, RESIDENCE_STATUSES, type Person } from '../contract/person.js';
import { isCalendarDateFast } from '../engine/date-check.js';

export { isCalendarDateFast };

/** {@link isCalendarDateFast} inside the supported range 1900-01-01 … 2199-12-31 (`SUPPORTED_DATES`). */
export function isSupportedDateFast(v: unknown): v is string {
  return isCalendarDateFast(v) && v >= '1900-01-01' && v <= '2199-12-31';
}

/**
 * A membership test for a short list of strings. When no two values have the same length (true
 * of the residence statuses and accommodations), the value of that length is the only candidate:
 * one array read and one string comparison instead of a hash lookup. Otherwise a Set.
 */
export function enumCheck(values: readonly string[]): (v: unknown) => boolean {
  let max = 0;
  for (const s of values) max = Math.max(max, s.length);
  const byLength = new Array<string | null>(max + 1).fill(null);
  for (const s of values) {
    if (byLength[s.length] !== null) {
      const set: ReadonlySet<unknown> = new Set<unknown>(values);
      return (v) => set.has(v);
    }
    byLength[s.length] = s;
  }
  return (v) => typeof v === 'string' && v.length <= max && byLength[v.length] === v;
}

const isStatus = enumCheck(RESIDENCE_STATUSES);
const isAccommodation = enumCheck(ACCOMMODATIONS);

/** The eligibility facts a valid person supplies (the shape `eligibilityFacts` builds). */
export interface PersonFactSlots {
  residenceStatus: unknown;
  accommodation: unknown;
  displacedFromUkraine: unknown;
  goodProspects: unknown;
  justifiedExtension: unknown;
  followUpSince: unknown;
  counsellingSince: unknown;
  arrivalDate: unknown;
  district: unknown;
  on: unknown;
  /** Derived from accommodation, followUpSince and the date; set to the accommodation here and completed by the caller once the date is known. */
  accommodationStage: unknown;
}

/** The last `on` {@link readPersonFacts} found valid (a string, so `===` compares content). */
let lastValidOn: unknown = undefined;

/**
 * Validates like {@link isValidPersonFast} and, when valid, writes the person's facts into
 * `out` exactly as `eligibilityFacts` derives them (absent optional facts become false / null;
 * `on` is the person's own date or null). Reads each property once; allocates nothing.
 */
export function readPersonFacts(x: unknown, out: PersonFactSlots): x is Person {
  if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return false;
  const o = x as Record<string, unknown>;
  // One pass over the keys, reading each value with its key: inside `for…in` V8 loads `o[k]` by
  // the enumeration cache's field index, where named reads over many object shapes would be
  // megamorphic. `seen` marks the keys present.
  let seen = 0;
  let id: unknown;
  let rs: unknown;
  let acc: unknown;
  let du: unknown;
  let fu: unknown;
  let arr: unknown;
  let gp: unknown;
  let je: unknown;
  let d: unknown;
  let on: unknown;
  let cs: unknown;
  for (const k in o) {
    // An inherited key (polluted Object.prototype) is not the person's: let the full check decide.
    if (!Object.prototype.hasOwnProperty.call(o, k)) return false;
    const v = o[k];
    switch (k) {
      case 'id':
        seen |= 1;
        id = v;
        break;
      case 'residenceStatus':
        seen |= 2;
        rs = v;
        break;
      case 'accommodation':
        seen |= 4;
        acc = v;
        break;
      case 'displacedFromUkraine':
        seen |= 8;
        du = v;
        break;
      case 'followUpSince':
        seen |= 16;
        fu = v;
        break;
      case 'arrivalDate':
        seen |= 32;
        arr = v;
        break;
      case 'goodProspects':
        seen |= 64;
        gp = v;
        break;
      case 'justifiedExtension':
        seen |= 128;
        je = v;
        break;
      case 'district':
        seen |= 256;
        d = v;
        break;
      case 'on':
        seen |= 512;
        on = v;
        break;
      case 'counsellingSince':
        seen |= 1024;
        cs = v;
        break;
      default:
        return false;
    }
  }
  // Every required key must be own; a missing one could otherwise be read from a prototype.
  if ((seen & 15) !== 15) return false;
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return false;
  if (!isStatus(rs) || !isAccommodation(acc)) return false;
  if (typeof du !== 'boolean') return false;
  if (fu !== undefined && !isSupportedDateFast(fu)) return false;
  if (cs !== undefined && !isSupportedDateFast(cs)) return false;
  if (arr !== undefined && !isSupportedDateFast(arr)) return false;
  // The assessment date usually repeats from row to row: equal to the last valid one is valid.
  if (on !== undefined && on !== lastValidOn) {
    if (!isSupportedDateFast(on)) return false;
    lastValidOn = on;
  }
  if (gp !== undefined && typeof gp !== 'boolean') return false;
  if (je !== undefined && typeof je !== 'boolean') return false;
  if (d !== undefined) {
    if (typeof d !== 'string' || d.length !== 5) return false;
    for (let i = 0; i < 5; i++) {
      const c = d.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
  }
  out.residenceStatus = rs;
  out.accommodation = acc;
  out.displacedFromUkraine = du;
  out.goodProspects = gp ?? false;
  out.justifiedExtension = je ?? false;
  out.followUpSince = fu ?? null;
  out.counsellingSince = cs ?? null;
  out.arrivalDate = arr ?? null;
  out.district = d ?? null;
  out.on = on ?? null;
  out.accommodationStage = acc;
  return true;
}

/** The facts a rule sees: a person's slots and the counselling end computed from them (the shape `eligibilityFacts` builds). */
export type KernelFacts = PersonFactSlots & { counsellingEndsOn: unknown };

/** A fresh, empty facts object for {@link readPersonFacts} to fill, row after row (one shape for every caller). */
export function emptyKernelFacts(): KernelFacts {
  return {
    residenceStatus: null,
    accommodation: null,
    displacedFromUkraine: false,
    goodProspects: false,
    justifiedExtension: false,
    followUpSince: null,
    counsellingSince: null,
    arrivalDate: null,
    district: null,
    on: null,
    accommodationStage: null,
    counsellingEndsOn: null,
  };
}

const scratch = emptyKernelFacts();

/**
 * A fast, allocation-free pre-check of a person. True only when `personSchema` would accept the
 * value unchanged and it carries no forbidden key (a plain object with known keys and valid
 * values). False means "not certainly valid": the caller then runs the full zod validation,
 * which yields the coded issues. The differential test holds this equivalence.
 */
export function isValidPersonFast(x: unknown): x is Person {
  return readPersonFacts(x, scratch);
}
