import { z } from 'zod';
import { isCalendarDate } from '../dates/calendar.js';

/** Limits on a rule set from an untrusted source. */
export const LIMITS = {
  maxRulesPerComputation: 200,
  maxConditionDepth: 12,
  maxConditionsPerRule: 200,
  maxParameters: 500,
  maxValuesPerParameter: 200,
  maxListLength: 1000,
  maxStringLength: 4000,
  maxCases: 5000,
} as const;

const boundedString = z.string().max(LIMITS.maxStringLength);
const nonEmpty = boundedString.min(1);

/** A `YYYY-MM-DD` calendar date that exists. */
export const calendarDateSchema = z.string().refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' });

/** How sure we are of a value: stated in the source, inferred from sources, or assumed. */
export const confidenceSchema = z.enum(['sourced', 'inferred', 'assumed']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** A German and an English text. */
export const localizedSchema = z.strictObject({ de: nonEmpty, en: nonEmpty });
export type Localized = z.infer<typeof localizedSchema>;

/** A legal or documentary source. */
export const citationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
  title: nonEmpty,
  url: boundedString.optional(),
  confidence: confidenceSchema.optional(),
  note: boundedString.optional(),
});
export type Citation = z.infer<typeof citationSchema>;

/** Basis of a dated statement (validity dates, rule texts): source and confidence. */
export const basisSchema = z.strictObject({
  source: nonEmpty,
  confidence: confidenceSchema,
  note: boundedString.optional(),
});
export type Basis = z.infer<typeof basisSchema>;

const scalarSchema = z.union([boundedString, z.number(), z.boolean(), z.null()]);
/** A parameter value: a scalar or a list of scalars. Money is a decimal string. */
export const parameterValueSchema = z.union([scalarSchema, z.array(scalarSchema).max(LIMITS.maxListLength)]);
export type ParameterValue = z.infer<typeof parameterValueSchema>;

/** One dated value of a parameter with its source. */
export const datedValueSchema = z.strictObject({
  from: calendarDateSchema,
  value: parameterValueSchema,
  source: nonEmpty,
  confidence: confidenceSchema,
  note: boundedString.optional(),
});
export type DatedValue = z.infer<typeof datedValueSchema>;

/** Units a parameter may carry. */
export const unitSchema = z.enum([
  'EUR',
  'EUR/year',
  'EUR/person',
  'EUR/person/year',
  'EUR/FTE/year',
  'months',
  'years',
  'year',
  'persons',
  'persons/FTE',
  'FTE',
  'date',
  'percent',
  'list',
  'flag',
  'text',
  'fact-list',
]);
export type Unit = z.infer<typeof unitSchema>;

/** A named parameter of a rule set. */
export const parameterSchema = z.strictObject({
  unit: unitSchema,
  description: localizedSchema,
  values: z.array(datedValueSchema).min(1).max(LIMITS.maxValuesPerParameter),
});
export type Parameter = z.infer<typeof parameterSchema>;

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, { message: 'expected an identifier (letters and digits)' });
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, { message: 'expected a rule id (lower case, digits, -)' });

/** Right-hand side of a condition: a literal, a parameter reference or a fact reference. */
export const conditionValueSchema = z.union([
  z.strictObject({ param: identifier }),
  z.strictObject({ fact: identifier }),
  parameterValueSchema,
]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

/** A leaf condition: `fact operator value`. No `path`, `params` or `priority`: see DESIGN.md. */
export interface LeafCondition {
  fact: string;
  operator: string;
  value: ConditionValue;
  description?: Localized | undefined;
}
/** A condition tree in json-rules-engine form (`all`, `any`, `not`, or a leaf). */
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
/** The root of a rule's conditions: `all`, `any` or `not`. */
export type TopCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const leafConditionSchema = z.strictObject({
  fact: identifier,
  operator: z.string().regex(/^[A-Za-z]{1,40}$/),
  value: conditionValueSchema,
  description: localizedSchema.optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.strictObject({ all: z.array(conditionSchema).max(LIMITS.maxConditionsPerRule) }),
    z.strictObject({ any: z.array(conditionSchema).max(LIMITS.maxConditionsPerRule) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const topConditionSchema: z.ZodType<TopCondition> = z.union([
  z.strictObject({ all: z.array(conditionSchema).max(LIMITS.maxConditionsPerRule) }),
  z.strictObject({ any: z.array(conditionSchema).max(LIMITS.maxConditionsPerRule) }),
  z.strictObject({ not: conditionSchema }),
]);

/** A rule: json-rules-engine conditions and event, plus an id and a citation. */
export const ruleSchema = z.strictObject({
  id: ruleId,
  citation: basisSchema,
  description: localizedSchema,
  priority: z.number().int().min(1).max(1000).optional(),
  conditions: topConditionSchema,
  event: z.strictObject({
    type: z.string().regex(/^[a-z][a-z-]{0,40}$/),
    params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), z.union([boundedString, z.number(), z.boolean()])).optional(),
  }),
});
export type Rule = z.infer<typeof ruleSchema>;

/** Rule-set kinds. */
export const kindSchema = z.enum(['statute', 'grant-regulation', 'decree', 'proposal', 'scenario']);
export type RuleSetKind = z.infer<typeof kindSchema>;
/** Rule-set statuses. */
export const statusSchema = z.enum(['in-force', 'repealed', 'proposed']);
export type RuleSetStatus = z.infer<typeof statusSchema>;

/**
 * One rounding point: the step and mode a rule set rounds a figure to. `appliesTo` names the
 * figure; the money computations look their rounding up by these keys:
 * `allocation`, `grant-total`, `lump-sum-per-person-taken-in`, `lump-sum-per-person-assigned`,
 * `staffing-rate`, `staffing-funding`, `per-case-amount`.
 */
export const roundingEntrySchema = z.strictObject({
  step: z.enum(['0.01', '1']),
  mode: z.enum(['half-up', 'down', 'up', 'half-even']),
  appliesTo: nonEmpty,
  source: nonEmpty,
  confidence: confidenceSchema,
  note: boundedString.optional(),
});
export type RoundingEntry = z.infer<typeof roundingEntrySchema>;
/**
 * Rounding a rule set applies to money, and where: one rounding point, or a list of them keyed by
 * `appliesTo`. An overlay that states `rounding` replaces the whole value of the rule set it extends.
 */
export const roundingSchema = z.union([roundingEntrySchema, z.array(roundingEntrySchema).min(1).max(50)]);
export type Rounding = z.infer<typeof roundingSchema>;

/** `ruleset.json`: identity, validity, sources. */
export const ruleSetMetaSchema = z.strictObject({
  $schema: boundedString.optional(),
  id: ruleId,
  programme: ruleId,
  title: localizedSchema,
  kind: kindSchema,
  status: statusSchema,
  validFrom: calendarDateSchema,
  validTo: calendarDateSchema.optional(),
  validity: z.strictObject({ from: basisSchema, to: basisSchema.optional() }),
  extends: ruleId.optional(),
  removeRules: z.array(ruleId).max(LIMITS.maxRulesPerComputation).optional(),
  citations: z.array(citationSchema).min(1).max(100),
  rounding: roundingSchema.optional(),
});
export type RuleSetMeta = z.infer<typeof ruleSetMetaSchema>;

/** `parameters.json`. */
export const parametersFileSchema = z.record(identifier, parameterSchema);

/** A golden case in `cases.json`. */
export const caseSchema = z.strictObject({
  name: nonEmpty,
  computation: z.enum(['eligibility', 'grant', 'allocation', 'staffing', 'lump-sum']),
  on: calendarDateSchema,
  /** Select the rule set in force on \`on\` (with overlays) instead of using this rule set by name. */
  byDate: z.boolean().optional(),
  facts: z.record(z.string(), z.unknown()),
  expected: z.record(z.string(), z.unknown()),
});
export type RuleSetCase = z.infer<typeof caseSchema>;

/** Computations a rule set can hold rules for. */
export const computationSchema = z.enum(['eligibility']);
export type Computation = z.infer<typeof computationSchema>;

/**
 * A whole rule set as one JSON document: what a rule-set directory is loaded into, and what a
 * user's scenario file contains. `cases` are tests, not law, and are not part of the hash.
 */
export const ruleSetDocumentSchema = z.strictObject({
  ...ruleSetMetaSchema.shape,
  parameters: parametersFileSchema.default({}),
  rules: z.partialRecord(computationSchema, z.array(ruleSchema).max(LIMITS.maxRulesPerComputation)).default({}),
  cases: z.array(caseSchema).max(LIMITS.maxCases).optional(),
  readme: z.string().max(200000).optional(),
});
export type RuleSetDocument = z.infer<typeof ruleSetDocumentSchema>;

/** JSON Schema (draft 2020-12) of a rule-set document, for editors and other tools. */
export function ruleSetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ruleSetDocumentSchema, { io: 'input', unrepresentable: 'any' });
}
