import { ACCOMMODATIONS, RESIDENCE_STATUSES, type Person } from '../contract/person.js';
import { isCalendarDateFast } from '../engine/date-check.js';

export { isCalendarDateFast };

/** {@link isCalendarDateFast} inside the supported range 1900-01-01 … 2199-12-31 (`SUPPORTED_DATES`). */
export function isSupportedDateFast(v: unknown): v is string {
  return isCalendarDateFast(v) && v >= '1900-01-01' && v <= '2199-12-31';
}

const STATUSES: ReadonlySet<unknown> = new Set<unknown>(RESIDENCE_STATUSES);
const ACCOMMODATION_SET: ReadonlySet<unknown> = new Set<unknown>(ACCOMMODATIONS);

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

/**
 * Validates like {@link isValidPersonFast} and, when valid, writes the person's facts into
 * `out` exactly as `eligibilityFacts` derives them (absent optional facts become false / null;
 * `on` is the person's own date or null). Reads each property once; allocates nothing.
 */
export function readPersonFacts(x: unknown, out: PersonFactSlots): x is Person {
  if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return false;
  // Keys first (a switch on the key is fast even over many object shapes), then named reads.
  let seen = 0;
  for (const k in x) {
    // An inherited key (polluted Object.prototype) is not the person's: let the full check decide.
    if (!Object.prototype.hasOwnProperty.call(x, k)) return false;
    switch (k) {
      case 'id':
        seen |= 1;
        break;
      case 'residenceStatus':
        seen |= 2;
        break;
      case 'accommodation':
        seen |= 4;
        break;
      case 'displacedFromUkraine':
        seen |= 8;
        break;
      case 'followUpSince':
        seen |= 16;
        break;
      case 'arrivalDate':
        seen |= 32;
        break;
      case 'goodProspects':
        seen |= 64;
        break;
      case 'justifiedExtension':
        seen |= 128;
        break;
      case 'district':
        seen |= 256;
        break;
      case 'on':
        seen |= 512;
        break;
      case 'counsellingSince':
        seen |= 1024;
        break;
      default:
        return false;
    }
  }
  // Every required key must be own; a missing one could otherwise be read from a prototype.
  if ((seen & 15) !== 15) return false;
  const o = x as Partial<Record<keyof Person, unknown>>;
  const id = o.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return false;
  const rs = o.residenceStatus;
  const acc = o.accommodation;
  if (!STATUSES.has(rs) || !ACCOMMODATION_SET.has(acc)) return false;
  const du = o.displacedFromUkraine;
  if (typeof du !== 'boolean') return false;
  const fu = (seen & 16) !== 0 ? o.followUpSince : undefined;
  if (fu !== undefined && !isSupportedDateFast(fu)) return false;
  const cs = (seen & 1024) !== 0 ? o.counsellingSince : undefined;
  if (cs !== undefined && !isSupportedDateFast(cs)) return false;
  const arr = (seen & 32) !== 0 ? o.arrivalDate : undefined;
  if (arr !== undefined && !isSupportedDateFast(arr)) return false;
  const on = (seen & 512) !== 0 ? o.on : undefined;
  if (on !== undefined && !isSupportedDateFast(on)) return false;
  const gp = (seen & 64) !== 0 ? o.goodProspects : undefined;
  if (gp !== undefined && typeof gp !== 'boolean') return false;
  const je = (seen & 128) !== 0 ? o.justifiedExtension : undefined;
  if (je !== undefined && typeof je !== 'boolean') return false;
  const d = (seen & 256) !== 0 ? o.district : undefined;
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

const scratch: PersonFactSlots = {
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
};

/**
 * A fast, allocation-free pre-check of a person. True only when `personSchema` would accept the
 * value unchanged and it carries no forbidden key (a plain object with known keys and valid
 * values). False means "not certainly valid": the caller then runs the full zod validation,
 * which yields the coded issues. The differential test holds this equivalence.
 */
export function isValidPersonFast(x: unknown): x is Person {
  return readPersonFacts(x, scratch);
}
