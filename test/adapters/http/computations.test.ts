/**
 * The HTTP entries of declared computations come from their declarations (item schema = `input`,
 * items computed by `evaluate`); a toy declaration gets its entry with nothing but its HTTP words.
 * List requests check their envelope once for every list computation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defaultRegistry, loadRuleSet } from '../../../src/index.js';
import { programmeContract } from '../../../src/entry/testing.js';
import { GRANT } from '../../../src/domain/grant.js';
import { LUMP_SUM } from '../../../src/domain/lumpSum.js';
import { declared, HTTP_COMPUTATIONS, listRequest, type ComputeQuery } from '../../../src/adapters/http/computations.js';
import { envelopes, idOf } from '../../../src/adapters/http/answers.js';
import { namedSchemas, publishedJsonSchema } from '../../../src/adapters/http/schemas.js';
import { TOY_WELCOME, WELCOME_BONUS } from '../../fixtures/toy-programme/welcome-bonus.js';

const q: ComputeQuery = { lang: 'en', explain: false };
const registry = defaultRegistry();

describe('declared computations over HTTP', () => {
  it.each([
    ['grants', GRANT, [{ id: 'p', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }, { id: 'p', qualification: 'x' }, { id: 'p', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01', more: 1 }]],
    ['lump-sums', LUMP_SUM, [{ kind: 'other', year: 2020 }, { kind: 'other', year: 1800 }, { kind: 'other' }]],
  ] as const)('%s: the item schema is the declaration\'s input, each item is its evaluate', (name, decl, items) => {
    const c = HTTP_COMPUTATIONS.find((x) => x.name === name);
    if (c === undefined) throw new Error(name);
    expect(c.programme).toBe(decl.programme);
    expect(namedSchemas()[c.item]).toBe(c.schemas.item);
    for (const item of items) {
      expect(c.schemas.item.safeParse(item).success).toBe(decl.input.safeParse(item).success);
      expect(JSON.stringify(c.one(item, q, registry))).toBe(JSON.stringify(decl.evaluate(item, { registry })));
    }
  });

  it('a toy declaration gets its routes from its declaration and its HTTP words only', () => {
    const doc = { ...(json('ruleset.json') as object), parameters: json('parameters.json') };
    const loaded = loadRuleSet(doc, { contract: programmeContract(TOY_WELCOME) });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const reg = defaultRegistry().with(loaded.ruleSet);
    const result = z.object({ ok: z.boolean(), total: z.string().optional() }).meta({ id: 'WelcomeBonusResult' });
    const c = declared(WELCOME_BONUS, { name: 'welcome-bonuses', what: { one: 'A welcome bonus.', many: 'requests' }, item: 'WelcomeRequest', result });
    expect([c.name, c.item, c.result, c.query, c.programme]).toEqual(['welcome-bonuses', 'WelcomeRequest', 'WelcomeBonusResult', ['on', 'ruleSet'], 'toy-welcome']);
    const published = publishedJsonSchema(c.item, c.schemas.item) as { $ref: string; $defs: Record<string, { properties: Record<string, unknown>; additionalProperties: unknown }> };
    expect(published.$ref).toBe('#/$defs/WelcomeRequest');
    const js = published.$defs.WelcomeRequest ?? { properties: {}, additionalProperties: undefined };
    expect(Object.keys(js.properties)).toEqual(['persons', 'households', 'year']);
    expect(js.additionalProperties).toBe(false);
    expect(Object.values(envelopes(c.schemas.item, c.schemas.result)).map(idOf)).toEqual(['WelcomeBonusAnswer', 'WelcomeRequestBatch', 'WelcomeBonusBatchAnswer', 'WelcomeBonusStreamLine']);
    const item = { persons: 3, households: 1, year: 2026 };
    const r = c.one(item, { ...q, ruleSet: loaded.ruleSet.document.id }, reg);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).toBe(JSON.stringify(WELCOME_BONUS.evaluate(item, { registry: reg, ruleSet: loaded.ruleSet.document.id })));
    expect(c.one({ persons: -1 }, q, reg).ok).toBe(false);
  });
});

describe('list requests', () => {
  const seen: unknown[] = [];
  const c = listRequest<{ year: number }>(
    { name: 'things', what: { one: 'Things.', many: 'thing requests' }, item: z.object({}).meta({ id: 'ThingRequest' }), result: z.object({}).meta({ id: 'ThingResult' }) },
    'things',
    ['year'],
    (rows, o) => {
      seen.push({ rows, year: o.year, on: o.on });
      return { ok: true, rows: rows.length };
    },
  );
  it('checks the envelope: an object with the list, the id a string, no other fields', () => {
    expect(c.one(7, q, registry)).toMatchObject({ ok: false, id: null, issues: [{ code: 'invalid-type', path: [] }] });
    const r = c.one({ id: 5, things: 'x', other: 1 }, q, registry) as { ok: boolean; issues: { code: string; path: unknown[] }[] };
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['unknown-field', ['other']], ['invalid-type', ['id']], ['invalid-type', ['things']]]);
    expect((c.one({ id: 'r' }, q, registry) as { ok: boolean; issues: { code: string }[] }).issues[0]?.code).toBe('missing-field');
    expect(seen).toEqual([]);
  });
  it('computes the list with the request\'s fields and the query, and echoes the id', () => {
    expect(c.one({ id: 'r', things: [1, 2], year: 2024 }, { ...q, on: '2024-01-01' }, registry)).toEqual({ ok: true, rows: 2, id: 'r' });
    expect(seen).toEqual([{ rows: [1, 2], year: 2024, on: '2024-01-01' }]);
  });
});

function json(file: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/toy-programme/toy-2026', file), 'utf8')) as unknown;
}
