/**
 * Every TypeScript/JavaScript code block in README.md and docs/*.md compiles (strict,
 * noUncheckedIndexedAccess, exactOptionalPropertyTypes, against the sources as the package
 * `foerderregeln` and its subpaths), and every block with shown output runs and prints exactly
 * that output, so no sample goes stale. JSON blocks parse.
 *
 * Conventions: a block that starts with an `import` (or a `// file` comment) is a module of its
 * own; a block that does not continues the previous block of the same page. Shown output is a
 * ```text block right after the code block, or a `// → …` line in the block. In shown output, `…`
 * stands for any text, and a line that is only `…` (indented or not) for any number of lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, 'node_modules', '.cache', 'foerderregeln-docs');

const SUBPATHS: Record<string, string> = {
  foerderregeln: 'src/index.ts',
  'foerderregeln/eligibility': 'src/entry/eligibility.ts',
  'foerderregeln/money': 'src/entry/money.ts',
  'foerderregeln/pin': 'src/entry/pin.ts',
  'foerderregeln/testing': 'src/entry/testing.ts',
  'foerderregeln/untrusted': 'src/entry/untrusted.ts',
  'foerderregeln/http': 'src/adapters/http/index.ts',
};

interface Block {
  doc: string;
  line: number;
  lang: string;
  code: string;
  /** Output shown for this block (text block after it, or `// →` lines), if any. */
  output: string | null;
}

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const raw: { lang: string; line: number; end: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j] ?? '')) j++;
    raw.push({ lang: open[1] ?? '', line: start + 1, end: j, code: lines.slice(start + 1, j).join('\n') });
    i = j;
  }
  const out: Block[] = [];
  for (let k = 0; k < raw.length; k++) {
    const b = raw[k];
    if (b === undefined || !['ts', 'typescript', 'js', 'mjs', 'json'].includes(b.lang)) continue;
    let output: string | null = null;
    const next = raw[k + 1];
    if (next !== undefined && next.lang === 'text' && lines.slice(b.end + 1, next.line - 1).every((l) => l.trim() === '')) output = next.code;
    const arrows = [...b.code.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1] ?? '');
    if (arrows.length > 0) output = arrows.join('\n');
    out.push({ doc, line: b.line, lang: b.lang, code: b.code, output });
  }
  return out;
}

const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = docs.flatMap(blocksOf);
const code = blocks.filter((b) => b.lang !== 'json');

/** Chains: a block without a leading import continues the previous block of the same page. */
interface Module {
  name: string;
  blocks: Block[];
  source: string;
}
function modules(): Module[] {
  const mods: Module[] = [];
  for (const b of code) {
    const head = b.code.replace(/^(\s*\/\/[^\n]*\n)*/, '').trimStart();
    const prev = mods[mods.length - 1];
    if (prev === undefined || head.startsWith('import ') || /^\/\/ [\w.-]+\.(m?ts|m?js)\b/.test(b.code) || prev.blocks[0]?.doc !== b.doc) {
      mods.push({ name: `${b.doc.replace(/[/.]/g, '_')}_${b.line}`, blocks: [b], source: b.code });
    } else {
      prev.blocks.push(b);
      prev.source += `\n${b.code}`;
    }
  }
  return mods;
}
const mods = modules();

/** Compares printed output with shown output; `…` is any text, a line of only `…` any lines. */
function matches(actual: string, shown: string): boolean {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = shown
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${esc(l.trimEnd()).replace(/…/g, '[^\\n]*')}[ \\t]*\\n`))
    .join('');
  return new RegExp(`^${pattern}$`).test(`${actual.trimEnd()}\n`);
}

describe('code blocks in README.md and docs/', () => {
  it('finds the blocks (the checks below are not vacuous)', () => {
    expect(code.length).toBeGreaterThanOrEqual(12);
    expect(code.filter((b) => b.output !== null).length).toBeGreaterThanOrEqual(5);
    expect(matches('a\nb x c\nd\ne\n', 'a\nb … c\n…\ne')).toBe(true);
    expect(matches('a\nb\n', 'a\nc')).toBe(false);
  });

  it('every TypeScript block compiles (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)', () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const files = mods.map((m) => {
      const file = join(work, `${m.name}.mts`);
      writeFileSync(file, `${m.source}\nexport {};\n`);
      return file;
    });
    const paths = Object.fromEntries(Object.entries(SUBPATHS).map(([k, v]) => [k, [join(root, v)]]));
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      paths,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.includes(d.file.fileName))
      .map((d) => {
        const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        if (d.file === undefined || d.start === undefined) return msg;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        const mod = mods.find((m) => d.file?.fileName.endsWith(`${m.name}.mts`));
        // Map the line back to the page.
        let offset = line;
        let where = relative(root, d.file.fileName);
        for (const b of mod?.blocks ?? []) {
          const n = b.code.split('\n').length;
          if (offset < n) {
            where = `${b.doc}:${b.line + 1 + offset}`;
            break;
          }
          offset -= n;
        }
        return `${where}: TS${d.code} ${msg}`;
      });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 120_000);

  const shown = mods.filter((m) => m.blocks.some((b) => b.output !== null));
  it.each(shown.map((m) => [`${m.blocks[0]?.doc}:${m.blocks[0]?.line}`, m] as const))('%s prints the output it shows', (_where, m) => {
    mkdirSync(work, { recursive: true });
    let source = m.source;
    for (const [spec, path] of Object.entries(SUBPATHS)) source = source.replaceAll(`'${spec}'`, `'${join(root, path)}'`);
    const file = join(work, `run_${m.name}.mts`);
    writeFileSync(file, source.replace(/^\s*\/\/ @ts-expect-error.*\n.*\n/gm, ''));
    const printed = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    const expected = m.blocks.map((b) => b.output).filter((o): o is string => o !== null).join('\n');
    expect(matches(printed, expected), `printed:\n${printed}\nshown:\n${expected}`).toBe(true);
  }, 60_000);

  it.each(blocks.filter((b) => b.lang === 'json' && !b.code.includes('…')).map((b) => [`${b.doc}:${b.line}`, b] as const))('%s is valid JSON', (_w, b) => {
    expect(() => JSON.parse(b.code) as unknown).not.toThrow();
  });
});
