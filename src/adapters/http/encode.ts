/**
 * The bytes of NDJSON answer lines, written straight into one Buffer per chunk of lines.
 *
 * `JSON.stringify` of a fresh object per line, then UTF-8 encoding of each line, cost more than
 * computing the results: a summary line is about 1 kB, and most of it (the rule-set reference,
 * the basis, the notes) is the same object for many lines. The encoder writes plain data itself
 * and keeps the encoded bytes of values that cannot change: deeply frozen objects (the library's
 * shared rule-set references, bases, notes and descriptions) by identity for good, and within one
 * chunk the last object seen at each position of a result (shared objects that are not frozen).
 * The bytes are exactly those of `JSON.stringify` (test/adapters/http/encode.test.ts checks it on
 * generated data); a value that is not plain data (a class instance, `toJSON`, an accessor) makes
 * its line fall back to `JSON.stringify`.
 */
import { summary } from './computations.js';

type Plain = Record<string, unknown>;

/** Encoded bytes of deeply frozen plain objects (immutable, so cached for good); null: not cacheable. */
const frozenBytes = new WeakMap<object, Buffer | null>();
/** The same for a result's basis as the summary shows it (without its citation). */
const summaryBasisBytes = new WeakMap<object, Buffer | null>();

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');
const LINE_HEAD = Buffer.from('{"line":');

/** Thrown inside the encoder when a value is not plain data; the line is then written by JSON.stringify. */
class NotPlainData extends Error {}
/** One instance, made once: thrown and caught inside the encoder only. */
const NOT_PLAIN = new NotPlainData('not plain data');

function isPlainObject(v: object): v is Plain {
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && (v as Plain).toJSON === undefined;
}

function isPlainArray(v: object): v is unknown[] {
  return Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype && (v as unknown as Plain).toJSON === undefined;
}

/** True when the object and everything in it is frozen plain data without accessors. */
function deeplyFrozen(v: object): boolean {
  if (!Object.isFrozen(v)) return false;
  if (!Array.isArray(v) && !isPlainObject(v)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) {
    if (d.get !== undefined || d.set !== undefined) return false;
    const x = d.value as unknown;
    if (x !== null && typeof x === 'object' && !deeplyFrozen(x)) return false;
  }
  return true;
}

/**
 * Writes NDJSON answer lines into a growing Buffer; `take()` hands out the bytes written so far.
 * One encoder serves one stream; it is not shared between requests.
 */
export class LineEncoder {
  private buf: Buffer;
  private pos = 0;
  /** Size of the last chunk taken: the next buffer starts at that size. */
  private lastSize: number;
  /** `"key":` per key name (bounded). */
  private readonly keys = new Map<string, Buffer>();
  /** Within one chunk: the last object seen at each position of a result, and its bytes. */
  private slotObj: unknown[] = [];
  /** Where in the current buffer those bytes are: start and end per position. */
  private slotAt: number[] = [];

  constructor(initialBytes = 64 * 1024) {
    this.lastSize = initialBytes;
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** The bytes written since the last call (a Buffer of its own), or null when none. */
  take(): Buffer | null {
    if (this.pos === 0) return null;
    const out = this.buf.subarray(0, this.pos);
    this.lastSize = Math.max(this.pos + (this.pos >> 3), 4096);
    this.buf = Buffer.allocUnsafe(this.lastSize);
    this.pos = 0;
    this.slotObj = [];
    this.slotAt = [];
    return out;
  }

  /** Appends a line given as text (without its newline). */
  textLine(text: string): void {
    this.text(text);
    this.byte(10);
  }

  /**
   * Appends the summary line of a result: the bytes of
   * `JSON.stringify({ line, ...summary(r) })` and a newline.
   */
  summaryLine(line: number, r: { ok: boolean; [k: string]: unknown }): void {
    const start = this.pos;
    try {
      if (!this.plainSummary(line, r)) throw NOT_PLAIN;
    } catch (e) {
      if (e !== NOT_PLAIN) throw e;
      this.pos = start;
      this.text(JSON.stringify({ line, ...summary(r) }));
    }
    this.byte(10);
  }

  private plainSummary(line: number, r: Plain): boolean {
    if (!isPlainObject(r) || Object.hasOwn(r, 'line')) return false;
    this.raw(LINE_HEAD);
    this.number(line);
    // summary(): an ok result loses trace and assumptions, and its basis the citation.
    const ok = Boolean(r.ok);
    const names = Object.keys(r);
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      const v = r[k];
      if (ok && (k === 'trace' || k === 'assumptions')) continue;
      if (ok && k === 'basis' && v !== undefined) {
        // Anything but a plain object here is left to summary() and JSON.stringify.
        if (v === null || typeof v !== 'object' || !isPlainObject(v)) return false;
        this.byte(44);
        this.key(k);
        // A result's basis without its citation.
        this.cached(summaryBasisBytes, v, 'citation');
        continue;
      }
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.byte(44);
      this.key(k);
      if (v === null || typeof v !== 'object') this.value(v);
      else this.slot(i, v);
    }
    this.byte(125);
    return true;
  }

  /**
   * An object or array, without the key `without`; a deeply frozen one (the library shares them)
   * is encoded once, its bytes kept in `cache`.
   */
  private cached(cache: WeakMap<object, Buffer | null>, v: object, without: string | undefined): void {
    const bytes = cache.get(v);
    if (bytes !== undefined && bytes !== null) {
      this.raw(bytes);
      return;
    }
    const start = this.pos;
    this.fresh(v, without);
    if (bytes === undefined && Object.isFrozen(v)) cache.set(v, deeplyFrozen(v) ? Buffer.from(this.buf.subarray(start, this.pos)) : null);
  }

  /** An object at position i of a result: the same object as on a line before in this chunk is copied. */
  private slot(i: number, v: object): void {
    if (this.slotObj[i] === v) {
      const from = this.slotAt[2 * i] as number;
      const to = this.slotAt[2 * i + 1] as number;
      this.ensure(to - from);
      this.buf.copyWithin(this.pos, from, to);
      this.pos += to - from;
      return;
    }
    const start = this.pos;
    this.value(v);
    this.slotObj[i] = v;
    this.slotAt[2 * i] = start;
    this.slotAt[2 * i + 1] = this.pos;
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return;
      case 'number':
        this.number(v);
        return;
      case 'boolean':
        this.raw(v ? TRUE : FALSE);
        return;
      case 'object':
        if (v === null) this.raw(NULL);
        else this.cached(frozenBytes, v, undefined);
        return;
      default:
        throw NOT_PLAIN;
    }
  }

  private fresh(v: object, without: string | undefined): void {
    if (isPlainArray(v)) {
      this.byte(91);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.byte(44);
        const x = v[i];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') this.raw(NULL);
        else this.value(x);
      }
      this.byte(93);
    } else if (isPlainObject(v)) this.object(v, without);
    else throw NOT_PLAIN;
  }

  private object(v: Plain, without: string | undefined): void {
    this.byte(123);
    let first = true;
    const names = Object.keys(v);
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      if (k === without) continue;
      const x = v[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (!first) this.byte(44);
      first = false;
      this.key(k);
      this.value(x);
    }
    this.byte(125);
  }

  private key(k: string): void {
    let b = this.keys.get(k);
    if (b === undefined) {
      b = Buffer.from(`${JSON.stringify(k)}:`);
      if (this.keys.size > 10_000) this.keys.clear();
      this.keys.set(k, b);
    }
    this.raw(b);
  }

  /** A JSON string: printable ASCII without quote or backslash byte by byte, anything else as JSON.stringify encodes it. */
  private string(s: string): void {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
        this.text(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  private number(v: number): void {
    if (Number.isInteger(v) && v >= 0 && v < 0x7fffffff) {
      this.ensure(10);
      if (v < 10) {
        this.buf[this.pos++] = 48 + v;
        return;
      }
      let digits = 1;
      for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
      let p = this.pos + digits;
      this.pos = p;
      for (let x = v; ; ) {
        this.buf[--p] = 48 + (x % 10);
        x = Math.floor(x / 10);
        if (x === 0) break;
      }
      return;
    }
    this.text(Number.isFinite(v) ? String(v) : 'null');
  }

  private text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  private byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  private raw(b: Buffer): void {
    const n = b.length;
    this.ensure(n);
    if (n <= 48) {
      // Short pieces (keys, small values) byte by byte: cheaper than a call of TypedArray#set.
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) buf[p++] = b[i] as number;
      this.pos = p;
      return;
    }
    this.buf.set(b, this.pos);
    this.pos += n;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
