/**
 * The computations the HTTP service offers. A DECLARED per-item computation (`defineComputation`,
 * src/computation/define.ts) gets its routes from its declaration with {@link declared}: the item
 * schema is the declaration's `input`, each item is computed by its `evaluate`; only the HTTP words
 * are written here (route name, summaries, item schema name, result schema). Eligibility (its own
 * fast batch path) and the list computations (allocation, staffing: a request wrapping a list, see
 * {@link listRequest}) have explicit entries. The server makes the single, batch and stream routes
 * of every entry generically, the OpenAPI documents and schemas list them all.
 */
import * as z from 'zod';
import { allocate } from '../../domain/allocation.js';
import { checkEligibility, type EligibilityResult } from '../../domain/eligibility.js';
import { checkEligibilityMany } from '../../domain/batch.js';
import { GRANT } from '../../domain/grant.js';
import { LUMP_SUM } from '../../domain/lumpSum.js';
import { computeStaffing } from '../../domain/staffing.js';
import { personSchema } from '../../contract/person.js';
import { explainEligibility } from '../../explain/text.js';
import type { AnyComputation } from '../../computation/define.js';
import type { Assumption } from '../../computation/assumptions.js';
import { issueOf, type Issue } from '../../issues.js';
import { message } from '../../messages/catalogue.js';
import type { RuleSetRef } from '../../versions/select.js';
import type { RuleSetRegistry } from '../../versions/registry.js';
import { PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';
import {
  allocationRequestSchema,
  allocationResultSchema,
  eligibilityResultSchema,
  grantResultSchema,
  idOf,
  lumpSumResultSchema,
  staffingRequestSchema,
  staffingResultSchema,
} from './answers.js';

/** Query options shared by the computation routes. */
export interface ComputeQuery {
  on?: string;
  ruleSet?: string;
  lang: 'de' | 'en';
  explain: boolean;
}

/** A library result as the service returns it, before the summary is made. */
type AnyResult = { ok: boolean; [k: string]: unknown };

/** The options of a library call: the registry, and the date and rule set of the query where given. */
type CallOptions = { on?: string; ruleSet?: string; registry: RuleSetRegistry };

/** One computation offered over HTTP. */
export interface HttpComputation {
  /** Path segment under /v1: `eligibility`, `grants`, … */
  name: string;
  /** Words for the OpenAPI summaries. */
  what: { one: string; many: string };
  /** Name of the item schema (`Person`, `Post`, …). */
  item: string;
  /** Name of the result schema (`EligibilityResult`, …). */
  result: string;
  /** The item and result schemas (named `item` and `result`). */
  schemas: { item: z.ZodType; result: z.ZodObject };
  /** Query options that apply (besides lang and explain). */
  query: readonly ('on' | 'ruleSet')[];
  /** The programme whose rule set in force on `?on=` the stream names before computing; default the library's default programme. */
  programme?: string;
  /** Computes one item. */
  one(item: unknown, q: ComputeQuery, registry: RuleSetRegistry): AnyResult;
  /** Computes many items (one result per item, in order); default: `one` per item. */
  many?(items: readonly unknown[], q: ComputeQuery, registry: RuleSetRegistry): AnyResult[];
}

/** The HTTP words of a computation: route name, summaries, query options and the item and result schemas. */
type Served = Omit<HttpComputation, 'item' | 'result' | 'schemas' | 'one' | 'many' | 'query'> & {
  item: z.ZodType;
  result: z.ZodObject;
  query?: HttpComputation['query'];
};

function served(s: Served, compute: Pick<HttpComputation, 'one' | 'many'>): HttpComputation {
  const { item, result, query, ...rest } = s;
  return { ...rest, item: idOf(item), result: idOf(result), schemas: { item, result }, query: query ?? ['on', 'ruleSet'], ...compute };
}

function options(q: ComputeQuery, registry: RuleSetRegistry): CallOptions {
  return { registry, ...(q.on !== undefined ? { on: q.on } : {}), ...(q.ruleSet !== undefined ? { ruleSet: q.ruleSet } : {}) };
}

/**
 * The routes of a declared per-item computation: the item schema is the declaration's `input`
 * (published as `item`), each item is computed by its `evaluate` with the query's options.
 */
export function declared(c: AnyComputation & { readonly input: z.ZodType }, words: Omit<Served, 'item' | 'programme'> & { item: string }): HttpComputation {
  return served({ ...words, item: c.input.meta({ id: words.item }), programme: c.programme }, { one: (item, q, registry) => c.evaluate(item, options(q, registry)) as AnyResult });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The routes of a computation over a list that a request wraps: `{ id?, <list>: [ … ], <fields>… }`
 * (allocation: `recipients`, `budget`, `method`; staffing: `districts`, `year`). The envelope is
 * checked here; `compute` gets the list and the call options with the request's fields, and the
 * result gets the request's id. A list computation declared with `defineComputation` plugs in as
 * `compute: (rows, options) => DECLARATION.evaluate(rows, options)`.
 */
export function listRequest<F extends object>(
  s: Served,
  list: string,
  fields: readonly (keyof F & string)[],
  compute: (rows: unknown[], options: CallOptions & Partial<F>) => object,
): HttpComputation {
  return served(s, {
    one: (item, q, registry) => {
      if (!isRecord(item)) return { ok: false, id: null, issues: [issueOf('invalid-type.object', [])] };
      const id = typeof item.id === 'string' ? item.id : null;
      const issues: Issue[] = [];
      for (const k of Object.keys(item)) {
        if (k !== list && k !== 'id' && !(fields as readonly string[]).includes(k)) issues.push(issueOf('unknown-field.by-name', [k], { field: k }));
      }
      if (item.id !== undefined && typeof item.id !== 'string') issues.push(issueOf('invalid-type.id-string', ['id']));
      const rows = item[list];
      if (!Array.isArray(rows)) issues.push({ code: rows === undefined ? 'missing-field' : 'invalid-type', path: [list], message: message('invalid-type.list', { name: list }) });
      if (issues.length > 0 || !Array.isArray(rows)) return { ok: false, id, issues };
      const rest: Record<string, unknown> = {};
      for (const k of fields) if (item[k] !== undefined) rest[k] = item[k];
      return { ...(compute(rows as unknown[], { ...options(q, registry), ...(rest as Partial<F>) }) as AnyResult), id };
    },
  });
}

function withExplanation(r: EligibilityResult, q: ComputeQuery): AnyResult {
  return q.explain ? { ...r, explanation: explainEligibility(r, q.lang) } : (r as unknown as AnyResult);
}

/** The computations, in the order the OpenAPI document lists them. */
export const HTTP_COMPUTATIONS: readonly HttpComputation[] = [
  served(
    {
      name: 'eligibility',
      what: { one: 'Is a person in the target group on a date, and until when may they be counselled?', many: 'persons' },
      item: z.strictObject(personSchema.shape).meta({ id: 'Person' }),
      result: eligibilityResultSchema,
    },
    {
      one: (item, q, registry) => withExplanation(checkEligibility(item, { ...options(q, registry), trace: q.explain }), q),
      many: (items, q, registry) => checkEligibilityMany(items, { ...options(q, registry), trace: q.explain }).map((r) => withExplanation(r, q)),
    },
  ),
  declared(GRANT, { name: 'grants', what: { one: 'The grant for a post (or a share of one): rate, months, end date, total.', many: 'posts' }, item: 'Post', result: grantResultSchema }),
  listRequest<{ budget: string; method: 'proportional' }>(
    {
      name: 'allocations',
      what: { one: 'Splits a budget (or applies a per-unit rate) over recipients by the rule set\'s key; the residual is reported.', many: 'allocation requests' },
      item: allocationRequestSchema,
      result: allocationResultSchema,
    },
    'recipients',
    ['budget', 'method'],
    (rows, o) => allocate(rows, o),
  ),
  listRequest<{ year: number }>(
    {
      name: 'staffing',
      what: { one: 'FTE justified by the staffing ratio, funding and the per-case amount per district.', many: 'staffing requests' },
      item: staffingRequestSchema,
      result: staffingResultSchema,
    },
    'districts',
    ['year'],
    (rows, o) => computeStaffing(rows, o),
  ),
  declared(LUMP_SUM, {
    name: 'lump-sums',
    what: { one: 'A statutory lump sum of the FlüAG for a kind and year.', many: 'lump-sum requests' },
    item: 'LumpSumRequest',
    result: lumpSumResultSchema,
    query: ['ruleSet'],
  }),
];

/** Rule sets and assumptions of many results, each once, in the order first met. */
export class Provenance {
  private readonly sets = new Map<string, RuleSetRef>();
  private readonly assumptions = new Map<string, Assumption>();

  /** Records a result's rule set and assumptions; returns the result as the answer shows it. */
  take(r: AnyResult, explain: boolean): AnyResult {
    const ref = r.ruleSet as RuleSetRef | undefined;
    if (ref !== undefined && typeof ref === 'object') {
      const key = `${ref.id}|${ref.resolvedHash}`;
      if (!this.sets.has(key)) this.sets.set(key, ref);
    }
    const list = r.assumptions as Assumption[] | undefined;
    if (Array.isArray(list)) {
      for (const a of list) {
        const key = `${a.kind}|${a.ruleSet}|${a.name}|${a.from ?? ''}|${JSON.stringify(a.value ?? null)}`;
        if (!this.assumptions.has(key)) this.assumptions.set(key, a);
      }
    }
    return explain ? r : summary(r);
  }

  ruleSets(): RuleSetRef[] {
    return [...this.sets.values()];
  }

  allAssumptions(): Assumption[] {
    return [...this.assumptions.values()];
  }

  /** The head of an answer: package version, the rule sets and the assumptions taken so far. */
  envelope(): { packageVersion: string; ruleSets: RuleSetRef[]; assumptions: Assumption[] } {
    return { packageVersion: PACKAGE_VERSION, ruleSets: this.ruleSets(), assumptions: this.allAssumptions() };
  }
}

/** A result without trace, assumptions and citation (they are in the answer once, or with explain=true). */
export function summary(r: AnyResult): AnyResult {
  if (!r.ok) return r;
  const { trace: _t, assumptions: _a, ...rest } = r;
  const basis = rest.basis as { citation?: unknown } | undefined;
  if (basis !== undefined) {
    const { citation: _c, ...b } = basis;
    return { ...rest, basis: b };
  }
  return rest;
}

