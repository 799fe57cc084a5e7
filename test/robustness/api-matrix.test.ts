/**
 * The generated API matrix (issue 13): every export of src/index.ts (functions, classes, registry
 * methods, schemas) × 35 hostile values, each as first argument, as second after a valid first one,
 * and as both. Every call must return or throw FoerderregelnError with coded issues, leave its
 * arguments unchanged (not even frozen) and leave Object.prototype alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as untrusted from '../../src/entry/untrusted.js';
import { entryPoints, HOSTILE, runMatrix } from './hostile.js';

describe('API matrix: every export × hostile values', () => {
  it('covers every function export of src/index.ts', () => {
    const names = new Set(entryPoints().map((e) => e.name));
    for (const [name, value] of Object.entries(api)) if (typeof value === 'function') expect(names.has(name), name).toBe(true);
    expect(HOSTILE.length).toBeGreaterThanOrEqual(31);
  });
  it('no call throws anything but FoerderregelnError, changes its input or Object.prototype', () => {
    const r = runMatrix();
    expect(r.calls).toBeGreaterThan(4000);
    expect(r.failures).toEqual([]);
  }, 120_000);
});

const person = () => ({ id: 'p', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false });

describe('properties (fast-check, bounded)', () => {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  it('checkEligibility answers every JSON value with a result, never a throw', () => {
    fc.assert(
      fc.property(anyJson, anyJson, (p, o) => {
        const r = untrusted.checkEligibilityMany([p], o !== null && typeof o === 'object' && !Array.isArray(o) ? o : {});
        return r.length === 1 && typeof r[0]?.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });
  it('money functions answer every JSON value with ok or coded issues', () => {
    fc.assert(
      fc.property(anyJson, anyJson, (a, o) => {
        for (const f of [untrusted.computeGrant, untrusted.computeLumpSum, untrusted.allocate, untrusted.computeStaffing] as ((x: unknown, y: unknown) => { ok: boolean; issues?: { code: string }[] })[]) {
          let r: { ok: boolean; issues?: { code: string }[] };
          try {
            r = f(a, o);
          } catch (e) {
            if (e instanceof api.FoerderregelnError) continue;
            throw e;
          }
          if (!r.ok && !(r.issues ?? []).every((i) => typeof i.code === 'string')) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
  it('any valid date: eligibility has an answer (ok, or out-of-range outside 1900–2199), never a throw', () => {
    const date = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (since, on) => {
        const r = untrusted.checkEligibility({ ...person(), followUpSince: since }, { on });
        if (r.ok) return since >= '1900-01-01' && since <= '2199-12-31' && on >= '1900-01-01' && on <= '2199-12-31';
        // A follow-up allocation after the assessment date is contradictory input (legal review F27).
        return r.issues.every((i) => i.code === 'out-of-range' || i.code === 'no-rule-set-in-force' || (i.code === 'inconsistent-input' && since > on));
      }),
      { numRuns: 300 },
    );
  });
  it('inherited properties are never read as person data', () => {
    fc.assert(
      fc.property(fc.constantFrom('displacedFromUkraine', 'on', 'followUpSince', 'residenceStatus', 'goodProspects'), (key) => {
        const proto = { displacedFromUkraine: true, on: '2024-01-15', followUpSince: '2023-09-01', residenceStatus: 'recognised-refugee', goodProspects: true };
        const p = Object.assign(Object.create({ [key]: proto[key] }) as object, { id: 'x', accommodation: 'follow-up' });
        const own: Record<string, unknown> = { ...person(), accommodation: 'follow-up' };
        delete own[key];
        Object.assign(p, own);
        const r = untrusted.checkEligibility(p, { on: '2024-01-15' });
        const plain = untrusted.checkEligibility({ ...own }, { on: '2024-01-15' });
        return JSON.stringify(r) === JSON.stringify(plain);
      }),
      { numRuns: 20 },
    );
  });
  it('loadRuleSet neither freezes nor changes the caller’s document', () => {
    const doc = JSON.parse(JSON.stringify(api.defaultRegistry().get('bw-im-2025')?.document)) as Record<string, unknown>;
    delete doc.readme;
    doc.id = 'copy-of-2025';
    doc.kind = 'scenario';
    doc.status = 'proposed';
    doc.cases = [{ id: 'c', input: person(), on: '2024-01-15', facts: { list: [1] }, expected: { ok: true } }];
    const before = JSON.stringify(doc);
    api.loadRuleSet(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.isFrozen(doc)).toBe(false);
    const stack: unknown[] = [doc];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v !== null && typeof v === 'object') {
        expect(Object.isFrozen(v)).toBe(false);
        stack.push(...(Object.values(v) as unknown[]));
      }
    }
  });
});
