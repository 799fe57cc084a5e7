// Bundles the benchmarks (and the library code they import) into one ES module with esbuild,
// the way tsup bundles dist/, so that timings reflect the published build rather than tsx's
// on-the-fly module transform (which routes every cross-module call through a getter).
// Usage: node bench/build.mjs  →  node_modules/.cache/foerderregeln-bench/run.mjs
//        node bench/build.mjs http  →  …/http.mjs and …/http-server.mjs (the HTTP load run)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = process.argv.includes('http') ? ['http', 'http-server'] : ['run'];
for (const name of entries) await build({
  entryPoints: [join(root, `bench/${name}.ts`)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: join(root, `node_modules/.cache/foerderregeln-bench/${name}.mjs`),
  logLevel: 'warning',
});
