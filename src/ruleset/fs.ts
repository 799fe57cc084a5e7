import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { issue, type Issue } from '../issues.js';

/** Largest rule file read from disk (bytes): bigger files are refused unread. */
export const MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;

function readJson(path: string, issues: Issue[]): unknown {
  try {
    const size = statSync(path).size;
    if (size > MAX_RULE_FILE_BYTES) {
      issues.push(issue('limit-exceeded', [basename(path)], `Datei zu groß (${size} Bytes).`, `File too large (${size} bytes).`));
      return undefined;
    }
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    issues.push(
      issue('unreadable-input', [basename(path)], `Datei ${path} ist nicht lesbar oder kein JSON: ${(e as Error).message}`, `File ${path} is unreadable or not JSON: ${(e as Error).message}`),
    );
    return undefined;
  }
}

/**
 * Reads a rule set from disk into one document (Node only): either a directory laid out like
 * those in `rules/` (`ruleset.json`, `parameters.json`, `*.rules.json`, `cases.json`,
 * `README.md`) or a single JSON file holding the whole document (a scenario). The result still
 * has to be validated with `loadRuleSet`.
 */
export function readRuleSetDocument(path: string, options: { withReadme?: boolean } = {}): { ok: true; document: unknown } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!existsSync(path)) {
    return { ok: false, issues: [issue('unreadable-input', [], `${path} gibt es nicht.`, `${path} does not exist.`)] };
  }
  if (!statSync(path).isDirectory()) {
    const doc = readJson(path, issues);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, document: doc };
  }
  const metaPath = join(path, 'ruleset.json');
  if (!existsSync(metaPath)) {
    return { ok: false, issues: [issue('unreadable-input', ['ruleset.json'], `${metaPath} fehlt.`, `${metaPath} is missing.`)] };
  }
  const meta = readJson(metaPath, issues);
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    if (issues.length === 0) issues.push(issue('invalid-type', ['ruleset.json'], 'ruleset.json muss ein Objekt sein.', 'ruleset.json must be an object.'));
    return { ok: false, issues };
  }
  const doc: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
  const paramsPath = join(path, 'parameters.json');
  if (existsSync(paramsPath)) doc.parameters = readJson(paramsPath, issues);
  const rules: Record<string, unknown> = {};
  for (const f of readdirSync(path).sort()) {
    if (f.endsWith('.rules.json')) rules[f.slice(0, -'.rules.json'.length)] = readJson(join(path, f), issues);
  }
  doc.rules = rules;
  const casesPath = join(path, 'cases.json');
  if (existsSync(casesPath)) doc.cases = readJson(casesPath, issues);
  const readmePath = join(path, 'README.md');
  if (options.withReadme === true && existsSync(readmePath)) doc.readme = readFileSync(readmePath, 'utf8');
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document: doc };
}

/** Every rule-set directory below `root` (a directory holding `ruleset.json`), sorted. */
export function findRuleSetDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6) return;
    if (existsSync(join(dir, 'ruleset.json'))) {
      out.push(dir);
      return;
    }
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
