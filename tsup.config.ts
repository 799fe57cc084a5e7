import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const define = { __FOERDERREGELN_VERSION__: JSON.stringify(version) };

/**
 * The library entries (`foerderregeln` and its subpaths) and the CLI, built so that nothing is
 * shipped twice:
 * - ESM: every entry, the CLI included, in ONE build with code splitting, so `dist/cli.js` imports
 *   the library's chunks instead of embedding a second copy, and a page importing
 *   `foerderregeln/eligibility` loads only the eligibility chunks. Platform neutral: the library
 *   imports no `node:` module (only src/cli/** and src/ruleset/fs.ts do, and they stay external).
 * - CJS: the library entries for `require`. Each build writes its declarations (`.d.ts`, `.d.cts`).
 * Runtime dependencies stay external (tsup's default for `dependencies` and `peerDependencies`;
 * json-rules-engine is an optional peer, loaded only by `foerderregeln/testing`'s reference adapter).
 * `npm run build` empties dist/ first, because the builds run side by side.
 */
const library = {
  index: 'src/index.ts',
  eligibility: 'src/entry/eligibility.ts',
  money: 'src/entry/money.ts',
  pin: 'src/entry/pin.ts',
  testing: 'src/entry/testing.ts',
  untrusted: 'src/entry/untrusted.ts',
};

/**
 * ESM-only Node entries: the HTTP service (`foerderregeln/http`). In the same split build, so it
 * shares the library's chunks (one copy of the registry classes), and `foerderregeln` itself stays
 * free of server code.
 */
const nodeOnly = { http: 'src/adapters/http/index.ts' };

export default defineConfig([
  {
    entry: { ...library, ...nodeOnly, cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: { entry: { ...library, ...nodeOnly } },
    platform: 'node',
    target: ['node20', 'es2022'],
    sourcemap: false,
    splitting: true,
    treeshake: true,
    clean: false,
    // esbuild builds the what-if page script only when running from the sources (never from dist/).
    external: ['json-rules-engine', 'esbuild'],
    define,
  },
  {
    entry: library,
    format: ['cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    sourcemap: false,
    splitting: true,
    treeshake: true,
    clean: false,
    // @noble/hashes 2 is ESM only: bundled into the CommonJS build, so `require` needs no require(esm).
    noExternal: ['@noble/hashes'],
    external: ['json-rules-engine'],
    define,
  },
]);
