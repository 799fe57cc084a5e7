/**
 * The repository pins its own rule sets: `foerderregeln.lock.json` must match the bundled rule sets,
 * and CHANGELOG.md must name each rule set's current resolved hash. So no rule set changes without
 * the lock and the changelog changing in the same commit: after editing rules/, run
 * `npm run rules:build && npm run pin:update` and write a CHANGELOG entry that names the impacted
 * rule sets, the impacted periods (exact dates) and the new hashes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPins, formatPinReport } from '../../src/pin/pin.js';
import { defaultRegistry } from '../../src/versions/registry.js';
import { resolveNamed } from '../../src/versions/resolve.js';

const root = join(import.meta.dirname, '..', '..');
const lockPath = join(root, 'foerderregeln.lock.json');

describe('the repository pins its own rule sets', () => {
  it('has a lock file of every bundled rule set that matches what is bundled', () => {
    expect(existsSync(lockPath), 'foerderregeln.lock.json is missing: run npm run pin:update').toBe(true);
    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { ruleSets: { id: string }[] };
    expect(lock.ruleSets.map((s) => s.id).sort()).toEqual(defaultRegistry().list().map((s) => s.id).sort());
    const r = checkPins(lock);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.unchanged, `rule sets changed without the lock:\n${formatPinReport(r.report, 'en')}\nRun npm run pin:update and add a CHANGELOG entry.`).toBe(true);
  });

  it('names the current resolved hash of every rule set in CHANGELOG.md', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const missing = defaultRegistry()
      .list()
      .map((s) => ({ id: s.id, hash: resolveNamed(defaultRegistry(), s.id)?.resolvedHash ?? '' }))
      .filter((s) => !changelog.includes(s.hash.slice(0, 'sha256:'.length + 16)));
    expect(missing, 'CHANGELOG.md must name these rule sets with the first 16 hex digits of their resolved hash').toEqual([]);
  });
});
