/**
 * The NDJSON line encoder writes the bytes of `JSON.stringify({ line, ...summary(r) })` itself and
 * reuses the bytes of shared parts: every line must be byte-for-byte what JSON.stringify gives,
 * for the library's results and for any other data a result could hold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { generatePersons } from '../../../src/index.js';
import { checkEligibilityMany, computeGrant } from '../../../src/entry/untrusted.js';
import { LineEncoder } from '../../../src/adapters/http/encode.js';
import { summary } from '../../../src/adapters/http/computations.js';

type Result = { ok: boolean; [k: string]: unknown };

/** The lines as the encoder writes them, in chunks of `chunk` lines, and as JSON.stringify gives them. */
function both(results: readonly Result[], chunk = 7): { got: string; want: string } {
  const enc = new LineEncoder(64);
  const parts: Buffer[] = [];
  results.forEach((r, i) => {
    enc.summaryLine(i + 1, r);
    if ((i + 1) % chunk === 0) {
      const b = enc.take();
      if (b !== null) parts.push(b);
    }
  });
  const last = enc.take();
  if (last !== null) parts.push(last);
  const want = results.map((r, i) => `${JSON.stringify({ line: i + 1, ...summary(r) })}\n`).join('');
  return { got: Buffer.concat(parts).toString('utf8'), want };
}

describe('LineEncoder', () => {
  it('writes the library results byte for byte as JSON.stringify of their summary', () => {
    const persons: unknown[] = generatePersons({ count: 2000, seed: 11, on: '2024-03-01' });
    persons.push({ id: 'bad', residenceStatus: 'x' }, null, 'a string', { id: 'ü\u2028"\\', residenceStatus: 'tolerated' });
    const results = checkEligibilityMany(persons, { on: '2024-03-01' }) as unknown as Result[];
    expect(results.some((r) => r.ok && Array.isArray(r.notes) && r.notes.length > 0)).toBe(true);
    expect(results.some((r) => !r.ok)).toBe(true);
    for (const chunk of [1, 7, 290, 5000]) {
      const { got, want } = both(results, chunk);
      expect(got).toBe(want);
    }
    // Traces and assumptions (dropped from the summary) and grants (another shape) too.
    const traced = checkEligibilityMany(persons.slice(0, 50), { on: '2024-03-01', trace: true }) as unknown as Result[];
    const grants = [computeGrant({ id: 'g', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }), computeGrant({}, {})] as unknown as Result[];
    expect(grants[0]?.ok).toBe(true);
    for (const rs of [traced, grants]) {
      const { got, want } = both(rs);
      expect(got).toBe(want);
    }
  });

  it('equals JSON.stringify for any JSON-like data, shared, frozen or not', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const result = fc.record(
      {
        ok: fc.boolean(),
        id: fc.oneof(fc.string(), fc.constant(null)),
        basis: fc.oneof(fc.dictionary(fc.string(), value), fc.record({ code: fc.string(), citation: value, description: value })),
        trace: value,
        assumptions: value,
        notes: fc.array(value),
        extra: value,
        [`weird key "\u00e4"`]: fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })),
      },
      { requiredKeys: ['ok'] },
    );
    fc.assert(
      fc.property(fc.array(result, { maxLength: 12 }), fc.boolean(), (rs, freeze) => {
        // Repeat objects across lines (the encoder reuses their bytes), some deeply frozen.
        const deepFreeze = (v: unknown): unknown => {
          if (v !== null && typeof v === 'object') {
            Object.values(v).forEach(deepFreeze);
            Object.freeze(v);
          }
          return v;
        };
        const shared = rs.map((r) => (freeze ? { ...r, notes: deepFreeze(r.notes), basis: deepFreeze(r.basis) } : r));
        const lines = [...shared, ...shared.map((r) => ({ ...r })), ...shared] as Result[];
        const { got, want } = both(lines, 5);
        expect(got).toBe(want);
      }),
      { numRuns: 200 },
    );
  });

  it('falls back to JSON.stringify for values that are not plain data', () => {
    class Money {
      constructor(readonly amount: string) {}
    }
    const withGetter = { get x() { return 'computed'; } };
    const frozenWithToJson = Object.freeze({ toJSON: () => 'custom' });
    const results: Result[] = [
      { ok: true, at: new Date(Date.UTC(2024, 2, 1)), money: new Decimal('1.10') },
      { ok: true, m: new Money('2.00'), g: withGetter, f: frozenWithToJson },
      { ok: true, line: 99, id: 'own line key' },
      { ok: true, basis: { code: 'c', citation: 'dropped', rule: undefined, fn: () => 1, sym: Symbol('s') }, list: [undefined, () => 1, Symbol('s'), NaN, Infinity, -0, 1e21, 0.1] },
      { ok: false, basis: { citation: 'kept when not ok' }, trace: 'kept', assumptions: ['kept'] },
      { ok: true, basis: 'a string basis' },
      { ok: true, basis: undefined, s: '\ud800 lone surrogate, tab\t, nul\u0000, emoji 😀' },
      Object.assign(Object.create(null) as Result, { ok: true, nullProto: true }),
    ];
    const { got, want } = both(results, 3);
    expect(got).toBe(want);
    // summary() of a null basis throws; so does the encoder, with the same error.
    const enc = new LineEncoder();
    expect(() => enc.summaryLine(1, { ok: true, basis: null })).toThrow(TypeError);
    expect(() => JSON.stringify({ line: 1, ...summary({ ok: true, basis: null }) })).toThrow(TypeError);
  });

  it('hands out each chunk as its own Buffer and nothing when no line was written', () => {
    const enc = new LineEncoder(16);
    expect(enc.take()).toBeNull();
    enc.textLine('{"a":1}');
    const a = enc.take();
    enc.textLine('{"b":2}');
    const b = enc.take();
    expect(a?.toString()).toBe('{"a":1}\n');
    expect(b?.toString()).toBe('{"b":2}\n');
  });
});
