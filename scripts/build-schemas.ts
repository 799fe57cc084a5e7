/**
 * Writes the package's `schemas/` folder: the JSON Schemas (2020-12) of every input and result of the
 * HTTP service and both OpenAPI documents, generated from the zod schemas (src/adapters/http).
 *
 *   npm run schemas:build            writes the files
 *   npm run schemas:build -- --check fails when a committed file is out of date or missing
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedFiles } from '../src/adapters/http/openapi.js';
import { PACKAGE_VERSION } from '../src/ruleset/bundled.generated.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'schemas');
const files = publishedFiles(PACKAGE_VERSION);
const check = process.argv.includes('--check');
const stale: string[] = [];
const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const f of present) if (!files.has(f)) stale.push(`${f} (not generated any more)`);
for (const [name, text] of files) {
  const path = join(dir, name);
  const now = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (now !== text) stale.push(name);
}
if (check) {
  if (stale.length > 0) {
    process.stderr.write(`schemas/ is out of date (run npm run schemas:build): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`schemas/: ${files.size} files current\n`);
} else {
  mkdirSync(dir, { recursive: true });
  for (const f of present) if (!files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  process.stdout.write(`schemas/: wrote ${files.size} files\n`);
}
