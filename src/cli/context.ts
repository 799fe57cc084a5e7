import type { ParseArgsConfig } from 'node:util';
import type { Localized } from '../ruleset/schema.js';
import { cliMessage, cliText, type CliMessageArgs, type CliMessageId, type CliTextArgs, type CliTextId } from '../messages/cli.js';

/** A stream the CLI writes to (process.stdout, a file, or a test's collector). */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
/** A stream the CLI reads from (process.stdin or a test's stream). */
export type InStream = NodeJS.ReadableStream;

/** The standard streams of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
}

/** Language of human-readable output. */
export type Lang = 'de' | 'en';

/** Exit status: 0 all rows valid, 1 some rows invalid / a case failed, 2 bad usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

/**
 * A problem that ends the run with a message in German and English on stderr: bad usage or
 * unreadable input (exit 2) unless another code is given.
 */
export class CliError extends Error {
  readonly de: string;
  readonly en: string;
  readonly exitCode: ExitCode;
  constructor(de: string, en: string, exitCode: ExitCode = 2) {
    super(en);
    this.name = 'CliError';
    this.de = de;
    this.en = en;
    this.exitCode = exitCode;
  }

  /** The error for catalogue message `id` (src/messages/), exit status 2. */
  static of<K extends CliMessageId>(id: K, ...args: CliMessageArgs<K>): CliError {
    const m = cliMessage(id, ...args);
    return new CliError(m.de, m.en);
  }
}

/** Option values as parsed by `node:util` parseArgs. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command gets to run. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  positionals: string[];
  values: OptionValues;
  io: CliIo;
  lang: Lang;
}

/** One CLI command, defined in its own file under `src/cli/commands/`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: Localized;
  /** Usage line(s), e.g. `check <persons> [--on DATE] …`. */
  usage: string;
  /** Longer help: what it does, options, exit status, examples. */
  help: Localized;
  /** parseArgs option definitions (`--help` and `--lang` are added by the CLI). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positionals the command takes. */
  positionals: { min: number; max: number };
  run(ctx: CommandContext): Promise<ExitCode>;
}

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

/** All values of a repeatable string option. */
export function stringListOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** A boolean flag. */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** Reads an option that must be one of a closed set, or fails with a usage error. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const v = stringOption(values, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw CliError.of('cli.option-choice', { name, choices: choices.join(', '), value: JSON.stringify(v) });
}

/** Writes text (or bytes) to a stream, waiting when the stream asks for it (back-pressure). */
export async function writeText(stream: OutStream, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (!stream.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (e: unknown): void => {
        stream.off('drain', onDrain);
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  }
}

/** The text of CLI text `id` (CLI_TEXTS in src/messages/cli.ts) in language `lang`, its parameters filled in. */
export function t<K extends CliTextId>(lang: Lang, id: K, ...args: CliTextArgs<K>): string {
  return cliText(id, ...args)[lang];
}
