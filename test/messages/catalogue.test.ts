/**
 * The message catalogue (src/messages/: the library's and the CLI's table): complete texts in both languages, parameters that agree
 * between the languages and are typed, no dead entries, and no inline bilingual message coming back
 * in the folders that use the catalogue.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { MESSAGES, message, render, type Localized, type MessageId } from '../../src/messages/catalogue.js';
import { CLI_MESSAGES, cliIssueOf, cliMessage, type CliMessageId } from '../../src/messages/cli.js';
import { REPORT_MESSAGES, reportMessage, type ReportMessageId } from '../../src/messages/reports.js';
import { HTTP_MESSAGES, httpIssueOf, httpMessage, type HttpMessageId } from '../../src/messages/http.js';
import { issueOf, type IssueCode } from '../../src/issues.js';
import { CliError } from '../../src/cli/context.js';

const root = join(import.meta.dirname, '..', '..');
const TABLES = { MESSAGES, CLI_MESSAGES, REPORT_MESSAGES, HTTP_MESSAGES } as const;
const ALL: Readonly<Record<string, Localized>> = { ...MESSAGES, ...CLI_MESSAGES, ...REPORT_MESSAGES, ...HTTP_MESSAGES };
/**
 * The first part of an id: the issue code for an issue message; for other texts the place that shows
 * them. Which table may hold which: the library's (./catalogue.ts, in every bundle) issue messages and
 * operator labels; the CLI's (./cli.ts) its errors; the reports' (./reports.ts) explanations, pin and
 * comparison reports, result notes, the what-if scenario and shared report words; the HTTP service's
 * (./http.ts) problem titles and request issues.
 */
type OtherPrefix = 'cli' | 'compare' | 'eligibility' | 'explain' | 'http' | 'note' | 'operator' | 'pin' | 'report' | 'whatif';
const PREFIXES: Record<keyof typeof TABLES, RegExp> = {
  MESSAGES: /^(?!cli\.|compare\.|explain\.|http\.|note\.|pin\.|report\.|whatif\.)/,
  CLI_MESSAGES: /^(?!compare\.|explain\.|http\.|note\.|operator\.|pin\.|report\.|whatif\.)/,
  REPORT_MESSAGES: /^(compare|explain|note|pin|report|whatif)\./,
  HTTP_MESSAGES: /^(?!cli\.|compare\.|explain\.|note\.|operator\.|pin\.|report\.|whatif\.)/,
};
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
 * Messages written inline: `issue(code, path, '…', '…')`, `mk(…)`, `issueOf(code, path, '…', '…')`, `new CliError('…', '…')`, and issue
 * literals `{ code, path, message: { de: '…', en: '…' } }`.
 */
export function inlineMessages(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const isText = (n: ts.Node | undefined): boolean => n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n));
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    let texts: (ts.Node | undefined)[] = [];
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ['issue', 'mk', 'issueOf'].includes(n.expression.text)) texts = [n.arguments[2], n.arguments[3]];
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

/** Text a reader sees: a string or template whose literal parts hold a letter (a separator such as `'.'` or `';'` is not). */
function hasText(n: ts.Node): boolean {
  // A language code is a value, not a text (`options.lang === 'en' ? 'en' : 'de'`).
  const letters = (t: string): boolean => /\p{L}/u.test(t) && t !== 'de' && t !== 'en';
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return letters(n.text);
  if (ts.isTemplateExpression(n)) return letters(n.head.text) || n.templateSpans.some((s) => letters(s.literal.text));
  if (ts.isParenthesizedExpression(n)) return hasText(n.expression);
  if (ts.isConditionalExpression(n)) return hasText(n.whenTrue) || hasText(n.whenFalse);
  if (ts.isObjectLiteralExpression(n)) return n.properties.some((p) => ts.isPropertyAssignment(p) && hasText(p.initializer));
  return false;
}

/** A test of the language: `lang === 'de'`, `l !== 'en'`, `de` / `!de` (from `const de = lang === 'de'`). */
function isLanguageTest(n: ts.Node): boolean {
  if (ts.isParenthesizedExpression(n)) return isLanguageTest(n.expression);
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) return isLanguageTest(n.operand);
  if (ts.isIdentifier(n)) return n.text === 'de' || n.text === 'en';
  if (!ts.isBinaryExpression(n)) return false;
  const op = n.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return false;
  return [n.left, n.right].some((x) => ts.isStringLiteral(x) && (x.text === 'de' || x.text === 'en'));
}

/**
 * A command's own documentation — the `summary` and `help` of a CLI command and the shared help
 * blocks (`…_HELP`) — is part of its declaration, as a programme's name is: it stays with the
 * command, not in the catalogue.
 */
function isCommandDoc(n: ts.ObjectLiteralExpression): boolean {
  const p = n.parent;
  if (ts.isPropertyAssignment(p)) return ['summary', 'help'].includes(p.name.getText());
  return ts.isVariableDeclaration(p) && /_HELP$/.test(p.name.getText());
}

/**
 * Texts chosen by language in code instead of coming from the catalogue:
 * (a) a conditional on the language whose branches are both text (`lang === 'de' ? 'Quelle' : 'Source'`,
 *     `de ? `${n} Zeilen` : `${n} rows``, or objects holding text), or both plain names — the body of a
 *     picker such as `pick(lang, de, en)`, which takes its texts inline at every call;
 * (b) an object literal `{ de: '…', en: '…' }` built in code, with text in both languages.
 * A choice without letters (`lang === 'de' ? '.' : ','`, a separator) is not a text and is not flagged.
 */
export function languageChoices(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node): string => `${fileName}:${String(sf.getLineAndCharacterOfPosition(n.getStart()).line + 1)}: ${n.getText().replace(/\s+/g, ' ').slice(0, 60)}`;
  const visit = (n: ts.Node): void => {
    if (ts.isConditionalExpression(n) && isLanguageTest(n.condition)) {
      const picker = ts.isIdentifier(n.whenTrue) && ts.isIdentifier(n.whenFalse);
      if (picker || (hasText(n.whenTrue) && hasText(n.whenFalse))) found.push(at(n));
    }
    if (ts.isObjectLiteralExpression(n) && !isCommandDoc(n)) {
      const byName = new Map(n.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), p.initializer]));
      const de = byName.get('de');
      const en = byName.get('en');
      if (de !== undefined && en !== undefined && hasText(de) && hasText(en)) found.push(at(n));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('message catalogue', () => {
  it('has a German and an English text for every id, under an issue code or a named place, in one table only', () => {
    expect(ids.length).toBeGreaterThan(300);
    expect(ids.length).toBe(Object.values(TABLES).reduce((n, t) => n + Object.keys(t).length, 0));
    for (const [name, table] of Object.entries(TABLES)) for (const id of Object.keys(table)) expect(id, name).toMatch(PREFIXES[name as keyof typeof TABLES]);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ALL[id]?.de.trim(), id).not.toBe('');
      expect(ALL[id]?.en.trim(), id).not.toBe('');
    }
    expectTypeOf<Exclude<CliMessageId | ReportMessageId | HttpMessageId, `${IssueCode | OtherPrefix}.${string}`>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<MessageId, `${IssueCode | 'operator' | 'eligibility'}.${string}`>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<ReportMessageId, `${'compare' | 'explain' | 'note' | 'pin' | 'report' | 'whatif'}.${string}`>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<HttpMessageId, `cli.${string}`>>().toEqualTypeOf<never>();
  });

  it('uses the same parameters in both languages, and fills every one of them', () => {
    for (const id of ids) {
      const { de, en } = ALL[id] ?? { de: '', en: '' };
      expect(holes(de), id).toEqual(holes(en));
      // Braces that are not a parameter hold a space or an ellipsis, so the parameter type skips them too.
      for (const m of `${de} ${en}`.matchAll(/\{([^{}]*)\}/g)) if (!/^\{[A-Za-z_$][\w$]*\}$/.test(m[0])) expect(m[1], id).toMatch(/[ …]/);
      const params = Object.fromEntries(holes(de).map((h) => [h, `<${h}>`]));
      const filled = render(ALL[id] ?? { de: '', en: '' }, [params]);
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

  it('builds report texts and the HTTP service\'s issues from an id, reusing the library\'s', () => {
    expect(reportMessage('pin.outcomes-changed', { n: 2 })).toEqual({ de: '2 Ergebnis(se) geändert.', en: '2 outcome(s) changed.' });
    expect(reportMessage('explain.note', { note: { de: 'a', en: 'b' } })).toEqual({ de: 'Hinweis: a', en: 'Note: b' });
    expect(httpIssueOf('invalid-value.lang', ['lang'])).toEqual({ code: 'invalid-value', path: ['lang'], message: HTTP_MESSAGES['invalid-value.lang'] });
    expect(httpIssueOf('unknown-field.by-name', ['x'], { field: 'x' })).toEqual(issueOf('unknown-field.by-name', ['x'], { field: 'x' }));
    // The German text has never named the code of a bad request; the parameter keeps it so.
    expect(httpMessage('invalid-input.bad-request', { code: { de: '', en: ' (E1)' } })).toEqual({ de: 'Die Anfrage ist ungültig.', en: 'The request is invalid (E1).' });
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

describe('no texts chosen by language in code', () => {
  /** Where report and label texts come from the catalogue: all of src/ except the tables themselves, DATA and NOT_YET_CHOICES. */
  const files = sourceFiles(join(root, 'src')).filter((f) => !f.includes(join('src', 'messages', '')));
  /** Files whose texts are not in the catalogue yet: none is left (issue 11); a new entry needs a reason. */
  const NOT_YET_CHOICES: string[] = [];
  /**
   * Declarative data, not messages: a text that is a property of the thing it describes, the same
   * whatever shows it — programme names, the sources and notes of the bundled data (as rule sets
   * carry theirs in rules/), and the format a contract parameter must have (its district key).
   */
  const DATA = ['src/programmes/index.ts', 'src/data/', 'src/contract/parameters.ts'];
  const checked = files.filter((f) => ![...NOT_YET_CHOICES, ...DATA].some((n) => relative(root, f).startsWith(n)));

  it('finds none outside NOT_YET_CHOICES', () => {
    expect(checked.length).toBeGreaterThan(60);
    expect(checked.flatMap((f) => languageChoices(relative(root, f), readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('would find each shape, and leaves choices without text alone (the scan itself works)', () => {
    const text = [
      "const a = lang === 'de' ? 'Quelle' : 'Source';",
      'const de = lang === "de";',
      "out.push(de ? `${n} Zeilen` : `${n} rows`);",
      "const w = l === 'de' ? (x ? 'alle' : 'eine') : x ? 'all' : 'any';",
      "const g = lang === 'de' ? { joiner: ' und ' } : { joiner: ' and ' };",
      "const note = { de: `${n} ungültig`, en: `${n} invalid` };",
      'function pick(lang: string, de: string, en: string): string { return lang === "de" ? de : en; }',
      "const sep = lang === 'de' ? ';' : ',';",
      "const group = locale === 'de' ? '.' : ',';",
      "const h = lang === 'de' ? (TABLE[key] ?? key) : key;",
      "const m = { de: t, en: t };",
      "const z = { de: message('x').de, en: 'y' };",
      "const n = x === 'all' ? 'alle' : 'any';",
      "const cmd = { summary: { de: 'prüfen', en: 'check' }, help: { de: 'Hilfe', en: 'help' } };",
      "const ROW_HELP = { de: 'Eingabe', en: 'input' };",
      "const row = { label: { de: 'Zeile', en: 'row' } };",
    ].join('\n');
    expect(languageChoices('x.ts', text).map((s) => s.slice(0, 7))).toEqual(['x.ts:1:', 'x.ts:3:', 'x.ts:4:', 'x.ts:5:', 'x.ts:6:', 'x.ts:7:', 'x.ts:16']);
  });
});
