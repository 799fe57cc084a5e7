import { emptyKernelFacts, isCalendarDateFast, isSupportedDateFast, readPersonFacts, type KernelFacts } from './person-check.js';
import { accommodationStage, type Accommodation } from '../contract/person.js';
import type { Person } from '../contract/person.js';
import {
  checkEligibility,
  compiledEligibility,
  decisionParts,
  type DecisionParts,
  counsellingEnd,
  NOT_IN_TARGET_GROUP,
  idOf,
  optionIssues,
  selectRuleSet,
  type CompiledEligibility,
  type CounsellingLimit,
  type EligibilityBasis,
  type EligibilityOptions,
  type EligibilityResult,
  type RuleSetRef,
} from './eligibility.js';
import { FoerderregelnError, issueOf, type Issue } from '../issues.js';
import type { CompiledRule, Facts } from '../engine/compile.js';
import type { ResolvedRuleSet } from '../versions/resolve.js';
import { guardApi } from '../_lib/guard.js';
import { notedBasis } from '../ruleset/note.js';

/**
 * Options of {@link evaluateEligibilityBatch}: those of `checkEligibility` without `trace`.
 *
 * @example
 * const opts: EligibilityBatchOptions = { on: '2024-03-01', ruleSet: 'bw-im-2023' };
 * evaluateEligibilityBatch(rows, opts);
 */
export type EligibilityBatchOptions = Omit<EligibilityOptions, 'trace'>;

/**
 * Results of {@link evaluateEligibilityBatch} in columns, one entry per input row, in input
 * order. Row `i` says the same as `checkEligibilityMany(persons, options)[i]`:
 * `ok[i]`, `eligible[i]`, `bases[basis[i]]`, `counsellingEndsOn[i]`, `ruleSets[ruleSet[i]]`,
 * `on[i]`, and for invalid rows `issues.get(i)`. {@link EligibilityBatch.result} builds the full
 * result object of a row (with assumptions and notes) when it is needed.
 *
 * @example
 * const b: EligibilityBatch = evaluateEligibilityBatch(rows, { on: '2024-03-01' });
 * console.log(b.validCount, b.eligibleCount);
 * const first = b.result(0); // the full EligibilityResult of row 0
 */
export interface EligibilityBatch {
  /** Number of rows. */
  readonly length: number;
  /** 1 where the row was valid and evaluated, 0 where `issues` holds the reasons. */
  readonly ok: Uint8Array;
  /** 1 where the person is eligible. */
  readonly eligible: Uint8Array;
  /** Index into `bases`, or -1 for an invalid row. */
  readonly basis: Int32Array;
  /** The distinct bases used (shared objects; do not mutate). */
  readonly bases: readonly EligibilityBasis[];
  /** Index into `ruleSets`, or -1 for an invalid row. */
  readonly ruleSet: Int32Array;
  /** The distinct rule sets used. */
  readonly ruleSets: readonly RuleSetRef[];
  /** Last day counselling may continue (eligible or excluded rows under a limit), else null. */
  readonly counsellingEndsOn: readonly (string | null)[];
  /** The assessment date of each valid row, null for invalid rows. */
  readonly on: readonly (string | null)[];
  /** Issues of the invalid rows, by row index. */
  readonly issues: ReadonlyMap<number, Issue[]>;
  /** Count of valid rows. */
  readonly validCount: number;
  /** Count of eligible rows. */
  readonly eligibleCount: number;
  /**
   * The full result of row `i`, as `checkEligibility(persons[i], { ...options, trace: false })` gives it.
   *
   * @throws RangeError `row 7 is out of range` when `i` is not a row index.
   */
  result(i: number): EligibilityResult;
}

interface Slot {
  compiled: CompiledEligibility;
  rules: CompiledRule[];
  targetIdx: number[];
  exclusionIdx: number[];
  limit: CounsellingLimit | null;
  ruleSetIdx: number;
  /** Index into bases for each rule index. */
  basisIdx: number[];
  /** Counselling ends of this slot's limit by start date (outlive the batch). */
  endTable: EndTable;
  /** Per start fact: true when the batch's facts hold a validated date or null there. */
  startIsDate: boolean[];
  /** Per start fact: reads it from the kernel's facts (named reads for the validated facts). */
  startRead: ((f: Record<string, unknown>) => unknown)[];
  /** Index of the start fact the last {@link endOf} call used (-1: none). */
  lastStart: number;
  /** The column code of the end the last {@link endOf} call gave (see {@link Batch.endCode}). */
  lastEnd: number;
  /** Code of this slot's assessment date in {@link Tables.ons}. */
  onCode: number;
  /** Shared result parts by decision code (see ResultSink), and by decision, start fact, extension and start date. */
  parts: (DecisionParts | undefined)[];
  partsByStart: (Map<string, DecisionParts> | undefined)[];
}

/** Facts the batch fills with a validated date or null (so `!== null` means a valid date). */
const VALIDATED_DATE_FACTS: ReadonlySet<string> = new Set(['followUpSince', 'counsellingSince', 'arrivalDate', 'on']);

/**
 * Counselling ends under one limit, by start date and extension flag (index 0 without, 1 with
 * a justified extension); they live as long as the compiled limit, across batches. Start dates
 * the batch validated (1900-01-01 … 2199-12-31) are looked up by day: `byDay[j][year - 1900]
 * [(month - 1) * 31 + day - 1]`; other start values by string.
 */
interface EndTable {
  readonly byDay: [(string | undefined)[][], (string | undefined)[][]];
  readonly byStart: [Map<string, string>, Map<string, string>];
}
const DAYS_PER_YEAR_SLOTS = 372;
const YEAR_SLOTS = 300;
const endTables = new WeakMap<CounsellingLimit, EndTable>();
function endTableFor(limit: CounsellingLimit | null): EndTable {
  const fresh = (): EndTable => ({ byDay: [[], []], byStart: [new Map<string, string>(), new Map<string, string>()] });
  if (limit === null) return fresh();
  let e = endTables.get(limit);
  if (e === undefined) {
    e = fresh();
    endTables.set(limit, e);
  }
  return e;
}

/** Reads a start fact from the kernel's facts: one named read for each fact the batch validates. */
function startReader(name: string): (f: Record<string, unknown>) => unknown {
  switch (name) {
    case 'followUpSince':
      return (f) => f.followUpSince;
    case 'counsellingSince':
      return (f) => f.counsellingSince;
    case 'arrivalDate':
      return (f) => f.arrivalDate;
    case 'on':
      return (f) => f.on;
    default:
      return (f) => f[name];
  }
}

/**
 * The shared result parts of one compiled rule set, by decision code and by start: kept across
 * calls (the HTTP stream and the CLI call the list API once per chunk of a few hundred rows).
 * The parts are memoised by {@link decisionParts} anyway; this spares building its string key.
 */
const partsCache = new WeakMap<CompiledEligibility, Pick<Slot, 'parts' | 'partsByStart'>>();
function partsFor(compiled: CompiledEligibility): Pick<Slot, 'parts' | 'partsByStart'> {
  let p = partsCache.get(compiled);
  if (p === undefined) {
    p = { parts: [], partsByStart: [] };
    partsCache.set(compiled, p);
  }
  return p;
}

interface Tables {
  bases: EligibilityBasis[];
  basisKey: Map<string, number>;
  ruleSets: RuleSetRef[];
  ruleSetKey: Map<string, number>;
  /** Counselling ends not in a slot's day table (see {@link Batch.endCode}). */
  ends: string[];
  endKey: Map<string, number>;
  /** The end table of the slot of each assessment date (by on code - 1), if any. */
  endTables: (EndTable | undefined)[];
  /** Assessment dates met in this decide loop; on code `c > 0` stands for `ons[c - 1]`. */
  ons: string[];
  onKey: Map<string, number>;
}

function newTables(): Tables {
  return { bases: [NOT_IN_TARGET], basisKey: new Map(), ruleSets: [], ruleSetKey: new Map(), ends: [], endKey: new Map(), endTables: [], ons: [], onKey: new Map() };
}

/** The code of a string in a table (1-based; 0 stands for null). */
function codeOf(list: string[], key: Map<string, number>, value: string | null): number {
  if (value === null) return 0;
  let c = key.get(value);
  if (c === undefined) {
    list.push(value);
    c = list.length;
    key.set(value, c);
  }
  return c;
}

type RuleSource = NonNullable<ResolvedRuleSet['rules']['eligibility']>[number];

const NOT_IN_TARGET: EligibilityBasis = { code: 'not-in-target-group', rule: null, description: NOT_IN_TARGET_GROUP, citation: null };

/** The index of a value in a table's list under its key, appended when new. */
function intern<T>(list: T[], index: Map<string, number>, key: string, value: T): number {
  let i = index.get(key);
  if (i === undefined) {
    i = list.length;
    list.push(value);
    index.set(key, i);
  }
  return i;
}

function ruleSetIndex(t: Tables, ref: RuleSetRef): number {
  return intern(t.ruleSets, t.ruleSetKey, `${ref.id}|${ref.resolvedHash}`, ref);
}

function basisIndex(t: Tables, resolvedHash: string, basis: EligibilityBasis): number {
  if (basis.rule === null && basis.code === NOT_IN_TARGET.code) return 0;
  return intern(t.bases, t.basisKey, `${resolvedHash}|${basis.rule ?? ''}|${basis.code}`, basis);
}

function makeSlot(t: Tables, compiled: CompiledEligibility, on: string): Slot {
  const slot = makeSlotParts(t, compiled, on);
  t.endTables[slot.onCode - 1] = slot.endTable;
  return slot;
}

function makeSlotParts(t: Tables, compiled: CompiledEligibility, on: string): Slot {
  const ruleSetIdx = ruleSetIndex(t, compiled.ref);
  const basisIdx = compiled.rules.map((r) => {
    const src = r.rule.source as RuleSource;
    return basisIndex(t, compiled.ref.resolvedHash, {
      code: String(r.rule.event.params.basis),
      rule: r.rule.id,
      description: src.description,
      citation: notedBasis(src.citation),
    });
  });
  return {
    compiled,
    rules: compiled.rules,
    targetIdx: compiled.targetIdx,
    exclusionIdx: compiled.exclusionIdx,
    limit: compiled.limit,
    ruleSetIdx,
    basisIdx,
    endTable: endTableFor(compiled.limit),
    startIsDate: (compiled.limit?.startFacts ?? []).map((name) => VALIDATED_DATE_FACTS.has(name)),
    startRead: (compiled.limit?.startFacts ?? []).map(startReader),
    lastStart: -1,
    lastEnd: 0,
    onCode: codeOf(t.ons, t.onKey, on),
    ...partsFor(compiled),
  };
}

/**
 * The end of the counselling period for the facts (null without a start date), from the slot's
 * end table. Sets `slot.lastStart` (the start fact used) and `slot.lastEnd` (the column code).
 */
function endOf(slot: Slot, limit: CounsellingLimit, facts: Record<string, unknown>, tables: Tables): string | null {
  const names = limit.startFacts;
  const known = slot.startIsDate;
  slot.lastStart = -1;
  slot.lastEnd = 0;
  const j = facts.justifiedExtension === true ? 1 : 0;
  for (let i = 0; i < names.length; i++) {
    const v = (slot.startRead[i] as (f: Record<string, unknown>) => unknown)(facts);
    if (known[i] === true) {
      if (v === null) continue;
      // A date the batch validated: its day indexes the table.
      const s = v as string;
      slot.lastStart = i;
      const y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48) - 1900;
      const day = ((s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48) - 1) * 31 + (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48) - 1;
      const years = slot.endTable.byDay[j];
      let days = years[y];
      if (days === undefined) years[y] = days = new Array<string | undefined>(DAYS_PER_YEAR_SLOTS).fill(undefined);
      let end = days[day];
      if (end === undefined) {
        const computed = counsellingEnd(limit, facts);
        if (computed === null) return null;
        days[day] = end = computed;
      }
      slot.lastEnd = (j * YEAR_SLOTS + y) * DAYS_PER_YEAR_SLOTS + day + 1;
      return end;
    }
    if (isCalendarDateFast(v)) {
      slot.lastStart = i;
      const map = slot.endTable.byStart[j];
      let end = map.get(v);
      if (end === undefined) {
        const computed = counsellingEnd(limit, facts);
        if (computed === null) return null;
        end = computed;
        if (map.size > 100_000) map.clear();
        map.set(v, end);
      }
      slot.lastEnd = -codeOf(tables.ends, tables.endKey, end);
      return end;
    }
  }
  return null;
}

/** A column of strings kept as codes into a table (0: null), built as an array when first read. */
function materialize(codes: Int32Array, table: readonly string[]): (string | null)[] {
  const n = codes.length;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    out[i] = c > 0 ? (table[c - 1] as string) : null;
  }
  return out;
}

/** `value` where `ok[i]` is 1, else null. */
function fixedColumn(ok: Uint8Array, value: string): (string | null)[] {
  const n = ok.length;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) out[i] = ok[i] === 1 ? value : null;
  return out;
}

/** The counselling-end column from its codes (see {@link Batch.endCode}). */
function materializeEnds(codes: Int32Array, onCodes: Int32Array | null, tables: Tables): (string | null)[] {
  const n = codes.length;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    if (c === 0) out[i] = null;
    else if (c < 0) out[i] = tables.ends[-c - 1] as string;
    else {
      const k = c - 1;
      const day = k % DAYS_PER_YEAR_SLOTS;
      const yj = (k - day) / DAYS_PER_YEAR_SLOTS;
      const y = yj % YEAR_SLOTS;
      const j = (yj - y) / YEAR_SLOTS;
      // One assessment date for all rows (onCodes null): its code is 1.
      const table = tables.endTables[onCodes === null ? 0 : (onCodes[i] as number) - 1] as EndTable;
      out[i] = (table.byDay[j as 0 | 1][y] as (string | undefined)[])[day] as string;
    }
  }
  return out;
}

/**
 * The string columns of a batch as codes, written by the decide loop. `end[i]`: the counselling
 * end (0: null; `c > 0`: in the end table of the row's slot — by its on code — at
 * `c - 1 = (j * 300 + year - 1900) * 372 + day`, see {@link endOf}; `c < 0`: `tables.ends[-c - 1]`).
 * `on[i]`: the assessment date in `tables.ons` (0: null), or null when every row has `options.on`.
 */
interface Codes {
  end: Int32Array;
  on: Int32Array | null;
}

function newCodes(n: number, options: unknown): Codes {
  // With one assessment date for every row (options.on), a valid row's date is that date.
  // (Options may be anything here when they are invalid: then every row is invalid.)
  const fixedOn: unknown = (options as EligibilityBatchOptions | null | undefined)?.on;
  return { end: new Int32Array(n), on: typeof fixedOn === 'string' ? null : new Int32Array(n) };
}

class Batch implements EligibilityBatch {
  readonly length: number;
  readonly ok: Uint8Array;
  readonly eligible: Uint8Array;
  readonly basis: Int32Array;
  readonly ruleSet: Int32Array;
  // Redefined in the constructor as own enumerable accessors (keeping their place in the key
  // order): the string columns are kept as codes and built as arrays when first read — a
  // 100,000-row array of strings costs more to allocate than the decisions themselves.
  readonly counsellingEndsOn!: readonly (string | null)[];
  readonly on!: readonly (string | null)[];
  readonly issues = new Map<number, Issue[]>();
  readonly bases: EligibilityBasis[];
  readonly ruleSets: RuleSetRef[];
  validCount = 0;
  eligibleCount = 0;

  /** Rows whose full result is fixed (bad options or a non-list input). */
  readonly fixed = new Map<number, EligibilityResult>();

  constructor(
    private readonly persons: readonly unknown[],
    private readonly options: EligibilityBatchOptions,
    tables: Tables,
    codes: Codes = newCodes(persons.length, options),
  ) {
    const n = persons.length;
    this.length = n;
    this.ok = new Uint8Array(n);
    this.eligible = new Uint8Array(n);
    this.basis = new Int32Array(n).fill(-1);
    this.ruleSet = new Int32Array(n).fill(-1);
    let ends: (string | null)[] | undefined;
    let ons: (string | null)[] | undefined;
    const ok = this.ok;
    const fixedOn = (options as EligibilityBatchOptions | null | undefined)?.on as string;
    Object.defineProperty(this, 'counsellingEndsOn', { enumerable: true, configurable: false, get: () => (ends ??= materializeEnds(codes.end, codes.on, tables)) });
    Object.defineProperty(this, 'on', { enumerable: true, configurable: false, get: () => (ons ??= codes.on === null ? fixedColumn(ok, fixedOn) : materialize(codes.on, tables.ons)) });
    this.bases = tables.bases;
    this.ruleSets = tables.ruleSets;
  }

  result(i: number): EligibilityResult {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError(`row ${String(i)} is out of range`);
    const fixed = this.fixed.get(i);
    if (fixed !== undefined) return fixed;
    return checkEligibility(this.persons[i], { ...this.options, trace: false });
  }
}

/** What the decide kernel does with each row; rows arrive in input order. */
interface RowSink {
  /** The row is not certainly valid, has no date, or contradicts it: the full single check decides. */
  fallback(i: number, input: unknown): void;
  /** No rule set (or no compiled rules) for the row's date: these issues. */
  unselected(i: number, issues: readonly Issue[]): void;
  /**
   * The row was decided on the fast path. `facts` is reused for the next row: read it now.
   * `admitted`/`excluded` are rule indexes into `slot.rules` (-1: none); `slot.lastEnd` is
   * the column code of `facts.counsellingEndsOn`.
   */
  decided(i: number, person: Person, slot: Slot, on: string, admitted: number, excluded: number, facts: KernelFacts): void;
}

/**
 * The one decide loop of the list APIs: validates each row without allocating (valid plain
 * objects only; anything else goes to `sink.fallback`), selects and compiles the rule set per
 * date once, takes the counselling end from a cache, and decides "first target rule, then first
 * exclusion". `options` must already be valid.
 */
function decideRows(persons: readonly unknown[], options: EligibilityBatchOptions, tables: Tables, sink: RowSink): void {
  const n = persons.length;
  const fixedOn = options.on;
  // Invalid options make every row invalid: the single check gives the exact issues.
  const optionsValid = fixedOn === undefined || isSupportedDateFast(fixedOn);
  const slots = new Map<string, Slot | Issue[]>();
  const slotFor = (on: string): Slot | Issue[] => {
    let s = slots.get(on);
    if (s !== undefined) return s;
    const sel = selectRuleSet(options, on);
    if (!sel.ok) s = sel.issues;
    else {
      try {
        s = makeSlot(tables, compiledEligibility(sel.resolved, on), on);
      } catch (e) {
        if (e instanceof FoerderregelnError) s = e.issues;
        else throw e;
      }
    }
    if (slots.size > 100_000) slots.clear();
    slots.set(on, s);
    return s;
  };
  const fixedSlot = fixedOn !== undefined && optionsValid ? slotFor(fixedOn) : undefined;

  // One facts object, reused for every row.
  const facts = emptyKernelFacts();
  const f = facts as unknown as Facts;
  const factRecord = facts as unknown as Record<string, unknown>;

  for (let i = 0; i < n; i++) {
    const input = persons[i];
    let slot: Slot | Issue[] | undefined;
    let on: string | undefined;
    if (optionsValid && readPersonFacts(input, facts)) {
      on = fixedOn ?? (facts.on as string | null) ?? undefined;
      // Allocated to follow-up accommodation after the date: the single check reports the issue.
      const fu = facts.followUpSince as string | null;
      if (on !== undefined && !(fu !== null && fu > on && facts.accommodation === 'follow-up')) {
        slot = fixedSlot ?? slotFor(on);
        facts.accommodationStage = accommodationStage(facts.accommodation as Accommodation, fu, on);
      }
    }
    if (slot === undefined || on === undefined) {
      sink.fallback(i, input);
      continue;
    }
    if (Array.isArray(slot)) {
      sink.unselected(i, slot);
      continue;
    }
    facts.on = on;
    const limit = slot.limit;
    facts.counsellingEndsOn = limit === null ? null : endOf(slot, limit, factRecord, tables);
    const { rules, targetIdx, exclusionIdx } = slot;
    let admitted = -1;
    for (let t = 0; t < targetIdx.length; t++) {
      const idx = targetIdx[t] as number;
      if ((rules[idx] as CompiledRule).test(f)) {
        admitted = idx;
        break;
      }
    }
    let excluded = -1;
    if (admitted >= 0) {
      for (let t = 0; t < exclusionIdx.length; t++) {
        const idx = exclusionIdx[t] as number;
        if ((rules[idx] as CompiledRule).test(f)) {
          excluded = idx;
          break;
        }
      }
    }
    sink.decided(i, input as Person, slot, on, admitted, excluded, facts);
  }
}

/** Writes decisions into the columns of a {@link Batch}. */
class ColumnSink implements RowSink {
  constructor(
    private readonly out: Batch,
    private readonly codes: Codes,
    private readonly tables: Tables,
    private readonly singleOptions: EligibilityOptions,
  ) {}

  fallback(i: number, input: unknown): void {
    const out = this.out;
    const r = checkEligibility(input, this.singleOptions);
    if (r.ok) {
      out.ok[i] = 1;
      out.validCount++;
      if (r.eligible) {
        out.eligible[i] = 1;
        out.eligibleCount++;
      }
      out.basis[i] = basisIndex(this.tables, r.ruleSet.resolvedHash, r.basis);
      out.ruleSet[i] = ruleSetIndex(this.tables, r.ruleSet);
      this.codes.end[i] = -codeOf(this.tables.ends, this.tables.endKey, r.counsellingEndsOn);
      if (this.codes.on !== null) this.codes.on[i] = codeOf(this.tables.ons, this.tables.onKey, r.on);
    } else {
      out.issues.set(i, r.issues);
    }
  }

  unselected(i: number, issues: readonly Issue[]): void {
    this.out.issues.set(i, issues.slice());
  }

  decided(i: number, _person: Person, slot: Slot, _on: string, admitted: number, excluded: number): void {
    const out = this.out;
    const codes = this.codes;
    out.ok[i] = 1;
    out.validCount++;
    if (codes.on !== null) codes.on[i] = slot.onCode;
    out.ruleSet[i] = slot.ruleSetIdx;
    if (admitted >= 0) {
      if (excluded < 0) {
        out.eligible[i] = 1;
        out.eligibleCount++;
        out.basis[i] = slot.basisIdx[admitted] as number;
      } else {
        out.basis[i] = slot.basisIdx[excluded] as number;
      }
      if (slot.limit !== null) codes.end[i] = slot.lastEnd;
    } else {
      out.basis[i] = 0;
    }
  }
}

/** Builds one full result object per row from the parts shared by equal decisions. */
class ResultSink implements RowSink {
  constructor(
    private readonly persons: readonly unknown[],
    private readonly out: EligibilityResult[],
    private readonly singleOptions: EligibilityOptions,
  ) {}

  fallback(i: number, input: unknown): void {
    this.out[i] = checkEligibility(input, this.singleOptions);
  }

  unselected(i: number, issues: readonly Issue[]): void {
    this.out[i] = { ok: false, id: idOf(this.persons[i]), issues: issues.slice() };
  }

  decided(i: number, person: Person, slot: Slot, on: string, admitted: number, excluded: number, facts: KernelFacts): void {
    const limit = slot.limit;
    let end: string | null = null;
    let startFact: string | null = null;
    let start: string | null = null;
    if (admitted >= 0 && limit !== null) {
      end = facts.counsellingEndsOn as string | null;
      if (end !== null && slot.lastStart >= 0) {
        startFact = limit.startFacts[slot.lastStart] as string;
        start = (facts as unknown as Record<string, unknown>)[startFact] as string;
      }
    }
    // The shared parts, looked up without building a key string: by decision, then by start.
    const justified = facts.justifiedExtension === true;
    const code = ((admitted + 1) * (slot.rules.length + 1) + excluded + 1) * 2 + (end !== null ? 1 : 0);
    let parts: DecisionParts | undefined;
    if (start === null) {
      parts = slot.parts[code];
      if (parts === undefined) slot.parts[code] = parts = decisionParts(slot.compiled, admitted, excluded, end !== null, null, null, justified);
    } else {
      const byStartKey = (code * (limit as CounsellingLimit).startFacts.length + slot.lastStart) * 2 + (justified ? 1 : 0);
      let byStart = slot.partsByStart[byStartKey];
      if (byStart === undefined) slot.partsByStart[byStartKey] = byStart = new Map<string, DecisionParts>();
      parts = byStart.get(start);
      if (parts === undefined) {
        parts = decisionParts(slot.compiled, admitted, excluded, true, start, startFact, justified);
        if (byStart.size > 50_000) byStart.clear();
        byStart.set(start, parts);
      }
    }
    this.out[i] = {
      ok: true,
      id: person.id,
      on,
      eligible: admitted >= 0 && excluded < 0,
      basis: parts.basis,
      counsellingEndsOn: end,
      ruleSet: slot.compiled.ref,
      assumptions: parts.assumptions,
      trace: null,
      notes: parts.notes,
    };
  }
}

const NOT_A_LIST = (): Issue[] => [issueOf('invalid-type.list', ['persons'], { name: 'persons' })];

/**
 * Checks many persons at high speed and returns compact columns instead of one result object
 * per person (see {@link EligibilityBatch}). Decisions, bases, counselling ends, rule sets and
 * issues are exactly those of `checkEligibilityMany`; assumptions and notes are left out of the
 * columns (get them with `batch.result(i)`). Valid plain-object rows are checked without zod
 * and without allocating per row; other rows go through the full validation, so invalid rows
 * carry the same coded issues as from `checkEligibility`. Synchronous; never throws for bad
 * rows. Use chunks of a few hundred thousand rows for streams.
 *
 * @example
 * const b = evaluateEligibilityBatch(rows, { on: '2024-01-15' });
 * for (let i = 0; i < b.length; i++) {
 *   if (b.ok[i]) console.log(b.eligible[i] === 1, b.bases[b.basis[i]].code, b.counsellingEndsOn[i]);
 *   else console.log(b.issues.get(i));
 * }
 */
export const evaluateEligibilityBatch = guardApi('evaluateEligibilityBatch', function evaluateEligibilityBatch(persons: readonly unknown[], options: EligibilityBatchOptions = {}): EligibilityBatch {
  const tables = newTables();
  // Input that is not a list, or bad options: the same answers as checkEligibilityMany.
  const list: unknown = persons;
  if (!Array.isArray(list)) {
    const error: EligibilityResult = { ok: false, id: null, issues: NOT_A_LIST() };
    const b = new Batch([undefined], {}, tables);
    b.issues.set(0, error.issues);
    b.fixed.set(0, error);
    return b;
  }
  const codes = newCodes(persons.length, options);
  const out = new Batch(persons, options, tables, codes);
  const bad = optionIssues(options);
  if (bad.length > 0) {
    for (let i = 0; i < persons.length; i++) {
      const error: EligibilityResult = { ok: false, id: idOf(persons[i]), issues: bad };
      out.issues.set(i, bad);
      out.fixed.set(i, error);
    }
    return out;
  }
  decideRows(persons, options, tables, new ColumnSink(out, codes, tables, { ...options, trace: false }));
  return out;
});

/**
 * Checks many persons: one result per input, in input order; no trace unless asked for.
 * Without trace, valid rows are decided on the allocation-free path of
 * {@link evaluateEligibilityBatch}, and results with the same decision share their `basis`,
 * `assumptions`, `notes` and `ruleSet` (frozen): copy them before changing them.
 *
 * @example
 * const results = checkEligibilityMany(rows, { on: '2024-01-15' });
 * const eligible = results.filter((r) => r.ok && r.eligible).length;
 */
export const checkEligibilityMany = guardApi('checkEligibilityMany', function checkEligibilityMany(persons: readonly unknown[], options: EligibilityOptions = {}): EligibilityResult[] {
  // Callers without types can pass anything.
  const input: unknown = persons;
  // Only a real array: a string would be read per character, an array-like {length: 2**32-1} would allocate without bound.
  if (!Array.isArray(input)) return [{ ok: false, id: null, issues: NOT_A_LIST() }];
  const bad = optionIssues(options);
  if (bad.length > 0) return Array.from({ length: persons.length }, (_, i) => ({ ok: false as const, id: idOf(persons[i]), issues: bad }));
  const out: EligibilityResult[] = new Array<EligibilityResult>(persons.length);
  if (options.trace === true) {
    for (let i = 0; i < persons.length; i++) out[i] = checkEligibility(persons[i], options);
    return out;
  }
  const tables = newTables();
  decideRows(persons, options, tables, new ResultSink(persons, out, { ...options, trace: false }));
  return out;
});
