/**
 * The message catalogue (src/messages/: the library's and the CLI's table): complete texts in both languages, parameters that agree
 * between the languages and are typed, no dead entries, and no inline bilingual message coming back
 * in the folders that use the catalogue.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { MESSAGES, message, type Localized, type MessageId } from '../../src/messages/catalogue.js';
import { CLI_MESSAGES, cliIssueOf, cliMessage, type CliMessageId } from '../../src/messages/cli.js';
import { issueOf, type IssueCode } from '../../src/issues.js';
import { CliError } from '../../src/cli/context.js';

const root = join(import.meta.dirname, '..', '..');
const ALL: Readonly<Record<string, Localized>> = { ...MESSAGES, ...CLI_MESSAGES };
const ids = Object.keys(ALL);
/** A parameter `{name}`; other braces (`{ on }`, `{…}`) are text, as the `Holes` type reads them. */
const HOLE = /\{([A-Za-z_$][\w$]*)\}/g;
const holes = (text: string): string[] => [...text.matchAll(HOLE)].map((m) => m[1] ?? '').sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.generated.ts') ? [p] : [];
  });
}

/** Folders and files whose messages come from the catalogue (the others still write theirs inline). */
const CONVERTED = ['src/ruleset', 'src/versions', 'src/cli', 'src/tabular', 'src/pin', 'src/_lib', 'src/explain', 'src/issues.ts', 'src/compare/diff.ts', 'src/compare/format.ts', 'src/compare/funding.ts', 'src/compare/html.ts', 'src/compare/impact.ts', 'src/domain', 'src/computation', 'src/contract', 'src/engine', 'src/adapters', 'src/testing'];
/** Files inside CONVERTED that still write their messages inline (none left; issue 11). */
const NOT_YET: string[] = [];

/**
 * Messages written inline: `issue(code, path, '…', '…')`, `mk(…)`, `new CliError('…', '…')`, and issue
 * literals `{ code, path, message: { de: '…', en: '…' } }`.
 */
export function inlineMessages(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const isText = (n: ts.Node | undefined): boolean => n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n));
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    let texts: (ts.Node | undefined)[] = [];
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && (n.expression.text === 'issue' || n.expression.text === 'mk')) texts = [n.arguments[2], n.arguments[3]];
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'CliError') texts = [n.arguments?.[0], n.arguments?.[1]];
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'message' && ts.isObjectLiteralExpression(n.initializer)) {
      texts = n.initializer.properties.filter(ts.isPropertyAssignment).filter((p) => ['de', 'en'].includes(p.name.getText())).map((p) => p.initializer);
    }
    if (texts.some(isText)) found.push(`${fileName}:${String(sf.getLineAndCharacterOfPosition(n.getStart()).line + 1)}: ${n.getText().slice(0, 60)}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('message catalogue', () => {
  it('has a German and an English text for every id, under an issue code, cli or compare, in one table only', () => {
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.length).toBe(Object.keys(MESSAGES).length + Object.keys(CLI_MESSAGES).length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ALL[id]?.de.trim(), id).not.toBe('');
      expect(ALL[id]?.en.trim(), id).not.toBe('');
    }
    expectTypeOf<Exclude<CliMessageId, `${IssueCode | 'cli' | 'compare'}.${string}`>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<MessageId, `cli.${string}`>>().toEqualTypeOf<never>();
  });

  it('uses the same parameters in both languages, and fills every one of them', () => {
    for (const id of ids) {
      const { de, en } = ALL[id] ?? { de: '', en: '' };
      expect(holes(de), id).toEqual(holes(en));
      // Braces that are not a parameter hold a space or an ellipsis, so the parameter type skips them too.
      for (const m of `${de} ${en}`.matchAll(/\{([^{}]*)\}/g)) if (!/^\{[A-Za-z_$][\w$]*\}$/.test(m[0])) expect(m[1], id).toMatch(/[ …]/);
      const params = Object.fromEntries(holes(de).map((h) => [h, `<${h}>`]));
      const filled = (cliMessage as (id: string, params: Record<string, string>) => Localized)(id, params);
      for (const h of holes(de)) {
        expect(filled.de, id).toContain(`<${h}>`);
        expect(filled.en, id).toContain(`<${h}>`);
      }
      expect(holes(filled.de).filter((h) => h in params), id).toEqual([]);
    }
  });

  it('types the parameters from the texts', () => {
    expectTypeOf(message<'unknown-rule-set.by-id'>).parameter(1).toEqualTypeOf<Record<'id', string | number | { de: string; en: string }>>();
    const typeChecks = (): void => {
      // @ts-expect-error a parameter is missing
      message('unknown-rule-set.by-id', {});
      // @ts-expect-error a parameter the text does not use
      message('unknown-rule-set.by-id', { id: 'x', extra: 1 });
      // @ts-expect-error a message without parameters takes none
      message('invalid-input.options-object', { id: 'x' });
      // @ts-expect-error an id that is not in the catalogue
      message('unknown-rule-set.nowhere');
      // @ts-expect-error issueOf takes the library's issue messages only (their first part is the issue code)
      issueOf('cli.input-file-missing', []);
      // @ts-expect-error the library's messages leave the CLI's out
      message('cli.input-file-missing');
    };
    expect(typeChecks).toBeTypeOf('function');
  });

  it('has no entry that src/ does not use', () => {
    const src = sourceFiles(join(root, 'src'))
      .filter((f) => !f.includes(join('src', 'messages', '')))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(ids.filter((id) => !src.includes(`'${id}'`))).toEqual([]);
  });

  it('fills text, numbers and one text per language', () => {
    expect(message('unknown-rule-set.by-id', { id: 'bw-x' })).toEqual({ de: 'Regelwerk bw-x ist unbekannt.', en: 'Rule set bw-x is unknown.' });
    expect(message('limit-exceeded.input-depth', { maxDepth: 64 }).en).toBe('The input is nested deeper than 64 levels.');
    expect(cliMessage('cli.cannot-compare', { details: { de: 'a', en: 'b' } })).toEqual({ de: 'Vergleich nicht möglich:\na', en: 'Cannot compare:\nb' });
    // A value that looks like a parameter is not filled again.
    expect(message('unknown-rule-set.by-id', { id: '{id}' }).en).toBe('Rule set {id} is unknown.');
    expect(cliMessage('invalid-type.rule-set-selector')).toEqual(message('invalid-type.rule-set-selector'));
    expect(message('invalid-type.rule-set-selector')).toEqual({ de: 'Erwartet eine Regelwerk-ID oder { on }.', en: 'Expected a rule-set id or { on }.' });
  });

  it('builds issues and CLI errors from an id', () => {
    expect(issueOf('unknown-rule-set.by-id', ['ruleSet'], { id: 'x' })).toEqual({ code: 'unknown-rule-set', path: ['ruleSet'], message: { de: 'Regelwerk x ist unbekannt.', en: 'Rule set x is unknown.' } });
    expect(cliIssueOf('invalid-date.cell', ['on'], { column: 'on', value: '"x"' })).toEqual({ code: 'invalid-date', path: ['on'], message: cliMessage('invalid-date.cell', { column: 'on', value: '"x"' }) });
    const e = CliError.of('cli.input-file-missing');
    expect([e.de, e.en, e.message, e.exitCode]).toEqual([CLI_MESSAGES['cli.input-file-missing'].de, 'Input file missing.', 'Input file missing.', 2]);
    expect(CliError.of('unknown-rule-set.by-id', { id: 'x' }).en).toBe('Rule set x is unknown.');
  });
});

describe('no inline messages where the catalogue is used', () => {
  const files = CONVERTED.flatMap((p) => (p.endsWith('.ts') ? [join(root, p)] : sourceFiles(join(root, p)))).filter((f) => !NOT_YET.some((n) => f.endsWith(n)));

  it('finds none in the converted folders', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((f) => inlineMessages(relative(root, f), readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('would find one (the scan itself works)', () => {
    const text = [
      "out.push(issue('invalid-value', ['x'], `${x}: falsch.`, `${x}: wrong.`));",
      "throw new CliError('Fehler.', 'Error.');",
      "out.push(issue('invalid-value', ['x'], m.de, m.en));",
      "out.push(issueOf('unknown-rule-set.by-id', ['x'], { id }));",
      "out.push({ code: 'invalid-value', path: [], message: { de: `${x} falsch`, en: `${x} wrong` } });",
      'out.push({ code: i.code, path: [], message: { de: i.message, en: i.message } });',
    ].join('\n');
    expect(inlineMessages('x.ts', text).map((s) => s.slice(0, 6))).toEqual(['x.ts:1', 'x.ts:2', 'x.ts:5']);
  });
});
