/**
 * The computations the HTTP service offers, declared once: the route name, the item schema, the
 * result schema, which query options apply, and how one item (or many) is computed with the
 * library's public functions. The server makes the single, batch and stream routes of every entry
 * generically.
 */
import { allocate } from '../../domain/allocation.js';
import { checkEligibility, type EligibilityResult } from '../../domain/eligibility.js';
import { checkEligibilityMany } from '../../domain/batch.js';
import { computeGrant } from '../../domain/grant.js';
import { computeLumpSum } from '../../domain/lumpSum.js';
import { computeStaffing } from '../../domain/staffing.js';
import { explainEligibility } from '../../explain/text.js';
import type { Assumption } from '../../computation/assumptions.js';
import { issueOf, type Issue } from '../../issues.js';
import { message } from '../../messages/catalogue.js';
import type { RuleSetRef } from '../../versions/select.js';
import type { RuleSetRegistry } from '../../versions/registry.js';
import type { ItemSchemaName, ResultSchemaName } from './schemas.js';

/** Query options shared by the computation routes. */
export interface ComputeQuery {
  on?: string;
  ruleSet?: string;
  lang: 'de' | 'en';
  explain: boolean;
}

/** A library result as the service returns it, before the summary is made. */
type AnyResult = { ok: boolean; [k: string]: unknown };

/** One computation offered over HTTP. */
export interface HttpComputation {
  /** Path segment under /v1: `eligibility`, `grants`, … */
  name: string;
  /** Words for the OpenAPI summaries. */
  what: { one: string; many: string };
  item: ItemSchemaName;
  result: ResultSchemaName;
  /** Query options that apply (besides lang and explain). */
  query: readonly ('on' | 'ruleSet')[];
  /** Computes one item. */
  one(item: unknown, q: ComputeQuery, registry: RuleSetRegistry): AnyResult;
  /** Computes many items (one result per item, in order); default: `one` per item. */
  many?(items: readonly unknown[], q: ComputeQuery, registry: RuleSetRegistry): AnyResult[];
}

function options(q: ComputeQuery, registry: RuleSetRegistry): { on?: string; ruleSet?: string; registry: RuleSetRegistry } {
  return { registry, ...(q.on !== undefined ? { on: q.on } : {}), ...(q.ruleSet !== undefined ? { ruleSet: q.ruleSet } : {}) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates the envelope of a request that wraps a list (allocation, staffing) and splits it into the list and the rest. */
function wrapped(
  item: unknown,
  list: string,
  allowed: readonly string[],
): { ok: true; id: string | null; rows: unknown[]; rest: Record<string, unknown> } | { ok: false; id: string | null; issues: Issue[] } {
  if (!isRecord(item)) {
    return { ok: false, id: null, issues: [issueOf('invalid-type.object', [])] };
  }
  const id = typeof item.id === 'string' ? item.id : null;
  const issues: Issue[] = [];
  for (const k of Object.keys(item)) {
    if (k !== list && k !== 'id' && !allowed.includes(k)) {
      issues.push(issueOf('unknown-field.by-name', [k], { field: k }));
    }
  }
  if (item.id !== undefined && typeof item.id !== 'string') issues.push(issueOf('invalid-type.id-string', ['id']));
  const rows = item[list];
  if (!Array.isArray(rows)) issues.push({ code: rows === undefined ? 'missing-field' : 'invalid-type', path: [list], message: message('invalid-type.list', { name: list }) });
  if (issues.length > 0 || !Array.isArray(rows)) return { ok: false, id, issues };
  const rest: Record<string, unknown> = {};
  for (const k of allowed) if (item[k] !== undefined) rest[k] = item[k];
  return { ok: true, id, rows: rows as unknown[], rest };
}

function withExplanation(r: EligibilityResult, q: ComputeQuery): AnyResult {
  return q.explain ? { ...r, explanation: explainEligibility(r, q.lang) } : (r as unknown as AnyResult);
}

/** The computations, in the order the OpenAPI document lists them. */
export const HTTP_COMPUTATIONS: readonly HttpComputation[] = [
  {
    name: 'eligibility',
    what: { one: 'Is a person in the target group on a date, and until when may they be counselled?', many: 'persons' },
    item: 'Person',
    result: 'EligibilityResult',
    query: ['on', 'ruleSet'],
    one: (item, q, registry) => withExplanation(checkEligibility(item, { ...options(q, registry), trace: q.explain }), q),
    many: (items, q, registry) => checkEligibilityMany(items, { ...options(q, registry), trace: q.explain }).map((r) => withExplanation(r, q)),
  },
  {
    name: 'grants',
    what: { one: 'The grant for a post (or a share of one): rate, months, end date, total.', many: 'posts' },
    item: 'Post',
    result: 'GrantResult',
    query: ['on', 'ruleSet'],
    one: (item, q, registry) => computeGrant(item, options(q, registry)) as unknown as AnyResult,
  },
  {
    name: 'allocations',
    what: { one: 'Splits a budget (or applies a per-unit rate) over recipients by the rule set\'s key; the residual is reported.', many: 'allocation requests' },
    item: 'AllocationRequest',
    result: 'AllocationResult',
    query: ['on', 'ruleSet'],
    one: (item, q, registry) => {
      const w = wrapped(item, 'recipients', ['budget', 'method']);
      if (!w.ok) return w;
      const r = allocate(w.rows, { ...options(q, registry), ...(w.rest as { budget?: string; method?: 'proportional' }) });
      return { ...(r as unknown as AnyResult), id: w.id };
    },
  },
  {
    name: 'staffing',
    what: { one: 'FTE justified by the staffing ratio, funding and the per-case amount per district.', many: 'staffing requests' },
    item: 'StaffingRequest',
    result: 'StaffingResult',
    query: ['on', 'ruleSet'],
    one: (item, q, registry) => {
      const w = wrapped(item, 'districts', ['year']);
      if (!w.ok) return w;
      const r = computeStaffing(w.rows, { ...options(q, registry), ...(w.rest as { year?: number }) });
      return { ...(r as unknown as AnyResult), id: w.id };
    },
  },
  {
    name: 'lump-sums',
    what: { one: 'A statutory lump sum of the FlüAG for a kind and year.', many: 'lump-sum requests' },
    item: 'LumpSumRequest',
    result: 'LumpSumResult',
    query: ['ruleSet'],
    one: (item, q, registry) => {
      const r = computeLumpSum(item, { registry, ...(q.ruleSet !== undefined ? { ruleSet: q.ruleSet } : {}) });
      return r as unknown as AnyResult;
    },
  },
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

