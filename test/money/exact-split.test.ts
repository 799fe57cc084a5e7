/**
 * Exact money in every rounding mode (issue 13, F10): allocations are checked against an
 * independent BigInt reference (integer hundredths of a cent scaled to the weights' decimals).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, defaultRegistry, loadRuleSet, type LoadedRuleSet } from '../../src/index.js';

type Mode = 'half-up' | 'down' | 'up' | 'half-even';

function ruleSetWith(mode: Mode, step: '0.01' | '1'): LoadedRuleSet {
  const base = defaultRegistry().get('bw-soforthilfe-2022');
  if (base === undefined) throw new Error('bw-soforthilfe-2022 missing');
  const doc = JSON.parse(JSON.stringify(base.document)) as Record<string, unknown>;
  delete doc.readme;
  doc.id = `exact-${mode}-${step === '1' ? 'euro' : 'cent'}`;
  doc.rounding = [{ appliesTo: 'allocation', step, mode, source: 'test', confidence: 'assumed' }];
  const r = loadRuleSet(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.ruleSet;
}

/** Reference: round n/d (n, d > 0 BigInt) to an integer in a mode. */
function refRound(n: bigint, d: bigint, mode: Mode): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (mode === 'down') return q;
  if (mode === 'up') return q + 1n;
  if (2n * r > d) return q + 1n;
  if (2n * r < d) return q;
  return mode === 'half-up' ? q + 1n : q % 2n === 0n ? q : q + 1n;
}

/** Integer and scale of a plain decimal string. */
function scaled(text: string): [bigint, number] {
  const [i, f = ''] = text.split('.');
  return [BigInt(`${i}${f}`), f.length];
}

/** Reference amount: budget × w ÷ Σw rounded to the step, as a string with 2 places. */
function reference(budget: string, weights: string[], i: number, step: '0.01' | '1', mode: Mode): string {
  const scale = Math.max(...weights.map((w) => scaled(w)[1]));
  const ws = weights.map((w) => {
    const [n, s] = scaled(w);
    return n * 10n ** BigInt(scale - s);
  });
  const total = ws.reduce((a, b) => a + b, 0n);
  const [b, bs] = scaled(budget);
  // amount in steps = b × w / (10^bs × total × step)
  const stepDen = step === '1' ? 1n : 100n;
  const units = refRound(b * (ws[i] as bigint) * stepDen, 10n ** BigInt(bs) * total, mode);
  const cents = step === '1' ? units * 100n : units;
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

describe('exact split-budget amounts in every rounding mode', () => {
  it('3,000,000 € over three equal weights, rounded down to whole euros: 1,000,000 € each', () => {
    const r = allocate(
      [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }],
      { ruleSet: ruleSetWith('down', '1'), budget: '3000000', method: 'proportional' },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rows.map((x) => (x.ok ? x.amount : null))).toEqual(['1000000.00', '1000000.00', '1000000.00']);
  });
  it('0.14 € over seven equal weights, rounded up to cents: 0.02 € each (sum 0.14)', () => {
    const r = allocate(Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, weight: 1 })), { ruleSet: ruleSetWith('up', '0.01'), budget: '0.14', method: 'proportional' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rows.every((x) => x.ok && x.amount === '0.02')).toBe(true);
  });
  it('half-even at an exact tie rounds to the even step', () => {
    // 5 € over two equal weights: 2.5 each → 2 (even) in whole euros.
    const r = allocate([{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }], { ruleSet: ruleSetWith('half-even', '1'), budget: '5', method: 'proportional' });
    expect(r.ok && r.rows.map((x) => (x.ok ? x.amount : null))).toEqual(['2.00', '2.00']);
  });

  const modes: Mode[] = ['half-up', 'down', 'up', 'half-even'];
  const sets = new Map<string, LoadedRuleSet>();
  for (const m of modes) for (const s of ['0.01', '1'] as const) sets.set(`${m}/${s}`, ruleSetWith(m, s));
  const weight = fc.oneof(
    fc.bigInt({ min: 1n, max: 10n ** 9n }).map(String),
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 12n })).map(([a, b]) => `${a}.${b.toString().padStart(12, '0')}`),
  );
  const budget = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 27n }).map(String), fc.bigInt({ min: 1n, max: 10n ** 12n }).map((c) => { const s = c.toString().padStart(3, '0'); return `${s.slice(0, -2)}.${s.slice(-2)}`; }));
  it('random splits equal the BigInt reference (proportional, 4 modes × 2 steps)', () => {
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 12 }), budget, fc.constantFrom(...modes), fc.constantFrom('0.01' as const, '1' as const), (ws, b, mode, step) => {
        const r = allocate(ws.map((w, i) => ({ id: `r${i}`, weight: w })), { ruleSet: sets.get(`${mode}/${step}`) as LoadedRuleSet, budget: b, method: 'proportional' });
        if (!r.ok) return false;
        return r.rows.every((row, i) => row.ok && row.amount === reference(b, ws, i, step, mode));
      }),
      { numRuns: 400 },
    );
  });
  it('largest-remainder always adds up to the budget exactly and each amount is its floor or one step more', () => {
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 12 }), budget, fc.constantFrom('0.01' as const, '1' as const), (ws, b, step) => {
        const r = allocate(ws.map((w, i) => ({ id: `r${i}`, weight: w })), { ruleSet: sets.get(`down/${step}`) as LoadedRuleSet, budget: b, method: 'largest-remainder' });
        if (!r.ok) return false;
        const stepCents = step === '1' ? 100n : 1n;
        const cents = (t: string) => BigInt(t.replace('.', ''));
        const sum = r.rows.reduce((s, row) => s + (row.ok ? cents(row.amount) : 0n), 0n);
        const target = cents(reference(b, ['1'], 0, step, 'down'));
        const floorsOk = r.rows.every((row, i) => {
          if (!row.ok) return false;
          const f = cents(reference(b, ws, i, step, 'down'));
          const a = cents(row.amount);
          return a === f || a === f + stepCents;
        });
        return floorsOk && sum === target;
      }),
      { numRuns: 200 },
    );
  });
});

describe('exact roundTo and lump-sum products (F26)', () => {
  it('the uprated lump sum keeps every digit of the product (2029: 41 significant digits)', async () => {
    const { computeLumpSum } = await import('../../src/index.js');
    const r = computeLumpSum({ kind: 'asylum-seeker', year: 2029 });
    expect(r.ok && r.unrounded).toBe('16955.7547480354790928365604265822216796875');
  });
  it('roundTo decides ties on the exact value, also beyond 40 significant digits', async () => {
    const { roundTo, Money } = await import('../../src/money/decimal.js');
    const justBelowHalf = new Money(`1000000.${'4'.repeat(1)}${'9'.repeat(60)}`);
    expect(roundTo(justBelowHalf, '1', 'half-up').toFixed()).toBe('1000000');
    expect(roundTo(new Money('2.5'), '1', 'half-even').toFixed()).toBe('2');
    expect(roundTo(new Money('-2.5'), '1', 'half-up').toFixed()).toBe('-3');
    expect(roundTo(new Money('0.001'), '0.01', 'up').toFixed()).toBe('0.01');
  });
});
