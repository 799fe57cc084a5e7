/**
 * Supply chain: the resolved versions of the two dependencies with known RCE history, install
 * scripts blocked, and the lockfile committed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

/** Compares dotted numeric versions ("10.3.0" vs "10.4.0"); pre-release tags count as lower. */
function compareVersions(a: string, b: string): number {
  const [ca, preA] = a.split('-', 2);
  const [cb, preB] = b.split('-', 2);
  const pa = (ca ?? '').split('.').map(Number);
  const pb = (cb ?? '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (preA !== undefined && preB === undefined) return -1;
  if (preA === undefined && preB !== undefined) return 1;
  return 0;
}

describe('compareVersions', () => {
  it('orders versions numerically, not as text', () => {
    expect(compareVersions('10.4.0', '10.3.0')).toBe(1);
    expect(compareVersions('10.3.0', '10.3.0')).toBe(0);
    expect(compareVersions('9.10.0', '10.3.0')).toBe(-1);
    expect(compareVersions('10.10.0', '10.3.0')).toBe(1);
    expect(compareVersions('7.3.0', '7.3.1')).toBe(-1);
    expect(compareVersions('7.3.1-beta.1', '7.3.1')).toBe(-1);
  });
});

describe('resolved dependency versions', () => {
  it.each([
    ['json-rules-engine', '7.3.1'],
    ['jsonpath-plus', '10.3.0'],
  ])('%s is at least %s (read from node_modules)', (name, min) => {
    const v = json(`node_modules/${name}/package.json`).version as string;
    expect(compareVersions(v, min), `${name} ${v} < ${min}`).toBeGreaterThanOrEqual(0);
  });
  it('the jsonpath-plus that json-rules-engine loads is that same one (no nested older copy)', () => {
    expect(existsSync(join(root, 'node_modules/json-rules-engine/node_modules/jsonpath-plus'))).toBe(false);
  });
  it('the lockfile pins the same versions', () => {
    const lock = json('package-lock.json') as { packages: Record<string, { version?: string }> };
    expect(compareVersions(lock.packages['node_modules/json-rules-engine']?.version ?? '0', '7.3.1')).toBeGreaterThanOrEqual(0);
    expect(compareVersions(lock.packages['node_modules/jsonpath-plus']?.version ?? '0', '10.3.0')).toBeGreaterThanOrEqual(0);
    for (const [path, p] of Object.entries(lock.packages)) {
      if (path.endsWith('/jsonpath-plus')) expect(compareVersions(p.version ?? '0', '10.3.0'), path).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('install hygiene', () => {
  it("dependencies' install scripts are denied, the project's own lifecycle is not", () => {
    const npmrc = readFileSync(join(root, '.npmrc'), 'utf8').split(/\r?\n/).map((l) => l.trim());
    // ignore-scripts=true would also skip `prepack`, and `npm pack` would ship no dist/.
    expect(npmrc).not.toContain('ignore-scripts=true');
    // Any dependency with an install script that allowScripts does not cover fails `npm ci`.
    expect(npmrc).toContain('strict-allow-scripts=true');
    const pkg = json('package.json') as { allowScripts?: Record<string, boolean>; scripts: Record<string, string> };
    const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0); // esbuild has one: the check below is not vacuous
    for (const name of withScripts) expect(pkg.allowScripts?.[name], `allowScripts.${name}`).toBe(false);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
  it('package-lock.json exists and is committed', () => {
    expect(existsSync(join(root, 'package-lock.json'))).toBe(true);
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', 'package-lock.json', '.npmrc'], { cwd: root, encoding: 'utf8' });
    expect(tracked.split('\n')).toEqual(expect.arrayContaining(['package-lock.json', '.npmrc']));
  });
});
