/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call --
   The answers are read as untyped JSON; every one is checked against its published JSON Schema (conforms). */
/**
 * The HTTP service through Fastify's in-process injection: every route, the answers' shape
 * (checked against the published JSON Schemas), equality with the library, and bad input.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkEligibility, computeGrant, computeLumpSum, computeStaffing, allocate } from '../../../src/entry/untrusted.js';
import {
  generatePersons,
  diffRuleSets,
  listRuleSets,
  defaultRegistry,
  RuleSetRegistry,
} from '../../../src/index.js';
import { createServer } from '../../../src/adapters/http/index.js';
import { pinRuleSets } from '../../../src/pin/pin.js';

/** A lock file of the installed rule sets, as `foerderregeln pin` writes it (a fresh copy each time). */
function freshLock(): unknown {
  const r = pinRuleSets();
  if (!r.ok) throw new Error('pinRuleSets failed');
  return JSON.parse(JSON.stringify(r.lock)) as unknown;
}
import { summary } from '../../../src/adapters/http/computations.js';
import { namedSchemas, publishedJsonSchema } from '../../../src/adapters/http/schemas.js';
import { PACKAGE_VERSION } from '../../../src/ruleset/bundled.generated.js';

const app = createServer();
beforeAll(async () => {
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const named = namedSchemas();
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function conforms(name: string, value: unknown): void {
  let v = validators.get(name);
  if (v === undefined) {
    v = ajv.compile(publishedJsonSchema(name, named[name] as never));
    validators.set(name, v);
  }
  const ok = v(value);
  expect(ok, `${name}: ${JSON.stringify(v.errors?.slice(0, 3))}`).toBe(true);
}

const person = { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };
const post = { id: 'post-1', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' };
const json = (payload: unknown) => ({ 'content-type': 'application/json', payload: JSON.stringify(payload) });

async function post_(url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}
const ndjson = (url: string, text: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-ndjson' }, payload: text });

function problem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code?: string): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  conforms('Problem', body);
  expect(body.status).toBe(status);
  expect(body.packageVersion).toBe(PACKAGE_VERSION);
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  if (code !== undefined) expect((body.issues as { code: string }[]).map((i) => i.code)).toContain(code);
  return body;
}

describe('single computations', () => {
  it('eligibility: the library result (summary), rule set and version in headers and body', async () => {
    const res = await post_('/v1/eligibility?on=2024-03-01', person);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    conforms('EligibilityAnswer', body);
    const lib = checkEligibility(person, { on: '2024-03-01', trace: false });
    expect(body.result).toEqual(summary(lib as never));
    expect(body.result.basis.citation).toBeUndefined();
    expect(body.result.trace).toBeUndefined();
    expect(lib.ok && body.assumptions).toEqual(lib.ok && lib.assumptions);
    expect(body.packageVersion).toBe(PACKAGE_VERSION);
    expect(res.headers['foerderregeln-version']).toBe(PACKAGE_VERSION);
    expect(lib.ok && res.headers['foerderregeln-rule-sets']).toBe(lib.ok && `${lib.ruleSet.id}=${lib.ruleSet.resolvedHash}`);
    expect(body.ruleSets).toEqual([lib.ok && lib.ruleSet]);
  });
  it('eligibility with explain=true: trace, assumptions, citation and an explanation in the language asked for', async () => {
    const res = await post_('/v1/eligibility?on=2024-03-01&explain=true&lang=de', person);
    const body = res.json();
    conforms('EligibilityAnswer', body);
    expect(body.result).toMatchObject(checkEligibility(person, { on: '2024-03-01', trace: true }) as never);
    expect(body.result.trace.length).toBeGreaterThan(0);
    expect(body.result.explanation).toMatch(/Zielgruppe|berechtigt/);
  });
  it('eligibility with a named rule set', async () => {
    const res = await post_('/v1/eligibility?on=2022-03-14&ruleSet=bw-im-2022', { ...person, displacedFromUkraine: true, accommodation: 'private', residenceStatus: 'temporary-protection' });
    expect(res.json().result.ruleSet.id).toBe('bw-im-2022');
  });
  it('an invalid person is a 422 problem with the library issues', async () => {
    const res = await post_('/v1/eligibility?on=2024-03-01', { id: 'x', residenceStatus: 'tourist' });
    const body = problem(res, 422, 'invalid-value');
    const lib = checkEligibility({ id: 'x', residenceStatus: 'tourist' }, { on: '2024-03-01' });
    expect(body.issues).toEqual(!lib.ok && lib.issues);
  });
  it('grants, lump sums, staffing and allocations equal the library', async () => {
    const g = (await post_('/v1/grants', post)).json();
    conforms('GrantAnswer', g);
    expect(g.result).toEqual(summary(computeGrant(post) as never));
    const l = (await post_('/v1/lump-sums', { kind: 'asylum-seeker', year: 2023 })).json();
    conforms('LumpSumAnswer', l);
    expect(l.result).toEqual(summary(computeLumpSum({ kind: 'asylum-seeker', year: 2023 }) as never));
    const s = (await post_('/v1/staffing?ruleSet=bw-im-proposal', { id: 'req', districts: [{ id: 'biberach', persons: 1998 }], year: 2027 })).json();
    conforms('StaffingAnswer', s);
    expect(s.result).toEqual({ ...summary(computeStaffing([{ id: 'biberach', persons: 1998 }], { ruleSet: 'bw-im-proposal', year: 2027 }) as never), id: 'req' });
    const a = (await post_('/v1/allocations?ruleSet=bw-im-2017', { recipients: [{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }] })).json();
    conforms('AllocationAnswer', a);
    expect(a.result).toEqual({
      ...summary(allocate([{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }], { ruleSet: 'bw-im-2017' }) as never),
      id: null,
    });
  });
  it('money results: decimal strings with two places, explain=true gives the trace', async () => {
    const g = (await post_('/v1/grants?explain=true', post)).json();
    expect(g.result.total).toMatch(/^\d+\.\d{2}$/);
    expect(g.result.trace.length).toBeGreaterThan(0);
  });
  it('an allocation request with an unknown field or without recipients is a 422', async () => {
    problem(await post_('/v1/allocations?ruleSet=bw-im-2017', { recipients: [], budgett: 5 }), 422, 'unknown-field');
    problem(await post_('/v1/staffing?ruleSet=bw-im-proposal', {}), 422, 'missing-field');
  });
  it('lump sums take no date: on is an unknown query parameter there', async () => {
    problem(await post_('/v1/lump-sums?on=2023-01-01', { kind: 'other', year: 2023 }), 400, 'unknown-field');
  });
});

describe('query parameters', () => {
  it.each([
    ['on=2024-02-30', 'invalid-date'],
    ['on=yesterday', 'invalid-date'],
    ['ruleSet=bw-im-1999', 'unknown-rule-set'],
    ['lang=fr', 'invalid-value'],
    ['explain=yes', 'invalid-value'],
    ['rulset=bw-im-2023', 'unknown-field'],
    ['on=2024-03-01&on=2024-03-02', 'invalid-value'],
  ])('%s is a 400 problem (%s)', async (q, code) => {
    problem(await post_(`/v1/eligibility?${q}`, person), 400, code);
  });
  it('lang=de gives German titles', async () => {
    const body = problem(await post_('/v1/eligibility?lang=de&on=2024-02-30', person), 400);
    expect(body.title).toBe('Ungültige Abfrageparameter');
  });
});

describe('batches', () => {
  it('one result per item in order; an invalid item is ok: false in its place', async () => {
    const items = [person, { id: 'bad', residenceStatus: 'tourist' }, 'not an object', null, { ...person, id: 'p3' }];
    const res = await post_('/v1/eligibility:batch?on=2024-03-01', { items });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    conforms('EligibilityBatchAnswer', body);
    expect(body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, false, false, true]);
    expect(body.count).toEqual({ items: 5, ok: 2, invalid: 3 });
    expect(body.results).toEqual(items.map((p) => summary(checkEligibility(p, { on: '2024-03-01', trace: false }) as never)));
    expect(body.ruleSets.map((r: { id: string }) => r.id)).toEqual(['bw-im-2023']);
    expect(body.assumptions.length).toBeGreaterThan(0);
  });
  it('10,000 items, every one broken: 10,000 ok: false results, and the server keeps serving', async () => {
    const items = Array.from({ length: 10000 }, (_, i) => ({ id: `b${i}`, residenceStatus: 'nope' }));
    const res = await post_('/v1/eligibility:batch?on=2024-03-01', { items });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(10000);
    expect(body.count).toEqual({ items: 10000, ok: 0, invalid: 10000 });
    expect(body.results[9999].id).toBe('b9999');
    expect((await post_('/v1/eligibility?on=2024-03-01', person)).statusCode).toBe(200);
  });
  it('more than 10,000 items is a 422 limit-exceeded problem', async () => {
    problem(await post_('/v1/eligibility:batch?on=2024-03-01', { items: Array.from({ length: 10001 }, () => person) }), 422, 'limit-exceeded');
  });
  it('a body that is not { items: [...] } is a 422', async () => {
    problem(await post_('/v1/eligibility:batch', [person]), 422, 'missing-field');
    problem(await post_('/v1/eligibility:batch', { items: [], more: 1 }), 422, 'unknown-field');
  });
  it.each([
    ['grants', [post, { id: 'x', qualification: 'pilot' }], 'GrantBatchAnswer'],
    ['lump-sums', [{ kind: 'other', year: 2020 }, { kind: 'other', year: 1800 }], 'LumpSumBatchAnswer'],
    ['staffing?ruleSet=bw-im-proposal', [{ districts: [{ id: 'a', persons: 10 }] }, { districts: 'x' }], 'StaffingBatchAnswer'],
    ['allocations?ruleSet=bw-im-2017', [{ recipients: [{ id: 'a', persons: 10 }] }, 7], 'AllocationBatchAnswer'],
  ])('%s:batch', async (path, items, schema) => {
    const [name, query] = path.split('?');
    const res = await post_(`/v1/${name}:batch${query !== undefined ? `?${query}` : ''}`, { items });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    conforms(schema, body);
    expect(body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
  });
});

describe('NDJSON streams', () => {
  it('one line per input line, in order, equal to the library; bad lines are ok: false lines and the stream goes on', async () => {
    const persons = generatePersons({ count: 3000, seed: 7, on: '2024-03-01' });
    // Some persons without a start date (a note about the limit), some excluded, some invalid.
    const rows: unknown[] = persons.map((p, i) => (i % 97 === 0 ? { ...p, followUpSince: undefined } : p));
    const text = `${rows.map((p) => JSON.stringify(p)).join('\n')}\n{broken json\n\n${JSON.stringify({ id: 'bad', residenceStatus: 'x' })}\r\n"a string"\nnull\n${JSON.stringify(person)}`;
    const res = await ndjson('/v1/eligibility:stream?on=2024-03-01', text);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['foerderregeln-rule-sets']).toMatch(/^bw-im-2023=sha256:/);
    const raw = res.body.trimEnd().split('\n');
    const lines = raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(rows.length + 5);
    const inputs = [...rows, undefined, { id: 'bad', residenceStatus: 'x' }, 'a string', null, person];
    const lineNos = [...rows.map((_, i) => i + 1), rows.length + 1, rows.length + 3, rows.length + 4, rows.length + 5, rows.length + 6];
    let notes = 0;
    lines.forEach((l, i) => {
      expect(l.line).toBe(lineNos[i]);
      conforms('EligibilityStreamLine', l);
      if (i === rows.length) {
        expect(l.ok).toBe(false);
        expect((l.issues as { code: string }[])[0]?.code).toBe('malformed-row');
        return;
      }
      const want = { line: lineNos[i], ...summary(checkEligibility(inputs[i], { on: '2024-03-01', trace: false }) as never) };
      // Byte for byte: the encoder writes exactly what JSON.stringify gives.
      expect(raw[i]).toBe(JSON.stringify(want));
      if (Array.isArray(l.notes) && l.notes.length > 0) notes += 1;
    });
    expect(notes).toBeGreaterThan(0);
  });
  it('explain=true streams full results', async () => {
    const res = await ndjson('/v1/eligibility:stream?on=2024-03-01&explain=true', `${JSON.stringify(person)}\n`);
    const line = JSON.parse(res.body.trim()) as { trace: unknown[]; assumptions: unknown[] };
    expect(line.trace.length).toBeGreaterThan(0);
    expect(line.assumptions.length).toBeGreaterThan(0);
  });
  it('a line over the limit and a line that is not UTF-8 are ok: false lines; the lines after them are answered', async () => {
    const small = createServer({ limits: { streamLineBytes: 1000 } });
    const long = JSON.stringify({ ...person, id: 'x'.repeat(2000) });
    const payload = Buffer.concat([Buffer.from(`${long}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${JSON.stringify(person)}\n`)]);
    const res = await small.inject({ method: 'POST', url: '/v1/eligibility:stream?on=2024-03-01', headers: { 'content-type': 'application/x-ndjson' }, payload });
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; issues?: { code: string }[] });
    expect(lines.map((l) => [l.line, l.ok, l.issues?.[0]?.code])).toEqual([
      [1, false, 'limit-exceeded'],
      [2, false, 'unreadable-input'],
      [3, true, undefined],
    ]);
    await small.close();
  });
  it.each([
    ['grants', post],
    ['lump-sums', { kind: 'municipality', year: 2024 }],
    ['staffing?ruleSet=bw-im-proposal', { districts: [{ id: 'a', persons: 100 }] }],
    ['allocations?ruleSet=bw-im-2017', { recipients: [{ id: 'a', persons: 10 }] }],
  ])('%s:stream', async (path, item) => {
    const [name, query] = path.split('?');
    const res = await ndjson(`/v1/${name}:stream${query !== undefined ? `?${query}` : ''}`, `${JSON.stringify(item)}\n[]\n`);
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean });
    expect(lines.map((l) => [l.line, l.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
  it('JSON sent to a stream route, and NDJSON sent to a JSON route, is a 415', async () => {
    problem(await post_('/v1/eligibility:stream', person), 415);
    problem(await ndjson('/v1/eligibility', JSON.stringify(person)), 415);
  });
});

describe('rule sets', () => {
  it('lists every rule set with hashes', async () => {
    const body = (await app.inject({ url: '/v1/rule-sets' })).json();
    conforms('RuleSetList', body);
    expect(body.ruleSets).toEqual(listRuleSets());
  });
  it('one rule set with an ETag of its content hash; If-None-Match gives 304', async () => {
    const res = await app.inject({ url: '/v1/rule-sets/bw-im-2023' });
    const body = res.json();
    conforms('RuleSetDetail', body);
    expect(res.headers.etag).toBe(`W/"${body.hash}"`);
    expect(body.document.parameters).toBeDefined();
    const again = await app.inject({ url: '/v1/rule-sets/bw-im-2023', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const byHash = await app.inject({ url: `/v1/rule-sets/by-hash/${String(body.hash).replace('sha256:', '')}` });
    expect(byHash.statusCode).toBe(200);
    expect(byHash.headers['cache-control']).toContain('immutable');
    expect(byHash.json().id).toBe('bw-im-2023');
  });
  it('unknown ids and hashes are 404 problems; a malformed hash is a 400', async () => {
    problem(await app.inject({ url: '/v1/rule-sets/bw-im-1999' }), 404, 'unknown-rule-set');
    problem(await app.inject({ url: `/v1/rule-sets/by-hash/${'0'.repeat(64)}` }), 404, 'unknown-rule-set');
    problem(await app.inject({ url: '/v1/rule-sets/by-hash/xyz' }), 400);
  });
  it('diff of two rule sets equals diffRuleSets', async () => {
    const body = (await app.inject({ url: '/v1/rule-sets/bw-im-2022/diff/bw-im-2022-ukraine' })).json();
    conforms('DiffAnswer', body);
    const d = diffRuleSets('bw-im-2022', 'bw-im-2022-ukraine');
    expect(body.diff).toEqual(d.ok && d.diff);
    problem(await app.inject({ url: '/v1/rule-sets/bw-im-2022/diff/nope' }), 404, 'unknown-rule-set');
  });
});

describe('compare and pins', () => {
  it('compare without a caseload: the diff; with district rows: the impact', async () => {
    const a = (await post_('/v1/compare', { a: 'bw-im-2025', b: 'bw-im-proposal' })).json();
    conforms('CompareAnswer', a);
    expect(a.impact).toBeNull();
    const b = (await post_('/v1/compare', { a: 'bw-im-2025', b: 'bw-im-proposal', on: '2026-01-01', caseload: { districts: [{ district: '08426', persons: 1998 }] } })).json();
    conforms('CompareAnswer', b);
    expect(b.impact.districts.length).toBeGreaterThan(0);
  });
  it('Accept: text/html gives the report page; an unacceptable Accept a 406', async () => {
    const res = await post_('/v1/compare', { a: 'bw-im-2025', b: 'bw-im-proposal' }, { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/^<!DOCTYPE html>/);
    problem(await post_('/v1/compare', { a: 'bw-im-2025', b: 'bw-im-proposal' }, { accept: 'image/png' }), 406);
  });
  it('bad compare requests are 422 problems', async () => {
    problem(await post_('/v1/compare', { a: 'bw-im-2025' }), 422, 'missing-field');
    problem(await post_('/v1/compare', { a: 'bw-im-2025', b: 'nope' }), 422, 'unknown-rule-set');
    problem(await post_('/v1/compare', { a: 'bw-im-2025', b: 'bw-im-proposal', on: '2026-13-01' }), 422, 'invalid-date');
  });
  it('pins:check: the repository lock file is unchanged; against a server without a pinned rule set it is reported missing', async () => {
    const lock = freshLock();
    const ok = (await post_('/v1/pins:check', lock)).json();
    conforms('PinCheckAnswer', ok);
    expect(ok.unchanged).toBe(true);
    const fewer = createServer({ registry: new RuleSetRegistry(defaultRegistry().list().filter((s) => s.id !== 'bw-fluag-2014')) });
    const res = await fewer.inject({ method: 'POST', url: '/v1/pins:check', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(lock) });
    const changed = res.json();
    conforms('PinCheckAnswer', changed);
    expect(changed.unchanged).toBe(false);
    expect(changed.checks.find((c: { id: string }) => c.id === 'bw-fluag-2014').status).toBe('missing');
    await fewer.close();
  });
  it('pins:check: a hand-edited lock file or a wrong version is a 422', async () => {
    const lock = freshLock() as { ruleSets: { resolvedHash: string }[] };
    (lock.ruleSets[0] as { resolvedHash: string }).resolvedHash = `sha256:${'1'.repeat(64)}`;
    problem(await post_('/v1/pins:check', lock), 422, 'invalid-value');
    problem(await post_('/v1/pins:check', { lockfileVersion: 2 }), 422);
  });
});

describe('documents and operations', () => {
  it('/healthz, /readyz (rule sets, golden cases, pins), /version', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = (await app.inject({ url: '/readyz' })).json();
    conforms('Readiness', ready);
    expect(ready.ready).toBe(true);
    expect(ready.checks.map((c: { name: string }) => c.name)).toEqual(['rule-sets-loaded', 'golden-cases', 'pinned-hashes']);
    const version = (await app.inject({ url: '/version' })).json();
    conforms('Version', version);
    expect(version.packageVersion).toBe(PACKAGE_VERSION);
  });
  it('/readyz is 503 when a pinned hash does not match', async () => {
    const lock = freshLock() as { ruleSets: { resolvedHash: string }[] };
    (lock.ruleSets[0] as { resolvedHash: string }).resolvedHash = `sha256:${'2'.repeat(64)}`;
    const pinned = createServer({ lock });
    const res = await pinned.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks[2].ok).toBe(false);
    await pinned.close();
  });
  it('/openapi.json is 3.1, /openapi-3.0.json is 3.0.3; both list every computation route', async () => {
    const d31 = (await app.inject({ url: '/openapi.json' })).json();
    const d30 = (await app.inject({ url: '/openapi-3.0.json' })).json();
    expect(d31.openapi).toBe('3.1.0');
    expect(d30.openapi).toBe('3.0.3');
    for (const name of ['eligibility', 'grants', 'allocations', 'staffing', 'lump-sums']) {
      for (const suffix of ['', ':batch', ':stream']) expect(d30.paths[`/v1/${name}${suffix}`]?.post, `${name}${suffix}`).toBeDefined();
    }
  });
  it('/schemas/{name}.schema.json for every published schema, with a versioned $id', async () => {
    for (const name of Object.keys(named)) {
      const res = await app.inject({ url: `/schemas/${name}.schema.json` });
      expect(res.statusCode, name).toBe(200);
      const s = res.json();
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toBe(`https://unpkg.com/foerderregeln@${PACKAGE_VERSION}/schemas/${name}.schema.json`);
    }
    problem(await app.inject({ url: '/schemas/Nope.schema.json' }), 404);
    problem(await app.inject({ url: '/schemas/__proto__.schema.json' }), 404);
  });
  it('dates are format: date and money has a pattern in the schemas', async () => {
    const p = (await app.inject({ url: '/schemas/Person.schema.json' })).json();
    expect(p.$defs.Person.properties.followUpSince.format).toBe('date');
    const g = (await app.inject({ url: '/schemas/GrantResult.schema.json' })).json();
    expect(g.$defs.GrantResult.properties.total.pattern).toBe('^-?\\d+\\.\\d{2}$');
  });
});

describe('bad requests get a problem document and the server keeps serving', () => {
  it('malformed JSON is a 400 naming the position', async () => {
    const body = problem(await post_('/v1/eligibility?on=2024-03-01', '{"id": "p1",'), 400, 'unreadable-input');
    expect(String(body.detail)).toMatch(/JSON/);
  });
  it('an empty body is a 400', async () => {
    problem(await app.inject({ method: 'POST', url: '/v1/eligibility', headers: { 'content-type': 'application/json' }, payload: '' }), 400);
  });
  it('a wrong or missing content type is a 415', async () => {
    problem(await app.inject({ method: 'POST', url: '/v1/eligibility', headers: { 'content-type': 'text/plain' }, payload: 'hello' }), 415);
    problem(await app.inject({ method: 'POST', url: '/v1/eligibility', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }), 415);
  });
  it('a body over 1 MiB (single) or 16 MiB (batch) is a 413', async () => {
    const big = JSON.stringify({ ...person, pad: 'x'.repeat(1024 * 1024) });
    problem(await post_('/v1/eligibility', big), 413, 'limit-exceeded');
    const huge = JSON.stringify({ items: [{ pad: 'x'.repeat(16 * 1024 * 1024) }] });
    problem(await post_('/v1/eligibility:batch', huge), 413, 'limit-exceeded');
  });
  it('prototype-poisoned bodies are rejected', async () => {
    problem(await post_('/v1/eligibility?on=2024-03-01', '{"id":"p","__proto__":{"polluted":true}}'), 400, 'forbidden-key');
    problem(await post_('/v1/eligibility?on=2024-03-01', '{"id":"p","constructor":{"prototype":{"polluted":true}}}'), 400, 'forbidden-key');
    problem(await post_('/v1/eligibility:batch?on=2024-03-01', '{"items":[{"__proto__":{"x":1}}]}'), 400, 'forbidden-key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // In a stream the line is an ok: false line, by the library's own check.
    const res = await ndjson('/v1/eligibility:stream?on=2024-03-01', '{"id":"p","__proto__":{"polluted":true}}\n');
    expect(JSON.parse(res.body.trim()).ok).toBe(false);
  });
  it('unknown routes and methods are 404 problems', async () => {
    problem(await app.inject({ url: '/v2/eligibility' }), 404);
    problem(await app.inject({ method: 'DELETE', url: '/v1/rule-sets' }), 404);
  });
  it('after all that, a good request is answered', async () => {
    expect((await post_('/v1/eligibility?on=2024-03-01', person)).statusCode).toBe(200);
  });
});

describe('bearer token and CORS', () => {
  it('with a token, /v1 needs it; health and documents do not', async () => {
    const secured = createServer({ token: 'a-long-enough-secret-token' });
    problem(await secured.inject({ method: 'POST', url: '/v1/eligibility?on=2024-03-01', ...json(person) }), 401);
    const wrong = await secured.inject({ method: 'POST', url: '/v1/eligibility?on=2024-03-01', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, payload: JSON.stringify(person) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Bearer');
    const right = await secured.inject({
      method: 'POST',
      url: '/v1/eligibility?on=2024-03-01',
      headers: { 'content-type': 'application/json', authorization: 'Bearer a-long-enough-secret-token' },
      payload: JSON.stringify(person),
    });
    expect(right.statusCode).toBe(200);
    expect((await secured.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await secured.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    await secured.close();
  });
  it('CORS is off by default and on for the origins given', async () => {
    const plain = await app.inject({ url: '/v1/rule-sets', headers: { origin: 'https://x.example' } });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const cors = createServer({ cors: ['https://caseworker.example'] });
    const yes = await cors.inject({ url: '/v1/rule-sets', headers: { origin: 'https://caseworker.example' } });
    expect(yes.headers['access-control-allow-origin']).toBe('https://caseworker.example');
    const no = await cors.inject({ url: '/v1/rule-sets', headers: { origin: 'https://evil.example' } });
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await cors.inject({ method: 'OPTIONS', url: '/v1/eligibility', headers: { origin: 'https://caseworker.example', 'access-control-request-method': 'POST' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    await cors.close();
  });
});
