/**
 * Notes of rule data in German and English (issue 14): the rule-set format takes `{ de, en }` or one
 * text; every shipped note has both languages; results carry `noteText` beside the joined `note`;
 * German output shows only the German note text, English output only the English one.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basisSchema, datedValueSchema, noteSchema, ruleSetDocumentSchema, LIMITS, type Note } from '../../src/ruleset/schema.js';
import { noteFields, noteIn, noteString, noteText, notedBasis } from '../../src/ruleset/note.js';
import { defaultRegistry } from '../../src/versions/registry.js';
import { checkEligibility, computeLumpSum, explainEligibility } from '../../src/index.js';
import { run } from '../cli/helpers.js';

/** Every note of the shipped rule sets, with where it is. */
function shippedNotes(): { where: string; note: Note }[] {
  const out: { where: string; note: Note }[] = [];
  const walk = (o: unknown, path: string): void => {
    if (Array.isArray(o)) o.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (o !== null && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if (k === 'note') out.push({ where: path, note: v as Note });
        else walk(v, `${path}.${k}`);
      }
    }
  };
  for (const set of defaultRegistry().list()) walk(set.document, set.id);
  return out;
}

/** A text that reads the same in both languages: a web address or a bare citation. */
const languageNeutral = (s: string): boolean => /^(https?:\/\/\S+|[§\d\s.,()/a-zA-Z-]*\d[§\d\s.,()/a-zA-Z-]*)$/.test(s) && !/\s[a-z]{4,}\s/.test(s);

/** English note texts that do not occur in the German text of the same note (and are long enough to find). */
function englishOnly(): string[] {
  return shippedNotes()
    .map((n) => noteText(n.note))
    .filter((t) => t.en !== t.de && !t.de.includes(t.en) && t.en.length >= 20)
    .map((t) => t.en);
}

describe('the rule-set format: note', () => {
  it('accepts one text (rule sets written before the split) and { de, en }', () => {
    expect(noteSchema.safeParse('nur ein Text').success).toBe(true);
    expect(noteSchema.safeParse({ de: 'Für 2024 unverändert angenommen.', en: 'Assumed unchanged for 2024.' }).success).toBe(true);
    expect(basisSchema.safeParse({ source: 's', confidence: 'assumed', note: { de: 'd', en: 'e' } }).success).toBe(true);
    expect(datedValueSchema.safeParse({ from: '2024-01-01', value: 1, source: 's', confidence: 'inferred', note: 'text' }).success).toBe(true);
  });

  it('rejects an empty or missing language, other keys, other types and over-long texts', () => {
    for (const bad of [{ de: '' , en: 'x' }, { de: 'x', en: '' }, { de: '' }, { de: 'x' }, { en: 'x' }, {}, { de: 'x', en: 'y', fr: 'z' }, 1, null, ['x'], { de: 1, en: 'x' }]) {
      expect(noteSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(basisSchema.safeParse({ source: 's', confidence: 'assumed', note: bad }).success).toBe(false);
    }
    const long = 'x'.repeat(LIMITS.maxStringLength + 1);
    expect(noteSchema.safeParse(long).success).toBe(false);
    expect(noteSchema.safeParse({ de: long, en: 'x' }).success).toBe(false);
    expect(noteSchema.safeParse({ de: 'x', en: long }).success).toBe(false);
  });

  it('the JSON Schema of rule sets describes both forms', async () => {
    const { ruleSetJsonSchema } = await import('../../src/index.js');
    const text = JSON.stringify(ruleSetJsonSchema());
    expect(text).toContain('"de"');
    expect(text).toContain('"en"');
  });
});

describe('every shipped note', () => {
  const notes = shippedNotes();
  it('there are notes in every shipped rule set', () => {
    expect(notes.length).toBeGreaterThanOrEqual(177);
    expect(new Set(notes.map((n) => n.where.split('.')[0])).size).toBe(defaultRegistry().list().length);
  });
  it('is { de, en }, both non-empty, and differs between the languages unless it is a web address or citation only', () => {
    const bad = notes.filter(({ note }) => {
      if (typeof note === 'string') return true;
      if (note.de.trim() === '' || note.en.trim() === '') return true;
      return note.de === note.en && !languageNeutral(note.de);
    });
    expect(bad).toEqual([]);
  });
  it('is not a joined "de / en" text in one language field', () => {
    // A few notes quote a source with " / " inside one language; none holds a whole second language.
    const joined = notes.filter(({ note }) => typeof note !== 'string' && (note.de.includes(note.en) || note.en.includes(note.de)));
    expect(joined).toEqual([]);
  });
});

describe('notes in results', () => {
  it('noteFields: note joined as "de / en", noteText with both; one text is both languages', () => {
    expect(noteFields({ de: 'D', en: 'E' })).toEqual({ note: 'D / E', noteText: { de: 'D', en: 'E' } });
    expect(noteFields('T')).toEqual({ note: 'T', noteText: { de: 'T', en: 'T' } });
    expect(noteFields(undefined)).toEqual({});
    expect(noteString({ de: 'same', en: 'same' })).toBe('same');
    expect(noteIn({ de: 'D', en: 'E' }, 'en')).toBe('E');
    expect(noteIn('T', 'de')).toBe('T');
    const b = { source: 's', confidence: 'inferred' as const, note: { de: 'D', en: 'E' } };
    expect(notedBasis(b)).toEqual({ source: 's', confidence: 'inferred', note: 'D / E', noteText: { de: 'D', en: 'E' } });
    expect(notedBasis(b)).toBe(notedBasis(b));
  });

  const person = { id: 'A-001', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' } as const;

  it('every assumption with a note carries noteText, and note is its German and English joined', () => {
    const r = checkEligibility(person, { on: '2024-03-01' });
    if (!r.ok) throw new Error('expected a result');
    const withNote = r.assumptions.filter((a) => a.note !== undefined);
    expect(withNote.length).toBeGreaterThanOrEqual(4);
    for (const a of withNote) {
      expect(a.noteText).toBeDefined();
      expect(a.note).toBe(a.noteText!.de === a.noteText!.en ? a.noteText!.de : `${a.noteText!.de} / ${a.noteText!.en}`);
    }
    expect(r.basis.citation?.noteText?.de).toBeTruthy();
    expect(r.basis.citation?.note).toBe(`${r.basis.citation?.noteText?.de} / ${r.basis.citation?.noteText?.en}`);
    for (const t of r.trace ?? []) if (t.citation.note !== undefined) expect(t.citation.noteText).toBeDefined();
  });

  it('a user-written rule set with a plain-text note still loads, and its text is shown in both languages', () => {
    const base = defaultRegistry().get('bw-im-2023')!.document;
    const doc = structuredClone<typeof base>(base);
    doc.validity.from = { ...doc.validity.from, note: 'one text only' };
    expect(ruleSetDocumentSchema.safeParse(doc).success).toBe(true);
    expect(notedBasis(doc.validity.from)).toMatchObject({ note: 'one text only', noteText: { de: 'one text only', en: 'one text only' } });
  });

  it('explain in German shows the German note texts and no English ones; in English the reverse', () => {
    const r = checkEligibility(person, { on: '2024-03-01' });
    if (!r.ok) throw new Error('expected a result');
    const de = explainEligibility(r, 'de');
    const en = explainEligibility(r, 'en');
    for (const a of r.assumptions) {
      if (a.noteText === undefined || a.noteText.de === a.noteText.en) continue;
      expect(de).toContain(a.noteText.de);
      expect(de).not.toContain(a.noteText.en);
      expect(en).toContain(a.noteText.en);
      expect(en).not.toContain(a.noteText.de);
    }
  });

  it('money traces carry noteText for parameters and rounding', () => {
    const r = computeLumpSum({ kind: 'asylum-seeker', year: 2023 });
    if (!r.ok) throw new Error('expected a result');
    const uses = r.trace.flatMap((s) => s.parameters);
    const noted = uses.filter((p) => p.note !== undefined);
    expect(noted.length).toBeGreaterThan(0);
    for (const p of noted) expect(p.note).toBe(`${p.noteText?.de} / ${p.noteText?.en}`);
    const rounding = r.trace.map((s) => s.rounding).filter((x) => x?.note !== undefined);
    for (const x of rounding) expect(x?.noteText).toBeDefined();
  });
});

describe('German CLI output has no English note text, and German table headings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-notes-'));
  const file = join(dir, 'persons.csv');
  writeFileSync(
    file,
    'id,residenceStatus,accommodation,displacedFromUkraine,followUpSince\nA-1,recognised-refugee,follow-up,false,2023-07-01\nA-2,temporary-protection,follow-up,true,2022-05-01\n',
  );
  const english = englishOnly();

  it('check --explain as a table', async () => {
    const de = await run(['check', file, '--on', '2024-03-01', '--explain', '--format', 'table', '--lang', 'de']);
    expect(de.stdout).toMatch(/^Zeile\s+Kennung\s+gültig\s+Stichtag\s+berechtigt/);
    expect(de.stdout).toContain('Annahmen, auf denen das Ergebnis beruht');
    expect(english.filter((t) => de.stdout.includes(t))).toEqual([]);
    const en = await run(['check', file, '--on', '2024-03-01', '--explain', '--format', 'table', '--lang', 'en']);
    expect(en.stdout).toMatch(/^row\s+id\s+ok\s+on\s+eligible/);
    expect(english.some((t) => en.stdout.includes(t))).toBe(true);
  });

  it('CSV keeps its column names in German', async () => {
    const de = await run(['check', file, '--on', '2024-03-01', '--format', 'csv', '--lang', 'de']);
    expect(de.stdout.split('\n')[0]).toMatch(/^row,id,ok,on,eligible/);
  });

  it('show, lump-sum and versions', async () => {
    for (const args of [
      ['show', 'bw-im-2023'],
      ['show', 'bw-fluag-2014'],
      ['show', 'bw-im-2022-ukraine'],
      ['lump-sum', '--programme', 'bw-fluag', '--kind', 'other', '--year', '2023'],
    ]) {
      const de = await run([...args, '--lang', 'de']);
      expect(de.code, de.stderr).toBe(0);
      expect(english.filter((t) => de.stdout.includes(t)), args.join(' ')).toEqual([]);
    }
    const lump = await run(['lump-sum', '--programme', 'bw-fluag', '--kind', 'other', '--year', '2023', '--lang', 'de']);
    expect(lump.stdout).toMatch(/^Art\s+Jahr\s+Betrag €/);
    const versions = await run(['versions', '--lang', 'de']);
    expect(versions.stdout).toMatch(/^Kennung\s+Programm\s+Art\s+Status\s+gültig ab/);
    const versionsEn = await run(['versions', '--lang', 'en']);
    expect(versionsEn.stdout).toMatch(/^id\s+programme\s+kind\s+status\s+validFrom/);
  });

  it('compare: the Markdown and HTML reports in German', async () => {
    const caseload = join(import.meta.dirname, '..', '..', 'examples', 'persons.csv');
    const md = await run(['compare', 'bw-im-2022', 'bw-im-2023', '--caseload', caseload, '--format', 'md', '--lang', 'de']);
    expect(md.stdout).toContain('## Annahmen');
    expect(md.stdout).toMatch(/\| Kreis \(AGS\) \| Name \| Personen \| berechtigt A \|/);
    expect(english.filter((t) => md.stdout.includes(t))).toEqual([]);
    const html = await run(['compare', 'bw-im-2022', 'bw-im-2023', '--caseload', caseload, '--format', 'html', '--lang', 'de']);
    expect(html.stdout).toContain('<html');
    // The report ends with all figures as JSON "for programs" (a machine format: both languages).
    const jsonAt = html.stdout.indexOf('<details><summary>Alle Zahlen als JSON');
    expect(jsonAt).toBeGreaterThan(0);
    const readable = html.stdout
      .slice(0, jsonAt)
      .replace(/<[^>]*>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(readable).toContain('Angenommen: Tag der Ausfertigung.');
    expect(english.filter((t) => readable.includes(t))).toEqual([]);
    const mdEn = await run(['compare', 'bw-im-2022', 'bw-im-2023', '--caseload', caseload, '--format', 'md', '--lang', 'en']);
    expect(mdEn.stdout).toMatch(/\| district \| name \| persons \| eligibleA \|/);
    expect(english.some((t) => mdEn.stdout.includes(t))).toBe(true);
  });

  it('cleans up', () => {
    rmSync(dir, { recursive: true, force: true });
  });
});
