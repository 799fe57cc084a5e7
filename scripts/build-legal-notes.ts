/**
 * The borderline persons of the legal review of 2026-11-30 (REVIEW-2026-11.md, section 4), run
 * through the library as it is now: writes `scripts/legal-notes/review-2026-11-persons.md`
 * (a generated table of each answer and why), which `npm run docs:rules` appends to
 * `docs/legal-notes.md`. `npm run docs:legal` runs both; `--check` only says whether the
 * checked-in table is current (exit 1 when it is not). test/legal-notes.test.ts checks the same.
 *
 * The persons are the review's, written as library input; where the review gives no date of
 * allocation or arrival, the one chosen here is stated in the `person` column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkEligibility, type EligibilityResult } from '../src/domain/eligibility.js';
import type { Person } from '../src/contract/person.js';
import type { ConditionTrace } from '../src/engine/compile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The generated file, relative to the repository root. */
export const BORDERLINE_FILE = join('scripts', 'legal-notes', 'review-2026-11-persons.md');

interface Borderline {
  id: string;
  /** The person in words, as in the review. */
  label: string;
  on: string;
  person: Omit<Person, 'id' | 'on'>;
  /** The library's answer the review recorded (state of main on 2026-11-30). */
  before: string;
  /** The reviewer's view, shortened. */
  view: string;
}

const UA = { residenceStatus: 'temporary-protection', displacedFromUkraine: true } as const;
const RR = { residenceStatus: 'recognised-refugee', displacedFromUkraine: false } as const;

/** The 26 persons of section 4 of the review, in its order. */
export const BORDERLINE_PERSONS: readonly Borderline[] = [
  { id: 'B01', label: 'Ukrainian (§ 24) in state initial reception', on: '2022-04-01', person: { ...UA, accommodation: 'initial-reception' }, before: 'eligible (decree)', view: 'doubtful: municipal service (F08)' },
  { id: 'B02', label: 'Ukrainian in district provisional accommodation', on: '2022-03-14', person: { ...UA, accommodation: 'provisional' }, before: 'eligible', view: 'agree' },
  { id: 'B03', label: 'Ukrainian in private housing, the day before the decree', on: '2022-03-10', person: { ...UA, accommodation: 'private' }, before: 'not eligible', view: 'agree' },
  { id: 'B04', label: 'Ukrainian already allocated to AU (2022-03-01), the day before the decree', on: '2022-03-10', person: { ...UA, accommodation: 'follow-up', followUpSince: '2022-03-01' }, before: 'eligible (follow-up-with-prospect)', view: 'wrong: § 24 is no prospect of staying before the decree (F09)' },
  { id: 'B05', label: 'Ukrainian in private housing, arrived 2022-04-01, no counselling start given', on: '2026-11-01', person: { ...UA, accommodation: 'private', arrivalDate: '2022-04-01' }, before: 'eligible, no end', view: 'wrong: the limit applies to all (F04)' },
  { id: 'B05a', label: 'B05 with counsellingSince 2022-05-02 (added)', on: '2026-11-01', person: { ...UA, accommodation: 'private', arrivalDate: '2022-04-01', counsellingSince: '2022-05-02' }, before: '—', view: '(added: B05 with the new start fact)' },
  { id: 'B06', label: 'Ukrainian allocated to AU on 2022-06-01', on: '2025-07-01', person: { ...UA, accommodation: 'follow-up', followUpSince: '2022-06-01' }, before: 'expired 2025-05-31', view: 'plausible, inconsistent with B05 (F04)' },
  { id: 'B07', label: 'AU from 2023-07-01', on: '2026-06-30', person: { ...RR, accommodation: 'follow-up', followUpSince: '2023-07-01' }, before: 'eligible, end 2026-06-30', view: '§ 187 Abs. 1 would end on 2026-07-01 (F06)' },
  { id: 'B08', label: 'AU from 2023-07-01', on: '2026-07-01', person: { ...RR, accommodation: 'follow-up', followUpSince: '2023-07-01' }, before: 'expired (end 2026-06-30)', view: 'under § 187 Abs. 1 still eligible (F06)' },
  { id: 'B09', label: 'AU from 2023-03-31', on: '2026-03-30', person: { ...RR, accommodation: 'follow-up', followUpSince: '2023-03-31' }, before: 'eligible, end 2026-03-30', view: '§ 187 Abs. 1: end 2026-03-31' },
  { id: 'B25', label: 'AU from 2024-02-29', on: '2027-02-28', person: { ...RR, accommodation: 'follow-up', followUpSince: '2024-02-29' }, before: 'eligible (end 2027-02-28)', view: 'agree (§ 188 Abs. 3)' },
  { id: 'B26', label: 'AU from 2024-02-29', on: '2027-03-01', person: { ...RR, accommodation: 'follow-up', followUpSince: '2024-02-29' }, before: 'expired (end 2027-02-28)', view: 'agree (§ 188 Abs. 3)' },
  { id: 'B10', label: 'in AU, followUpSince 2024-05-01 after the date', on: '2024-03-01', person: { ...RR, accommodation: 'follow-up', followUpSince: '2024-05-01' }, before: 'eligible, end 2027-04-30', view: 'input error (F27)' },
  { id: 'B11', label: 'in AU, no followUpSince', on: '2024-03-01', person: { ...RR, accommodation: 'follow-up' }, before: 'eligible, no end (note)', view: 'acceptable only with the note' },
  { id: 'B12', label: 'tolerated person in AU', on: '2022-02-01', person: { residenceStatus: 'tolerated', displacedFromUkraine: false, accommodation: 'follow-up' }, before: 'not eligible', view: 'defensible; keep as an assumption' },
  { id: 'B13', label: 'asylum seeker in AU, prospect unknown', on: '2022-02-01', person: { residenceStatus: 'asylum-seeker', displacedFromUkraine: false, accommodation: 'follow-up' }, before: 'not eligible', view: 'defensible' },
  { id: 'B14', label: 'recognised refugee allocated to AU on 2023-01-01, living in a private flat', on: '2024-03-01', person: { ...RR, accommodation: 'private', followUpSince: '2023-01-01' }, before: 'not eligible', view: 'wrong: AU does not depend on housing (F03)' },
  { id: 'B15', label: 'AU since 2019-01-15, first day of the VwV 2023', on: '2023-06-06', person: { ...RR, accommodation: 'follow-up', followUpSince: '2019-01-15' }, before: 'expired (2022-01-14)', view: 'arguable; note that time before the VwV is unsettled (F07)' },
  { id: 'B16', label: 'tolerated person in AU since 2023-01-10', on: '2023-06-05', person: { residenceStatus: 'tolerated', displacedFromUkraine: false, accommodation: 'follow-up', followUpSince: '2023-01-10' }, before: 'not eligible', view: 'switch depends on the assumed date in force' },
  { id: 'B17', label: 'tolerated person in AU since 2023-01-10', on: '2023-06-06', person: { residenceStatus: 'tolerated', displacedFromUkraine: false, accommodation: 'follow-up', followUpSince: '2023-01-10' }, before: 'eligible', view: 'status-free reading is inferred (F10)' },
  { id: 'B18', label: 'Ukrainian in state initial reception', on: '2024-03-01', person: { ...UA, accommodation: 'initial-reception' }, before: 'eligible', view: 'doubtful (F08)' },
  { id: 'B19', label: 'person obliged to leave, in AU since 2024-06-01', on: '2025-09-01', person: { residenceStatus: 'obliged-to-leave', displacedFromUkraine: false, accommodation: 'follow-up', followUpSince: '2024-06-01' }, before: 'eligible (assumption listed)', view: 'arguable; must be disclosed' },
  { id: 'B20', label: 'justified extension, AU since 2020-03-01', on: '2024-02-15', person: { ...RR, accommodation: 'follow-up', followUpSince: '2020-03-01', justifiedExtension: true }, before: 'eligible, end 2024-02-29', view: 'agree (4 years)' },
  { id: 'B21', label: 'recognised refugee in AU', on: '2017-07-01', person: { ...RR, accommodation: 'follow-up' }, before: 'eligible', view: 'agree' },
  { id: 'B22', label: 'recognised refugee in AU', on: '2017-06-30', person: { ...RR, accommodation: 'follow-up' }, before: 'no rule set in force', view: 'honest' },
  { id: 'B23', label: 'Ukrainian in AU since 2022-09-01', on: '2026-11-01', person: { ...UA, accommodation: 'follow-up', followUpSince: '2022-09-01' }, before: 'expired 2025-08-31', view: 'consistent with B06; inconsistent with B05' },
  { id: 'B24', label: 'subsidiary protection, provisional accommodation', on: '2024-03-01', person: { residenceStatus: 'subsidiary-protection', displacedFromUkraine: false, accommodation: 'provisional' }, before: 'not eligible', view: 'agree' },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function facts(p: Borderline['person']): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/** The answer in a few words. */
export function answerText(r: EligibilityResult): string {
  if (!r.ok) return `error: ${r.issues.map((i) => i.code).join(', ')}`;
  const end = r.counsellingEndsOn === null ? '' : `, end ${r.counsellingEndsOn}`;
  const unknown = r.assumptions.some((a) => a.kind === 'fact' && a.name === 'counsellingEndsOn') ? ', end unknown (assumption)' : '';
  return `${r.eligible ? 'eligible' : r.basis.code === 'counselling-period-expired' ? 'expired' : 'not eligible'} (${r.basis.code}; ${r.ruleSet.id}${r.ruleSet.overlays.length > 0 ? ` + ${r.ruleSet.overlays.join(', ')}` : ''})${end}${unknown}`;
}

function firstFailed(t: ConditionTrace): string | null {
  if (t.result) return null;
  if (t.kind === 'leaf') return `${t.fact} ${JSON.stringify(t.factValue)} ${t.operator} ${t.param !== undefined ? `[${t.param}]` : JSON.stringify(t.value)}`;
  if (t.kind === 'not') return `not (${firstFailed(t.condition) ?? '…'})`;
  for (const c of t.conditions) {
    const f = firstFailed(c);
    if (f !== null) return f;
  }
  return null;
}

/** Why: the deciding rule (or each target-group rule's first failed condition), the notes, and the readings assumed, in English. */
export function whyText(r: EligibilityResult): string {
  if (!r.ok) return r.issues.map((i) => i.message.en).join(' ');
  const parts = [`${r.basis.description.en.replace(/\.$/, '')}.`];
  if (r.basis.rule === null && r.trace !== null) {
    const failed = r.trace.filter((t) => t.type === 'target-group').map((t) => `${t.rule}: ${firstFailed(t.conditions) ?? 'false'}`);
    if (failed.length > 0) parts.push(`Not met: ${failed.join('; ')}.`);
  }
  for (const n of r.notes) parts.push(n.en);
  const readings = r.assumptions.filter((a) => a.kind === 'rule' || a.kind === 'fact').map((a) => `${a.kind} ${a.name} (${a.confidence})`);
  if (readings.length > 0) parts.push(`Assumptions incl. ${readings.join(', ')}.`);
  return parts.join(' ');
}

/** The generated markdown section. */
export function renderBorderline(): string {
  const out: string[] = [
    '## Legal review 2026-11: the borderline persons, answered now',
    '',
    '*Generated by `npm run docs:legal` (scripts/build-legal-notes.ts) from the library itself; do not edit.* The 26 persons',
    'of section 4 of the review (plus B05a), checked with `checkEligibility` and the rule set in force on the date.',
    '"Before" is the answer the review recorded on 2026-11-30; "now" and "why" come from this version.',
    '',
    '| id | person | date | before (review) | reviewer | now | why |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const b of BORDERLINE_PERSONS) {
    const r = checkEligibility({ id: b.id, ...b.person }, { on: b.on, trace: true });
    out.push(`| ${b.id} | ${cell(`${b.label} (${facts(b.person)})`)} | ${b.on} | ${cell(b.before)} | ${cell(b.view)} | ${cell(answerText(r))} | ${cell(whyText(r))} |`);
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  const path = join(root, BORDERLINE_FILE);
  const now = renderBorderline();
  let current: string | null;
  try {
    current = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  } catch {
    current = null;
  }
  if (process.argv.includes('--check')) {
    if (current !== now) {
      console.error(`${BORDERLINE_FILE} is stale: run npm run docs:legal`);
      process.exit(1);
    }
    console.log(`${BORDERLINE_FILE} is current`);
    return;
  }
  writeFileSync(path, now);
  console.log(`wrote ${BORDERLINE_FILE}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
