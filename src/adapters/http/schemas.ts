/**
 * The HTTP service's schemas as JSON Schema: the computations' item schemas (the library's own zod
 * input schemas: persons, posts, lump-sum requests, …), their result schemas and envelopes, and the
 * other answers (answers.ts). Everything a client sees — the OpenAPI documents,
 * `/schemas/{name}.schema.json` and the `schemas/` folder of the package — is generated from these
 * by zod's JSON Schema conversion, so there is one source.
 */
import * as z from 'zod';
import { PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';
import { envelopes, idOf, SERVICE_SCHEMAS } from './answers.js';
import { HTTP_COMPUTATIONS } from './computations.js';

/** Version of the HTTP API (the path prefix). */
export const SCHEMA_VERSION = 'v1';
/**
 * Base of every schema `$id`, versioned by the package version: the schema of `name` is
 * `${SCHEMA_BASE}/${name}.schema.json`, which is also where the published package serves it.
 */
export const SCHEMA_BASE = `https://unpkg.com/foerderregeln@${PACKAGE_VERSION}/schemas`;

// ---------------------------------------------------------------------------------------------
// JSON Schema generation

type JsonObject = Record<string, unknown>;

/**
 * Marks what zod cannot say by itself, found by behaviour rather than by name: a string schema
 * that accepts exactly calendar dates gets `format: date`; a number-or-string schema that accepts
 * decimal strings and rejects other text gets a decimal `pattern` on its string branch.
 */
export function overrideSchema(ctx: { zodSchema: unknown; jsonSchema: JsonObject }): void {
  const zs = ctx.zodSchema as z.ZodType;
  const js = ctx.jsonSchema;
  if (typeof zs.safeParse !== 'function') return;
  if (js.type === 'string' && js.format === undefined && js.pattern === undefined && js.enum === undefined) {
    if (zs.safeParse('2024-02-29').success && !zs.safeParse('2023-02-29').success && !zs.safeParse('x').success) {
      js.format = 'date';
      js.pattern = '^\\d{4}-\\d{2}-\\d{2}$';
    }
    return;
  }
  const branches = js.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return;
  const types = (branches as JsonObject[]).map((b) => (Object.keys(b).length === 1 ? b.type : undefined));
  if (!types.includes('number') || !types.includes('string')) return;
  if (zs.safeParse('1.5').success && !zs.safeParse('abc').success) {
    const negative = zs.safeParse('-1').success;
    js.anyOf = [{ type: 'number', ...(negative ? {} : { minimum: 0 }) }, { type: 'string', pattern: negative ? '^-?\\d+([.,]\\d+)?$' : '^\\d+([.,]\\d+)?$' }];
    js.description ??= 'Decimal number, as a JSON number or a decimal string (decimal point or comma)';
  }
}

/** JSON Schema of one zod schema, for the 2020-12 dialect or for OpenAPI 3.0. */
export function toJsonSchema(schema: z.ZodType, target: 'draft-2020-12' | 'openapi-3.0'): JsonObject {
  return z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'any', reused: 'inline', cycles: 'ref', override: overrideSchema });
}

/** Every named schema the service publishes (inputs, results, envelopes, problem). */
export function namedSchemas(): Record<string, z.ZodType> {
  named ??= buildNamed();
  return named;
}
let named: Record<string, z.ZodType> | undefined;
function buildNamed(): Record<string, z.ZodType> {
  const out: Record<string, z.ZodType> = {};
  for (const c of HTTP_COMPUTATIONS) out[c.item] = c.schemas.item;
  for (const c of HTTP_COMPUTATIONS) out[c.result] = c.schemas.result;
  for (const c of HTTP_COMPUTATIONS) {
    const e = envelopes(c.schemas.item, c.schemas.result);
    for (const s of [e.single, e.batchRequest, e.batch, e.streamLine]) out[idOf(s)] = s;
  }
  for (const s of SERVICE_SCHEMAS) out[idOf(s)] = s;
  return out;
}

/**
 * The published JSON Schema (2020-12) of a named schema, with a versioned `$id`: what
 * `GET /schemas/{name}.schema.json` answers and `schemas/{name}.schema.json` in the package holds.
 */
export function publishedJsonSchema(name: string, schema: z.ZodType): JsonObject {
  const js = toJsonSchema(schema, 'draft-2020-12');
  const { $schema, ...rest } = js;
  return { $schema, $id: `${SCHEMA_BASE}/${name}.schema.json`, title: name, ...rest };
}
