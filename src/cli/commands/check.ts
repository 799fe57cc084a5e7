import { evaluateEligibilityBatch, type EligibilityBatchOptions } from '../../domain/batch.js';
import { checkEligibility, type EligibilityOptions, type EligibilityResult } from '../../domain/eligibility.js';
import { personSchema } from '../../contract/person.js';
import type { Assumption } from '../../computation/assumptions.js';
import { explainEligibility } from '../../explain/text.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import { flagOption, stringOption, type Command, type Lang } from '../context.js';
import { fieldKindsOfSchema, type InputRow } from '../input.js';
import { csvRecord, type Column } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, dateOption, idOf, mergeIssues, outputFormat, runRowCommand } from '../rows.js';

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
  notes: Localized[];
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
  notes: Localized[];
}

const NO_ISSUES: Issue[] = [];

/** On rows built from a template: the template (a symbol key, so JSON output does not show it). */
const TEMPLATE = Symbol('template');
type TemplateRow = CheckRow & { [TEMPLATE]?: RowTemplate };

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
      const cells = columns.map((c) => c.cell(row));
      const record = csvRecord(cells, delimiter);
      const mid = csvRecord(cells.slice(2, 6), delimiter).slice(0, -1);
      const tail = csvRecord(cells.slice(7), delimiter);
      // Rows of this template differ only in row, id and counsellingEndsOn.
      if (`${csvCell(cells[0] ?? '', delimiter)}${delimiter}${csvCell(cells[1] ?? '', delimiter)}${delimiter}${mid}${delimiter}${csvCell(cells[6] ?? '', delimiter)}${delimiter}${tail}` !== record) return null;
      p = { delimiter, mid, tail };
      pieces.set(tpl, p);
    }
    return `${csvCell(String(row.row), delimiter)}${delimiter}${csvCell(row.id ?? '', delimiter)}${delimiter}${p.mid}${delimiter}${csvCell(row.counsellingEndsOn ?? '', delimiter)}${delimiter}${p.tail}`;
  };
}

/**
 * Evaluates many rows of `check` at once, each row the same as {@link checkRow} over
 * `checkEligibility` gives it (without `--explain`). Rows that read cleanly are checked with
 * {@link evaluateEligibilityBatch}. A valid row that is eligible or outside the target group
 * takes its rule set, assumptions and notes from a template: these depend only on the compiled
 * rule set (rule set and date), the deciding rule and whether a counselling end is known, so the
 * first such row builds the template from its full result and the others reuse it. All other
 * rows (reading issues, invalid persons, rows excluded by a rule, whose assumptions also depend
 * on the rule that admitted them) take the per-row path.
 */
export class CheckBatcher {
  private readonly templates = new Map<string, RowTemplate>();
  private readonly batchOptions: EligibilityBatchOptions;

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
    // Templates of this batch by on, then by rule set, basis and whether an end is known.
    const local = new Map<string, (RowTemplate | null | undefined)[]>();
    const width = b.bases.length * 2;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k] as InputRow;
      const j = at[k] as number;
      const on = j >= 0 && b.ok[j] === 1 ? b.on[j] : null;
      if (j < 0 || on === null || on === undefined) {
        out[k] = this.one(input);
        continue;
      }
      const eligible = b.eligible[j] === 1;
      const basisIdx = b.basis[j] as number;
      if (!eligible && basisIdx !== 0) {
        out[k] = this.one(input);
        continue;
      }
      const end = b.counsellingEndsOn[j] ?? null;
      const slot = ((b.ruleSet[j] as number) * b.bases.length + basisIdx) * 2 + (end === null ? 1 : 0);
      let forOn = local.get(on);
      if (forOn === undefined) {
        forOn = new Array<RowTemplate | null | undefined>(b.ruleSets.length * width);
        local.set(on, forOn);
      }
      let tpl = forOn[slot];
      if (tpl === undefined) {
        const ref = b.ruleSets[b.ruleSet[j] as number];
        const basis = b.bases[basisIdx];
        tpl = null;
        if (ref !== undefined && basis !== undefined) {
          const key = `${on}|${ref.id}|${ref.resolvedHash}|${basis.rule ?? ''}|${basis.code}|${String(eligible)}|${String(end === null)}`;
          tpl = this.templates.get(key) ?? null;
          if (tpl === null) {
            // The first row of its kind: its full result gives the row and the template.
            const row = this.one(input);
            if (row.ok && row.on === on && row.eligible === eligible && row.basis === basis.code && row.counsellingEndsOn === end && row.resolvedHash === ref.resolvedHash) {
              tpl = {
                on,
                eligible,
                basis: basis.code,
                ruleSet: row.ruleSet ?? '',
                ruleSetHash: row.ruleSetHash ?? '',
                resolvedHash: ref.resolvedHash,
                overlays: row.overlays,
                assumptions: row.assumptions,
                notes: row.notes,
              };
              if (this.templates.size >= 10_000) this.templates.clear();
              this.templates.set(key, tpl);
            }
            forOn[slot] = tpl;
            out[k] = row;
            continue;
          }
        }
        forOn[slot] = tpl;
      }
      if (tpl === null) {
        out[k] = this.one(input);
        continue;
      }
      const fast: TemplateRow = {
        row: input.row,
        id: (input.value as { id: string }).id,
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

function yesNo(v: boolean | null, lang: Lang): string {
  if (v === null) return '—';
  return v ? (lang === 'de' ? 'ja' : 'yes') : lang === 'de' ? 'nein' : 'no';
}

function issueText(issues: readonly Issue[], lang: Lang): string {
  return issues.map((i) => `${i.code}${i.path.length > 0 ? `@${i.path.join('.')}` : ''}: ${i.message[lang]}`).join(' | ');
}

/** Table and CSV columns of `check`. */
export function checkColumns(format: 'table' | 'csv', lang: Lang, explain: boolean): Column<CheckRow>[] {
  const table = format === 'table';
  const cols: Column<CheckRow>[] = [
    { key: 'row', cell: (r) => String(r.row) },
    { key: 'id', cell: (r) => r.id ?? '' },
    { key: 'ok', cell: (r) => (table ? (r.ok ? '✓' : '✗') : String(r.ok)) },
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
    cols.push(
      { key: 'ruleSet', cell: (r) => r.ruleSet ?? '' },
      { key: 'overlays', cell: (r) => r.overlays.join('|') },
      { key: 'ruleSetHash', cell: (r) => r.ruleSetHash ?? '' },
      { key: 'resolvedHash', cell: (r) => r.resolvedHash ?? '' },
      { key: 'assumptions', cell: (r) => String(r.assumptions.length) },
      { key: 'issues', cell: (r) => issueText(r.issues, lang) },
    );
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
