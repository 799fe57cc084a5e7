// Packs the built package once (without running prepack again: `npm run pack:check` builds
// first) and checks the tarball's types with are-the-types-wrong. Node 10 resolution is not
// checked: subpath exports need Node 12+, and the package requires Node 20 or later. The HTTP
// server entry (`foerderregeln/http`) is ESM only by design (a server, not a library to require).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-pack-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { encoding: 'utf8', shell: process.platform === 'win32' });
  const [info] = JSON.parse(out);
  process.stdout.write(`${info.filename}: ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${info.entryCount} files\n`);
  if (!info.files.some((f) => f.path === 'dist/index.js')) throw new Error('the tarball has no dist/index.js: run `npm run build` first');
  execFileSync(process.execPath, [join('node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), join(dir, info.filename), '--profile', 'node16', '--exclude-entrypoints', './http'], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
