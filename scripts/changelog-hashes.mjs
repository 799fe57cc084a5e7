// Rewrites the hash table of the "Unreleased" section of CHANGELOG.md (between the
// `<!-- unreleased hashes start -->` and `<!-- unreleased hashes end -->` markers) from
// foerderregeln.lock.json, so the changelog names the current hash of every rule set.
// Run after `npm run pin:update`; test/pin/own-lock.test.ts checks the result.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- unreleased hashes start -->';
const END = '<!-- unreleased hashes end -->';
const lock = JSON.parse(readFileSync('foerderregeln.lock.json', 'utf8'));
const rows = [...lock.ruleSets]
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((s) => `| \`${s.id}\` | \`${s.hash}\` | \`${s.resolvedHash}\` |`);
const table = [START, 'Hashes after these changes:', '', '| rule set | hash | resolved hash |', '|---|---|---|', ...rows, END].join('\n');
const text = readFileSync('CHANGELOG.md', 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) {
  console.error(`CHANGELOG.md has no ${START} … ${END} block`);
  process.exit(2);
}
writeFileSync('CHANGELOG.md', text.slice(0, from) + table + text.slice(to + END.length));
console.log(`CHANGELOG.md: ${rows.length} rule-set hashes written`);
