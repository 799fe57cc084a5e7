import { ACCOMMODATIONS, RESIDENCE_STATUSES, type Person } from './person.js';

const STATUSES: ReadonlySet<unknown> = new Set<unknown>(RESIDENCE_STATUSES);
const ACCOMMODATION_SET: ReadonlySet<unknown> = new Set<unknown>(ACCOMMODATIONS);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Same answer as `isCalendarDate`, without a regular expression or allocation. */
export function isCalendarDateFast(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 10) return false;
  const c0 = v.charCodeAt(0);
  const c1 = v.charCodeAt(1);
  const c2 = v.charCodeAt(2);
  const c3 = v.charCodeAt(3);
  const c5 = v.charCodeAt(5);
  const c6 = v.charCodeAt(6);
  const c8 = v.charCodeAt(8);
  const c9 = v.charCodeAt(9);
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  if (!isDigit(c0) || !isDigit(c1) || !isDigit(c2) || !isDigit(c3) || !isDigit(c5) || !isDigit(c6) || !isDigit(c8) || !isDigit(c9)) {
    return false;
  }
  const y = (c0 - 48) * 1000 + (c1 - 48) * 100 + (c2 - 48) * 10 + (c3 - 48);
  const m = (c5 - 48) * 10 + (c6 - 48);
  const d = (c8 - 48) * 10 + (c9 - 48);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * A fast, allocation-free pre-check of a person. True only when `personSchema` would accept the
 * value unchanged and it carries no forbidden key (a plain object with known keys and valid
 * values). False means "not certainly valid": the caller then runs the full zod validation,
 * which yields the coded issues. The differential test holds this equivalence.
 */
export function isValidPersonFast(x: unknown): x is Person {
  if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return false;
  // Keys first (a switch on the key is fast even over many object shapes), then named reads.
  for (const k in x) {
    switch (k) {
      case 'id':
      case 'residenceStatus':
      case 'accommodation':
      case 'displacedFromUkraine':
      case 'followUpSince':
      case 'arrivalDate':
      case 'goodProspects':
      case 'justifiedExtension':
      case 'district':
      case 'on':
        break;
      default:
        return false;
    }
  }
  const o = x as Partial<Record<keyof Person, unknown>>;
  const id = o.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return false;
  if (!STATUSES.has(o.residenceStatus) || !ACCOMMODATION_SET.has(o.accommodation)) return false;
  if (typeof o.displacedFromUkraine !== 'boolean') return false;
  const fu = o.followUpSince;
  if (fu !== undefined && !isCalendarDateFast(fu)) return false;
  const arr = o.arrivalDate;
  if (arr !== undefined && !isCalendarDateFast(arr)) return false;
  const on = o.on;
  if (on !== undefined && !isCalendarDateFast(on)) return false;
  const gp = o.goodProspects;
  if (gp !== undefined && typeof gp !== 'boolean') return false;
  const je = o.justifiedExtension;
  if (je !== undefined && typeof je !== 'boolean') return false;
  const d = o.district;
  if (d !== undefined) {
    if (typeof d !== 'string' || d.length !== 5) return false;
    for (let i = 0; i < 5; i++) if (!isDigit(d.charCodeAt(i))) return false;
  }
  return true;
}
