/**
 * The package version is taken at build time (tsup `define`, as vitest.config.ts does for the
 * tests), not at `npm run rules:build`: a version bump alone reaches `--version`, lock files and
 * outcome snapshots. The packed build is checked in test/release/package.test.ts (it packs a copy
 * whose version was bumped without rules:build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/versions/version.js';
import { PACKAGE_VERSION } from '../../src/ruleset/bundled.generated.js';
import { pinRuleSets } from '../../src/pin/pin.js';
import { snapshotOutcomes } from '../../src/pin/snapshot.js';
import { main } from '../../src/cli/main.js';
import { Writable } from 'node:stream';

const root = join(import.meta.dirname, '..', '..');
const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('package version', () => {
  it('is package.json’s version in the library, pins, snapshots and --version', async () => {
    expect(VERSION).toBe(pkgVersion);
    expect(PACKAGE_VERSION).toBe(pkgVersion);
    const lock = pinRuleSets();
    expect(lock.ok && lock.lock.package.version).toBe(pkgVersion);
    const snap = snapshotOutcomes([{ id: 'a', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false }], { on: '2024-01-15' });
    expect(snap.packageVersion).toBe(pkgVersion);
    let out = '';
    const stdout = new Writable({
      write(c: Buffer, _e, cb) {
        out += c.toString();
        cb();
      },
    });
    expect(await main(['--version'], { stdout, stderr: stdout, stdin: process.stdin })).toBe(0);
    expect(out.trim()).toBe(pkgVersion);
  });

  it('comes from the build’s define, whatever version the last rules:build wrote', async () => {
    const result = await build({
      stdin: { contents: "export { VERSION } from './src/versions/version.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
      define: { __FOERDERREGELN_VERSION__: JSON.stringify('97.5.3-bumped') },
    });
    const code = result.outputFiles[0]?.text ?? '';
    const built = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { VERSION: string };
    expect(built.VERSION).toBe('97.5.3-bumped');
  });
});
