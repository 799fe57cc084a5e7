import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// As the build does (tsup.config.ts): the package version comes from package.json, not from the last
// `npm run rules:build`.
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __FOERDERREGELN_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60000,
    setupFiles: ['test/setup-fast-check.ts'],
  },
});
