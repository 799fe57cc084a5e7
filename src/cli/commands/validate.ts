import { runCases } from '../../testing/cases.js';
import { flagOption, t, writeText, type Command } from '../context.js';
import { caseLines, citationIssues } from '../ruleset-checks.js';
import { formatIssues, loadRuleSetsFromPath } from '../rulesets.js';

/** `validate`: checks a custom rule set (schema, facts, operators, citations) and runs its cases. */
export const validateCommand: Command = {
  name: 'validate',
  summary: { de: 'Ein eigenes Regelwerk prüfen', en: 'check a custom rule set' },
  usage: 'validate <rule-set dir or file> [--format json] [--lang de|en]',
  help: {
    de: `Prüft ein Regelwerk (Verzeichnis wie in rules/, eine JSON-Datei mit dem ganzen Regelwerk oder ein
Verzeichnis mit vielen): Schema, Größen- und Tiefengrenzen, Sachverhalte (facts) gegen den Katalog,
Operatoren gegen die erlaubte Liste, Parameterverweise (auch über extends), Belege (jede nicht
belegte Angabe braucht einen Hinweis, warum; Quellen-URLs sind Webadressen), dann seine Fälle.
Es wird kein Code ausgeführt.

Optionen:
  --format json   das Ergebnis als JSON (auch --json): je Regelwerk Hash, Belegmängel und Fälle

Exit-Status: 0 gültig und alle Fälle bestanden; 1 ungültig oder ein Fall schlug fehl;
2 Datei oder Verzeichnis nicht lesbar.`,
    en: `Checks a rule set (a directory like those in rules/, a JSON file holding the whole rule set, or a
directory holding many): schema, size and depth limits, facts against the catalogue, operators
against the allow-list, parameter references (also through extends), evidence (every value that is
not sourced needs a note saying why; citation URLs are web addresses), then runs its cases. No code
is executed.

Options:
  --format json   the result as JSON (also --json): per rule set its hash, evidence issues and cases

Exit status: 0 valid and all cases passed; 1 invalid or a case failed; 2 file or directory
unreadable.`,
  },
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const lang = ctx.lang;
    const read = loadRuleSetsFromPath(ctx.positionals[0] ?? '');
    const out: string[] = [];
    const json = flagOption(ctx.values, 'json');
    const doc: { valid: boolean; ruleSets: unknown[]; problems: unknown[] } = { valid: true, ruleSets: [], problems: [] };
    let bad = 0;
    for (const p of read.problems) {
      doc.problems.push({ path: p.path, id: p.id ?? null, unreadable: p.unreadable, issues: p.issues });
      bad++;
      out.push(
        `✗ ${p.id ?? p.path} (${p.path}): ${p.unreadable ? t(lang, 'cli.validate-unreadable') : t(lang, 'cli.validate-invalid')}`,
        formatIssues(p.issues, lang, '    '),
      );
    }
    for (const { path, ruleSet } of read.loaded) {
      const evidence = citationIssues(ruleSet.document);
      const outcomes = runCases(ruleSet, read.registry);
      const failed = outcomes.filter((o) => !o.passed);
      const ok = evidence.length === 0 && failed.length === 0;
      if (!ok) bad++;
      doc.ruleSets.push({
        path,
        id: ruleSet.id,
        valid: ok,
        hash: ruleSet.hash,
        evidence,
        cases: { passed: outcomes.length - failed.length, failed: failed.length, failures: failed },
      });
      out.push(
        `${ok ? '✓' : '✗'} ${ruleSet.id} (${path}): ${t(lang, 'cli.validate-checks', { evidence: evidence.length === 0 ? '✓' : `✗ ${evidence.length}`, passed: outcomes.length - failed.length, total: outcomes.length })}`,
        `    hash ${ruleSet.hash}`,
      );
      if (evidence.length > 0) out.push(formatIssues(evidence, lang, '    '));
      for (const f of failed) out.push(...caseLines(f, lang).map((l) => `  ${l}`));
    }
    doc.valid = bad === 0;
    await writeText(ctx.io.stdout, json ? `${JSON.stringify(doc, null, 2)}\n` : `${out.join('\n')}\n`);
    if (read.problems.some((p) => p.unreadable)) return 2;
    return bad > 0 ? 1 : 0;
  },
};
