import * as z from 'zod';
import { contentHash } from '../ruleset/canonical.js';
import { defaultRegistry, type RuleSetRegistry } from '../versions/registry.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../ruleset/bundled.generated.js';
import { resolveNamed, resolvedFromContent, type ResolvedContent } from '../versions/resolve.js';
import { diffResolved, type RuleSetDiff } from '../compare/diff.js';
import { forbiddenKeys, fromZodIssues, type Issue, issueOf } from '../issues.js';
import { kindSchema, localizedSchema, statusSchema } from '../ruleset/schema.js';
import { guardApi, ownData } from '../_lib/guard.js';
import { reportMessage } from '../messages/reports.js';

/**
 * One pinned rule set in a lock file.
 *
 * @example
 * const p = pinRuleSets(['bw-im-2023']);
 * if (p.ok) console.log(p.lock.ruleSets[0]?.hash, Object.keys(p.lock.ruleSets[0]?.resolved.parameters ?? {}));
 */
export interface PinnedRuleSet {
  id: string;
  programme: string;
  title: { de: string; en: string };
  kind: z.infer<typeof kindSchema>;
  status: z.infer<typeof statusSchema>;
  /** The rule set's own content hash. */
  hash: string;
  /** The hash of the rule set merged with what it extends. */
  resolvedHash: string;
  /** The canonical merged rule set itself, so a later change can be explained, not just detected. */
  resolved: ResolvedContent;
}

/**
 * A lock file (`foerderregeln.lock.json`).
 *
 * @example
 * const lock: LockFile = JSON.parse(fs.readFileSync('foerderregeln.lock.json', 'utf8'));
 * console.log(lock.package.version, lock.ruleSets.map((s) => `${s.id} ${s.resolvedHash}`));
 */
export interface LockFile {
  lockfileVersion: 1;
  package: { name: string; version: string };
  ruleSets: PinnedRuleSet[];
}

const lockSchema = z.object({
  lockfileVersion: z.literal(1),
  package: z.object({ name: z.string(), version: z.string() }),
  ruleSets: z
    .array(
      z.object({
        id: z.string().min(1),
        programme: z.string(),
        title: localizedSchema,
        kind: kindSchema,
        status: statusSchema,
        hash: z.string(),
        resolvedHash: z.string(),
        resolved: z.record(z.string(), z.unknown()),
      }),
    )
    .max(10000),
});

/**
 * Records rule sets (all bundled ones by default) with their hashes and canonical content,
 * for an adopter's test suite to check later with {@link checkPins}.
 *
 * @example
 * const lock = pinRuleSets(['bw-im-2023', 'bw-im-2025']);
 * if (lock.ok) fs.writeFileSync('foerderregeln.lock.json', JSON.stringify(lock.lock, null, 2));
 */
export const pinRuleSets = guardApi('pinRuleSets', function pinRuleSets(
  ids?: readonly string[],
  options: { registry?: RuleSetRegistry } = {},
): { ok: true; lock: LockFile } | { ok: false; issues: Issue[] } {
  const idList: unknown = ids;
  if (idList !== undefined && !Array.isArray(idList)) {
    return { ok: false, issues: [issueOf('invalid-type.ids-list', ['ids'])] };
  }
  const registry = options.registry ?? defaultRegistry();
  const wanted = ids !== undefined && ids.length > 0 ? [...ids] : registry.list().map((s) => s.id);
  const issues: Issue[] = [];
  const ruleSets: PinnedRuleSet[] = [];
  wanted.forEach((id, i) => {
    const r = resolveNamed(registry, id);
    if (r === undefined) {
      issues.push(issueOf('unknown-rule-set.by-id', ['ruleSets', i], { id }));
      return;
    }
    ruleSets.push({
      id: r.id,
      programme: r.programme,
      title: r.title,
      kind: r.kind,
      status: r.status,
      hash: r.hash,
      resolvedHash: r.resolvedHash,
      resolved: JSON.parse(JSON.stringify(r.content)) as ResolvedContent,
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, lock: { lockfileVersion: 1, package: { name: PACKAGE_NAME, version: PACKAGE_VERSION }, ruleSets } };
});

/**
 * The check of one pinned rule set.
 *
 * @example
 * const r = checkPins(lock);
 * if (r.ok) for (const c of r.report.checks) if (c.status !== 'unchanged') console.log(c.id, c.status, c.diff?.summary.map((l) => l.en));
 */
export interface PinCheck {
  id: string;
  status: 'unchanged' | 'changed' | 'missing';
  locked: { hash: string; resolvedHash: string; packageVersion: string };
  installed: { hash: string; resolvedHash: string; packageVersion: string } | null;
  /** What changed from the locked to the installed content (null when unchanged or missing). */
  diff: RuleSetDiff | null;
}

/**
 * The result of checking a lock file.
 *
 * @example
 * const r = checkPins(lock);
 * expect(r.ok && r.report.unchanged).toBe(true);
 */
export interface PinReport {
  /** True when no pinned rule set changed or went missing. */
  unchanged: boolean;
  checks: PinCheck[];
}

/**
 * Compares a lock file with the installed rule sets. Every changed rule set comes with the
 * structural diff (parameters with impacted periods, rules, conditions) between the locked and the
 * installed content.
 *
 * @example
 * const r = checkPins(JSON.parse(fs.readFileSync('foerderregeln.lock.json', 'utf8')));
 * expect(r.ok && r.report.unchanged).toBe(true);
 */
export const checkPins = guardApi('checkPins', function checkPins(lockInput: unknown, options: { registry?: RuleSetRegistry } = {}): { ok: true; report: PinReport } | { ok: false; issues: Issue[] } {
  // A copy of own data, bounded (a 100k-deep or non-finite value is an issue, not a crash).
  const own = ownData(lockInput, { maxDepth: 64, maxNodes: 5_000_000, finiteOnly: true });
  if (!own.ok) return own;
  // Plain JSON again (bounded and finite now): the comparison below expects ordinary objects.
  own.value = JSON.parse(JSON.stringify(own.value)) as unknown;
  const bad = forbiddenKeys(own.value);
  if (bad.length > 0) return { ok: false, issues: bad };
  const parsed = lockSchema.safeParse(own.value);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], own.value) };
  const lock = parsed.data;
  const registry = options.registry ?? defaultRegistry();
  const checks: PinCheck[] = [];
  const issues: Issue[] = [];
  lock.ruleSets.forEach((p, i) => {
    const content = p.resolved as unknown as ResolvedContent;
    if (contentHash(content) !== p.resolvedHash) {
      issues.push(issueOf('invalid-value.lock-hash-mismatch', ['ruleSets', i, 'resolved'], { id: p.id }));
      return;
    }
    const locked = { hash: p.hash, resolvedHash: p.resolvedHash, packageVersion: lock.package.version };
    const now = resolveNamed(registry, p.id);
    if (now === undefined) {
      checks.push({ id: p.id, status: 'missing', locked, installed: null, diff: null });
      return;
    }
    const installed = { hash: now.hash, resolvedHash: now.resolvedHash, packageVersion: PACKAGE_VERSION };
    if (now.resolvedHash === p.resolvedHash) {
      checks.push({ id: p.id, status: 'unchanged', locked, installed, diff: null });
      return;
    }
    const before = resolvedFromContent(content, { hash: p.hash, programme: p.programme, title: p.title, kind: p.kind, status: p.status });
    checks.push({ id: p.id, status: 'changed', locked, installed, diff: diffResolved(before, now) });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, report: { unchanged: checks.every((c) => c.status === 'unchanged'), checks } };
});

/**
 * A readable report of a pin check, German or English.
 *
 * @example
 * const r = checkPins(JSON.parse(fs.readFileSync('foerderregeln.lock.json', 'utf8')));
 * if (r.ok && !r.report.unchanged) throw new Error(formatPinReport(r.report, 'en'));
 */
export const formatPinReport = guardApi('formatPinReport', function formatPinReport(report: PinReport, lang: 'de' | 'en' = 'en'): string {
  const out: string[] = [];
  for (const c of report.checks) {
    if (c.status === 'unchanged') {
      out.push(reportMessage('pin.unchanged', { id: c.id, hash: c.locked.resolvedHash })[lang]);
    } else if (c.status === 'missing') {
      out.push(reportMessage('pin.missing', { id: c.id, version: c.locked.packageVersion })[lang]);
    } else {
      out.push(reportMessage('pin.changed', { id: c.id, lockedHash: c.locked.resolvedHash, lockedVersion: c.locked.packageVersion, installedHash: c.installed?.resolvedHash ?? '—', installedVersion: c.installed?.packageVersion ?? '—' })[lang]);
      for (const line of c.diff?.summary ?? []) out.push(`    ${line[lang]}`);
      for (const p of c.diff?.parameters.changed ?? []) {
        const periods = p.impactedPeriods.map((x) => `${x.from} – ${x.to ?? reportMessage('report.open')[lang]}`).join(', ');
        if (periods) out.push(`    ${reportMessage('pin.impacted-periods', { name: p.name, periods })[lang]}`);
      }
    }
  }
  out.push(reportMessage(report.unchanged ? 'pin.all-unchanged' : 'pin.some-changed')[lang]);
  return out.join('\n');
});
