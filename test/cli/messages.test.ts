/**
 * The CLI's texts come from the catalogue (src/messages/cli.ts): no command writes a text in both
 * languages itself. A command's `summary` and `help` are its declaration and stay with it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES, CLI_TEXTS } from '../../src/messages/cli.js';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const isText = (n: ts.Node): boolean => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);

/** Whether a node holds a text with words (not `''`, `'\n'`, `' · '`, `${a}:\n${b}`). */
function hasWords(n: ts.Node): boolean {
  const words = (s: string): boolean => /\p{L}{2}/u.test(s);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return words(n.text);
  if (ts.isTemplateExpression(n)) return words(n.head.text) || n.templateSpans.some((s) => words(s.literal.text) || hasWords(s.expression));
  return ts.forEachChild(n, (c) => (hasWords(c) ? true : undefined)) === true;
}

/** Functions that would take a German and an English text side by side. */
const PAIR_TAKERS = new Set(['t', 'fail', 'malformed', 'onWarning', 'onNote']);

/** Inside a command's `summary` or `help`, or a shared help text (`…_HELP`). */
function inDeclaration(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent; p !== undefined; p = p.parent as ts.Node | undefined) {
    if (ts.isPropertyAssignment(p) && ['summary', 'help'].includes(p.name.getText())) return true;
    if (ts.isVariableDeclaration(p) && /_HELP$/.test(p.name.getText())) return true;
  }
  return false;
}

/**
 * Texts written in both languages in code: a choice on the language between texts
 * (`lang === 'de' ? 'Zeile' : 'row'`), a `{ de: '…', en: '…' }` literal with text, and a call
 * to a function that takes a German and an English text side by side.
 */
export function inlineTexts(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node): string => `${fileName}:${String(sf.getLineAndCharacterOfPosition(n.getStart()).line + 1)}: ${n.getText().slice(0, 60)}`;
  const visit = (n: ts.Node): void => {
    if (ts.isConditionalExpression(n) && /\bde\b|lang/.test(n.condition.getText()) && (hasWords(n.whenTrue) || hasWords(n.whenFalse))) found.push(at(n));
    if (ts.isObjectLiteralExpression(n) && !inDeclaration(n)) {
      const texts = n.properties.filter(ts.isPropertyAssignment).filter((p) => ['de', 'en'].includes(p.name.getText()) && isText(p.initializer) && hasWords(p.initializer));
      if (texts.length > 0) found.push(at(n));
    }
    const callee = ts.isCallExpression(n) ? n.expression.getText().split('.').pop()?.replace('?', '') : undefined;
    if (ts.isCallExpression(n) && PAIR_TAKERS.has(callee ?? '') && n.arguments.some((a, i) => isText(a) && hasWords(a) && n.arguments[i + 1] !== undefined && isText(n.arguments[i + 1] as ts.Node) && hasWords(n.arguments[i + 1] as ts.Node))) found.push(at(n));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('CLI texts', () => {
  it('src/cli writes none in both languages itself', () => {
    const files = sourceFiles(join(root, 'src', 'cli'));
    expect(files.length).toBeGreaterThan(25);
    expect(files.flatMap((f) => inlineTexts(relative(root, f), readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('CLI_TEXTS: both languages with the same parameters, ids apart from the messages, each used in src/cli', () => {
    const holes = (text: string): string[] => [...text.matchAll(/\{([A-Za-z_$][\w$]*)\}/g)].map((m) => m[1] ?? '').sort();
    const src = sourceFiles(join(root, 'src', 'cli'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const [id, m] of Object.entries(CLI_TEXTS)) {
      expect(id).toMatch(/^(cli|malformed-row)\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id in CLI_MESSAGES, id).toBe(false);
      expect(m.de.trim(), id).not.toBe('');
      expect(m.en.trim(), id).not.toBe('');
      expect(holes(m.de), id).toEqual(holes(m.en));
      expect(src.includes(`'${id}'`), id).toBe(true);
    }
  });

  it('would find one (the scan itself works)', () => {
    const text = [
      "const a = lang === 'de' ? 'Zeile' : 'row';",
      "const b = { de: `Fallbestand ${p}`, en: `caseload ${p}` };",
      "out.push(t(lang, 'Stichtag', 'Date'));",
      "const c = lang === 'de' ? ' · ' : '';",
      "const d = { de: format(x, 'de'), en: format(x, 'en') };",
      "const e = { summary: { de: 'Hilfe', en: 'help' } };",
      "out.push(t(lang, 'cli.demo-date'));",
    ].join('\n');
    expect(inlineTexts('x.ts', text).map((s) => s.slice(0, 6))).toEqual(['x.ts:1', 'x.ts:2', 'x.ts:3']);
  });
});
