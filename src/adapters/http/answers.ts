/**
 * The zod schemas of what the HTTP service answers (results, envelopes' building blocks, problems,
 * rule sets, diffs, pins) and of the requests that wrap library inputs. The computations' item
 * schemas are the library's own input schemas (see computations.ts); schemas.ts turns all of them
 * into JSON Schema.
 *
 * Money in answers is a decimal string with two places (`"132149.00"`), other quantities are
 * decimal strings, dates are `YYYY-MM-DD` (`format: date`).
 */
import * as z from 'zod';
import { personSchema } from '../../contract/person.js';
import { ALLOCATION_METHODS, recipientSchema } from '../../domain/allocation.js';
import { QUALIFICATIONS } from '../../domain/grant.js';
import { LUMP_SUM_KINDS } from '../../domain/lumpSum.js';
import { caseloadSchema } from '../../domain/staffing.js';

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

/** A result: its own fields, then what every result has (rule set, notes, issues, and what only explain=true shows). */
function result<S extends z.ZodRawShape>(id: string, fields: S, issues: z.ZodType = z.array(issueSchema).optional()) {
  return z
    .object({
      ...fields,
      ruleSet: ruleSetRefSchema.optional(),
      notes: z.array(localized).optional(),
      issues,
      assumptions: z.array(assumptionSchema).optional().describe('Only with explain=true; otherwise the answer lists them once for all results'),
      trace: z.array(z.unknown()).nullable().optional().describe('Only with explain=true: every rule or figure as evaluated'),
      explanation: z.string().optional().describe('Only with explain=true (eligibility): the result in words, in the language of ?lang'),
    })
    .meta({ id });
}

/**
 * A result over a list (allocation, staffing): the request's id, its own fields, one row per input
 * row (position, id, name, its own fields, issues) and the summary.
 */
function listResult<H extends z.ZodRawShape, R extends z.ZodRawShape, S extends z.ZodRawShape>(name: string, id: z.ZodType, head: H, row: R, summary: S, position: z.ZodType = z.int()) {
  const rowSchema = z.object({ ok: z.boolean(), row: position, id: z.string().nullable(), name: z.string().nullable().optional(), ...row, issues: z.array(issueSchema).optional() });
  return result(name, { ok: z.boolean(), id, ...head, rows: z.array(rowSchema).optional(), summary: z.object(summary).optional() });
}

/** An eligibility result (summary by default; trace, assumptions and citation with explain=true). */
export const eligibilityResultSchema = result(
  'EligibilityResult',
  {
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
  },
  z.array(issueSchema).optional().describe('Only when ok is false'),
);

/** A grant per post. */
export const grantResultSchema = result('GrantResult', {
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
});

/** An allocation of a budget over recipients. */
export const allocationResultSchema = listResult(
  'AllocationResult',
  z.string().nullable().optional().describe('The request id, when given'),
  { key: z.string().optional(), mode: z.enum(['per-unit-rate', 'split-budget']).optional(), method: z.enum(ALLOCATION_METHODS).optional() },
  { weight: decimal.optional(), share: decimal.optional(), exact: money.optional(), amount: money.optional(), mustApplyJointly: z.boolean().nullable().optional() },
  {
    budget: money,
    weightTotal: decimal,
    statewideWeight: decimal.nullable(),
    unitRate: decimal.nullable(),
    target: money,
    sum: money,
    residual: money,
    recipients: z.int(),
    invalidRows: z.int(),
  },
  z.int().describe('1-based position in the input'),
);

/** Staffing (FTE justified by the ratio) and per-case funding per district. */
export const staffingResultSchema = listResult(
  'StaffingResult',
  z.string().nullable().optional(),
  {},
  {
    persons: decimal.optional(),
    year: z.int().optional(),
    fte: decimal.nullable().optional(),
    ratePerFte: money.nullable().optional(),
    funding: money.nullable().optional(),
    perCaseAmount: money.nullable().optional(),
    perCaseFunding: money.nullable().optional(),
    fundedFte: decimal.nullable().optional(),
    impliedRatio: decimal.nullable().optional(),
  },
  {
    persons: decimal,
    fte: decimal.nullable(),
    funding: money.nullable(),
    perCaseFunding: money.nullable(),
    fundedFte: decimal.nullable(),
    impliedRatio: decimal.nullable(),
    invalidRows: z.int(),
  },
);

/** A statutory lump sum (FlüAG). */
export const lumpSumResultSchema = result('LumpSumResult', {
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
});

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

/** The id a schema is published under. */
export function idOf(s: z.ZodType): string {
  const id = (s.meta() as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new Error('schema without id');
  return id;
}

/**
 * The envelopes of one computation, named after its item (`PostBatch`) and result (`GrantAnswer`,
 * `GrantBatchAnswer`, `GrantStreamLine`): single answer, batch request and answer, stream line.
 */
export function envelopes(item: z.ZodType, result: z.ZodObject): { single: z.ZodType; batchRequest: z.ZodType; batch: z.ZodType; streamLine: z.ZodType } {
  const base = idOf(result).replace(/Result$/, '');
  const envelope = (assumptions: string) => ({ packageVersion, ruleSets: usedRuleSets, assumptions: z.array(assumptionSchema).describe(assumptions) });
  return {
    single: z.object({ ...envelope('Every inferred or assumed value the result depends on'), result }).meta({ id: `${base}Answer` }),
    batchRequest: z.strictObject({ items: z.array(item).max(10000).describe('At most 10,000 items') }).meta({ id: `${idOf(item)}Batch` }),
    batch: z
      .object({
        ...envelope('Every inferred or assumed value a result depends on, once'),
        count: z.object({ items: z.int(), ok: z.int(), invalid: z.int() }),
        results: z.array(result).describe('One result per item, in input order'),
      })
      .meta({ id: `${base}BatchAnswer` }),
    // A line of an NDJSON answer: the input line number and the result.
    streamLine: result.extend({ line: z.int().describe('1-based line number in the request') }).meta({ id: `${base}StreamLine` }),
  };
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

/** The schemas of the service besides the computations', in the order they are published. */
export const SERVICE_SCHEMAS: readonly z.ZodType[] = [
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
];
