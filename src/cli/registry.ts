import type { Command } from './context.js';
import { versionsCommand } from './commands/versions.js';
import { showCommand } from './commands/show.js';
import { checkCommand } from './commands/check.js';
import { validateCommand } from './commands/validate.js';
import { testCommand } from './commands/test.js';
import { demoCommand } from './commands/demo.js';
import { pinCommand } from './commands/pin.js';
import { compareCommand } from './commands/compare.js';
import { snapshotCommand } from './commands/snapshot.js';
import { grantCommand } from './commands/grant.js';
import { allocateCommand } from './commands/allocate.js';
import { staffingCommand } from './commands/staffing.js';
import { lumpSumCommand } from './commands/lump-sum.js';
import { whatifCommand } from './commands/whatif.js';
import { serveCommand } from './commands/serve.js';

/**
 * The CLI's commands, in the order `--help` lists them. A new command is one file in
 * `src/cli/commands/<name>.ts` exporting a {@link Command}, plus one line here.
 */
export const COMMANDS: readonly Command[] = [
  versionsCommand,
  showCommand,
  checkCommand,
  grantCommand,
  allocateCommand,
  staffingCommand,
  lumpSumCommand,
  validateCommand,
  testCommand,
  demoCommand,
  compareCommand,
  pinCommand,
  snapshotCommand,
  whatifCommand,
  serveCommand,
];

/** The command of that name, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
