import type { Basis, Confidence, Localized, Note } from './schema.js';

/**
 * Notes of rule data as results carry them: `noteText` with the German and the English text, and
 * `note`, the two joined as `"de / en"` (one text when both are the same), as results gave it
 * before notes were split. A plain-text note of a user-written rule set is the text of both languages.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01' });
 * if (r.ok) for (const a of r.assumptions) console.log(a.noteText?.de, a.note); // 'Die VwV …' 'Die VwV … / Dated …'
 */
export interface NoteFields {
  /** German and English joined as `"de / en"` (kept for compatibility; prefer `noteText`). */
  note?: string;
  /** The note in German and English. */
  noteText?: Localized;
}

/** The German and English text of a note (a plain text is the text of both). */
export function noteText(note: Note): Localized {
  return typeof note === 'string' ? { de: note, en: note } : { de: note.de, en: note.en };
}

/** A note as one text: `"de / en"`, or the text itself when both languages are the same. */
export function noteString(note: Note): string {
  if (typeof note === 'string') return note;
  return note.de === note.en ? note.de : `${note.de} / ${note.en}`;
}

/** The text of a note in one language. */
export function noteIn(note: Note, lang: 'de' | 'en'): string {
  return typeof note === 'string' ? note : note[lang];
}

/** `{ note, noteText }` of a note, or nothing when there is none (to spread into a result). */
export function noteFields(note: Note | undefined): NoteFields {
  return note === undefined ? {} : { note: noteString(note), noteText: noteText(note) };
}

/**
 * The text of a result's note in one language: `noteText[lang]` when present, else `note` (results
 * made before `noteText` existed, or built by hand), else undefined.
 */
export function resultNote(r: { note?: string | undefined; noteText?: Localized | undefined }, lang: 'de' | 'en'): string | undefined {
  return r.noteText !== undefined ? r.noteText[lang] : r.note;
}

/**
 * A basis (source, confidence, note) as results carry it: `note` as one text and `noteText` in
 * German and English.
 *
 * @example
 * const r = checkEligibility(person, { on: '2024-03-01' });
 * if (r.ok && r.basis.citation) console.log(r.basis.citation.source, r.basis.citation.noteText?.de);
 */
export interface NotedBasis extends NoteFields {
  source: string;
  confidence: Confidence;
}

const notedBases = new WeakMap<Basis, NotedBasis>();

/** The basis of rule data as results carry it (the same object for the same basis). */
export function notedBasis(b: Basis): NotedBasis {
  let out = notedBases.get(b);
  if (out === undefined) {
    out = { source: b.source, confidence: b.confidence, ...noteFields(b.note) };
    notedBases.set(b, out);
  }
  return out;
}
