import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { generateDocs, predecessorOf, staleDocs } from '../scripts/build-docs.js';
import { defaultRegistry } from '../src/index.js';
import { casesOf } from '../src/testing/cases.js';

const root = join(import.meta.dirname, '..');

describe('generated rule-set pages (docs/rules, docs/legal-notes.md)', () => {
  it('are up to date with rules/ (otherwise run `npm run docs:rules` and commit docs/)', () => {
    const stale = staleDocs(join(root, 'docs'));
    expect(stale, `out of date under docs/: ${stale.join(', ')}: run \`npm run docs:rules\``).toEqual([]);
  });

  it('has one page per bundled rule set, under its programme, and an index linking each', () => {
    const files = generateDocs();
    const index = files.get('rules/README.md') ?? '';
    for (const s of defaultRegistry().list()) {
      const path = `rules/${s.document.programme}/${s.id}.md`;
      expect(files.has(path), path).toBe(true);
      expect(index).toContain(`(${s.document.programme}/${s.id}.md)`);
      const page = files.get(path) ?? '';
      expect(page).toContain(`# ${s.id}: ${s.document.title.de}`);
      expect(page).toContain(s.hash);
      for (const name of Object.keys(s.document.parameters)) expect(page).toContain(`\`${name}\``);
      for (const c of casesOf(s)) expect(page).toContain(c.name.replace(/\|/g, '\\|'));
    }
  });

  it('is the same bytes on every run', () => {
    const a = [...generateDocs()];
    const b = [...generateDocs()];
    expect(b).toEqual(a);
  });

  it('diffs an overlay against its base and a version against the previous one of its programme', () => {
    const reg = defaultRegistry();
    const pred = (id: string): string | undefined => {
      const s = reg.get(id);
      return s === undefined ? undefined : predecessorOf(reg, s)?.id;
    };
    expect(pred('bw-im-2022-ukraine')).toBe('bw-im-2022');
    expect(pred('bw-im-2023')).toBe('bw-im-2022');
    expect(pred('bw-im-2017')).toBeUndefined();
    const page = generateDocs().get('rules/bw-integrationsmanagement/bw-im-2022-ukraine.md') ?? '';
    expect(page).toContain('target group: + People displaced from Ukraine in municipal or private housing (not in state initial reception) (displacedFromUkraine = true and accommodationStage is none of [displacedFromUkraineExcludedStages]) [displaced-from-ukraine]');
  });

  it('legal notes list every value that is not sourced', () => {
    const notes = generateDocs().get('legal-notes.md') ?? '';
    for (const s of defaultRegistry().list()) {
      for (const [name, p] of Object.entries(s.document.parameters)) {
        if (p.values.some((v) => v.confidence !== 'sourced')) expect(notes, `${s.id} ${name}`).toContain(`parameter \`${name}\``);
      }
    }
  });
});

describe('API reference (TSDoc on src/index.ts)', () => {
  it('every public export has a doc comment with an @example', () => {
    const program = ts.createProgram([join(root, 'src/index.ts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(join(root, 'src/index.ts'));
    if (source === undefined) throw new Error('src/index.ts not found');
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error('src/index.ts is not a module');
    const missing: string[] = [];
    for (const sym of checker.getExportsOfModule(moduleSymbol)) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      const decl = target.declarations?.[0];
      if (decl === undefined) {
        missing.push(sym.name);
        continue;
      }
      const host = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      const tags = ts.getJSDocTags(host).map((t) => t.tagName.text);
      const hasComment = ts.getJSDocCommentsAndTags(host).length > 0;
      if (!hasComment || !tags.includes('example')) missing.push(`${sym.name} (${decl.getSourceFile().fileName.slice(root.length + 1)})`);
    }
    expect(missing, `exports without TSDoc @example: ${missing.join(', ')}`).toEqual([]);
  }, 60_000);

  it('typedoc.json treats validation warnings as errors and requires documentation', () => {
    const cfg = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
    expect(cfg.treatWarningsAsErrors).toBe(true);
    expect(cfg.treatValidationWarningsAsErrors).toBe(true);
    expect((cfg.validation as Record<string, unknown>).notDocumented).toBe(true);
    expect(cfg.out).toBe('docs/api');
  });
});
