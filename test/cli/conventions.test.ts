/** CLI conventions shared by every command: --version, one JSON flag, one language per output. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/registry.js';
import { run } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const F = join(root, 'test', 'fixtures', 'cli');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it('prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('--format json and --json mean the same on every command with JSON output', () => {
  const jsonCommands = COMMANDS.filter((c) => c.options.json !== undefined || c.options.format !== undefined).map((c) => c.name);
  it('covers the commands that had only --json', () => {
    expect(jsonCommands).toEqual(expect.arrayContaining(['versions', 'show', 'pin', 'check']));
  });
  it.each([
    ['versions', []],
    ['show', ['bw-im-2023']],
  ] as const)('%s: --format json, --format=json and --json give the same JSON', async (cmd, args) => {
    const a = await run([cmd, ...args, '--format', 'json']);
    const b = await run([cmd, ...args, '--format=json']);
    const c = await run([cmd, ...args, '--json']);
    expect(a.code).toBe(0);
    expect(() => JSON.parse(a.stdout) as unknown).not.toThrow();
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });
  it('check: --json is an alias of --format json', async () => {
    const a = await run(['check', `${F}/persons.jsonl`, '--on', '2024-01-15', '--format', 'json']);
    const b = await run(['check', `${F}/persons.jsonl`, '--on', '2024-01-15', '--json']);
    expect(b.stdout).toBe(a.stdout);
    expect(b.code).toBe(a.code);
    expect(a.stdout.trimStart().startsWith('[')).toBe(true);
  });
});

describe('one language per output', () => {
  it.each([
    ['an unknown option', ['versions', '--nope']],
    ['an option without its value', ['check', `${F}/persons.jsonl`, '--on']],
    ['a value for a flag', ['versions', '--json=yes']],
    ['an unknown command', ['nope']],
    ['a missing argument', ['check']],
  ])('%s: German by default, English with --lang en, never both', async (_name, args) => {
    const de = await run([...args]);
    expect(de.code).toBe(2);
    expect(de.stderr).toMatch(/^Fehler: /);
    expect(de.stderr).not.toMatch(/Error|Unknown|argument missing|does not take|To specify/);
    const en = await run([...args, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^Error: /);
    expect(en.stderr).not.toMatch(/Fehler|Unbekannt/);
  });
  it('names the option in the translated parseArgs message', async () => {
    expect((await run(['versions', '--nope'])).stderr).toContain('Unbekannte Option --nope.');
    expect((await run(['versions', '--nope', '--lang', 'en'])).stderr).toContain('Unknown option --nope.');
    expect((await run(['check', 'x.csv', '--on'])).stderr).toContain('Der Option --on fehlt ihr Wert.');
    expect((await run(['versions', '--json=yes', '--lang=en'])).stderr).toContain('Option --json takes no value.');
  });
});
