/**
 * The HTTP service's schemas: the library's own zod input schemas (persons, posts, recipients,
 * caseloads, lump-sum requests) and zod descriptions of what the service answers. Everything a
 * client sees — the OpenAPI documents, `/schemas/{name}.schema.json` and the `schemas/` folder of the
 * package — is generated from these by zod's JSON Schema conversion, so there is one source.
 *
 * Money in answers is a decimal string with two places (`"132149.00"`), other quantities are
 * decimal strings, dates are `YYYY-MM-DD` (`format: date`).
 */
import * as z from 'zod';
import { personSchema } from '../../contract/person.js';
import { ALLOCATION_METHODS, recipientSchema } from '../../domain/allocation.js';
import { postSchema, QUALIFICATIONS } from '../../domain/grant.js';
import { LUMP_SUM_KINDS, lumpSumRequestSchema } from '../../domain/lumpSum.js';
import { caseloadSchema } from '../../domain/staffing.js';

import { PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';

/** Version of the HTTP API (the path prefix). */
export const SCHEMA_VERSION = 'v1';
/**
 * Base of every schema `$id`, versioned by the package version: the schema of `name` is
 * `${SCHEMA_BASE}/${name}.schema.json`, which is also where the published package serves it.
 */
export const SCHEMA_BASE = `https://unpkg.com/foerderregeln@${PACKAGE_VERSION}/schemas`;

// ---------------------------------------------------------------------------------------------
// Building blocks of answers

const date = z.iso.date().describe('Calendar date YYYY-MM-DD');
const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('Money: a decimal string with exactly two places, e.g. "132149.00"');
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('Exact decimal number as a string, e.g. "0.5"');
const hash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/)
  .describe('Content hash: sha256 of the canonical JSON');
const localized = z.object({ de: z.string(), en: z.string() }).describe('Text in German and English');
const confidence = z.enum(['sourced', 'inferred', 'assumed']);
const jsonValue = z.unknown().describe('Any JSON value');

/** One problem with an input: a stable code, where it is, and a message in German and English. */
export const issueSchema = z
  .object({
    code: z.string().describe('Stable issue code, e.g. missing-field, invalid-value, invalid-date, unknown-rule-set, limit-exceeded, malformed-row'),
    path: z.array(z.union([z.string(), z.int()])).describe('Property names and array indexes from the input root'),
    message: localized,
  })
  .meta({ id: 'Issue' });

/** Something a result depends on that no source states outright. */
export const assumptionSchema = z
  .object({
    kind: z.string().describe('What is assumed: parameter, rule, validity, rounding, fact, … (new kinds may be added)'),
    ruleSet: z.string(),
    name: z.string(),
    value: jsonValue.optional(),
    from: date.optional(),
    confidence: z.enum(['inferred', 'assumed']),
    source: z.string(),
    note: z.string().optional().describe('The note as one text, German and English joined as "de / en" (kept for compatibility)'),
    noteText: localized.optional().describe('The note in German and English'),
  })
  .meta({ id: 'Assumption' });

/** The rule set a result came from. */
export const ruleSetRefSchema = z
  .object({
    id: z.string(),
    hash,
    overlays: z.array(z.string()).describe('Overlays (decrees) applied on top, by id'),
    resolvedHash: hash.describe('Hash of the rule set merged with what it extends and its overlays'),
  })
  .meta({ id: 'RuleSetRef' });

const citation = z.object({ source: z.string(), confidence, note: z.string().optional(), noteText: localized.optional() });

const explainFields = {
  assumptions: z.array(assumptionSchema).optional().describe('Only with explain=true; otherwise the answer lists them once for all results'),
  trace: z.array(z.unknown()).nullable().optional().describe('Only with explain=true: every rule or figure as evaluated'),
  explanation: z.string().optional().describe('Only with explain=true (eligibility): the result in words, in the language of ?lang'),
};


/** An eligibility result (summary by default; trace, assumptions and citation with explain=true). */
export const eligibilityResultSchema = z
  .object({
    ok: z.boolean().describe('false: the input was invalid, see issues'),
    id: z.string().nullable(),
    on: date.optional(),
    eligible: z.boolean().optional().describe('In the target group on that date'),
    basis: z
      .object({
        code: z.string().describe('e.g. displaced-from-ukraine, follow-up-accommodation, not-in-target-group'),
        rule: z.string().nullable(),
        description: localized,
        citation: citation.nullable().optional(),
      })
      .optional(),
    counsellingEndsOn: date.nullable().optional().describe('Last day counselling may continue, where the version limits it'),
    ruleSet: ruleSetRefSchema.optional(),
    notes: z.array(localized).optional(),
    issues: z.array(issueSchema).optional().describe('Only when ok is false'),
    ...explainFields,
  })
  .meta({ id: 'EligibilityResult' });

/** A grant per post. */
export const grantResultSchema = z
  .object({
    ok: z.boolean(),
    id: z.string().nullable(),
    on: date.optional(),
    qualification: z.enum(QUALIFICATIONS).optional(),
    fte: decimal.optional(),
    ratePerFteYear: money.optional(),
    yearlyAmount: money.optional(),
    months: z.int().nullable().optional(),
    fundedMonths: decimal.optional(),
    startDate: date.optional(),
    endDate: date.optional(),
    total: money.optional(),
    ruleSet: ruleSetRefSchema.optional(),
    notes: z.array(localized).optional(),
    issues: z.array(issueSchema).optional(),
    ...explainFields,
  })
  .meta({ id: 'GrantResult' });


/** An allocation of a budget over recipients. */
export const allocationResultSchema = z
  .object({
    ok: z.boolean(),
    id: z.string().nullable().optional().describe('The request id, when given'),
    key: z.string().optional(),
    mode: z.enum(['per-unit-rate', 'split-budget']).optional(),
    method: z.enum(ALLOCATION_METHODS).optional(),
    rows: z
      .array(
        z.object({
          ok: z.boolean(),
          row: z.int().describe('1-based position in the input'),
          id: z.string().nullable(),
          name: z.string().nullable().optional(),
          weight: decimal.optional(),
          share: decimal.optional(),
          exact: money.optional(),
          amount: money.optional(),
          mustApplyJointly: z.boolean().nullable().optional(),
          issues: z.array(issueSchema).optional(),
        }),
      )
      .optional(),
    summary: z
      .object({
        budget: money,
        weightTotal: decimal,
        statewideWeight: decimal.nullable(),
        unitRate: decimal.nullable(),
        target: money,
        sum: money,
        residual: money,
        recipients: z.int(),
        invalidRows: z.int(),
      })
      .optional(),
    ruleSet: ruleSetRefSchema.optional(),
    notes: z.array(localized).optional(),
    issues: z.array(issueSchema).optional(),
    ...explainFields,
  })
  .meta({ id: 'AllocationResult' });

/** Staffing (FTE justified by the ratio) and per-case funding per district. */
export const staffingResultSchema = z
  .object({
    ok: z.boolean(),
    id: z.string().nullable().optional(),
    rows: z
      .array(
        z.object({
          ok: z.boolean(),
          row: z.int(),
          id: z.string().nullable(),
          name: z.string().nullable().optional(),
          persons: decimal.optional(),
          year: z.int().optional(),
          fte: decimal.nullable().optional(),
          ratePerFte: money.nullable().optional(),
          funding: money.nullable().optional(),
          perCaseAmount: money.nullable().optional(),
          perCaseFunding: money.nullable().optional(),
          fundedFte: decimal.nullable().optional(),
          impliedRatio: decimal.nullable().optional(),
          issues: z.array(issueSchema).optional(),
        }),
      )
      .optional(),
    summary: z
      .object({
        persons: decimal,
        fte: decimal.nullable(),
        funding: money.nullable(),
        perCaseFunding: money.nullable(),
        fundedFte: decimal.nullable(),
        impliedRatio: decimal.nullable(),
        invalidRows: z.int(),
      })
      .optional(),
    ruleSet: ruleSetRefSchema.optional(),
    notes: z.array(localized).optional(),
    issues: z.array(issueSchema).optional(),
    ...explainFields,
  })
  .meta({ id: 'StaffingResult' });

/** A statutory lump sum (FlüAG). */
export const lumpSumResultSchema = z
  .object({
    ok: z.boolean(),
    id: z.string().nullable().optional(),
    kind: z.enum(LUMP_SUM_KINDS).optional(),
    year: z.int().optional(),
    description: localized.optional(),
    amount: money.optional(),
    baseAmount: money.optional(),
    baseYear: z.int().optional(),
    upratingYears: z.int().optional(),
    unrounded: decimal.optional(),
    ruleSet: ruleSetRefSchema.optional(),
    notes: z.array(localized).optional(),
    issues: z.array(issueSchema).optional(),
    ...explainFields,
  })
  .meta({ id: 'LumpSumResult' });

// ---------------------------------------------------------------------------------------------
// Requests that wrap library inputs

/** An allocation request: the recipients and what may differ from the rule set. */
export const allocationRequestSchema = z
  .strictObject({
    id: z.string().max(200).optional().describe('Your id for the request, echoed in the result'),
    recipients: z.array(recipientSchema).max(100000),
    budget: z.union([z.string(), z.number()]).optional().describe('Budget in euros instead of the rule set\'s allocationBudget'),
    method: z.enum(ALLOCATION_METHODS).optional(),
  })
  .meta({ id: 'AllocationRequest' });

/** A staffing request: district caseloads. */
export const staffingRequestSchema = z
  .strictObject({
    id: z.string().max(200).optional().describe('Your id for the request, echoed in the result'),
    districts: z.array(caseloadSchema).max(100000),
    year: z.int().min(1900).max(2200).optional().describe('Default year for rows without year'),
  })
  .meta({ id: 'StaffingRequest' });

const districtRow = z.object({
  district: z.string().regex(/^\d{5}$/),
  name: z.string().optional(),
  persons: z.int().min(0).optional(),
  population: z.int().min(0).optional(),
  allocations: z.int().min(0).optional(),
});

/** A comparison of two rule sets, with an optional caseload for the impact per district. */
export const compareRequestSchema = z
  .strictObject({
    a: z.string().min(1).describe('Rule-set id (side A)'),
    b: z.string().min(1).describe('Rule-set id (side B)'),
    on: date.optional().describe('Assessment date; default the later validFrom of A and B'),
    caseload: z
      .strictObject({
        persons: z.array(personSchema).optional().describe('Person rows (the person schema, with district)'),
        districts: z.array(districtRow).optional(),
        label: localized.optional(),
      })
      .optional(),
  })
  .meta({ id: 'CompareRequest' });

/** An adopter's lock file (`foerderregeln pin`). */
export const lockFileSchema = z
  .object({
    lockfileVersion: z.literal(1),
    package: z.object({ name: z.string(), version: z.string() }),
    ruleSets: z.array(
      z.object({
        id: z.string(),
        programme: z.string(),
        title: localized,
        kind: z.string(),
        status: z.string(),
        hash,
        resolvedHash: hash,
        resolved: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'LockFile' });

// ---------------------------------------------------------------------------------------------
// Envelopes

const packageVersion = z.string().describe('Version of the foerderregeln package that answered');
const usedRuleSets = z.array(ruleSetRefSchema).describe('Every rule set the answer used, with hashes');

function single<T extends z.ZodType>(result: T, id: string) {
  return z
    .object({
      packageVersion,
      ruleSets: usedRuleSets,
      assumptions: z.array(assumptionSchema).describe('Every inferred or assumed value the result depends on'),
      result,
    })
    .meta({ id });
}
function batch<T extends z.ZodType>(result: T, id: string) {
  return z
    .object({
      packageVersion,
      ruleSets: usedRuleSets,
      assumptions: z.array(assumptionSchema).describe('Every inferred or assumed value a result depends on, once'),
      count: z.object({ items: z.int(), ok: z.int(), invalid: z.int() }),
      results: z.array(result).describe('One result per item, in input order'),
    })
    .meta({ id });
}
function batchRequest<T extends z.ZodType>(item: T, id: string) {
  return z.strictObject({ items: z.array(item).max(10000).describe('At most 10,000 items') }).meta({ id });
}

/** A line of an NDJSON answer: the input line number and the result. */
function streamLine(result: z.ZodObject, id: string) {
  return result.extend({ line: z.int().describe('1-based line number in the request') }).meta({ id });
}

/** RFC 9457 problem details, with the library's coded bilingual issues. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI of the problem type'),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    issues: z.array(issueSchema),
    packageVersion,
  })
  .meta({ id: 'Problem' });

export const ruleSetSummarySchema = z
  .object({
    id: z.string(),
    programme: z.string(),
    title: localized,
    kind: z.string(),
    status: z.string(),
    validFrom: date,
    validTo: date.nullable(),
    extends: z.string().nullable(),
    hash,
    resolvedHash: hash,
  })
  .meta({ id: 'RuleSetSummary' });

export const ruleSetListSchema = z.object({ packageVersion, ruleSets: z.array(ruleSetSummarySchema) }).meta({ id: 'RuleSetList' });

export const ruleSetDetailSchema = z
  .object({
    packageVersion,
    id: z.string(),
    hash,
    resolvedHash: hash,
    origin: z.enum(['bundled', 'user']),
    document: z.record(z.string(), z.unknown()).describe('The rule-set document (see ruleset.schema.json): parameters with dated values, sources and confidence; rules; citations'),
  })
  .meta({ id: 'RuleSetDetail' });

const diffSide = z.object({
  id: z.string(),
  title: localized,
  kind: z.string(),
  status: z.string(),
  validFrom: date,
  validTo: date.nullable(),
  overlays: z.array(z.string()),
  hash,
  resolvedHash: hash,
});
export const ruleSetDiffSchema = z
  .object({
    a: diffSide,
    b: diffSide,
    identical: z.boolean(),
    metadata: z.array(z.object({ field: z.string(), a: jsonValue, b: jsonValue })),
    parameters: z.object({ added: z.array(z.unknown()), removed: z.array(z.unknown()), changed: z.array(z.unknown()) }),
    rules: z.object({ added: z.array(z.unknown()), removed: z.array(z.unknown()), changed: z.array(z.unknown()) }),
    summary: z.array(localized).describe('The changes as readable lines'),
  })
  .meta({ id: 'RuleSetDiff' });

export const diffAnswerSchema = z.object({ packageVersion, ruleSets: usedRuleSets, diff: ruleSetDiffSchema }).meta({ id: 'DiffAnswer' });

const districtImpact = z.object({
  district: z.string(),
  name: z.string(),
  persons: z.int(),
  eligibleA: z.int(),
  eligibleB: z.int(),
  gained: z.int(),
  lost: z.int(),
  fteA: decimal.nullable(),
  fteB: decimal.nullable(),
  fundingA: money.nullable(),
  fundingB: money.nullable(),
  difference: money.nullable(),
  differencePercent: decimal.nullable(),
});
export const compareAnswerSchema = z
  .object({
    packageVersion,
    ruleSets: usedRuleSets,
    diff: ruleSetDiffSchema,
    impact: z
      .object({
        on: date,
        caseload: z.object({ label: localized, synthetic: z.boolean(), personRows: z.int(), districtRows: z.int(), invalidRows: z.int() }),
        districts: z.array(districtImpact),
        totals: districtImpact.omit({ district: true, name: true }),
        fundingBasis: z.object({ a: localized, b: localized }),
        assumptions: z.object({ a: z.array(assumptionSchema), b: z.array(assumptionSchema) }),
        notes: z.array(localized),
      })
      .nullable()
      .describe('Impact per district; null without a caseload'),
  })
  .meta({ id: 'CompareAnswer' });

const pinState = z.object({ hash, resolvedHash: hash, packageVersion: z.string() });
export const pinAnswerSchema = z
  .object({
    packageVersion,
    unchanged: z.boolean().describe('True when no pinned rule set changed or went missing'),
    checks: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['unchanged', 'changed', 'missing']),
        locked: pinState,
        installed: pinState.nullable(),
        diff: ruleSetDiffSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'PinCheckAnswer' });

export const versionSchema = z
  .object({
    name: z.string(),
    packageVersion,
    api: z.string(),
    node: z.string(),
    ruleSets: z.array(z.object({ id: z.string(), hash, resolvedHash: hash, origin: z.enum(['bundled', 'user']) })),
  })
  .meta({ id: 'Version' });

export const healthSchema = z.object({ status: z.enum(['ok']) }).meta({ id: 'Health' });
export const readySchema = z
  .object({
    ready: z.boolean(),
    packageVersion,
    checks: z.array(z.object({ name: z.enum(['rule-sets-loaded', 'golden-cases', 'pinned-hashes']), ok: z.boolean(), detail: z.string() })),
  })
  .meta({ id: 'Readiness' });

// ---------------------------------------------------------------------------------------------
// The computations' schemas, by name

export const itemSchemas = {
  Person: z.strictObject(personSchema.shape).meta({ id: 'Person' }),
  Post: postSchema.meta({ id: 'Post' }),
  AllocationRequest: allocationRequestSchema,
  StaffingRequest: staffingRequestSchema,
  LumpSumRequest: lumpSumRequestSchema.meta({ id: 'LumpSumRequest' }),
} as const;
export const resultSchemas = {
  EligibilityResult: eligibilityResultSchema,
  GrantResult: grantResultSchema,
  AllocationResult: allocationResultSchema,
  StaffingResult: staffingResultSchema,
  LumpSumResult: lumpSumResultSchema,
} as const;
export type ItemSchemaName = keyof typeof itemSchemas;
export type ResultSchemaName = keyof typeof resultSchemas;

/** The envelopes of one computation: single answer, batch request and answer, stream line. */
export function envelopes(item: ItemSchemaName, result: ResultSchemaName): { single: z.ZodType; batchRequest: z.ZodType; batch: z.ZodType; streamLine: z.ZodType } {
  const base = result.replace(/Result$/, '');
  return {
    single: single(resultSchemas[result], `${base}Answer`),
    batchRequest: batchRequest(itemSchemas[item], `${item}Batch`),
    batch: batch(resultSchemas[result], `${base}BatchAnswer`),
    streamLine: streamLine(resultSchemas[result], `${base}StreamLine`),
  };
}

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
  const out: Record<string, z.ZodType> = { ...itemSchemas, ...resultSchemas };
  const pairs: [ItemSchemaName, ResultSchemaName][] = [
    ['Person', 'EligibilityResult'],
    ['Post', 'GrantResult'],
    ['AllocationRequest', 'AllocationResult'],
    ['StaffingRequest', 'StaffingResult'],
    ['LumpSumRequest', 'LumpSumResult'],
  ];
  for (const [item, result] of pairs) {
    const e = envelopes(item, result);
    for (const s of [e.single, e.batchRequest, e.batch, e.streamLine]) out[idOf(s)] = s;
  }
  for (const s of [
    issueSchema,
    assumptionSchema,
    ruleSetRefSchema,
    problemSchema,
    ruleSetSummarySchema,
    ruleSetListSchema,
    ruleSetDetailSchema,
    ruleSetDiffSchema,
    diffAnswerSchema,
    compareRequestSchema,
    compareAnswerSchema,
    lockFileSchema,
    pinAnswerSchema,
    versionSchema,
    healthSchema,
    readySchema,
  ]) {
    out[idOf(s)] = s;
  }
  return out;
}

export function idOf(s: z.ZodType): string {
  const id = (s.meta() as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new Error('schema without id');
  return id;
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
