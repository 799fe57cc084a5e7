import { writeFileSync } from 'node:fs';
import { readBoundedJson } from '../../ruleset/fs.js';
import { checkPins, formatPinReport, pinRuleSets } from '../../pin/pin.js';
import { defaultRegistry, type RuleSetRegistry } from '../../versions/registry.js';
import { CliError, flagOption, stringOption, t, writeText, type Command, type CommandContext } from '../context.js';
import { formatIssuesBilingual, loadRuleSetsFromPath } from '../rulesets.js';

/** The registry for pin commands: bundled, with rule sets from `--rules PATH` replacing same ids. */
export function registryFromRulesOption(ctx: CommandContext): RuleSetRegistry {
  const path = stringOption(ctx.values, 'rules');
  if (path === undefined) return defaultRegistry();
  const read = loadRuleSetsFromPath(path);
  if (read.problems.length > 0) {
    const issues = read.problems.flatMap((p) => p.issues.map((i) => ({ ...i, path: [p.path, ...i.path] })));
    throw CliError.of('cli.rule-sets-under-invalid', { path, details: formatIssuesBilingual(issues) });
  }
  return read.registry;
}

/** Reads a JSON file or fails with exit 2. */
export function readJsonFile(path: string): unknown {
  // The bounded reader: regular files only, at most MAX_JSON_FILE_BYTES, no content in messages.
  const r = readBoundedJson(path, MAX_JSON_FILE_BYTES, path);
  if (!r.ok) throw CliError.of('cli.json-file-unreadable', { path, message: r.issue.message });
  return r.value;
}

/** Largest lock or snapshot file read (bytes). */
export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;

/** `pin`: record rule sets in a lock file, or check a lock file against the installed rule sets. */
export const pinCommand: Command = {
  name: 'pin',
  summary: { de: 'Regelwerke in einer Sperrdatei festhalten oder prüfen', en: 'pin rule sets in a lock file, or check one' },
  usage: 'pin [rule-set ids…] [--out foerderregeln.lock.json] | pin --check foerderregeln.lock.json [--json] [--rules PATH]',
  help: {
    de: `Ohne --check: schreibt für die genannten Regelwerke (ohne Angabe: alle mitgelieferten) eigenen Hash,
aufgelösten Hash (samt erweiterten Regelwerken), Paketversion und den kanonischen aufgelösten Inhalt in die
Sperrdatei (Standard foerderregeln.lock.json).
Mit --check DATEI: vergleicht die Sperrdatei mit den installierten Regelwerken. Exit 0, wenn nichts geändert ist;
sonst Exit 1 und für jedes geänderte Regelwerk der strukturelle Unterschied (Parameter, Regeln, Bedingungen,
betroffene Zeiträume).

Optionen:
  --out DATEI     Ziel der Sperrdatei (- für die Standardausgabe)
  --check DATEI   Sperrdatei prüfen
  --json          Prüfbericht als JSON
  --rules PFAD    Regelwerke von der Platte, die gleichnamige mitgelieferte ersetzen (z. B. um eine neue Fassung zu simulieren)`,
    en: `Without --check: writes, for the rule sets named (default: all bundled ones), their own hash, the resolved
hash (with what they extend), the package version and the canonical resolved content to the lock file
(default foerderregeln.lock.json).
With --check FILE: compares the lock file with the installed rule sets. Exit 0 when nothing changed; else exit 1
and, per changed rule set, the structural diff (parameters, rules, conditions, impacted periods).

Options:
  --out FILE      where to write the lock file (- for stdout)
  --check FILE    check a lock file
  --json          check report as JSON
  --rules PATH    rule sets from disk that replace bundled ones of the same id (e.g. to simulate a new release)`,
  },
  options: { out: { type: 'string' }, check: { type: 'string' }, json: { type: 'boolean' }, rules: { type: 'string' } },
  positionals: { min: 0, max: 1000 },
  async run(ctx) {
    const registry = registryFromRulesOption(ctx);
    const check = stringOption(ctx.values, 'check');
    if (check !== undefined) {
      if (ctx.positionals.length > 0) throw CliError.of('cli.pin-check-no-ids');
      const r = checkPins(readJsonFile(check), { registry });
      if (!r.ok) {
        throw CliError.of('cli.lock-file-invalid', { file: check, details: formatIssuesBilingual(r.issues) });
      }
      await writeText(ctx.io.stdout, flagOption(ctx.values, 'json') ? `${JSON.stringify(r.report, null, 2)}\n` : `${formatPinReport(r.report, ctx.lang)}\n`);
      return r.report.unchanged ? 0 : 1;
    }
    const r = pinRuleSets(ctx.positionals, { registry });
    if (!r.ok) throw CliError.of('cli.cannot-pin', { details: formatIssuesBilingual(r.issues) });
    const text = `${JSON.stringify(r.lock, null, 2)}\n`;
    const out = stringOption(ctx.values, 'out') ?? 'foerderregeln.lock.json';
    if (out === '-') await writeText(ctx.io.stdout, text);
    else {
      writeFileSync(out, text);
      await writeText(
        ctx.io.stderr,
        `${t(ctx.lang, 'cli.pinned', { count: r.lock.ruleSets.length, out })}\n`,
      );
    }
    return 0;
  },
};
