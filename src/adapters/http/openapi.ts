/**
 * The OpenAPI documents of the service (3.1 with JSON Schema 2020-12, and 3.0.3 for client
 * generators that need it), generated from the same zod schemas the JSON Schemas come from and from
 * the declared computations, so routes and documents cannot drift apart.
 */
import * as z from 'zod';
import { HTTP_COMPUTATIONS } from './computations.js';
import { envelopes, idOf } from './answers.js';
import { namedSchemas, overrideSchema, publishedJsonSchema } from './schemas.js';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string): Json => ({ 'application/json': { schema: ref(name) } });

const problemResponses = (codes: number[]): Json => {
  const words: Record<number, string> = {
    400: 'Bad request: malformed JSON or invalid query parameters',
    401: 'Bearer token missing or wrong (only when the server requires one)',
    404: 'Not found',
    406: 'Not acceptable',
    413: 'Body larger than the limit',
    415: 'Wrong Content-Type',
    422: 'The input is invalid: issues[] says what and where',
    500: 'Internal error (no details are given)',
  };
  const out: Json = {};
  for (const c of codes) out[String(c)] = { description: words[c] ?? 'Problem', content: { 'application/problem+json': { schema: ref('Problem') } } };
  return out;
};

const versionHeaders: Json = {
  'Foerderregeln-Version': { description: 'Version of the foerderregeln package that answered', schema: { type: 'string' } },
  'Foerderregeln-Rule-Sets': {
    description: 'Rule sets the answer used: id=resolvedHash, comma-separated (when known before the body is written)',
    schema: { type: 'string' },
  },
};

function queryParameters(names: readonly string[]): Json[] {
  const all: Record<string, Json> = {
    on: {
      name: 'on',
      in: 'query',
      required: false,
      description: 'Assessment date YYYY-MM-DD: the rule set in force that day (with its overlays) applies',
      schema: { type: 'string', format: 'date' },
    },
    ruleSet: { name: 'ruleSet', in: 'query', required: false, description: 'A rule-set id to use instead of the one in force on the date', schema: { type: 'string' } },
    lang: { name: 'lang', in: 'query', required: false, description: 'Language of titles, details and explanations', schema: { type: 'string', enum: ['de', 'en'], default: 'en' } },
    explain: {
      name: 'explain',
      in: 'query',
      required: false,
      description: 'true: every result with its trace, assumptions and citation; default a summary (assumptions once per answer)',
      schema: { type: 'boolean', default: false },
    },
  };
  return names.map((n) => all[n] as Json);
}

function computationPaths(): Json {
  const paths: Json = {};
  for (const c of HTTP_COMPUTATIONS) {
    const e = envelopes(c.schemas.item, c.schemas.result);
    const params = queryParameters([...c.query, 'lang', 'explain']);
    const op = (suffix: string, summary: string, request: Json, description: string, content: Json, codes: number[]): Json => ({
      post: {
        operationId: camel(`compute-${c.name}${suffix}`),
        tags: [c.name],
        summary,
        parameters: params,
        requestBody: { required: true, content: request },
        responses: { '200': { description, headers: versionHeaders, content }, ...problemResponses(codes) },
      },
    });
    const problems = [400, 401, 413, 415, 422, 500];
    paths[`/v1/${c.name}`] = op('', c.what.one, json(c.item), 'The result', json(idOf(e.single)), problems);
    paths[`/v1/${c.name}:batch`] = op(
      '-batch',
      `Up to 10,000 ${c.what.many} in one request: one result per item, in order; an invalid item is ok: false in its place.`,
      json(idOf(e.batchRequest)),
      'One result per item',
      json(idOf(e.batch)),
      problems,
    );
    paths[`/v1/${c.name}:stream`] = op(
      '-stream',
      `NDJSON in and out: one ${c.item} per line in, one result line per input line out (with its line number), written as it is computed; a bad line is an ok: false line, never the end of the stream.`,
      { 'application/x-ndjson': { schema: ref(c.item) } },
      'One JSON line per input line',
      { 'application/x-ndjson': { schema: ref(idOf(e.streamLine)) } },
      [400, 401, 415, 500],
    );
  }
  return paths;
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function fixedPaths(): Json {
  const idParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  return {
    '/v1/rule-sets': {
      get: {
        operationId: 'listRuleSets',
        tags: ['rule-sets'],
        summary: 'The rule sets the server knows: id, programme, kind, status, validity, extends, content hashes.',
        responses: { '200': { description: 'The rule sets', headers: versionHeaders, content: json('RuleSetList') }, ...problemResponses([401]) },
      },
    },
    '/v1/rule-sets/{id}': {
      get: {
        operationId: 'getRuleSet',
        tags: ['rule-sets'],
        summary: 'One rule set: parameters with dated values, sources and confidence, rules, citations. ETag = content hash.',
        parameters: [idParam('id', 'Rule-set id')],
        responses: {
          '200': { description: 'The rule set', headers: { ...versionHeaders, ETag: { description: 'W/"sha256:…" (the content hash)', schema: { type: 'string' } } }, content: json('RuleSetDetail') },
          '304': { description: 'Not modified (If-None-Match matched)' },
          ...problemResponses([401, 404]),
        },
      },
    },
    '/v1/rule-sets/by-hash/{sha256}': {
      get: {
        operationId: 'getRuleSetByHash',
        tags: ['rule-sets'],
        summary: 'A rule set by its content hash (64 hex digits, with or without "sha256:"); immutable, cacheable forever.',
        parameters: [{ name: 'sha256', in: 'path', required: true, schema: { type: 'string', pattern: '^(sha256:)?[0-9a-f]{64}$' } }],
        responses: { '200': { description: 'The rule set', headers: versionHeaders, content: json('RuleSetDetail') }, '304': { description: 'Not modified' }, ...problemResponses([400, 401, 404]) },
      },
    },
    '/v1/rule-sets/{a}/diff/{b}': {
      get: {
        operationId: 'diffRuleSets',
        tags: ['rule-sets'],
        summary: 'What changes from rule set a to b: parameters with impacted periods, rules down to the condition, a readable summary.',
        parameters: [idParam('a', 'Rule-set id (from)'), idParam('b', 'Rule-set id (to)')],
        responses: { '200': { description: 'The diff', headers: versionHeaders, content: json('DiffAnswer') }, ...problemResponses([401, 404]) },
      },
    },
    '/v1/compare': {
      post: {
        operationId: 'compare',
        tags: ['compare'],
        summary: 'Diff of two rule sets and, with a caseload, the impact per district; Accept: text/html returns the report page.',
        parameters: queryParameters(['lang']),
        requestBody: { required: true, content: json('CompareRequest') },
        responses: {
          '200': {
            description: 'Diff and impact',
            headers: versionHeaders,
            content: { ...json('CompareAnswer'), 'text/html': { schema: { type: 'string' } } },
          },
          ...problemResponses([400, 401, 406, 413, 415, 422, 500]),
        },
      },
    },
    '/v1/pins:check': {
      post: {
        operationId: 'checkPins',
        tags: ['pins'],
        summary: 'Checks a lock file (foerderregeln pin) against the rule sets the server has: unchanged, changed (with the diff) or missing.',
        requestBody: { required: true, content: json('LockFile') },
        responses: { '200': { description: 'The check; unchanged is false when a pinned rule set changed or is missing', headers: versionHeaders, content: json('PinCheckAnswer') }, ...problemResponses([400, 401, 413, 415, 422]) },
      },
    },
    '/healthz': { get: { operationId: 'health', tags: ['operations'], summary: 'Liveness: the process answers.', responses: { '200': { description: 'Alive', content: json('Health') } } } },
    '/readyz': {
      get: {
        operationId: 'ready',
        tags: ['operations'],
        summary: 'Readiness: rule sets loaded, golden cases pass, pinned hashes match (with --lock).',
        responses: { '200': { description: 'Ready', content: json('Readiness') }, '503': { description: 'Not ready', content: json('Readiness') } },
      },
    },
    '/version': { get: { operationId: 'version', tags: ['operations'], summary: 'Package version and the rule sets with hashes.', responses: { '200': { description: 'Version', content: json('Version') } } } },
  };
}

/** All component schemas, converted for the target, with references between them. */
function components(target: 'draft-2020-12' | 'openapi-3.0'): Json {
  const reg = z.registry<{ id: string }>();
  const named = namedSchemas();
  for (const [name, schema] of Object.entries(named)) reg.add(schema, { id: name });
  const converted = z.toJSONSchema(reg, {
    target,
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    override: overrideSchema,
  }) as { schemas: Record<string, Json> };
  const out: Json = {};
  for (const name of Object.keys(named).sort()) {
    // Neither `$schema` nor `$id` belongs in a component: OpenAPI 3.0 allows neither keyword (openapi-generator
    // stops at "attribute components.schemas.X.$id is unexpected"), and in 3.1 an `$id` with a fragment is invalid.
    const { $schema: _s, $id: _id, ...rest } = converted.schemas[name] ?? {};
    out[name] = rest;
  }
  return out;
}

/** The OpenAPI document, 3.1 (`openapi.json`) or 3.0.3 (`openapi-3.0.json`). */
export function openApiDocument(version: '3.1' | '3.0', packageVersion: string): Json {
  const paths = { ...fixedPaths(), ...computationPaths() };
  const doc: Json = {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info: {
      title: 'foerderregeln',
      version: packageVersion,
      description:
        'The funding law of the Baden-Württemberg Integrationsmanagement as versioned, cited, executable rule sets. ' +
        'Every answer names the package version and the rule sets with their content hashes. Errors are application/problem+json (RFC 9457) with coded issues in German and English. ' +
        'Money is a decimal string with two places; dates are YYYY-MM-DD.',
      license: { name: 'MIT', ...(version === '3.1' ? { identifier: 'MIT' } : {}) },
    },
    servers: [{ url: '/' }],
    tags: [...HTTP_COMPUTATIONS.map((c) => c.name), 'rule-sets', 'compare', 'pins', 'operations'].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(version === '3.1' ? 'draft-2020-12' : 'openapi-3.0'),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Only when the server was started with --token-file' } },
    },
    security: [{}, { bearer: [] }],
  };
  if (version === '3.1') doc.jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema';
  return doc;
}

/**
 * The files of the package's `schemas/` folder, by file name: every published JSON Schema
 * (2020-12, versioned `$id`) and both OpenAPI documents. `npm run schemas:build` writes them; a test
 * fails when the committed files differ.
 */
export function publishedFiles(packageVersion: string): Map<string, string> {
  const files = new Map<string, string>();
  const named = namedSchemas();
  for (const name of Object.keys(named).sort()) {
    files.set(`${name}.schema.json`, `${JSON.stringify(publishedJsonSchema(name, named[name] as z.ZodType), null, 2)}\n`);
  }
  files.set('openapi.json', `${JSON.stringify(openApiDocument('3.1', packageVersion), null, 2)}\n`);
  files.set('openapi-3.0.json', `${JSON.stringify(openApiDocument('3.0', packageVersion), null, 2)}\n`);
  return files;
}
