import { evaluateEligibilityBatch, type EligibilityBatchOptions } from '../../domain/batch.js';
import {
  checkEligibility,
  compiledEligibility,
  eligibilityFacts,
  idOf as personId,
  selectRuleSet,
  type CompiledEligibility,
  type EligibilityOptions,
  type EligibilityResult,
} from '../../domain/eligibility.js';
import type { CompiledRule } from '../../engine/compile.js';
import type { Person } from '../../contract/person.js';
import { personSchema } from '../../contract/person.js';
import type { Assumption } from '../../computation/assumptions.js';
import { explainEligibility } from '../../explain/text.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import { flagOption, stringOption, type Command, type Lang } from '../context.js';
import { fieldKindsOfSchema, type InputRow } from '../input.js';
import { columnKind, csvCellText, csvRecord, neutralise, type Column } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, csvTailColumns, dateOption, headColumns, idOf, issueText, mergeIssues, outputFormat, runRowCommand, yesNo } from '../rows.js';

/** One output row of `check`. */
export interface CheckRow {
  row: number;
  id: string | null;
  ok: boolean;
  /** The assessment date used. */
  on: string | null;
  eligible: boolean | null;
  /** Code of the rule that decided, e.g. `follow-up-accommodation`, `not-in-target-group`. */
  basis: string | null;
  counsellingEndsOn: string | null;
  /** Id of the rule set applied. */
  ruleSet: string | null;
  /** Content hash of that rule set. */
  ruleSetHash: string | null;
  /** Hash of the rule set with what it extends and the overlays applied. */
  resolvedHash: string | null;
  overlays: string[];
  /** What the result depends on that no source states outright, as `kind:ruleSet/name` (details: `--explain` or `show`). */
  assumptions: string[];
  notes: readonly Localized[];
  issues: Issue[];
  explanation?: string;
}

/** A short, stable reference to an assumption: `kind:ruleSet/name`, as golden cases write it. */
export function assumptionKey(a: Assumption): string {
  return `${a.kind}:${a.ruleSet}/${a.name}`;
}

/** Turns an eligibility result into a `check` row. */
export function checkRow(row: number, result: EligibilityResult, readingIssues: readonly Issue[], explain: Lang | null, idHint: string | null): CheckRow {
  const id = result.id !== null ? (result.id.length > 200 ? `${result.id.slice(0, 200)}…` : result.id) : idHint;
  const issues = result.ok ? [...readingIssues] : mergeIssues(readingIssues, result.issues);
  const good = result.ok && issues.length === 0 ? result : null;
  const out: CheckRow = {
    row,
    id,
    ok: good !== null,
    on: good?.on ?? null,
    eligible: good?.eligible ?? null,
    basis: good?.basis.code ?? null,
    counsellingEndsOn: good?.counsellingEndsOn ?? null,
    ruleSet: good?.ruleSet.id ?? null,
    ruleSetHash: good?.ruleSet.hash ?? null,
    resolvedHash: good?.ruleSet.resolvedHash ?? null,
    overlays: good !== null ? [...good.ruleSet.overlays] : [],
    assumptions: good !== null ? good.assumptions.map(assumptionKey) : [],
    notes: good?.notes ?? [],
    issues,
  };
  if (explain !== null) {
    out.explanation = explainEligibility(good ?? { ok: false, id, issues }, explain);
  }
  return out;
}

/** The parts of an ok `check` row that depend only on the rule set, date and decision. */
interface RowTemplate {
  on: string;
  eligible: boolean;
  basis: string;
  ruleSet: string;
  ruleSetHash: string;
  resolvedHash: string;
  overlays: string[];
  assumptions: string[];
  /** The notes of rows of this kind; only used for kinds whose notes do not depend on the row (no counselling end). */
  notes: readonly Localized[];
}

const NO_ISSUES: Issue[] = [];

/** On rows built from a template: the template (a symbol key, so JSON output does not show it). */
const TEMPLATE = Symbol('template');
type TemplateRow = CheckRow & { [TEMPLATE]?: RowTemplate };

/**
 * A batched `check` row whose notes name the row's own dates (the end under the other reading of
 * BGB § 187, a start before the limit came into force): the notes are computed the per-row way
 * when they are read (JSON output), never for CSV, table or workbook output, which do not show them.
 * Serialised by {@link LazyNotesRow.toJSON} exactly as a plain row with the same fields.
 */
class LazyNotesRow implements CheckRow {
  readonly ok = true;
  readonly issues: Issue[] = NO_ISSUES;
  #notes: readonly Localized[] | null = null;
  readonly #input: InputRow;
  readonly #batcher: CheckBatcher;
  readonly [TEMPLATE]: RowTemplate;

  constructor(
    readonly row: number,
    readonly id: string,
    readonly on: string,
    readonly eligible: boolean,
    readonly basis: string,
    readonly counsellingEndsOn: string | null,
    readonly ruleSet: string,
    readonly ruleSetHash: string,
    readonly resolvedHash: string,
    readonly overlays: string[],
    readonly assumptions: string[],
    tpl: RowTemplate,
    input: InputRow,
    batcher: CheckBatcher,
  ) {
    this[TEMPLATE] = tpl;
    this.#input = input;
    this.#batcher = batcher;
  }

  get notes(): readonly Localized[] {
    this.#notes ??= this.#batcher.one(this.#input).notes;
    return this.#notes;
  }

  /** The row as a plain object, keys in the order {@link checkRow} gives them. */
  toJSON(): CheckRow {
    return {
      row: this.row,
      id: this.id,
      ok: this.ok,
      on: this.on,
      eligible: this.eligible,
      basis: this.basis,
      counsellingEndsOn: this.counsellingEndsOn,
      ruleSet: this.ruleSet,
      ruleSetHash: this.ruleSetHash,
      resolvedHash: this.resolvedHash,
      overlays: this.overlays,
      assumptions: this.assumptions,
      notes: this.notes,
      issues: this.issues,
    };
  }
}

/** The CSV columns of `check` without `--explain`, in order; the shortcut below relies on them. */
const CSV_KEYS = 'row,id,ok,on,eligible,basis,counsellingEndsOn,ruleSet,overlays,ruleSetHash,resolvedHash,assumptions,issues';

/** One cell as csvRecord writes it, without a line break. */
function csvCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') ? csvRecord([cell], delimiter).slice(0, -1) : cell;
}

/**
 * CSV lines of template rows from cached pieces: the cells that are the same for every row of a
 * template (ok … basis, ruleSet … issues) are formatted once per template by the columns
 * themselves; only row, id and counsellingEndsOn are formatted per row. Other rows: null.
 */
export function checkCsvLines(columns: readonly Column<CheckRow>[]): ((row: CheckRow, delimiter: string) => string | null) | undefined {
  if (columns.map((c) => c.key).join(',') !== CSV_KEYS) return undefined;
  const pieces = new WeakMap<RowTemplate, { delimiter: string; mid: string; tail: string }>();
  return (row, delimiter) => {
    const tpl = (row as TemplateRow)[TEMPLATE];
    if (tpl === undefined || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') return null;
    let p = pieces.get(tpl);
    if (p?.delimiter !== delimiter) {
      const cells = columns.map((c) => csvCellText(columnKind(c), c.cell(row), false));
      const record = csvRecord(cells, delimiter);
      const mid = csvRecord(cells.slice(2, 6), delimiter).slice(0, -1);
      const tail = csvRecord(cells.slice(7), delimiter);
      // Rows of this template differ only in row, id and counsellingEndsOn.
      if (`${csvCell(cells[0] ?? '', delimiter)}${delimiter}${csvCell(cells[1] ?? '', delimiter)}${delimiter}${mid}${delimiter}${csvCell(cells[6] ?? '', delimiter)}${delimiter}${tail}` !== record) return null;
      p = { delimiter, mid, tail };
      pieces.set(tpl, p);
    }
    return `${csvCell(String(row.row), delimiter)}${delimiter}${csvCell(neutralise(row.id ?? ''), delimiter)}${delimiter}${p.mid}${delimiter}${csvCell(row.counsellingEndsOn ?? '', delimiter)}${delimiter}${p.tail}`;
  };
}

/** What a batch needs of the compiled rules for one date: to find the rule that admitted an excluded person. */
interface DateRules {
  compiled: CompiledEligibility;
}

/**
 * Evaluates many rows of `check` at once, each row the same as {@link checkRow} over
 * `checkEligibility` gives it (without `--explain`). Rows that read cleanly are checked with
 * {@link evaluateEligibilityBatch}; invalid ones take their issues from it. A valid row takes its
 * rule set and assumptions from a template: these depend only on the compiled rule set (rule set
 * and date), the deciding rule, the rule that admitted the person (for a person excluded by a
 * rule, found by testing the target rules again) and whether a counselling end is known, so the
 * first such row builds the template from its full result and the others reuse it. Notes that
 * name the row's own dates (rows with a counselling end) are computed per row only when read
 * (JSON output). Rows with reading issues take the per-row path.
 */
export class CheckBatcher {
  private readonly templates = new Map<string, RowTemplate>();
  private readonly batchOptions: EligibilityBatchOptions;
  private readonly dates = new Map<string, DateRules | null>();

  constructor(private readonly options: EligibilityOptions) {
    const { trace: _trace, ...rest } = options;
    this.batchOptions = rest;
  }

  /** The row of one input row, the slow way. */
  one(input: InputRow): CheckRow {
    if (input.value === undefined) {
      return checkRow(input.row, { ok: false, id: null, issues: input.issues }, [], null, null);
    }
    return checkRow(input.row, checkEligibility(input.value, { ...this.options, trace: false }), input.issues, null, idOf(input.value));
  }

  /** The compiled rules for a date (as checkEligibility selects them), or null. */
  private rulesFor(on: string): DateRules | null {
    let d = this.dates.get(on);
    if (d !== undefined) return d;
    d = null;
    try {
      const sel = selectRuleSet(this.batchOptions, on);
      if (sel.ok) d = { compiled: compiledEligibility(sel.resolved, on) };
    } catch {
      d = null;
    }
    if (this.dates.size > 10_000) this.dates.clear();
    this.dates.set(on, d);
    return d;
  }

  /** The index of the target rule that admitted a valid person on a date (-1 when none), as checkEligibility finds it. */
  private admittedRule(person: Person, on: string, end: string | null, resolvedHash: string): number | null {
    const d = this.rulesFor(on);
    if (d === null || d.compiled.ref.resolvedHash !== resolvedHash) return null;
    const facts = eligibilityFacts(person, on);
    if (d.compiled.limit !== null) facts.counsellingEndsOn = end;
    for (const i of d.compiled.targetIdx) {
      if ((d.compiled.rules[i] as CompiledRule).test(facts)) return i;
    }
    return -1;
  }

  many(inputs: readonly InputRow[]): CheckRow[] {
    const persons: unknown[] = [];
    const at = new Int32Array(inputs.length).fill(-1);
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k] as InputRow;
      if (input.value !== undefined && input.issues.length === 0) {
        at[k] = persons.length;
        persons.push(input.value);
      }
    }
    const b = evaluateEligibilityBatch(persons, this.batchOptions);
    const out = new Array<CheckRow>(inputs.length);
    // Templates of this batch by on, then by rule set, basis and whether an end is known; for
    // excluded persons also by the rule that admitted them.
    const local = new Map<string, (RowTemplate | null | undefined)[]>();
    const localExcluded = new Map<string, RowTemplate | null>();
    const width = b.bases.length * 2;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k] as InputRow;
      const j = at[k] as number;
      if (j < 0) {
        out[k] = this.one(input);
        continue;
      }
      if (b.ok[j] !== 1) {
        // Invalid: the batch holds the issues checkEligibility gives.
        const issues = b.issues.get(j);
        out[k] = issues === undefined ? this.one(input) : checkRow(input.row, { ok: false, id: personId(input.value), issues }, input.issues, null, idOf(input.value));
        continue;
      }
      const on = b.on[j];
      if (on === null || on === undefined) {
        out[k] = this.one(input);
        continue;
      }
      const eligible = b.eligible[j] === 1;
      const basisIdx = b.basis[j] as number;
      const end = b.counsellingEndsOn[j] ?? null;
      const ruleSetIdx = b.ruleSet[j] as number;
      const ref = b.ruleSets[ruleSetIdx];
      const basis = b.bases[basisIdx];
      if (ref === undefined || basis === undefined) {
        out[k] = this.one(input);
        continue;
      }
      const slot = (ruleSetIdx * b.bases.length + basisIdx) * 2 + (end === null ? 1 : 0);
      let admitted = -2;
      let tpl: RowTemplate | null | undefined;
      if (!eligible && basisIdx !== 0) {
        // Excluded by a rule: the assumptions also depend on the rule that admitted the person.
        const a = this.admittedRule(input.value as Person, on, end, ref.resolvedHash);
        if (a === null || a < 0) {
          out[k] = this.one(input);
          continue;
        }
        admitted = a;
        tpl = localExcluded.get(`${on}|${String(slot)}|${String(a)}`);
      } else {
        let forOn = local.get(on);
        if (forOn === undefined) {
          forOn = new Array<RowTemplate | null | undefined>(b.ruleSets.length * width);
          local.set(on, forOn);
        }
        tpl = forOn[slot];
      }
      if (tpl === undefined) {
        const key = `${on}|${ref.id}|${ref.resolvedHash}|${basis.rule ?? ''}|${basis.code}|${String(eligible)}|${String(end === null)}|${String(admitted)}`;
        tpl = this.templates.get(key) ?? null;
        let first: CheckRow | null = null;
        if (tpl === null) {
          // The first row of its kind: its full result gives the row and the template.
          first = this.one(input);
          if (first.ok && first.on === on && first.eligible === eligible && first.basis === basis.code && first.counsellingEndsOn === end && first.resolvedHash === ref.resolvedHash) {
            tpl = {
              on,
              eligible,
              basis: basis.code,
              ruleSet: first.ruleSet ?? '',
              ruleSetHash: first.ruleSetHash ?? '',
              resolvedHash: ref.resolvedHash,
              overlays: first.overlays,
              assumptions: first.assumptions,
              notes: first.notes,
            };
            if (this.templates.size >= 10_000) this.templates.clear();
            this.templates.set(key, tpl);
          }
        }
        if (admitted >= 0) localExcluded.set(`${on}|${String(slot)}|${String(admitted)}`, tpl);
        else (local.get(on) as (RowTemplate | null | undefined)[])[slot] = tpl;
        if (first !== null) {
          out[k] = first;
          continue;
        }
      }
      if (tpl === null) {
        out[k] = this.one(input);
        continue;
      }
      const id = (input.value as { id: string }).id;
      if (end !== null) {
        // Notes name this row's dates: computed when read.
        out[k] = new LazyNotesRow(input.row, id, tpl.on, tpl.eligible, tpl.basis, end, tpl.ruleSet, tpl.ruleSetHash, tpl.resolvedHash, tpl.overlays, tpl.assumptions, tpl, input, this);
        continue;
      }
      const fast: TemplateRow = {
        row: input.row,
        id,
        ok: true,
        on: tpl.on,
        eligible: tpl.eligible,
        basis: tpl.basis,
        counsellingEndsOn: end,
        ruleSet: tpl.ruleSet,
        ruleSetHash: tpl.ruleSetHash,
        resolvedHash: tpl.resolvedHash,
        overlays: tpl.overlays,
        assumptions: tpl.assumptions,
        notes: tpl.notes,
        issues: NO_ISSUES,
      };
      fast[TEMPLATE] = tpl;
      out[k] = fast;
    }
    return out;
  }
}

/** Table and CSV columns of `check`. */
export function checkColumns(format: 'table' | 'csv', lang: Lang, explain: boolean): Column<CheckRow>[] {
  const table = format === 'table';
  const cols: Column<CheckRow>[] = [
    ...headColumns<CheckRow>(table),
    { key: 'on', cell: (r) => r.on ?? '' },
    { key: 'eligible', cell: (r) => (table ? yesNo(r.eligible, lang) : r.eligible === null ? '' : String(r.eligible)) },
    { key: 'basis', cell: (r) => r.basis ?? '' },
    { key: 'counsellingEndsOn', cell: (r) => r.counsellingEndsOn ?? '' },
  ];
  if (table) {
    cols.push(
      { key: 'ruleSet', cell: (r) => (r.ruleSet === null ? '' : [r.ruleSet, ...r.overlays.filter((o) => o !== r.ruleSet)].join(' + ')) },
      { key: 'hash', cell: (r) => (r.ruleSetHash === null ? '' : `${r.ruleSetHash.slice(0, 19)}…`) },
      { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
      { key: 'issues', cell: (r) => issueText(r.issues, lang) },
    );
  } else {
    cols.push(...csvTailColumns<CheckRow>(lang));
  }
  if (explain) cols.push({ key: 'explanation', cell: (r) => r.explanation ?? '', block: true });
  return cols;
}

/** `check`: eligibility and counselling period for every person in a file. */
export const checkCommand: Command = {
  name: 'check',
  summary: { de: 'Zielgruppe und Beratungsdauer je Person prüfen', en: 'check target group and counselling period per person' },
  usage: 'check <persons> [--on DATE] [--rule-set ID|PATH] [--format table|csv|json|jsonl] [--out FILE] [--explain] [--lang de|en]',
  help: {
    de: `Prüft für jede Person, ob sie am Stichtag zur Zielgruppe des Integrationsmanagements gehört und bis
wann sie beraten werden darf. Ausgabe je Zeile: row, id, ok, on, eligible, basis, counsellingEndsOn,
ruleSet, overlays, ruleSetHash, resolvedHash, assumptions (Anzahl; in JSON die Liste), issues.

Spalten/Felder einer Person: id, residenceStatus, accommodation, displacedFromUkraine, followUpSince,
arrivalDate, goodProspects, justifiedExtension, district, on (Beispiele in examples/).

Optionen:
  --on DATE           Stichtag JJJJ-MM-TT für alle Zeilen (sonst die Spalte on jeder Zeile)
  --rule-set ID|PATH  ein benanntes Regelwerk (id oder Verzeichnis/JSON-Datei eines eigenen)
                      statt des am Stichtag geltenden
  --explain           Begründung je Zeile (Regeln, Bedingungen, Quellen, Annahmen)
  --lang de|en        Sprache von Meldungen und Begründung (Vorgabe de)
${ROW_OPTIONS_HELP.de}

${ROW_INPUT_HELP.de}

Beispiel: foerderregeln check examples/persons.csv --on 2024-03-01 --format csv --out ergebnis.csv`,
    en: `Checks for every person whether they are in the target group of the Integrationsmanagement on the
assessment date and until when they may be counselled. Output per row: row, id, ok, on, eligible,
basis, counsellingEndsOn, ruleSet, overlays, ruleSetHash, resolvedHash, assumptions (count; the list
in JSON), issues.

Person columns/fields: id, residenceStatus, accommodation, displacedFromUkraine, followUpSince,
arrivalDate, goodProspects, justifiedExtension, district, on (examples in examples/).

Options:
  --on DATE           assessment date YYYY-MM-DD for all rows (else each row's on column)
  --rule-set ID|PATH  a named rule set (id, or directory/JSON file of your own) instead of
                      the one in force on the date
  --explain           reasons per row (rules, conditions, sources, assumptions)
  --lang de|en        language of messages and reasons (default de)
${ROW_OPTIONS_HELP.en}

${ROW_INPUT_HELP.en}

Example: foerderregeln check examples/persons.csv --on 2024-03-01 --format csv --out result.csv`,
  },
  options: {
    on: { type: 'string' },
    'rule-set': { type: 'string' },
    explain: { type: 'boolean' },
    ...ROW_COMMAND_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const on = dateOption(ctx.values);
    const choice = chooseRuleSet(stringOption(ctx.values, 'rule-set'));
    const explain = flagOption(ctx.values, 'explain');
    const options: EligibilityOptions = { registry: choice.registry, trace: explain };
    if (on !== undefined) options.on = on;
    if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
    const tableLike = outputFormat(ctx.values) === 'table' ? 'table' : 'csv';
    const lang = ctx.lang;
    const explainLang = explain ? lang : null;
    const batcher = explain ? null : new CheckBatcher(options);
    const columns = checkColumns(tableLike, lang, explain);
    const csvLine = checkCsvLines(columns);
    return runRowCommand<CheckRow>(ctx, {
      fields: fieldKindsOfSchema(personSchema),
      columns,
      ...(csvLine !== undefined ? { csvLine } : {}),
      // Rows with lazily computed notes serialise themselves (toJSON); other readers see the fields.
      toJson: (r) => r,
      evaluate: (input: InputRow) => {
        if (input.value === undefined) {
          return checkRow(input.row, { ok: false, id: null, issues: input.issues }, [], explainLang, null);
        }
        return checkRow(input.row, checkEligibility(input.value, options), input.issues, explainLang, idOf(input.value));
      },
      ...(batcher !== null ? { evaluateMany: (rows: readonly InputRow[]) => batcher.many(rows) } : {}),
      failed: (input, issues) => checkRow(input.row, { ok: false, id: null, issues }, input.issues, explainLang, idOf(input.value)),
    });
  },
};
