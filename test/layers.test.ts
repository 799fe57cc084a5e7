/**
 * The layering of src/: the folder-level import graph (every relative `import`, `import type`,
 * `export … from` and dynamic `import()`) has no cycle, and nothing imports a folder of a higher
 * layer. DESIGN.md "Layout" gives the target shape; this is the order of the folders that exist.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

/**
 * Layers from the bottom up. A module may import its own folder, its own layer, or a lower layer.
 * Folders not named here (a new adapter, say) count as adapters: below only the entry points.
 * Files directly in src/ other than those named are entry points (the barrels).
 */
export const LAYERS: readonly (readonly string[])[] = [
  // core: issues and messages, dates, money, private helpers
  ['_lib', 'issues.ts', 'dates', 'money'],
  // format: the rule-set document (schema, limits, parse, condition helpers, canonical JSON, hashing)
  ['ruleset', 'version.ts'],
  // engine: operators, binding, compiled closures
  ['engine'],
  // contract: what rule data and code agree on (the person's facts, event types), reference data
  ['contract', 'data'],
  // versions: registry and loading, overlays, selection by date
  ['versions'],
  // computation: what every computation shares (assumptions, parameter reading)
  ['computation'],
  // the computations
  ['domain'],
  // the programmes: which computations each declares
  ['programmes'],
  ['explain'],
  ['compare'],
  ['pin'],
  ['testing', 'synthetic'],
  // the public barrels: the adapters use the library through them, as any adopter does
  ['index.ts', 'entry'],
  // adapters (and any folder not named above)
  ['cli', 'adapters'],
];
const ADAPTERS = LAYERS.length - 1;
const ENTRY = LAYERS.length;

/** The unit of the graph: the first path segment below src/ (a folder, or a file in src/). */
function unitOf(file: string): string {
  return relative(src, file).split(sep)[0] ?? '';
}

function layerOf(unit: string): number {
  const i = LAYERS.findIndex((l) => l.includes(unit));
  if (i >= 0) return i;
  return unit.endsWith('.ts') ? ENTRY : ADAPTERS;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Folder-level edges `from → to`, each with the files that make it. */
export function importGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName).replace(/\.js$/, '.ts');
      if (!target.startsWith(src + sep)) continue;
      const from = unitOf(file);
      const to = unitOf(target);
      if (from === to) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), relative(src, file)]);
    }
  }
  return graph;
}

/** Strongly connected components with more than one unit (Tarjan). */
export function cycles(graph: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])]);
  for (const v of [...nodes].sort()) if (!idx.has(v)) visit(v);
  return out;
}

describe('layering of src/', () => {
  const graph = importGraph();

  it('finds the imports (the extraction itself works)', () => {
    expect(graph.get('domain')?.has('versions')).toBe(true);
    expect(graph.get('index.ts')?.size ?? 0).toBeGreaterThan(5);
  });

  it('has no cycle between folders', () => {
    const found = cycles(graph).map((scc) => {
      const inside = new Set(scc);
      const edges = scc.flatMap((a) => [...(graph.get(a) ?? new Map<string, string[]>())].filter(([b]) => inside.has(b)).map(([b, files]) => `${a} → ${b} (${[...new Set(files)].join(', ')})`));
      return `{${scc.join(', ')}}: ${edges.join('; ')}`;
    });
    expect(found).toEqual([]);
  });

  it('imports nothing from a higher layer', () => {
    const upward: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, files] of edges) {
        if (layerOf(to) > layerOf(from)) upward.push(`${from} → ${to} (${[...new Set(files)].join(', ')})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('detects a cycle and an upward import when there is one', () => {
    const g = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['c', ['b/y.ts']]])],
      ['c', new Map([['a', ['c/z.ts']]])],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    expect(layerOf('domain')).toBeLessThan(layerOf('explain'));
    expect(layerOf('ruleset')).toBeLessThan(layerOf('versions'));
    expect(layerOf('some-new-adapter')).toBe(ADAPTERS);
    expect(layerOf('index.ts')).toBeLessThan(ADAPTERS);
    expect(layerOf('some-file.ts')).toBe(ENTRY);
  });
});
