import { defineConfig } from 'tsup';

/**
 * Two builds:
 * - the library (`src/index.ts`): ESM + CJS + declarations, platform neutral so that it works in a
 *   browser bundle (the bundled rule sets are compiled in; no `node:` module is imported);
 * - the CLI (`src/cli/bin.ts` → `dist/cli.js`): ESM for Node, with a shebang.
 * Runtime dependencies stay external in both (tsup's default for `dependencies`).
 * `npm run build` empties dist/ first, because the two builds run side by side.
 */
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    sourcemap: false,
    splitting: false,
    treeshake: true,
    clean: false,
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    // Only used when the what-if page script is built from the sources (never in dist/).
    external: ['esbuild'],
    sourcemap: false,
    splitting: false,
    clean: false,
  },
]);
