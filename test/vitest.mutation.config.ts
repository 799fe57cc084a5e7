/**
 * Vitest configuration for mutation testing (`npm run mutation`, see stryker.config.json):
 * the unit and golden-case tests, without the slow fuzz, security, CLI and type tests and the time-zone test (it switches TZ, which Stryker's workers do not pick up) and the differential, batch, build and browser tests (each takes seconds per run, which Stryker would pay per mutant; their engine semantics are pinned by test/engine/engine.test.ts), which
 * exercise the same code thousands of times per mutant and add nothing to the score. Also without the documentation
 * freshness test (seconds per run, checks doc comments and generated pages) and the SHA-256 property test (src/sha256 is not mutated).
 */
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    exclude: ['test/docs.test.ts', 'test/ruleset/sha256.test.ts', 'test/fuzz/**', 'test/security/**', 'test/cli/**', 'test/deps.test.ts', 'test/tz.test.ts', 'test/differential.test.ts', 'test/engine/batch.test.ts', 'test/build.test.ts', 'test/browser/**', 'node_modules/**'],
    typecheck: { enabled: false },
    testTimeout: 60000,
  },
});
