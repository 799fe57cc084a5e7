import { checkEligibility, type EligibilityOptions, type EligibilityResult } from '../../domain/eligibility.js';
import { personSchema } from '../../domain/person.js';
import type { Assumption } from '../../explain/assumptions.js';
import { explainEligibility } from '../../explain/text.js';
import type { Issue } from '../../issues.js';
import type { Localized } from '../../ruleset/schema.js';
import { flagOption, stringOption, type Command, type Lang } from '../context.js';
import { fieldKindsOfSchema, type InputRow } from '../input.js';
import type { Column } from '../output.js';
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
    return runRowCommand<CheckRow>(ctx, {
      fields: fieldKindsOfSchema(personSchema),
      columns: checkColumns(tableLike, lang, explain),
      toJson: (r) => r,
      evaluate: (input: InputRow) => {
        if (input.value === undefined) {
          return checkRow(input.row, { ok: false, id: null, issues: input.issues }, [], explainLang, null);
        }
        return checkRow(input.row, checkEligibility(input.value, options), input.issues, explainLang, idOf(input.value));
      },
      failed: (input, issues) => checkRow(input.row, { ok: false, id: null, issues }, input.issues, explainLang, idOf(input.value)),
    });
  },
};
