/**
 * The package as an adopter gets it: a clean copy of the repository is packed with `npm pack`
 * (which runs `prepack`, so this also proves the build runs on packing), the tarball is installed
 * in a scratch project, and the README's example runs there as ESM, as CommonJS and as TypeScript
 * (`nodenext`, strict, `noUncheckedIndexedAccess`, library types checked); the CLI runs from the
 * installed bin; an eligibility-only browser page bundled with esbuild stays under its size ceiling;
 * dist/cli.js imports the library's chunks instead of carrying a second copy.
 *
 * Offline except for what is already on disk: the scratch project gets the runtime dependencies as
 * `file:` links into this repository's node_modules, so `npm install --offline` fetches nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
};
/**
 * Gzipped size ceiling of a page that only checks eligibility (issue 14: 64 kB). The page was 140 kB
 * with `import { z } from 'zod'`, 83 kB with namespace imports of zod's classic API, and is about
 * 56 kB since the person and rule-set schemas use `zod/mini` (same checks and issues) and the golden
 * cases ship beside the bundled rule sets (src/ruleset/bundled-cases.generated.ts); most of the rest
 * is the rule sets with their citations and notes.
 */
const ELIGIBILITY_PAGE_GZIP_LIMIT = 64 * 1024;

/** The version the packed copy is bumped to (src/ruleset/bundled.generated.ts still says pkg.version). */
const BUMPED = `${pkg.version}-packtest.1`;

/** The README's first TypeScript example and the output it shows (`// → …`). */
function readmeExample(): { code: string; output: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README has no ts block');
  const shown = /^\/\/ → (.*)$/m.exec(block)?.[1];
  if (shown === undefined) throw new Error('README example shows no output');
  return { code: block, output: shown };
}

let work = '';
let scratch = '';
let tarball: { filename: string; size: number; entryCount: number; files: { path: string }[] };
const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32', env: { ...process.env, NODE_OPTIONS: '' } });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'foerderregeln-package-'));
  // A clean copy: the files git knows (tracked and new, not ignored), no dist/, no node_modules.
  const clone = join(work, 'clone');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root).split('\0').filter((f) => f !== '');
  for (const f of files) {
    mkdirSync(dirname(join(clone, f)), { recursive: true });
    try {
      cpSync(join(root, f), join(clone, f));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // deleted but not yet staged
    }
  }
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'junction');
  // A version bump without `npm run rules:build`: the build must still put the new version in.
  const clonePkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(clone, 'package.json'), JSON.stringify({ ...clonePkg, version: BUMPED }, null, 2));
  const out = run(npm, ['pack', '--json', '--pack-destination', work], clone);
  // prepack's build logs come first (and may contain brackets); npm's JSON array starts a line.
  const parsed = JSON.parse(out.slice(Math.max(0, out.search(/^\[\s*\{/m)))) as (typeof tarball)[];
  tarball = parsed[0] as typeof tarball;

  scratch = join(work, 'scratch');
  mkdirSync(scratch);
  const deps: Record<string, string> = { [pkg.name]: `file:${join(work, tarball.filename)}` };
  for (const name of [...Object.keys(pkg.dependencies), 'json-rules-engine']) deps[name] = `file:${join(root, 'node_modules', name)}`;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, dependencies: deps }));
  run(npm, ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], scratch);
}, 600_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('npm pack from a clean copy', () => {
  it('ships the built library, types, CLI, rule sets and licence', () => {
    const paths = new Set(tarball.files.map((f) => f.path));
    for (const entry of ['index', 'eligibility', 'money', 'pin', 'testing', 'untrusted']) {
      for (const ext of ['js', 'cjs', 'd.ts', 'd.cts']) expect(paths.has(`dist/${entry}.${ext}`), `dist/${entry}.${ext}`).toBe(true);
    }
    for (const f of ['dist/cli.js', 'LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'docs/ruleset.schema.json']) expect(paths.has(f), f).toBe(true);
    expect([...paths].some((p) => p.startsWith('rules/'))).toBe(true);
    expect([...paths].filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
    // The what-if page's browser script (dist/whatif-page.js) and the JSON Schemas are most of it.
    expect(tarball.size).toBeLessThan(900_000);
  });
});

describe('the installed tarball', () => {
  const { code, output } = readmeExample();

  it('runs the README example as ESM', () => {
    writeFileSync(join(scratch, 'example.mjs'), code);
    expect(run(process.execPath, ['example.mjs'], scratch).trim()).toBe(output);
  });

  it('runs the README example as CommonJS', () => {
    const cjs = code.replace(/^import \{([^}]*)\} from '([^']*)';$/gm, "const {$1} = require('$2');");
    expect(cjs).toContain('require(');
    writeFileSync(join(scratch, 'example.cjs'), cjs);
    expect(run(process.execPath, ['example.cjs'], scratch).trim()).toBe(output);
  });

  it('compiles the README example as TypeScript (nodenext, strict, library types checked) and runs it', () => {
    writeFileSync(join(scratch, 'example.mts'), code);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          outDir: 'out',
        },
        files: ['example.mts'],
      }),
    );
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], scratch);
    expect(run(process.execPath, ['out/example.mjs'], scratch).trim()).toBe(output);
  }, 300_000);

  it('resolves every dual subpath from ESM and CommonJS to the same functions', () => {
    const dual = Object.entries(pkg.exports)
      .filter(([k, v]) => !k.includes('*') && !k.endsWith('.json') && typeof v === 'object' && v !== null && 'require' in v && 'import' in v)
      .map(([k]) => k);
    expect(dual).toEqual(['.', './eligibility', './money', './pin', './untrusted', './testing']);
    const script = `
      const names = ${JSON.stringify(dual.map((k) => k.replace(/^\./, pkg.name)))};
      const esm = await Promise.all(names.map((n) => import(n)));
      const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      const cjs = names.map((n) => require(n));
      const main = esm[0], elig = esm[1], cmain = cjs[0], celig = cjs[1];
      console.log(JSON.stringify({
        sameEsm: main.checkEligibility === elig.checkEligibility,
        sameCjs: cmain.checkEligibility === celig.checkEligibility,
        sameUntrusted: esm[4].checkEligibility === main.checkEligibility && cjs[4].computeGrant === cmain.computeGrant,
        counts: esm.map((m, i) => Object.keys(m).length === Object.keys(cjs[i]).length),
      }));
      const t = await import('${pkg.name}/testing');
      const persons = t.generatePersons({ count: 20, seed: 1, on: '2024-01-15' });
      let agree = 0;
      for (const p of persons) { const r = await t.checkEligibilityWithReference(p); if (r.ok && r.agrees) agree++; }
      console.log(agree);`;
    writeFileSync(join(scratch, 'subpaths.mjs'), script);
    const [first, second] = run(process.execPath, ['subpaths.mjs'], scratch).trim().split('\n');
    expect(JSON.parse(first ?? '')).toEqual({ sameEsm: true, sameCjs: true, sameUntrusted: true, counts: dual.map(() => true) });
    expect(second).toBe('20');
  }, 120_000);

  it('runs the CLI from the installed bin: --version (the build’s version), a pin and a check', () => {
    const bin = join(scratch, 'node_modules', '.bin', 'foerderregeln');
    expect(run(process.execPath, [bin, '--version'], scratch).trim()).toBe(BUMPED);
    const lock = JSON.parse(run(process.execPath, [bin, 'pin', '--out', '-'], scratch)) as { package: { version: string } };
    expect(lock.package.version).toBe(BUMPED);
    const csv = run(process.execPath, [bin, 'check', join(root, 'examples', 'persons.csv'), '--on', '2024-01-15', '--format', 'csv'], scratch);
    expect(csv.split('\n')[0]).toContain('eligible');
  });

  it('dist/cli.js imports the library chunks instead of carrying a second copy', () => {
    const dist = join(scratch, 'node_modules', pkg.name, 'dist');
    // whatif-page.js is the what-if page's self-contained browser script, not loaded by Node.
    const esm = readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'whatif-page.js');
    const withRules = esm.filter((f) => /"id":\s*"bw-im-2022-ukraine"/.test(readFileSync(join(dist, f), 'utf8')));
    expect(withRules).toHaveLength(1);
    expect(withRules[0]).not.toBe('cli.js');
    const cli = readFileSync(join(dist, 'cli.js'), 'utf8');
    expect(cli).toMatch(/from ["']\.\/chunk-[A-Z0-9]+\.js["']/);
    expect(cli).not.toContain('function checkEligibility(');
  });

  it(`bundles an eligibility-only browser page under ${ELIGIBILITY_PAGE_GZIP_LIMIT / 1024} kB gzipped`, async () => {
    const page = code.replace(/console\.(log|error)\(/g, 'document.body.append(');
    writeFileSync(join(scratch, 'page.mjs'), page);
    const result = await build({
      entryPoints: [join(scratch, 'page.mjs')],
      absWorkingDir: scratch,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(`eligibility-only page: ${bytes.length} bytes, ${gz} gzipped`);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.includes('decimal.js') || p.includes('json-rules-engine') || p.includes('csv-'))).toEqual([]);
    // zod's classic API and its JSON Schema generator stay out (modules esbuild read but dropped have 0 bytes).
    const used = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p));
    expect(used.filter((p) => p.includes('zod/v4/classic') || p.includes('json-schema'))).toEqual([]);
    expect(gz).toBeLessThanOrEqual(ELIGIBILITY_PAGE_GZIP_LIMIT);
  });

  it('gives the same answers and issues from the eligibility-only bundle as from the main entry', async () => {
    // Persons that exercise every kind of issue the person schema yields, zod's own messages included
    // (too short / too long id: the English zod message is part of the issue text).
    const persons = [
      { id: 'p1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
      { id: '', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false },
      { id: 'x'.repeat(201), residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false },
      { id: 'p4', residenceStatus: 'nope', accommodation: 'private', displacedFromUkraine: 'yes', extra: 1 },
      { id: 'p5', residenceStatus: 'asylum-seeker', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-02-30', district: '8111', on: '9999-12-31' },
      { residenceStatus: 'other' },
      'not a person',
    ];
    const script = (from: string): string => `import { checkEligibility } from '${from}';
      const persons = ${JSON.stringify(persons)};
      console.log(JSON.stringify(persons.map((p) => checkEligibility(p, { on: '2024-01-15' }))));`;
    writeFileSync(join(scratch, 'same-main.mjs'), script(pkg.name));
    writeFileSync(join(scratch, 'same-page.mjs'), script(`${pkg.name}/eligibility`));
    await build({ entryPoints: [join(scratch, 'same-page.mjs')], absWorkingDir: scratch, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(scratch, 'same-page.bundle.mjs'), logLevel: 'silent' });
    const fromMain = run(process.execPath, ['same-main.mjs'], scratch).trim();
    expect(fromMain).toContain('Too small');
    expect(run(process.execPath, ['same-page.bundle.mjs'], scratch).trim()).toBe(fromMain);
  });
});
