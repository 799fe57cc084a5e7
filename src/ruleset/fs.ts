import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Issue, issueOf } from '../issues.js';

/** Largest rule file read from disk (bytes): bigger files are refused. */
export const MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;
/** Largest rule-set directory (all files read, README included), checked before anything is parsed. */
export const MAX_RULE_SET_BYTES = 20 * 1024 * 1024;
/** Largest README.md of a rule-set directory. */
export const MAX_README_BYTES = 1024 * 1024;
/** Most directories a search for rule sets visits, and its deepest level. */
export const MAX_RULE_DIRS_VISITED = 10_000;
const MAX_WALK_DEPTH = 6;

/**
 * File names a rule-set directory may hold: anything else ending in `.rules.json` is refused
 * unread (so the list is closed here, below the programmes); test/ruleset/computation-names.test.ts
 * checks it against the declared computations.
 */
export const RULE_FILE_COMPUTATIONS = ['eligibility', 'grant', 'allocation', 'staffing', 'lump-sum'] as const;

/** A bounded read: the text, or an issue. */
export type BoundedRead = { ok: true; text: string } | { ok: false; issue: Issue };

function unreadable(name: string, de: string, en: string): { ok: false; issue: Issue } {
  return { ok: false, issue: issueOf('unreadable-input.file', [name], { name, detail: { de, en } }) };
}

/**
 * The one way the library reads a file (Node only). Opens without blocking (a FIFO cannot hang the
 * open), refuses anything that is not a regular file after following links (devices, FIFOs,
 * sockets, directories), and reads at most `maxBytes` + 1 bytes whatever `stat` claims (so
 * `/proc` files and growing files stay bounded). File content never appears in a message.
 *
 * @param name how the file is named in issues (a base name: no directory is echoed)
 */
export function readBoundedText(path: string, maxBytes: number, name = basename(path)): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return unreadable(name, `nicht lesbar (${code}).`, `unreadable (${code}).`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return unreadable(name, 'ist keine gewöhnliche Datei (Gerät, FIFO, Socket oder Verzeichnis).', 'is not a regular file (device, FIFO, socket or directory).');
    if (st.size > maxBytes) {
      return { ok: false, issue: issueOf('limit-exceeded.file-size', [name], { name, size: st.size, maxBytes }) };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > maxBytes) {
        return { ok: false, issue: issueOf('limit-exceeded.file-size-read', [name], { name, maxBytes }) };
      }
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8').replace(/^\uFEFF/, '') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return unreadable(name, `nicht lesbar (${code}).`, `unreadable (${code}).`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses JSON without echoing the text: V8's messages quote the start of the input (which, through
 * a symlink, could be any file); only the position is kept.
 */
export function parseJsonQuiet(text: string, name: string): { ok: true; value: unknown } | { ok: false; issue: Issue } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const pos = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    const at = pos !== undefined ? ` (Position ${pos})` : '';
    const atEn = pos !== undefined ? ` (at position ${pos})` : '';
    return { ok: false, issue: issueOf('unreadable-input.not-valid-json', [name], { name, at: { de: at, en: atEn } }) };
  }
}

/** Reads and parses one JSON file through {@link readBoundedText}. */
export function readBoundedJson(path: string, maxBytes: number, name = basename(path)): { ok: true; value: unknown } | { ok: false; issue: Issue } {
  const r = readBoundedText(path, maxBytes, name);
  return r.ok ? parseJsonQuiet(r.text, name) : r;
}

function readJson(path: string, issues: Issue[], budget: { left: number }): unknown {
  const r = readBoundedText(path, Math.min(MAX_RULE_FILE_BYTES, Math.max(0, budget.left)));
  if (!r.ok) {
    issues.push(r.issue);
    return undefined;
  }
  budget.left -= Buffer.byteLength(r.text);
  const p = parseJsonQuiet(r.text, basename(path));
  if (!p.ok) {
    issues.push(p.issue);
    return undefined;
  }
  return p.value;
}

/** Kind of a directory entry after following links, or null when it is dangling or unreadable. */
function kindOf(path: string): 'file' | 'dir' | 'other' | null {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}

/**
 * Reads a rule set from disk into one document (Node only): either a directory laid out like
 * those in `rules/` (`ruleset.json`, `parameters.json`, `*.rules.json`, `cases.json`,
 * `README.md`) or a single JSON file holding the whole document (a scenario). The result still
 * has to be validated with `loadRuleSet`.
 *
 * Bounded before anything is parsed: only regular files are read; a `*.rules.json` whose name is
 * no computation is refused unread; the sizes of all files to read must together stay within
 * {@link MAX_RULE_SET_BYTES} (each within {@link MAX_RULE_FILE_BYTES}, the README within
 * {@link MAX_README_BYTES}), and the cap is enforced again while reading.
 */
export function readRuleSetDocument(path: string, options: { withReadme?: boolean } = {}): { ok: true; document: unknown } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const kind = kindOf(path);
  if (kind === null) {
    return { ok: false, issues: [issueOf('unreadable-input.does-not-exist', [], { path })] };
  }
  if (kind !== 'dir') {
    const doc = readJson(path, issues, { left: MAX_RULE_FILE_BYTES });
    return issues.length > 0 ? { ok: false, issues } : { ok: true, document: doc };
  }
  const metaPath = join(path, 'ruleset.json');
  if (kindOf(metaPath) === null) {
    return { ok: false, issues: [issueOf('unreadable-input.missing', ['ruleset.json'], { path: metaPath })] };
  }
  // Which files will be read, checked by name and summed by size before any is opened for parsing.
  let entries: string[];
  try {
    entries = readdirSync(path).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, issues: [issueOf('unreadable-input.unreadable', [], { path, code })] };
  }
  const ruleFiles: string[] = [];
  for (const f of entries) {
    if (!f.endsWith('.rules.json')) continue;
    const computation = f.slice(0, -'.rules.json'.length);
    if (!(RULE_FILE_COMPUTATIONS as readonly string[]).includes(computation)) {
      issues.push(issueOf('unknown-field.computation-file', [f], { file: f, computations: RULE_FILE_COMPUTATIONS.join(', ') }));
    } else ruleFiles.push(f);
  }
  const toRead = ['ruleset.json', 'parameters.json', ...ruleFiles, 'cases.json', ...(options.withReadme === true ? ['README.md'] : [])];
  let declared = 0;
  for (const f of toRead) {
    try {
      const st = statSync(join(path, f));
      if (st.isFile()) declared += st.size;
    } catch {
      // Missing optional files are fine; a dangling required one is reported when read.
    }
  }
  if (declared > MAX_RULE_SET_BYTES) {
    issues.push(issueOf('limit-exceeded.rule-set-bytes', [], { declared, max: MAX_RULE_SET_BYTES }));
  }
  if (issues.length > 0) return { ok: false, issues };
  const budget = { left: MAX_RULE_SET_BYTES };
  const meta = readJson(metaPath, issues, budget);
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    if (issues.length === 0) issues.push(issueOf('invalid-type.ruleset-json', ['ruleset.json']));
    return { ok: false, issues };
  }
  const doc: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
  const paramsPath = join(path, 'parameters.json');
  if (kindOf(paramsPath) !== null) doc.parameters = readJson(paramsPath, issues, budget);
  const rules: Record<string, unknown> = {};
  for (const f of ruleFiles) rules[f.slice(0, -'.rules.json'.length)] = readJson(join(path, f), issues, budget);
  doc.rules = rules;
  const casesPath = join(path, 'cases.json');
  if (kindOf(casesPath) !== null) doc.cases = readJson(casesPath, issues, budget);
  const readmePath = join(path, 'README.md');
  if (options.withReadme === true && kindOf(readmePath) !== null) {
    const r = readBoundedText(readmePath, Math.min(MAX_README_BYTES, Math.max(0, budget.left)));
    if (r.ok) doc.readme = r.text;
    else issues.push(r.issue);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document: doc };
}

/**
 * Every rule-set directory below `root` (a directory holding `ruleset.json`), sorted. Symlinked
 * directories are not followed (no loops, no escape from the tree), dangling links are skipped,
 * and the walk stops after {@link MAX_RULE_DIRS_VISITED} directories or 6 levels.
 */
export function findRuleSetDirs(root: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let visited = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || visited >= MAX_RULE_DIRS_VISITED) return;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    visited++;
    if (kindOf(join(dir, 'ruleset.json')) !== null) {
      out.push(dir);
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const f of names) {
      const p = join(dir, f);
      try {
        if (lstatSync(p).isDirectory()) walk(p, depth + 1);
      } catch {
        // Vanished or unreadable entries are skipped.
      }
    }
  };
  walk(root, 0);
  return out;
}
