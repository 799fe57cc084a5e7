import { parseArgs } from 'node:util';
import { cliMessage, cliText } from '../messages/cli.js';
import type { Localized } from '../messages/catalogue.js';
import { CliError, choiceOption, flagOption, t, writeText, type CliIo, type Command, type ExitCode, type Lang } from './context.js';
import { COMMANDS, findCommand } from './registry.js';
import { VERSION } from '../versions/version.js';

const TOOL = 'foerderregeln';

function toolHelp(lang: Lang): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`).join('\n');
  return t(lang, 'cli.tool-help', { tool: TOOL, list });
}

function commandHelp(c: Command, lang: Lang): string {
  return `${t(lang, 'cli.usage', { tool: TOOL, usage: c.usage })}\n\n${c.summary[lang]}.\n\n${c.help[lang]}\n`;
}

/** Writes an error in the chosen language only (`Fehler: …` or `Error: …`), then the hint (a usage line). */
async function fail(io: CliIo, lang: Lang, message: Localized, hint?: string): Promise<ExitCode> {
  await writeText(io.stderr, `${t(lang, 'cli.error', { message })}\n${hint !== undefined ? `${hint}\n` : ''}`);
  return 2;
}

/** parseArgs' errors in both languages (its own messages are English only). */
function parseArgsError(e: unknown): { de: string; en: string } {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const option = /'(-[^' ]+)/.exec(msg)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return cliMessage('cli.option-unknown', { option });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return cliMessage(/does not take an argument/.test(msg) ? 'cli.option-takes-no-value' : 'cli.option-needs-value', { option });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return cliMessage('cli.argument-unexpected', { message: msg });
    default:
      return { de: msg, en: msg };
  }
}

/**
 * One spelling of JSON output for every command: `--format json` where a command only knows
 * `--json`, and `--json` (kept as an alias) where it knows `--format`.
 */
function normalizeJsonFlags(command: Command, args: readonly string[]): string[] {
  const hasJson = command.options.json !== undefined;
  const hasFormat = command.options.format !== undefined;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (hasJson && !hasFormat && (a === '--format=json' || (a === '--format' && args[i + 1] === 'json'))) {
      out.push('--json');
      if (a === '--format') i++;
    } else if (hasFormat && !hasJson && a === '--json') out.push('--format', 'json');
    else out.push(a);
  }
  return out;
}

/** The language from `--lang` anywhere on the command line (before the command is known). */
function langFrom(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang' && (argv[i + 1] === 'en' || argv[i + 1] === 'de')) return argv[i + 1] as Lang;
    if (a === '--lang=en') return 'en';
    if (a === '--lang=de') return 'de';
  }
  return 'de';
}

/**
 * Runs the CLI in-process: `argv` without node and script (e.g. `['check', 'persons.csv']`).
 * Returns the exit status: 0 all rows valid, 1 some rows invalid or a case failed, 2 bad usage or
 * unreadable input (with a message in German and English on stderr). Never throws for bad input.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const lang = langFrom(argv);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    await writeText(io.stdout, target !== undefined ? commandHelp(target, lang) : toolHelp(lang));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    await writeText(io.stdout, `${VERSION}\n`);
    return 0;
  }
  if (name === '--lang') {
    await writeText(io.stdout, toolHelp(lang));
    return 0;
  }
  const command = findCommand(name);
  if (command === undefined) {
    return fail(io, lang, cliText('cli.command-unknown', { name: JSON.stringify(name), commands: COMMANDS.map((c) => c.name).join(', ') }), `${TOOL} --help`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: normalizeJsonFlags(command, rest),
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return fail(io, lang, cliText('cli.invalid-use', { name, message: parseArgsError(e) }), `${TOOL} ${command.usage}`);
  }
  try {
    const values = parsed.values;
    const chosenLang = choiceOption(values, 'lang', ['de', 'en'] as const, 'de');
    if (flagOption(values, 'help')) {
      await writeText(io.stdout, commandHelp(command, chosenLang));
      return 0;
    }
    const positionals = parsed.positionals;
    if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
      const { min, max } = command.positionals;
      const count = min === max ? min : `${min}–${max}`;
      return await fail(io, chosenLang, cliText('cli.argument-count', { name, count, given: positionals.length }), `${TOOL} ${command.usage}`);
    }
    return await command.run({ positionals, values, io, lang: chosenLang });
  } catch (e) {
    if (e instanceof CliError) {
      await writeText(io.stderr, `${t(lang, 'cli.error', { message: e })}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    await writeText(io.stderr, `${t(lang, 'cli.internal-error', { message: msg })}\n`);
    return 2;
  }
}
