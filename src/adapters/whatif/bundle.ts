/**
 * The what-if page's script. An installed package ships it built (`dist/whatif-page.js`, written by
 * `npm run build`); running from the sources (tsx, tests), it is built on the fly with esbuild, a
 * development dependency. Both are the same bundle of `page.ts`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the built page script next to the CLI in dist/. */
export const PAGE_SCRIPT_FILE = 'whatif-page.js';

/** Builds the page script from the sources with esbuild (minified IIFE for browsers). */
export async function buildWhatIfScript(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = join(here, 'page.ts');
  const shim = join(here, 'fflate-sync.ts');
  // A development dependency: present when running from the sources, not needed when installed.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [
      {
        // fflate's zip/unzip start Web Workers for large entries, which the page's CSP forbids:
        // the Excel libraries get the synchronous stand-in (fflate-sync.ts) instead.
        name: 'fflate-sync',
        setup(b) {
          b.onResolve({ filter: /^fflate$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
        },
      },
    ],
  });
  const file = out.outputFiles[0];
  if (file === undefined) throw new Error('esbuild wrote no page script');
  return file.text;
}

/** The page script: the built one next to this module (installed package), else built now. */
export async function whatIfScript(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, PAGE_SCRIPT_FILE);
  if (existsSync(built)) return readFile(built, 'utf8');
  if (existsSync(join(here, 'page.ts'))) return buildWhatIfScript();
  throw new Error(`${PAGE_SCRIPT_FILE} is missing next to ${here}; run npm run build`);
}
