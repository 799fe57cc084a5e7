/**
 * The boundary of the public API: every exported function keeps one contract whatever a caller
 * without types passes — it returns (coded issues where the input is bad) or throws
 * {@link FoerderregelnError}, never another error type; it reads only the input's own properties
 * and never changes or freezes it.
 *
 * - {@link guardApi} wraps an exported function: anything thrown that is not a FoerderregelnError
 *   (a caller's throwing getter or Proxy, a stack overflow on a 100k-deep value, a bug) becomes a
 *   FoerderregelnError with code `invalid-input`, the original kept as `cause`.
 * - {@link ownData} copies an input into plain data (own enumerable properties only, bounded depth
 *   and size), so prototype pollution from elsewhere is not read as data and the library never
 *   holds, mutates or freezes the caller's objects.
 */
import { FoerderregelnError, type Issue, issueOf } from '../issues.js';

/** Limits of {@link ownData}. */
export interface OwnDataLimits {
  /** Deepest nesting (objects and arrays) accepted. */
  maxDepth: number;
  /** Most objects, arrays and values in total. */
  maxNodes: number;
  /** Refuse NaN and ±Infinity (JSON has no form for them). */
  finiteOnly: boolean;
}

/** Limits for a single input record (a person, a post, a recipient, a request). */
export const RECORD_LIMITS: OwnDataLimits = { maxDepth: 64, maxNodes: 100_000, finiteOnly: false };

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 200);
  return typeof e;
}

/**
 * Copies `value` into plain data: arrays, and objects with their own enumerable string keys only,
 * into objects without a prototype (nothing inherited is read, and a `__proto__` key stays data,
 * for `forbiddenKeys` to report). Meant for JSON-like input records, not for options. Cycles, too deep or too large values
 * (`limit-exceeded`), non-finite numbers where refused (`invalid-value`) and values whose getters
 * or Proxy traps throw (`invalid-input`) are reported. No recursion: a 100k-deep value costs no stack.
 */
export function ownData(value: unknown, limits: OwnDataLimits = RECORD_LIMITS): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  if (value === null || typeof value !== 'object') return { ok: true, value };
  const issues: Issue[] = [];
  let nodes = 0;
  const onPath = new Set<object>();
  type Frame = { src: object; dst: Record<string, unknown> | unknown[]; keys: string[]; i: number; path: (string | number)[] };
  try {
    const copyable = (v: unknown): v is object => v !== null && typeof v === 'object';
    if (!copyable(value)) return { ok: true, value };
    const start = (src: object, path: (string | number)[]): Frame => {
      // Objects without a prototype: nothing can be inherited, and a `__proto__` key stays plain data.
      const dst = Array.isArray(src) ? new Array<unknown>() : (Object.create(null) as Record<string, unknown>);
      const keys = Array.isArray(src) ? Array.from({ length: Math.min(src.length, limits.maxNodes + 1) }, (_, i) => String(i)) : Object.keys(src);
      return { src, dst, keys, i: 0, path };
    };
    const root = start(value, []);
    onPath.add(value);
    const stack: Frame[] = [root];
    while (stack.length > 0 && issues.length === 0) {
      const f = stack[stack.length - 1] as Frame;
      if (f.i >= f.keys.length) {
        stack.pop();
        onPath.delete(f.src);
        continue;
      }
      const key = f.keys[f.i++] as string;
      const path = [...f.path, Array.isArray(f.src) ? Number(key) : key];
      if (++nodes > limits.maxNodes) {
        issues.push(issueOf('limit-exceeded.input-elements', [], { maxNodes: limits.maxNodes }));
        break;
      }
      const v: unknown = (f.src as Record<string, unknown>)[key];
      let out: unknown = v;
      if (typeof v === 'number' && limits.finiteOnly && !Number.isFinite(v)) {
        const where = path.join('.');
        issues.push(issueOf('invalid-value.not-finite-number', path, { where, value: String(v) }));
        break;
      }
      if (copyable(v)) {
        if (onPath.has(v)) {
          issues.push(issueOf('invalid-input.cycle', path));
          break;
        }
        if (stack.length >= limits.maxDepth) {
          issues.push(issueOf('limit-exceeded.input-depth', path, { maxDepth: limits.maxDepth }));
          break;
        }
        const child = start(v, path);
        onPath.add(v);
        stack.push(child);
        out = child.dst;
      }
      if (Array.isArray(f.dst)) f.dst.push(out);
      else f.dst[key] = out;
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: root.dst };
  } catch (e) {
    return { ok: false, issues: [issueOf('invalid-input.unreadable', [], { error: describe(e) })] };
  }
}

/** The FoerderregelnError for anything else thrown inside a public function. */
export function asFoerderregelnError(e: unknown, name: string): FoerderregelnError {
  if (e instanceof FoerderregelnError) return e;
  const err = new FoerderregelnError([issueOf('invalid-input.unprocessable', [], { name, error: describe(e) })]);
  (err as { cause?: unknown }).cause = e;
  return err;
}

function* guardIterator<T>(it: Generator<T, unknown>, name: string): Generator<T, unknown> {
  try {
    const done: unknown = yield* it;
    return done;
  } catch (e) {
    throw asFoerderregelnError(e, name);
  }
}

/**
 * Wraps a public function so that it throws nothing but {@link FoerderregelnError}. The wrapper has
 * the same type, name and `length`; values returned are passed through unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function type is wrapped as is
export function guardApi<F extends (...args: any[]) => any>(name: string, fn: F): F {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    let r: unknown;
    try {
      r = fn.apply(this, args) as unknown;
    } catch (e) {
      throw asFoerderregelnError(e, name);
    }
    // A generator checks its arguments when first read: guard the reading too.
    if (Object.prototype.toString.call(r) === '[object Generator]') return guardIterator(r as Generator, name);
    return r;
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped as unknown as F;
}

/**
 * The `id` an input carries, for echoing it in a result: an own data property that is a string
 * or a finite number, else null. Runs no getter and no Proxy trap that could throw.
 */
export function ownId(input: unknown): string | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  try {
    const d = Object.getOwnPropertyDescriptor(input, 'id');
    if (d === undefined || !('value' in d)) return null;
    const id: unknown = d.value;
    return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : null;
  } catch {
    return null;
  }
}
