import type { Issue } from '../issues.js';
import type { CaseOutcome } from '../testing/cases.js';
import type { Note, RuleSetDocument } from '../ruleset/schema.js';
import { t, type Lang } from './context.js';
import { cliIssueOf } from '../messages/cli.js';

/**
 * Checks on a rule set's evidence beyond the schema: every value or reading that is not sourced
 * says why (`note`), and citation URLs are web addresses. Returns issues; none when all is well.
 */
export function citationIssues(doc: RuleSetDocument): Issue[] {
  const out: Issue[] = [];
  const needNote = (path: (string | number)[], confidence: string, note: Note | undefined): void => {
    const empty = note === undefined || (typeof note === 'string' ? note.trim() === '' : note.de.trim() === '' || note.en.trim() === '');
    if (confidence !== 'sourced' && empty) {
      out.push(
        cliIssueOf('missing-field.confidence-note', [...path, 'note'], { path: path.join('.'), confidence }),
      );
    }
  };
  needNote(['validity', 'from'], doc.validity.from.confidence, doc.validity.from.note);
  if (doc.validity.to !== undefined) needNote(['validity', 'to'], doc.validity.to.confidence, doc.validity.to.note);
  doc.citations.forEach((c, i) => {
    if (c.url !== undefined && !/^https?:\/\/\S+$/.test(c.url)) {
      out.push(cliIssueOf('invalid-value.citation-url', ['citations', i, 'url'], { id: c.id }));
    }
  });
  for (const [name, p] of Object.entries(doc.parameters)) {
    p.values.forEach((v, i) => needNote(['parameters', name, 'values', i], v.confidence, v.note));
  }
  for (const [computation, rules] of Object.entries(doc.rules)) {
    rules.forEach((r, i) => needNote(['rules', computation, i, 'citation'], r.citation.confidence, r.citation.note));
  }
  if (Array.isArray(doc.rounding)) doc.rounding.forEach((r, i) => needNote(['rounding', i], r.confidence, r.note));
  else if (doc.rounding !== undefined) needNote(['rounding'], doc.rounding.confidence, doc.rounding.note);
  return out;
}

function show(v: unknown): string {
  return v === undefined ? '—' : JSON.stringify(v);
}

/** One case outcome as lines: ✓/✗ and the name, then each mismatch. */
export function caseLines(c: CaseOutcome, lang: Lang): string[] {
  const lines = [`  ${c.passed ? '✓' : '✗'} ${c.name}`];
  for (const m of c.mismatches) {
    lines.push(`      ${t(lang, 'cli.case-mismatch', { field: m.field, expected: show(m.expected), actual: show(m.actual) })}`);
  }
  return lines;
}
