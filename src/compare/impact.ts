import { evaluateEligibilityBatch } from '../domain/batch.js';
import { hasTargetGroupRules } from '../domain/eligibility.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../versions/registry.js';
import type { ResolvedRuleSet } from '../versions/resolve.js';
import { diffResolved, resolveSides } from './diff.js';
import { issueOf, onOptionIssues, type Issue } from '../issues.js';
import { maxDate } from '../dates/calendar.js';
import { Money, formatMoney } from '../money/decimal.js';
import { addAssumptions, validityAssumptions, type Assumption } from '../computation/assumptions.js';
import type { Localized } from '../ruleset/schema.js';
import type { DistrictImpact, ImpactReport } from './types.js';
import { districtFunding, type DistrictWeights } from './funding.js';
import { bwDistricts } from '../data/districts.js';
import { guardApi } from '../_lib/guard.js';
import { reportMessage } from '../messages/reports.js';

/**
 * A district row of a caseload: counts given directly instead of person rows.
 *
 * @example
 * const row: DistrictCaseloadRow = { district: '08426', name: 'Biberach', persons: 1998 };
 */
export interface DistrictCaseloadRow {
  /** Five-digit district key. */
  district: string;
  name?: string;
  /** Persons in the target group (used for both sides when there are no person rows for the district). */
  persons?: number;
  population?: number;
  /** Persons allocated from initial reception in the reference period (key of the 2025 rules). */
  allocations?: number;
}

/**
 * A caseload: person rows (the person schema) and/or district rows. Exported as `ImpactCaseload`.
 *
 * @example
 * const caseload: ImpactCaseload = { persons: generatePersons({ count: 1000, seed: 1 }), label: { de: 'Test', en: 'Test' }, synthetic: true };
 */
export interface Caseload {
  persons?: Iterable<unknown>;
  districts?: readonly DistrictCaseloadRow[];
  /** What the caseload is, for reports. */
  label?: Localized;
  /** True when the persons are generated, not real; every output says so. */
  synthetic?: boolean;
}

/** Per-district eligibility counts of evaluated person rows: see {@link ImpactBuilder.tally}. */
export interface ImpactTally {
  districts: { district: string; persons: number; eligibleA: number; eligibleB: number; gained: number; lost: number; allocated: number }[];
  personRows: number;
  invalidRows: number;
  assumptionsA: Assumption[];
  assumptionsB: Assumption[];
}

/**
 * Options of {@link compareImpact}.
 *
 * @example
 * const options: CompareImpactOptions = { on: '2026-01-01', chunkSize: 8192 };
 */
export interface CompareImpactOptions {
  /** Assessment date; default the later `validFrom` of A and B. */
  on?: string;
  registry?: RuleSetRegistry;
  /** Persons evaluated per batch (memory bound); default 8,192 (small batches reuse memory; the report is the same for any size). */
  chunkSize?: number;
}

interface Acc {
  persons: number;
  eligibleA: number;
  eligibleB: number;
  gained: number;
  lost: number;
  /** Persons allocated from initial reception (everyone not in initial reception). */
  allocated: number;
}


function pct(diff: InstanceType<typeof Money>, base: InstanceType<typeof Money>): string | null {
  if (base.isZero()) return null;
  return diff.div(base).mul(100).toFixed(2);
}

/**
 * Builds an impact report step by step, so a caller can stream person rows from any source
 * (the CLI reads files asynchronously) without holding per-person results: `addPersons` takes a
 * batch at a time, `finish` computes funding and totals. {@link compareImpact} is the one-call form.
 */
export class ImpactBuilder {
  private readonly registry: RuleSetRegistry;
  private readonly ra: ResolvedRuleSet;
  private readonly rb: ResolvedRuleSet;
  readonly on: string;
  private readonly acc = new Map<string, Acc>();
  private personRows = 0;
  private invalidRows = 0;
  private readonly assumptionsA: Assumption[];
  private readonly assumptionsB: Assumption[];
  /** Basis indexes (of the batches' basis tables) whose assumptions were added, per side. */
  private readonly seenA: boolean[] = [];
  private readonly seenB: boolean[] = [];

  private constructor(registry: RuleSetRegistry, ra: ResolvedRuleSet, rb: ResolvedRuleSet, on: string) {
    this.registry = registry;
    this.ra = ra;
    this.rb = rb;
    this.on = on;
    this.assumptionsA = validityAssumptions(ra);
    this.assumptionsB = validityAssumptions(rb);
  }

  /** Resolves both rule sets and the date, or returns the issues. */
  static create(
    a: string | LoadedRuleSet,
    b: string | LoadedRuleSet,
    options: Omit<CompareImpactOptions, 'chunkSize'> = {},
  ): { ok: true; builder: ImpactBuilder } | { ok: false; issues: Issue[] } {
    const sides = resolveSides(a, b, options.registry);
    const issues: Issue[] = sides.ok ? [] : [...sides.issues];
    issues.push(...onOptionIssues(options.on));
    if (!sides.ok || issues.length > 0) return { ok: false, issues };
    const { a: ra, b: rb, registry } = sides;
    return { ok: true, builder: new ImpactBuilder(registry, ra, rb, options.on ?? maxDate(ra.validFrom, rb.validFrom)) };
  }

  private get(d: string): Acc {
    let x = this.acc.get(d);
    if (x === undefined) {
      x = { persons: 0, eligibleA: 0, eligibleB: 0, gained: 0, lost: 0, allocated: 0 };
      this.acc.set(d, x);
    }
    return x;
  }

  /** Adds a batch of person rows (validated here; invalid rows are counted, not used). */
  addPersons(chunk: readonly unknown[]): void {
    const { on, registry } = this;
    const ba = evaluateEligibilityBatch(chunk, { on, ruleSet: this.ra.id, registry });
    const bb = evaluateEligibilityBatch(chunk, { on, ruleSet: this.rb.id, registry });
    this.personRows += chunk.length;
    const { seenA, seenB } = this;
    const okA = ba.ok;
    const okB = bb.ok;
    const eligA = ba.eligible;
    const eligB = bb.eligible;
    const basisA = ba.basis;
    const basisB = bb.basis;
    // Rows of one district often follow each other: keep the last district's counts at hand.
    let lastDistrict: string | undefined;
    let x: Acc | undefined;
    for (let i = 0; i < chunk.length; i++) {
      if (okA[i] !== 1 || okB[i] !== 1) {
        this.invalidRows++;
        continue;
      }
      const p = chunk[i] as { district?: string; accommodation?: string };
      const district = p.district ?? 'unknown';
      if (district !== lastDistrict || x === undefined) {
        x = this.get(district);
        lastDistrict = district;
      }
      x.persons++;
      if (p.accommodation !== 'initial-reception') x.allocated++;
      const ea = eligA[i] === 1;
      const eb = eligB[i] === 1;
      if (ea) {
        x.eligibleA++;
        if (!eb) x.lost++;
      }
      if (eb) {
        x.eligibleB++;
        if (!ea) x.gained++;
      }
      // Assumptions of each distinct basis (one full result per basis, not per person).
      const ka = basisA[i] as number;
      if (seenA[ka] !== true) {
        seenA[ka] = true;
        const r = ba.result(i);
        if (r.ok) addAssumptions(this.assumptionsA, r.assumptions);
      }
      const kb = basisB[i] as number;
      if (seenB[kb] !== true) {
        seenB[kb] = true;
        const r = bb.result(i);
        if (r.ok) addAssumptions(this.assumptionsB, r.assumptions);
      }
    }
  }

  /**
   * What {@link addPersons} has counted so far: per district persons, eligible under A and B,
   * gained, lost and allocated, the row counts, and the assumptions the eligibility results
   * added. A caller that changes only what funding reads (not what eligibility reads) can give
   * this to a new builder with {@link addTally} instead of evaluating every person again (the
   * what-if page does so on every edit).
   */
  tally(): ImpactTally {
    return {
      districts: [...this.acc].map(([district, x]) => ({ district, ...x })),
      personRows: this.personRows,
      invalidRows: this.invalidRows,
      assumptionsA: this.assumptionsA.map((a) => ({ ...a })),
      assumptionsB: this.assumptionsB.map((a) => ({ ...a })),
    };
  }

  /**
   * Adds counts taken by {@link tally} from a builder with the same rule set A and a rule set B
   * whose eligibility rules and parameters are the same (the caller's promise): the result equals
   * adding the person rows again.
   */
  addTally(t: ImpactTally): void {
    for (const d of t.districts) {
      const x = this.get(d.district);
      x.persons += d.persons;
      x.eligibleA += d.eligibleA;
      x.eligibleB += d.eligibleB;
      x.gained += d.gained;
      x.lost += d.lost;
      x.allocated += d.allocated;
    }
    this.personRows += t.personRows;
    this.invalidRows += t.invalidRows;
    addAssumptions(this.assumptionsA, t.assumptionsA);
    addAssumptions(this.assumptionsB, t.assumptionsB);
  }

  /** Computes funding per district and the totals. */
  finish(caseload: Omit<Caseload, 'persons'> = {}): { ok: true; report: ImpactReport } | { ok: false; issues: Issue[] } {
    const { acc, ra, rb, on, registry } = this;
    const issues: Issue[] = [];
    // Persons counted under a rule set without target-group rules would all read as "lost" or
    // "never eligible": a confident wrong answer. District rows (persons given) still compare.
    if (this.personRows > 0) {
      for (const r of ra === rb ? [ra] : [ra, rb]) {
        if (!hasTargetGroupRules(r)) issues.push(issueOf('parameter-unavailable.no-target-group', ['caseload', 'persons'], { id: r.id }));
      }
      if (issues.length > 0) return { ok: false, issues };
    }
    const names = new Map<string, string>(bwDistricts().map((d) => [d.ags, d.type === 'urban' ? `${d.name} (Stadt)` : d.name]));
    const extra = new Map<string, DistrictCaseloadRow>();
    const districtRows = caseload.districts ?? [];
    districtRows.forEach((row, i) => {
      if (typeof row.district !== 'string' || !/^\d{5}$/.test(row.district)) {
        issues.push(issueOf('invalid-value.district-key', ['districts', i, 'district']));
        return;
      }
      for (const k of ['persons', 'population', 'allocations'] as const) {
        const v = row[k];
        if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
          issues.push(issueOf('invalid-value.non-negative-whole', ['districts', i, k], { name: k }));
        }
      }
      extra.set(row.district, row);
      if (row.name !== undefined) names.set(row.district, row.name);
      if (!acc.has(row.district) && row.persons !== undefined) {
        const x = this.get(row.district);
        x.persons = row.persons;
        x.eligibleA = row.persons;
        x.eligibleB = row.persons;
      } else {
        this.get(row.district);
      }
    });
    if (issues.length > 0) return { ok: false, issues };
    const personRows = this.personRows;
    const keys = [...acc.keys()].sort();
    const weights: DistrictWeights[] = keys.map((k) => {
      const x = acc.get(k) as Acc;
      const row = extra.get(k);
      return {
        district: k,
        eligibleA: x.eligibleA,
        eligibleB: x.eligibleB,
        population: row?.population ?? null,
        allocations: row?.allocations ?? (personRows > 0 ? x.allocated : null),
      };
    });
    const fa = districtFunding(ra, weights, 'A', on, registry);
    const fb = districtFunding(rb, weights, 'B', on, registry);
    const assumptionsA = [...this.assumptionsA];
    const assumptionsB = [...this.assumptionsB];
    addAssumptions(assumptionsA, fa.assumptions);
    addAssumptions(assumptionsB, fb.assumptions);

    const zero = new Money(0);
    const tot = { persons: 0, eligibleA: 0, eligibleB: 0, gained: 0, lost: 0, fteA: zero, fteB: zero, fundA: zero, fundB: zero };
    const districts: DistrictImpact[] = keys.map((k) => {
      const x = acc.get(k) as Acc;
      const A = fa.perDistrict.get(k);
      const B = fb.perDistrict.get(k);
      tot.persons += x.persons;
      tot.eligibleA += x.eligibleA;
      tot.eligibleB += x.eligibleB;
      tot.gained += x.gained;
      tot.lost += x.lost;
      if (A?.fte != null) tot.fteA = tot.fteA.add(A.fte);
      if (B?.fte != null) tot.fteB = tot.fteB.add(B.fte);
      if (A) tot.fundA = tot.fundA.add(A.funding);
      if (B) tot.fundB = tot.fundB.add(B.funding);
      const diff = A && B ? B.funding.sub(A.funding) : null;
      return {
        district: k,
        name: names.get(k) ?? (k === 'unknown' ? 'ohne Kreis / no district' : k),
        persons: x.persons,
        eligibleA: x.eligibleA,
        eligibleB: x.eligibleB,
        gained: x.gained,
        lost: x.lost,
        fteA: A?.fte != null ? A.fte.toString() : null,
        fteB: B?.fte != null ? B.fte.toString() : null,
        fundingA: A ? formatMoney(A.funding) : null,
        fundingB: B ? formatMoney(B.funding) : null,
        difference: diff ? formatMoney(diff) : null,
        differencePercent: diff && A ? pct(diff, A.funding) : null,
      };
    });
    const hasA = fa.perDistrict.size > 0;
    const hasB = fb.perDistrict.size > 0;
    const totalDiff = hasA && hasB ? tot.fundB.sub(tot.fundA) : null;
    const notes: Localized[] = [...fa.notes, ...fb.notes];
    if (this.invalidRows > 0) {
      notes.push(reportMessage('compare.invalid-person-rows', { n: this.invalidRows }));
    }
    const report: ImpactReport = {
      diff: diffResolved(ra, rb),
      on,
      caseload: {
        label: caseload.label ?? reportMessage('compare.caseload-own'),
        synthetic: caseload.synthetic === true,
        personRows,
        districtRows: districtRows.length,
        invalidRows: this.invalidRows,
      },
      districts,
      totals: {
        persons: tot.persons,
        eligibleA: tot.eligibleA,
        eligibleB: tot.eligibleB,
        gained: tot.gained,
        lost: tot.lost,
        fteA: fa.hasFte ? tot.fteA.toString() : null,
        fteB: fb.hasFte ? tot.fteB.toString() : null,
        fundingA: hasA ? formatMoney(tot.fundA) : null,
        fundingB: hasB ? formatMoney(tot.fundB) : null,
        difference: totalDiff ? formatMoney(totalDiff) : null,
        differencePercent: totalDiff ? pct(totalDiff, tot.fundA) : null,
      },
      fundingBasis: { a: fa.basis, b: fb.basis },
      assumptions: { a: assumptionsA, b: assumptionsB },
      notes,
    };
    return { ok: true, report };
  }
}

/**
 * Persons decided per batch by {@link compareImpact} (and the what-if page): small typed arrays are
 * reused by the engine, so 8,192 is faster than larger batches; the report is the same for any size.
 */
export const IMPACT_CHUNK = 8192;

/**
 * What moving from rule set A to rule set B means for a caseload: per district, persons eligible
 * under A and B (gained, lost), FTE justified and yearly funding under each (where the rule set
 * defines a funding rule for a caseload), the difference in € and %, statewide totals, and the
 * assumptions each side depends on. Person rows are evaluated in batches: a 1 M-person caseload
 * is never held as per-person results.
 *
 * @example
 * const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons: rows }, { on: '2026-01-01' });
 * if (r.ok) console.log(r.report.totals.fundingA, r.report.totals.fundingB);
 */
export const compareImpact = guardApi('compareImpact', function compareImpact(
  a: string | LoadedRuleSet,
  b: string | LoadedRuleSet,
  caseload: Caseload,
  options: CompareImpactOptions = {},
): { ok: true; report: ImpactReport } | { ok: false; issues: Issue[] } {
  const input: unknown = caseload;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, issues: [issueOf('invalid-type.object', ['caseload'])] };
  const created = ImpactBuilder.create(a, b, options);
  if (!created.ok) return created;
  const { builder } = created;
  const chunkSize = Math.max(1, Math.min(options.chunkSize ?? IMPACT_CHUNK, 1 << 22));
  const persons = caseload.persons;
  if (Array.isArray(persons)) {
    // A list: cut it into chunks without walking it element by element.
    const list = persons as readonly unknown[];
    for (let i = 0; i < list.length; i += chunkSize) builder.addPersons(list.slice(i, i + chunkSize));
  } else if (persons !== undefined) {
    let chunk: unknown[] = [];
    for (const p of persons) {
      chunk.push(p);
      if (chunk.length >= chunkSize) {
        builder.addPersons(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) builder.addPersons(chunk);
  }
  const { persons: _p, ...rest } = caseload;
  return builder.finish(rest);
});
