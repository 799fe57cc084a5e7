/**
 * Golden cases of the money computations (`computation` grant | allocation | staffing | lump-sum
 * in `cases.json`): runs the computation and flattens its result into the fields a case's
 * `expected` may name. A declared computation (src/programmes/) is run generically through its
 * declaration; allocation and staffing, not declared yet, are flattened here.
 */
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { RuleSetCase } from '../ruleset/schema.js';
import type { Assumption } from '../computation/assumptions.js';
import type { Issue } from '../issues.js';
import { allocate, type AllocationMethod } from '../domain/allocation.js';
import { computeStaffing } from '../domain/staffing.js';
import type { AnyComputation } from '../computation/define.js';
import { declaredComputation } from '../programmes/index.js';

function assumptionKeys(list: readonly Assumption[]): string[] {
  return list.map((a) => `${a.kind}:${a.ruleSet}/${a.name}`);
}

function failed(issues: readonly Issue[]): Record<string, unknown> {
  return { ok: false, issueCode: issues[0]?.code ?? null, issueCodes: issues.map((i) => i.code) };
}

/** A golden case of a declared computation: the input, the date, and whether to select the rule set by date. */
export interface ComputationCase {
  facts: unknown;
  on?: string | undefined;
  byDate?: boolean | undefined;
}

/**
 * The fields of a declared computation's result that a case's `expected` can name: its flat
 * columns, then the rule set, overlays, assumption keys (`kind:ruleSet/name`) and number of notes;
 * or `ok: false` with the issue codes.
 */
export function computationCaseActual(computation: AnyComputation, c: ComputationCase, ruleSet: LoadedRuleSet, registry: RuleSetRegistry): Record<string, unknown> {
  const select = c.byDate === true ? { programme: ruleSet.document.programme } : { ruleSet: ruleSet.id };
  const r = computation.evaluate(c.facts, { registry, ...select, ...(c.on !== undefined ? { on: c.on } : {}) });
  if (!r.ok) return failed(r.issues);
  return {
    ok: true,
    ...computation.project(r),
    ruleSet: r.ruleSet.id,
    overlays: r.ruleSet.overlays,
    assumptions: assumptionKeys(r.assumptions),
    notes: r.notes.length,
  };
}

/** The fields of a money case's result that `expected` can be compared with; `ok` says whether it computed. */
export function moneyCaseActual(c: RuleSetCase, ruleSet: LoadedRuleSet, registry: RuleSetRegistry): Record<string, unknown> {
  const declared = declaredComputation(c.computation);
  if (declared !== undefined) return computationCaseActual(declared, c, ruleSet, registry);
  const select = c.byDate === true ? { programme: ruleSet.document.programme } : { ruleSet: ruleSet.id };
  const facts = c.facts;
  switch (c.computation) {
    case 'allocation': {
      const budget = facts.budget;
      const method = facts.method;
      const r = allocate(Array.isArray(facts.recipients) ? facts.recipients : [], {
        on: c.on,
        registry,
        ...select,
        ...(typeof budget === 'string' || typeof budget === 'number' ? { budget } : {}),
        ...(typeof method === 'string' ? { method: method as AllocationMethod } : {}),
        ...(typeof facts.statewideWeight === 'string' || typeof facts.statewideWeight === 'number' ? { statewideWeight: facts.statewideWeight } : {}),
      });
      if (!r.ok) return failed(r.issues);
      const amounts: Record<string, string> = {};
      const jointly: Record<string, boolean | null> = {};
      const rowIssues: Record<string, string[]> = {};
      for (const row of r.rows) {
        if (row.ok) {
          amounts[row.id] = row.amount;
          jointly[row.id] = row.mustApplyJointly;
        } else rowIssues[String(row.row)] = row.issues.map((i) => i.code);
      }
      return {
        ok: true,
        key: r.key,
        mode: r.mode,
        method: r.method,
        amounts,
        mustApplyJointly: jointly,
        rowIssues,
        ...r.summary,
        ruleSet: r.ruleSet.id,
        assumptions: assumptionKeys(r.assumptions),
        notes: r.notes.map((n) => n.en),
      };
    }
    case 'staffing': {
      const year = facts.year;
      const r = computeStaffing(Array.isArray(facts.districts) ? facts.districts : [], {
        on: c.on,
        registry,
        ...select,
        ...(typeof year === 'number' ? { year } : {}),
      });
      if (!r.ok) return failed(r.issues);
      const rows: Record<string, unknown> = {};
      for (const row of r.rows) {
        if (row.ok) {
          const { ok: _ok, row: _row, id, name: _name, ...figures } = row;
          rows[id] = figures;
        } else rows[`row ${row.row}`] = row.issues.map((i) => i.code);
      }
      return { ok: true, rows, summary: r.summary, ruleSet: r.ruleSet.id, assumptions: assumptionKeys(r.assumptions), notes: r.notes.length };
    }
    case 'grant':
    case 'lump-sum':
    case 'eligibility':
      throw new Error(`${c.computation} cases are run by runCase or as declared computations`);
  }
}
