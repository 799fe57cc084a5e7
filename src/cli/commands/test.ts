import { runCases } from '../../testing/cases.js';
import { flagOption, t, writeText, type Command } from '../context.js';
import { caseLines } from '../ruleset-checks.js';
import { formatIssues, loadRuleSetsFromPath } from '../rulesets.js';

/** `test`: runs the golden cases of one rule set or of every rule set below a directory. */
export const testCommand: Command = {
  name: 'test',
  summary: { de: 'Die Fälle (cases.json) von Regelwerken ausführen', en: 'run the golden cases (cases.json) of rule sets' },
  usage: 'test <rule-set dir> [--failures-only] [--format json] [--lang de|en]',
  help: {
    de: `Führt die Fälle in cases.json aus: eines Regelwerk-Verzeichnisses, einer Regelwerk-JSON-Datei
oder aller Regelwerke unter einem Verzeichnis (z. B. rules/). Zeigt je Fall ✓ oder ✗ mit den
abweichenden Feldern (erwartet/erhalten). Eigene Regelwerke dürfen mitgelieferte erweitern.

Optionen:
  --failures-only   nur fehlgeschlagene Fälle zeigen
  --format json     das Ergebnis als JSON (auch --json)

Exit-Status: 0 alle Fälle bestanden; 1 ein Fall schlug fehl, ein Regelwerk ist ungültig oder es
gibt keine Fälle; 2 Pfad nicht lesbar.`,
    en: `Runs the cases in cases.json: of a rule-set directory, a rule-set JSON file, or every rule set
below a directory (e.g. rules/). Shows ✓ or ✗ per case with the fields that differ
(expected/got). Your rule sets may extend bundled ones.

Options:
  --failures-only   show failing cases only
  --format json     the result as JSON (also --json)

Exit status: 0 all cases passed; 1 a case failed, a rule set is invalid or there are no cases;
2 path unreadable.`,
  },
  options: { 'failures-only': { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const lang = ctx.lang;
    const onlyFailures = flagOption(ctx.values, 'failures-only');
    const read = loadRuleSetsFromPath(ctx.positionals[0] ?? '');
    const out: string[] = [];
    const ruleSets: { path: string; id: string; passed: number; failed: number; cases: unknown[] }[] = [];
    let passed = 0;
    let failed = 0;
    for (const p of read.problems) {
      out.push(`✗ ${p.id ?? p.path} (${p.path}): ${t(lang, 'cli.test-rule-set-invalid')}`, formatIssues(p.issues, lang, '    '));
    }
    for (const { path, ruleSet } of read.loaded) {
      const outcomes = runCases(ruleSet, read.registry);
      const bad = outcomes.filter((o) => !o.passed).length;
      passed += outcomes.length - bad;
      failed += bad;
      ruleSets.push({ path, id: ruleSet.id, passed: outcomes.length - bad, failed: bad, cases: onlyFailures ? outcomes.filter((o) => !o.passed) : outcomes });
      out.push(`${bad > 0 ? '✗' : '✓'} ${ruleSet.id} (${path}): ${outcomes.length - bad}/${outcomes.length}`);
      for (const o of outcomes) if (!onlyFailures || !o.passed) out.push(...caseLines(o, lang));
    }
    out.push(
      '',
      t(lang, 'cli.test-totals', { passed, failed, invalid: read.problems.length }),
    );
    if (passed + failed === 0 && read.problems.length === 0) {
      out.push(t(lang, 'cli.test-no-cases'));
    }
    if (flagOption(ctx.values, 'json')) {
      const problems = read.problems.map((p) => ({ path: p.path, id: p.id ?? null, unreadable: p.unreadable, issues: p.issues }));
      await writeText(ctx.io.stdout, `${JSON.stringify({ passed, failed, invalid: read.problems.length, ruleSets, problems }, null, 2)}\n`);
    } else await writeText(ctx.io.stdout, `${out.join('\n')}\n`);
    if (read.problems.some((p) => p.unreadable)) return 2;
    return failed > 0 || read.problems.length > 0 || passed === 0 ? 1 : 0;
  },
};
