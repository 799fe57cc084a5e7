/**
 * A client generated from /openapi-3.0.json (openapi-typescript types + openapi-fetch) calls the
 * live server on loopback; both OpenAPI documents pass an OpenAPI validator; the package's schemas/
 * folder is what the generator makes now.
 *
 * The generated types are committed (api.generated.ts) so that `npm run typecheck` checks the
 * typed calls below against them; this test fails when they are stale
 * (FOERDERREGELN_UPDATE_CLIENT=1 npx vitest run test/adapters/http/client.test.ts rewrites them).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import createClient from 'openapi-fetch';
import { validate } from '@readme/openapi-parser';
import { createServer } from '../../../src/adapters/http/index.js';
import { pinRuleSets } from '../../../src/pin/pin.js';

/** A lock file of the installed rule sets, as `foerderregeln pin` writes it (a fresh copy each time). */
function freshLock(): unknown {
  const r = pinRuleSets();
  if (!r.ok) throw new Error('pinRuleSets failed');
  return JSON.parse(JSON.stringify(r.lock)) as unknown;
}
import { publishedFiles } from '../../../src/adapters/http/openapi.js';
import { PACKAGE_VERSION } from '../../../src/ruleset/bundled.generated.js';
import type { paths } from './api.generated.js';

const root = join(import.meta.dirname, '../../..');
// A long keep-alive on the server side: the client closes idle connections first, so no request races a closing socket.
const app = createServer({ limits: { keepAliveTimeoutMs: 60000 } });
let base = '';
beforeAll(async () => {
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

describe('OpenAPI documents', () => {
  it.each(['/openapi.json', '/openapi-3.0.json'])('%s is a valid OpenAPI document', async (path) => {
    const doc = (await (await fetch(`${base}${path}`)).json()) as Record<string, unknown>;
    const r = await validate(doc as never);
    expect(r.valid, JSON.stringify(r)).toBe(true);
  });
  it('/openapi-3.0.json uses only the schema keywords OpenAPI 3.0 allows (openapi-generator stops at any other)', async () => {
    type Op = { parameters?: { name: string; schema: unknown }[]; requestBody?: { content?: Record<string, { schema?: unknown }> }; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const doc = (await (await fetch(`${base}/openapi-3.0.json`)).json()) as { components: { schemas: Record<string, unknown> }; paths: Record<string, Record<string, Op>> };
    const allowed = new Set(
      ('title multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern maxItems minItems uniqueItems ' +
        'maxProperties minProperties required enum type allOf oneOf anyOf not items properties additionalProperties description format ' +
        'default nullable discriminator readOnly writeOnly xml externalDocs example deprecated $ref').split(' '),
    );
    const unexpected: string[] = [];
    const walk = (s: unknown, at: string): void => {
      if (s === null || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) {
        if (!allowed.has(k) && !k.startsWith('x-')) unexpected.push(`${at}.${k}`);
        if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v !== 'boolean') unexpected.push(`${at}.${k} (not a boolean)`);
        if (k === 'type' && typeof v !== 'string') unexpected.push(`${at}.type (not a string)`);
      }
      if (typeof o.$ref === 'string' && Object.keys(o).length > 1) unexpected.push(`${at} ($ref with siblings)`);
      for (const k of ['allOf', 'oneOf', 'anyOf'] as const) (o[k] as unknown[] | undefined)?.forEach((x, i) => walk(x, `${at}.${k}[${i}]`));
      for (const k of ['not', 'items', 'additionalProperties'] as const) walk(o[k], `${at}.${k}`);
      for (const [name, p] of Object.entries((o.properties ?? {}) as Record<string, unknown>)) walk(p, `${at}.properties.${name}`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) walk(schema, `components.schemas.${name}`);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) walk(p.schema, `${method} ${path} ${p.name}`);
        for (const [ct, c] of Object.entries(op.requestBody?.content ?? {})) walk(c.schema, `${method} ${path} body ${ct}`);
        for (const [status, r] of Object.entries(op.responses)) {
          for (const [ct, c] of Object.entries(r.content ?? {})) walk(c.schema, `${method} ${path} ${status} ${ct}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });
  it('schemas/ in the package is current (otherwise run npm run schemas:build)', () => {
    const files = publishedFiles(PACKAGE_VERSION);
    const dir = join(root, 'schemas');
    const present = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(present).toEqual([...files.keys()].sort());
    const stale = [...files].filter(([name, text]) => readFileSync(join(dir, name), 'utf8') !== text).map(([name]) => name);
    expect(stale, 'run npm run schemas:build').toEqual([]);
  });
  it('the server answers the same documents as schemas/ holds', async () => {
    const served = (await (await fetch(`${base}/openapi-3.0.json`)).json()) as unknown;
    expect(served).toEqual(JSON.parse(readFileSync(join(root, 'schemas/openapi-3.0.json'), 'utf8')));
    const person = await (await fetch(`${base}/schemas/Person.schema.json`)).text();
    expect(person).toBe(readFileSync(join(root, 'schemas/Person.schema.json'), 'utf8'));
  });
});

describe('a client generated from /openapi-3.0.json', () => {
  it('the generated types are current', async () => {
    const doc = (await (await fetch(`${base}/openapi-3.0.json`)).json()) as Record<string, unknown>;
    const text = `// Generated by openapi-typescript from /openapi-3.0.json (test/adapters/http/client.test.ts). Do not edit.\n${astToString(await openapiTS(doc as never))}`;
    const file = join(import.meta.dirname, 'api.generated.ts');
    if (process.env.FOERDERREGELN_UPDATE_CLIENT === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(text).toContain('"/v1/eligibility:batch"');
  });
  it('checks a person, a batch, lists rule sets and checks pins against the live server', async () => {
    const client = createClient<paths>({ baseUrl: base });
    const one = await client.POST('/v1/eligibility', {
      params: { query: { on: '2024-03-01' } },
      body: { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
    });
    expect(one.response.status).toBe(200);
    expect(one.data?.result.eligible).toBe(true);
    expect(one.data?.result.counsellingEndsOn).toBe('2026-06-30');
    expect(one.data?.ruleSets[0]?.id).toBe('bw-im-2023');

    const batch = await client.POST('/v1/eligibility:batch', {
      params: { query: { on: '2024-03-01' } },
      body: { items: [{ id: 'a', residenceStatus: 'asylum-seeker', accommodation: 'initial-reception', displacedFromUkraine: false }] },
    });
    expect(batch.data?.count.items).toBe(1);

    const bad = await client.POST('/v1/eligibility', {
      params: { query: { on: '2024-03-01' } },
      body: { id: 'p1', residenceStatus: 'other', accommodation: 'private', displacedFromUkraine: false, followUpSince: '2023-02-30' },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error?.issues[0]?.code).toBe('invalid-date');

    const sets = await client.GET('/v1/rule-sets');
    expect(sets.data?.ruleSets.length).toBeGreaterThan(5);

    const grant = await client.POST('/v1/grants', { body: { id: 'post', qualification: 'social-work-degree', fte: '0.5', startDate: '2023-07-01' } });
    expect(grant.data?.result.total).toMatch(/^\d+\.\d{2}$/);

    const lock = freshLock() as never;
    const pins = await client.POST('/v1/pins:check', { body: lock });
    expect(pins.data?.unchanged).toBe(true);
  });
});
