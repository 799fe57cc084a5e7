import * as z from 'zod/mini';
import { globalConfig } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import { isCalendarDate, isSupportedDate, SUPPORTED_DATES } from '../dates/calendar.js';
import { guardApi } from '../_lib/guard.js';

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

// zod/mini: the same checks (and the same issues) as zod's classic API, a fraction of its size in a
// browser bundle. Its messages are English as with the classic API, which sets this default itself.
if (!globalConfig.localeError) z.config(en());

const boundedString = z.string().check(z.maxLength(LIMITS.maxStringLength));
const nonEmpty = boundedString.check(z.minLength(1));

/** A `YYYY-MM-DD` calendar date that exists. */
export const calendarDateSchema = z.string().check(z.refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' }));

/**
 * A calendar date given as input (person, post, allocation date): it must also lie inside
 * {@link SUPPORTED_DATES} (1900-01-01 … 2199-12-31); outside, the issue is `out-of-range`.
 */
export const inputDateSchema = z.string().check(
  z.superRefine((v, ctx) => {
  if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: 'expected a calendar date YYYY-MM-DD' });
  else if (!isSupportedDate(v)) ctx.addIssue({ code: 'custom', message: `${OUTSIDE_SUPPORTED_DATES} ${SUPPORTED_DATES.from} … ${SUPPORTED_DATES.to}` });
  }),
);
/** Marker of the zod message for a date outside the supported range (turned into `out-of-range`). */
export const OUTSIDE_SUPPORTED_DATES = 'date outside the supported range';

/** How sure we are of a value: stated in the source, inferred from sources, or assumed. */
export const confidenceSchema = z.enum(['sourced', 'inferred', 'assumed']);
/**
 * How sure a value is: `sourced` (stated in the source), `inferred` (derived from sources) or `assumed` (no source; reported as an assumption).
 *
 * @example
 * const c: Confidence = 'inferred'; // 'sourced' | 'inferred' | 'assumed'
 */
export type Confidence = z.infer<typeof confidenceSchema>;

/** A German and an English text. */
export const localizedSchema = z.strictObject({ de: nonEmpty, en: nonEmpty });
/**
 * A text in German and English.
 *
 * @example
 * const t: Localized = { de: 'Zielgruppe', en: 'target group' };
 */
export type Localized = z.infer<typeof localizedSchema>;

/**
 * A note in rule data: German and English (`{ "de": "…", "en": "…" }`, both non-empty), or one
 * text as rule sets written before notes were split (still accepted; shown in both languages).
 */
export const noteSchema = z.union([boundedString, localizedSchema]);
/**
 * A note of a citation, basis, dated value or rounding point: `{ de, en }`, or one text.
 *
 * @example
 * const n: Note = { de: 'Für 2024 unverändert angenommen.', en: 'Assumed unchanged for 2024.' };
 * const old: Note = 'one text for both languages';
 */
export type Note = string | Localized;

/** A legal or documentary source. */
export const citationSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,80}$/)),
  title: nonEmpty,
  url: z.optional(boundedString),
  confidence: z.optional(confidenceSchema),
  note: z.optional(noteSchema),
});
/**
 * A legal or documentary source a rule set cites (`citations` in ruleset.json).
 *
 * @example
 * const c: Citation = { id: 'vwv-2023', title: 'VwV Integrationsmanagement vom 06.06.2023', url: 'https://…', confidence: 'sourced' };
 */
export type Citation = z.infer<typeof citationSchema>;

/** Basis of a dated statement (validity dates, rule texts): source and confidence. */
export const basisSchema = z.strictObject({
  source: nonEmpty,
  confidence: confidenceSchema,
  note: z.optional(noteSchema),
});
/**
 * The basis of a statement (a validity date, a rule's reading of the law): source, confidence and note.
 *
 * @example
 * const b: Basis = { source: 'https://…', confidence: 'assumed', note: 'date in force not found; assumed the date it bears' };
 */
export type Basis = z.infer<typeof basisSchema>;

const scalarSchema = z.union([boundedString, z.number(), z.boolean(), z.null()]);
/** A parameter value: a scalar or a list of scalars. Money is a decimal string. */
export const parameterValueSchema = z.union([scalarSchema, z.array(scalarSchema).check(z.maxLength(LIMITS.maxListLength))]);
/**
 * A parameter value: a string, number, boolean, null, or a list of these. Money is a decimal string.
 *
 * @example
 * const months: ParameterValue = 36;
 * const rate: ParameterValue = '64060.00'; // money as a decimal string
 * const list: ParameterValue = ['follow-up'];
 */
export type ParameterValue = z.infer<typeof parameterValueSchema>;

/** One dated value of a parameter with its source. */
export const datedValueSchema = z.strictObject({
  from: calendarDateSchema,
  value: parameterValueSchema,
  source: nonEmpty,
  confidence: confidenceSchema,
  note: z.optional(noteSchema),
});
/**
 * One value of a parameter from a date on, with its source, confidence and note.
 *
 * @example
 * const v: DatedValue = { from: '2023-06-06', value: 36, source: 'VwV 2023', confidence: 'sourced', note: '3 years' };
 */
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
  values: z.array(datedValueSchema).check(z.minLength(1), z.maxLength(LIMITS.maxValuesPerParameter)),
});
/**
 * A named parameter of a rule set: unit, description and dated values, each with source and confidence.
 *
 * @example
 * const p: Parameter = {
 *   unit: 'persons/FTE',
 *   description: { de: 'Betreuungsschlüssel', en: 'Staffing ratio' },
 *   values: [{ from: '2026-01-01', value: 60, source: 'Szenario', confidence: 'assumed' }],
 * };
 */
export type Parameter = z.infer<typeof parameterSchema>;

const identifier = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, { message: 'expected an identifier (letters and digits)' }));
const ruleId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,80}$/, { message: 'expected a rule id (lower case, digits, -)' }));

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
/**
 * A condition tree in json-rules-engine form (`all`, `any`, `not`, or a leaf).
 *
 * @example
 * const c: Condition = { all: [{ fact: 'accommodation', operator: 'in', value: { param: 'targetAccommodations' } }] };
 * console.log(conditionText(c, 'en')); // 'accommodation is one of [targetAccommodations]'
 */
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
/** The root of a rule's conditions: `all`, `any` or `not`. */
export type TopCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const leafConditionSchema = z.strictObject({
  fact: identifier,
  operator: z.string().check(z.regex(/^[A-Za-z]{1,40}$/)),
  value: conditionValueSchema,
  description: z.optional(localizedSchema),
});

export const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.strictObject({ all: z.array(conditionSchema).check(z.maxLength(LIMITS.maxConditionsPerRule)) }),
    z.strictObject({ any: z.array(conditionSchema).check(z.maxLength(LIMITS.maxConditionsPerRule)) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const topConditionSchema: z.ZodMiniType<TopCondition> = z.union([
  z.strictObject({ all: z.array(conditionSchema).check(z.maxLength(LIMITS.maxConditionsPerRule)) }),
  z.strictObject({ any: z.array(conditionSchema).check(z.maxLength(LIMITS.maxConditionsPerRule)) }),
  z.strictObject({ not: conditionSchema }),
]);

/** A rule: json-rules-engine conditions and event, plus an id and a citation. */
export const ruleSchema = z.strictObject({
  id: ruleId,
  citation: basisSchema,
  description: localizedSchema,
  priority: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
  conditions: topConditionSchema,
  event: z.strictObject({
    type: z.string().check(z.regex(/^[a-z][a-z-]{0,40}$/)),
    params: z.optional(z.record(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)), z.union([boundedString, z.number(), z.boolean()]))),
  }),
});
/**
 * A rule: json-rules-engine conditions and event, with an `id`, a description and a citation.
 *
 * @example
 * const rule: Rule = {
 *   id: 'displaced-from-ukraine',
 *   citation: { source: 'Erlass vom 11.03.2022', confidence: 'sourced' },
 *   description: { de: 'Vertriebene aus der Ukraine', en: 'People displaced from Ukraine' },
 *   conditions: { all: [{ fact: 'displacedFromUkraine', operator: 'equal', value: true }] },
 *   event: { type: 'target-group', params: { basis: 'displaced-from-ukraine' } },
 * };
 */
export type Rule = z.infer<typeof ruleSchema>;

/** Rule-set kinds. */
export const kindSchema = z.enum(['statute', 'grant-regulation', 'decree', 'proposal', 'scenario']);
/**
 * What a rule set is: a statute, a grant regulation, a decree (overlay), a proposal or a user's scenario.
 *
 * @example
 * const k: RuleSetKind = 'scenario'; // 'statute' | 'grant-regulation' | 'decree' | 'proposal' | 'scenario'
 */
export type RuleSetKind = z.infer<typeof kindSchema>;
/** Rule-set statuses. */
export const statusSchema = z.enum(['in-force', 'repealed', 'proposed']);
/**
 * Whether a rule set is in force, repealed or only proposed (proposed ones are used only when named).
 *
 * @example
 * const s: RuleSetStatus = 'in-force'; // 'in-force' | 'repealed' | 'proposed'
 */
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
  note: z.optional(noteSchema),
});
/**
 * One rounding point: step (`0.01` or `1`), mode, the figure it applies to, and its source.
 *
 * @example
 * const e: RoundingEntry = { step: '1', mode: 'down', appliesTo: 'lump-sum-per-person-taken-in', source: 'FlüAG § 15', confidence: 'inferred' };
 */
export type RoundingEntry = z.infer<typeof roundingEntrySchema>;
/**
 * Rounding a rule set applies to money, and where: one rounding point, or a list of them keyed by
 * `appliesTo`. An overlay that states `rounding` replaces the whole value of the rule set it extends.
 */
export const roundingSchema = z.union([roundingEntrySchema, z.array(roundingEntrySchema).check(z.minLength(1), z.maxLength(50))]);
/**
 * The rounding of a rule set: one {@link RoundingEntry} or a list keyed by `appliesTo`.
 *
 * @example
 * const r: Rounding = [{ step: '0.01', mode: 'half-up', appliesTo: 'grant-total', source: 'keine Quelle', confidence: 'assumed' }];
 */
export type Rounding = z.infer<typeof roundingSchema>;

/** `ruleset.json`: identity, validity, sources. */
export const ruleSetMetaSchema = z.strictObject({
  $schema: z.optional(boundedString),
  id: ruleId,
  programme: ruleId,
  title: localizedSchema,
  kind: kindSchema,
  status: statusSchema,
  validFrom: calendarDateSchema,
  validTo: z.optional(calendarDateSchema),
  validity: z.strictObject({ from: basisSchema, to: z.optional(basisSchema) }),
  extends: z.optional(ruleId),
  removeRules: z.optional(z.array(ruleId).check(z.maxLength(LIMITS.maxRulesPerComputation))),
  citations: z.array(citationSchema).check(z.minLength(1), z.maxLength(100)),
  rounding: z.optional(roundingSchema),
});
export type RuleSetMeta = z.infer<typeof ruleSetMetaSchema>;

/** `parameters.json`. */
export const parametersFileSchema = z.record(identifier, parameterSchema);

/** A golden case in `cases.json`. */
export const caseSchema = z.strictObject({
  name: nonEmpty,
  /** The computation the case runs, by its declared name (eligibility, grant, allocation, staffing, lump-sum, or one of your own programme); the case runner checks it. */
  computation: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, { message: 'expected a computation name (lower case, digits, -)' })),
  on: calendarDateSchema,
  /** Select the rule set in force on \`on\` (with overlays) instead of using this rule set by name. */
  byDate: z.optional(z.boolean()),
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
 *
 * @example
 * const parsed = ruleSetDocumentSchema.safeParse(JSON.parse(text));
 * if (!parsed.success) console.error(parsed.error.issues); // prefer loadRuleSet: it also checks facts, operators and extends
 */
export const ruleSetDocumentSchema = z.strictObject({
  ...ruleSetMetaSchema.shape,
  parameters: z._default(parametersFileSchema, {}),
  rules: z._default(z.partialRecord(computationSchema, z.array(ruleSchema).check(z.maxLength(LIMITS.maxRulesPerComputation))), {}),
  cases: z.optional(z.array(caseSchema).check(z.maxLength(LIMITS.maxCases))),
  readme: z.optional(z.string().check(z.maxLength(200000))),
});
/**
 * A whole rule set as one document (ruleset.json + parameters.json + *.rules.json + cases.json), as validated by {@link ruleSetDocumentSchema}.
 *
 * @example
 * const doc: RuleSetDocument | undefined = defaultRegistry().get('bw-im-2023')?.document;
 * console.log(doc?.validFrom, doc?.validity.from.confidence); // '2023-06-06' 'assumed'
 */
export type RuleSetDocument = z.infer<typeof ruleSetDocumentSchema>;

/**
 * JSON Schema (draft 2020-12) of a rule-set document, for editors and other tools.
 *
 * @example
 * fs.writeFileSync('ruleset.schema.json', JSON.stringify(ruleSetJsonSchema(), null, 2));
 * // The package also ships it: "$schema": "node_modules/foerderregeln/docs/ruleset.schema.json"
 */
export const ruleSetJsonSchema = /* @__PURE__ */ guardApi('ruleSetJsonSchema', function ruleSetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ruleSetDocumentSchema, { io: 'input', unrepresentable: 'any' });
});
