/**
 * Golden cases of the money computations (`computation` grant | allocation | staffing | lump-sum
 * in `cases.json`): runs the computation and flattens its result into the fields a case's
 * `expected` may name.
 */
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { RuleSetCase } from '../ruleset/schema.js';
import type { Assumption } from '../computation/assumptions.js';
import type { Issue } from '../issues.js';
import { computeGrant } from '../domain/grant.js';
import { allocate, type AllocationMethod } from '../domain/allocation.js';
import { computeStaffing } from '../domain/staffing.js';
import { computeLumpSum } from '../domain/lumpSum.js';

function assumptionKeys(list: readonly Assumption[]): string[] {
  return list.map((a) => `${a.kind}:${a.ruleSet}/${a.name}`);
}

function failed(issues: readonly Issue[]): Record<string, unknown> {
  return { ok: false, issueCode: issues[0]?.code ?? null, issueCodes: issues.map((i) => i.code) };
}

/** The fields of a money case's result that `expected` can be compared with; `ok` says whether it computed. */
export function moneyCaseActual(c: RuleSetCase, ruleSet: LoadedRuleSet, registry: RuleSetRegistry): Record<string, unknown> {
  const select = c.byDate === true ? { programme: ruleSet.document.programme } : { ruleSet: ruleSet.id };
  const facts = c.facts;
  switch (c.computation) {
    case 'grant': {
      const r = computeGrant(facts, { on: c.on, registry, ...select });
      if (!r.ok) return failed(r.issues);
      return {
        ok: true,
        ratePerFteYear: r.ratePerFteYear,
        yearlyAmount: r.yearlyAmount,
        months: r.months,
        fundedMonths: r.fundedMonths,
        endDate: r.endDate,
        total: r.total,
        periodStart: r.periodStart,
        funded: r.funded,
        notFunded: r.notFunded?.code ?? null,
        ruleSet: r.ruleSet.id,
        overlays: r.ruleSet.overlays,
        assumptions: assumptionKeys(r.assumptions),
        notes: r.notes.length,
      };
    }
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
    case 'lump-sum': {
      const r = computeLumpSum(facts, { registry, ...select });
      if (!r.ok) return failed(r.issues);
      return {
        ok: true,
        amount: r.amount,
        unrounded: r.unrounded,
        baseAmount: r.baseAmount,
        baseYear: r.baseYear,
        upratingYears: r.upratingYears,
        ruleSet: r.ruleSet.id,
        assumptions: assumptionKeys(r.assumptions),
      };
    }
    case 'eligibility':
      throw new Error('eligibility cases are run by runCase');
  }
}
