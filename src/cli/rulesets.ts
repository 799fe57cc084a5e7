import { existsSync, statSync } from 'node:fs';
import { findRuleSetDirs, readRuleSetDocument } from '../ruleset/fs.js';
import { defaultRegistry, RuleSetRegistry, type LoadedRuleSet } from '../versions/registry.js';
import type { Issue } from '../issues.js';
import { CliError, type Lang } from './context.js';
import { cliIssueOf } from '../messages/cli.js';

/** A rule set on disk that could not be loaded. */
export interface RuleSetProblem {
  path: string;
  id: string | null;
  /** True when the files could not be read at all (exit 2), false when the content is invalid. */
  unreadable: boolean;
  issues: Issue[];
}

/** Rule sets read from a path, added to the bundled ones. */
export interface RuleSetsFromPath {
  /** The bundled rule sets plus those read (a read rule set replaces a bundled one of the same id). */
  registry: RuleSetRegistry;
  loaded: { path: string; ruleSet: LoadedRuleSet }[];
  problems: RuleSetProblem[];
}

/** Issues as indented lines in one language. */
export function formatIssues(issues: readonly Issue[], lang: Lang, indent = '  '): string {
  return issues.map((i) => `${indent}- ${i.code}${i.path.length > 0 ? ` ${i.path.join('.')}` : ''}: ${i.message[lang]}`).join('\n');
}

/** Issues in German and in English, for stderr. */
export function formatIssuesBilingual(issues: readonly Issue[]): { de: string; en: string } {
  return { de: formatIssues(issues, 'de'), en: formatIssues(issues, 'en') };
}

/**
 * Reads every rule set at a path: a rule-set directory, a single JSON document, or a directory
 * holding many rule-set directories (like `rules/`). They are validated against the bundled rule
 * sets (so `extends` may name a bundled one) and against each other, in dependency order.
 *
 * @throws CliError (exit 2) when the path does not exist or holds no rule set.
 */
export function loadRuleSetsFromPath(path: string): RuleSetsFromPath {
  if (!existsSync(path)) throw CliError.of('unreadable-input.does-not-exist', { path });
  let paths: string[];
  if (statSync(path).isDirectory() && !existsSync(`${path}/ruleset.json`)) {
    paths = findRuleSetDirs(path);
    if (paths.length === 0) {
      throw CliError.of('cli.rule-set-dir-empty', { path });
    }
  } else paths = [path];

  const problems: RuleSetProblem[] = [];
  const docs: { path: string; doc: unknown; id: string | null; extends: string | null }[] = [];
  for (const p of paths) {
    const read = readRuleSetDocument(p, { withReadme: true });
    if (!read.ok) {
      problems.push({ path: p, id: null, unreadable: true, issues: read.issues });
      continue;
    }
    const d = read.document as { id?: unknown; extends?: unknown } | null;
    const id = d !== null && typeof d === 'object' && typeof d.id === 'string' ? d.id : null;
    const ext = d !== null && typeof d === 'object' && typeof d.extends === 'string' ? d.extends : null;
    docs.push({ path: p, doc: read.document, id, extends: ext });
  }
  const ids = new Set(docs.map((d) => d.id).filter((x): x is string => x !== null));
  let registry = new RuleSetRegistry(defaultRegistry().list().filter((s) => !ids.has(s.id)));
  const loaded: { path: string; ruleSet: LoadedRuleSet }[] = [];
  let pending = [...docs];
  // A rule set goes in once the one it extends is there (or is not among those being read). A pass
  // that adds nothing leaves only rule sets extending each other in a cycle: each is reported.
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    for (const next of pending) {
      if (next.extends !== null && registry.get(next.extends) === undefined && pending.some((p) => p !== next && p.id === next.extends)) {
        waiting.push(next);
        continue;
      }
      const added = registry.add(next.doc, 'user');
      if (added.ok) {
        registry = added.registry;
        loaded.push({ path: next.path, ruleSet: added.ruleSet });
      } else {
        problems.push({ path: next.path, id: next.id, unreadable: false, issues: added.issues });
      }
    }
    if (waiting.length === pending.length) {
      for (const w of waiting) {
        problems.push({
          path: w.path,
          id: w.id,
          unreadable: false,
          issues: [
            cliIssueOf('cyclic-extends.chain', ['extends'], { id: w.id ?? w.path, parent: w.extends ?? '' }),
          ],
        });
      }
      break;
    }
    pending = waiting;
  }
  return { registry, loaded, problems };
}

/** What `--rule-set` names: a bundled id, or a user rule set read from a path. */
export interface RuleSetChoice {
  ruleSet: string | LoadedRuleSet | undefined;
  registry: RuleSetRegistry;
}

/**
 * Interprets a `--rule-set` value: a bundled rule-set id, or a path to a rule-set directory or
 * JSON document. Without a value, the rule set in force on each row's date is used.
 *
 * @throws CliError (exit 2) for an unknown id, an unreadable or invalid rule set.
 */
export function chooseRuleSet(value: string | undefined): RuleSetChoice {
  const bundled = defaultRegistry();
  if (value === undefined) return { ruleSet: undefined, registry: bundled };
  if (bundled.get(value) !== undefined) return { ruleSet: value, registry: bundled };
  if (!existsSync(value)) {
    const known = bundled.list().map((s) => s.id).join(', ');
    throw CliError.of('cli.rule-set-not-found', { ruleSet: value, known });
  }
  const read = loadRuleSetsFromPath(value);
  if (read.problems.length > 0) {
    const p = read.problems[0] as RuleSetProblem;
    throw CliError.of('cli.rule-set-invalid', { path: p.path, details: formatIssuesBilingual(p.issues) });
  }
  const only = read.loaded[0];
  if (read.loaded.length !== 1 || only === undefined) {
    throw CliError.of('cli.rule-set-not-one', { source: value, count: read.loaded.length });
  }
  return { ruleSet: only.ruleSet, registry: read.registry };
}
