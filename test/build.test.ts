/**
 * The library entry must bundle for a browser: no `node:` module and no Node built-in anywhere in
 * its import graph (only src/ruleset/fs.ts and src/cli/** may use them, and the barrel must not
 * reach them), and the bundled rule sets must be inside (no file system at run time).
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('browser bundle of the library entry (src/index.ts)', () => {
  it('bundles for platform "browser" with every dependency inlined and no Node built-in', async () => {
    const imported: string[] = [];
    const result = await build({
      entryPoints: [join(root, 'src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'record-imports',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              imported.push(args.path);
              return undefined;
            });
          },
        },
      ],
    });
    expect(result.errors).toEqual([]);
    const nodeImports = imported.filter((p) => p.startsWith('node:') || builtins.has(p));
    expect(nodeImports).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.endsWith('src/ruleset/fs.ts'))).toBe(false);
    expect(inputs.some((p) => p.includes('src/cli/'))).toBe(false);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('bw-im-2022-ukraine');
  });

  it('notices a Node built-in (the check above can fail)', async () => {
    const result = build({
      stdin: { contents: "import { readFileSync } from 'node:fs'; console.log(readFileSync);", resolveDir: root },
      bundle: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    await expect(result).rejects.toThrow(/node:fs/);
  });
});
