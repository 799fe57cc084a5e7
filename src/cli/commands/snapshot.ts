import { writeFileSync } from 'node:fs';
import { personSchema } from '../../contract/person.js';
import { checkOutcomes, formatOutcomeChanges, snapshotOutcomes, type SnapshotOptions } from '../../pin/snapshot.js';
import { CliError, flagOption, stringOption, t, writeText, type Command } from '../context.js';
import { fieldKindsOfSchema, openInput, readRows } from '../input.js';
import { formatIssuesBilingual } from '../rulesets.js';
import { dateOption } from '../rows.js';
import { readJsonFile, registryFromRulesOption } from './pin.js';

/** `snapshot`: record the outcomes of one's own cases, or check them against the installed rules. */
export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: { de: 'Ergebnisse eigener Fälle festhalten oder prüfen', en: 'snapshot the outcomes of your own cases, or check them' },
  usage: 'snapshot <persons> [--on DATE] [--rule-set ID] --out outcomes.json | snapshot --check outcomes.json [--json] [--rules PATH]',
  help: {
    de: `Ohne --check: prüft jede Person der Eingabedatei (CSV, JSON, JSON Lines) und schreibt Eingabe und Ergebnis
(berechtigt, Grund, entscheidende Regel, Beratungsende, Regelwerk und Hash) in die Datei --out.
Mit --check DATEI: rechnet die festgehaltenen Fälle mit dem installierten Paket nach und listet jeden Fall,
dessen Ergebnis sich geändert hat (vorher → nachher). Exit 0 ohne Änderung, 1 mit Änderungen.

Optionen:
  --on DATUM      Prüfdatum für alle Zeilen (sonst die Spalte on)
  --rule-set ID   ein benanntes Regelwerk statt des am Datum geltenden
  --out DATEI     Ziel (Standard outcomes.json)
  --check DATEI   festgehaltene Ergebnisse prüfen
  --json          Prüfbericht als JSON
  --rules PFAD    Regelwerke von der Platte, die gleichnamige mitgelieferte ersetzen`,
    en: `Without --check: checks every person of the input file (CSV, JSON, JSON Lines) and writes input and outcome
(eligible, basis, deciding rule, counselling end, rule set and hash) to --out.
With --check FILE: re-runs the recorded cases with the installed package and lists each case whose outcome changed
(before → after). Exit 0 without changes, 1 with changes.

Options:
  --on DATE       assessment date for all rows (else the on column)
  --rule-set ID   a named rule set instead of the one in force on the date
  --out FILE      where to write (default outcomes.json)
  --check FILE    check recorded outcomes
  --json          check report as JSON
  --rules PATH    rule sets from disk that replace bundled ones of the same id`,
  },
  options: {
    on: { type: 'string' },
    'rule-set': { type: 'string' },
    out: { type: 'string' },
    check: { type: 'string' },
    json: { type: 'boolean' },
    rules: { type: 'string' },
  },
  positionals: { min: 0, max: 1 },
  async run(ctx) {
    const registry = registryFromRulesOption(ctx);
    const check = stringOption(ctx.values, 'check');
    if (check !== undefined) {
      const r = checkOutcomes(readJsonFile(check), { registry });
      if (!r.ok) {
        throw CliError.of('cli.file-invalid', { file: check, details: formatIssuesBilingual(r.issues) });
      }
      const text = flagOption(ctx.values, 'json') ? `${JSON.stringify(r, null, 2)}\n` : `${formatOutcomeChanges(r.changes, ctx.lang)}\n`;
      await writeText(ctx.io.stdout, text);
      return r.changes.length === 0 ? 0 : 1;
    }
    const path = ctx.positionals[0];
    if (path === undefined) throw CliError.of('cli.input-file-missing');
    const options: SnapshotOptions = {};
    const on = dateOption(ctx.values);
    if (on !== undefined) options.on = on;
    const ruleSet = stringOption(ctx.values, 'rule-set');
    if (ruleSet !== undefined) options.ruleSet = ruleSet;
    if (ruleSet !== undefined && registry.get(ruleSet) === undefined) {
      throw CliError.of('unknown-rule-set.by-id', { id: ruleSet });
    }
    const source = await openInput(path, { stdin: ctx.io.stdin });
    const values: unknown[] = [];
    const reading = new Map<number, string[]>();
    for await (const row of readRows(source, { fields: fieldKindsOfSchema(personSchema) })) {
      if (row.issues.length > 0) reading.set(values.length, row.issues.map((i) => `${i.code}@${i.path.join('.')}`));
      values.push(row.value);
    }
    const snap = snapshotOutcomes(values, { ...options, registry });
    for (const [i, codes] of reading) {
      const c = snap.cases[i];
      if (c !== undefined) {
        c.outcome = { ok: false, issues: codes };
        c.readingIssues = codes;
      }
    }
    const out = stringOption(ctx.values, 'out') ?? 'outcomes.json';
    const text = `${JSON.stringify(snap, null, 2)}\n`;
    if (out === '-') await writeText(ctx.io.stdout, text);
    else writeFileSync(out, text);
    const invalid = snap.cases.filter((c) => c.outcome.ok === false).length;
    await writeText(
      ctx.io.stderr,
      `${t(ctx.lang, 'cli.snapshot-recorded', { count: snap.cases.length, invalid, where: out === '-' ? '' : ` in ${out}` })}\n`,
    );
    return invalid > 0 ? 1 : 0;
  },
};
