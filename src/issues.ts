import type * as z from 'zod';
import { isCalendarDate, isSupportedDate } from './dates/calendar.js';
import { message, type MessageArgs, type MessageId } from './messages/catalogue.js';

/**
 * Stable issue codes. Adding one is a minor change; renaming one is breaking.
 *
 * @example
 * const r = computeGrant(post);
 * if (!r.ok && r.issues.some((i) => i.code === 'unknown-rule-set')) console.error('update foerderregeln');
 */
export type IssueCode =
  | 'missing-field'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-date'
  | 'unknown-field'
  | 'forbidden-key'
  | 'out-of-range'
  | 'invalid-input'
  | 'unknown-rule-set'
  | 'no-rule-set-in-force'
  | 'invalid-rule-set'
  | 'duplicate-rule-set'
  | 'cyclic-extends'
  | 'unknown-fact'
  | 'unknown-operator'
  | 'unknown-parameter'
  | 'parameter-unavailable'
  | 'invalid-parameter-value'
  | 'limit-exceeded'
  | 'malformed-row'
  | 'ambiguous-value'
  | 'unreadable-input'
  | 'case-failed'
  /** Two input fields contradict each other (e.g. allocated to follow-up accommodation after the assessment date). */
  | 'inconsistent-input';

/**
 * One problem with an input, with where it is and a message in German and English.
 *
 * @example
 * const r = checkEligibility({ id: 'x' }, { on: '2024-03-01' });
 * if (!r.ok) console.log(r.issues[0]); // { code: 'missing-field', path: ['residenceStatus'], message: { de: '…', en: '…' } }
 */
export interface Issue {
  code: IssueCode;
  /** Where the problem is: property names and array indexes from the input's root. */
  path: (string | number)[];
  message: { de: string; en: string };
}

/**
 * The issue for a valid calendar date outside the supported range 1900-01-01 … 2199-12-31
 * (e.g. the "open-ended" `9999-12-31`), with the value echoed.
 */
export function outOfRangeDate(path: (string | number)[], value: string): Issue {
  const where = path.length ? path.join('.') : '(root)';
  return issueOf('out-of-range.date', path, { where, value });
}

/**
 * Issues for an `on` option: none when absent or a supported date, else `invalid-date` or
 * `out-of-range` at `options.on`.
 */
export function onOptionIssues(on: unknown): Issue[] {
  if (on === undefined) return [];
  if (!isCalendarDate(on)) return [issueOf('invalid-date.on-option', ['options', 'on'])];
  if (!isSupportedDate(on)) return [outOfRangeDate(['options', 'on'], on)];
  return [];
}

function isIssue(v: unknown): v is Issue {
  if (v === null || typeof v !== 'object') return false;
  const i = v as { code?: unknown; path?: unknown; message?: unknown };
  const m = i.message as { de?: unknown; en?: unknown } | null | undefined;
  return typeof i.code === 'string' && Array.isArray(i.path) && typeof m === 'object' && m !== null && typeof m.en === 'string' && typeof m.de === 'string';
}

/** Makes an issue from its two texts. New code uses {@link issueOf} and the message catalogue. */
export function issue(code: IssueCode, path: (string | number)[], de: string, en: string): Issue {
  return { code, path, message: { de, en } };
}

/** The catalogue ids of issue messages: `<issue code>.<name>`. */
export type IssueMessageId = Extract<MessageId, `${IssueCode}.${string}`>;

/**
 * Makes an issue from a catalogue message (src/messages.ts): the code is the id's first part.
 *
 * @example
 * issueOf('unknown-rule-set.by-id', ['ruleSet'], { id: 'x' }); // { code: 'unknown-rule-set', path: ['ruleSet'], message: { de: 'Regelwerk x ist unbekannt.', en: 'Rule set x is unknown.' } }
 */
export function issueOf<K extends IssueMessageId>(id: K, path: (string | number)[], ...args: MessageArgs<K>): Issue {
  return { code: id.slice(0, id.indexOf('.')) as IssueCode, path, message: message(id, ...args) };
}

/**
 * The error thrown by the `…OrThrow` functions; it carries the issues.
 *
 * @example
 * try {
 *   computeLumpSumOrThrow({ kind: 'asylum-seeker', year: 1990 });
 * } catch (e) {
 *   if (e instanceof FoerderregelnError) console.log(e.issues[0]?.code, e.message);
 *   // no-rule-set-in-force no-rule-set-in-force at on: No rule set of programme bw-fluag is in force on 1990-01-01.
 * }
 */
export class FoerderregelnError extends Error {
  readonly issues: Issue[];
  /** An error whose message lists the issues (code, path, English message), separated by `; `. */
  constructor(issues: Issue[]) {
    // Callers without types can pass anything: keep only well-formed issues, never throw here.
    const list: Issue[] = Array.isArray(issues) ? issues.filter(isIssue) : [];
    super(list.map((i) => `${i.code}${i.path.length ? ` at ${i.path.join('.')}` : ''}: ${i.message.en}`).join('; '));
    this.name = 'FoerderregelnError';
    this.issues = list;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describeExpected(raw: z.core.$ZodIssue): string {
  if (raw.code === 'invalid_value') return raw.values.map((v) => JSON.stringify(v)).join(', ');
  if (raw.code === 'invalid_type') return raw.expected;
  return '';
}

/**
 * How badly a union branch misses the input's shape: wrong type or unknown keys at the branch's
 * root, or a required key of the branch missing. Fewer means the input was meant for this branch.
 */
function shapeMismatches(branch: readonly z.core.$ZodIssue[], input: unknown): number {
  let n = 0;
  for (const i of branch) {
    if (i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys' || i.code === 'invalid_union')) n++;
    else if (i.path.length === 1 && i.code === 'invalid_type' && valueAt(input, i.path) === undefined) n++;
  }
  return n;
}

/** Turns zod issues into the library's coded, bilingual issues. */
export function fromZodIssues(raw: readonly z.core.$ZodIssue[], prefix: (string | number)[] = [], input?: unknown): Issue[] {
  const out: Issue[] = [];
  for (const r of raw) {
    const path = [...prefix, ...r.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const where = path.length ? path.join('.') : '(root)';
    switch (r.code) {
      case 'invalid_type':
        if (valueAt(input, r.path) === undefined) {
          out.push(issueOf('missing-field.required', path, { where }));
        } else {
          out.push(issueOf('invalid-type.expected', path, { where, expected: describeExpected(r) }));
        }
        break;
      case 'invalid_value':
        if (valueAt(input, r.path) === undefined) {
          out.push(issueOf('missing-field.required', path, { where }));
          break;
        }
        out.push(issueOf('invalid-value.not-allowed', path, { where, expected: describeExpected(r) }));
        break;
      case 'unrecognized_keys':
        for (const key of r.keys) {
          out.push(issueOf('unknown-field.field', [...path, key], { field: key, where }));
        }
        break;
      case 'too_big':
      case 'too_small':
        out.push(issueOf('out-of-range.value', path, { where, message: r.message }));
        break;
      case 'custom':
        if (r.message.startsWith('date outside the supported range')) {
          const v = String(valueAt(input, r.path)).slice(0, 40);
          out.push(outOfRangeDate(path, v));
        } else if (r.message.includes('calendar date')) {
          out.push(issueOf('invalid-date.calendar', path, { where }));
        } else {
          out.push(issueOf('invalid-input.zod', path, { where, message: r.message }));
        }
        break;
      case 'invalid_union': {
        // Report the branch the input came closest to, with paths from the input's root.
        const sub = valueAt(input, r.path);
        let best: readonly z.core.$ZodIssue[] = [];
        let bestScore = Infinity;
        for (const branch of r.errors) {
          const score = shapeMismatches(branch, sub) * 1000 + branch.length;
          if (branch.length > 0 && score < bestScore) {
            best = branch;
            bestScore = score;
          }
        }
        const leaf = fromZodIssues(best, path, sub);
        const first = leaf[0];
        if (first !== undefined) out.push(first);
        else out.push(issueOf('invalid-input.shape', path, { where }));
        break;
      }
      default:
        out.push(issueOf('invalid-input.zod', path, { where, message: r.message }));
    }
  }
  return out;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds keys that could pollute prototypes (`__proto__`, `constructor`, `prototype`) anywhere in
 * a JSON-like value. Inputs carrying them are rejected before anything else looks at them.
 */
export function forbiddenKeys(value: unknown, path: (string | number)[] = [], out: Issue[] = [], depth = 0): Issue[] {
  if (depth > 64 || out.length > 20) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => forbiddenKeys(v, [...path, i], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key)) {
        out.push(issueOf('forbidden-key.key', [...path, key], { key }));
      } else {
        forbiddenKeys((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
      }
    }
  }
  return out;
}

/** Measures nesting depth of a JSON-like value, stopping at `limit + 1`. */
export function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit) return depth;
  let max = depth;
  if (Array.isArray(value)) {
    for (const v of value) max = Math.max(max, depthOf(v, limit, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) max = Math.max(max, depthOf(v, limit, depth + 1));
  }
  return max;
}
