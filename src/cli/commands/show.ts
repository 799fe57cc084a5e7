import { resolveRuleSet } from '../../versions/select.js';
import type { ResolvedRuleSet } from '../../versions/resolve.js';
import { CliError, flagOption, t, writeText, type Command, type Lang } from '../context.js';
import { renderCondition, showValue } from '../readable.js';
import { chooseRuleSet, formatIssuesBilingual } from '../rulesets.js';
import { noteIn } from '../../ruleset/note.js';

/** A rule set as JSON for `show --json`: the resolved parameters and rules with readable conditions. */
export function showJson(r: ResolvedRuleSet): Record<string, unknown> {
  const top = r.chain[r.chain.length - 1];
  const doc = top?.document;
  return {
    id: r.id,
    programme: r.programme,
    title: r.title,
    kind: doc?.kind ?? null,
    status: doc?.status ?? null,
    validFrom: r.validFrom,
    validTo: r.validTo ?? null,
    validity: doc?.validity ?? null,
    extends: doc?.extends ?? null,
    chain: r.chain.map((c) => c.id),
    hash: r.hash,
    resolvedHash: r.resolvedHash,
    citations: r.citations,
    rounding: r.rounding ?? null,
    parameters: Object.values(r.parameters).map((p) => ({
      name: p.name,
      unit: p.unit,
      description: p.description,
      definedIn: p.definedIn,
      values: p.values,
    })),
    rules: Object.fromEntries(
      Object.entries(r.rules).map(([computation, rules]) => [
        computation,
        rules.map((rule) => ({
          id: rule.id,
          definedIn: rule.definedIn,
          description: rule.description,
          citation: rule.citation,
          event: rule.event,
          conditions: rule.conditions,
          reads: {
            de: renderCondition(rule.conditions, 'de', r.parameters).join('\n'),
            en: renderCondition(rule.conditions, 'en', r.parameters).join('\n'),
          },
        })),
      ]),
    ),
  };
}

/** A rule set as readable text: identity, validity, sources, parameters with dated values, rules. */
export function showText(r: ResolvedRuleSet, lang: Lang): string {
  const top = r.chain[r.chain.length - 1];
  const doc = top?.document;
  const out: string[] = [];
  out.push(`${r.id} — ${r.title[lang]}`);
  if (doc !== undefined) {
    out.push(
      t(lang, 'cli.show-validity', { kind: doc.kind, status: doc.status, from: r.validFrom, to: r.validTo ?? t(lang, 'cli.show-open') }),
    );
    const from = doc.validity.from;
    out.push(`  ${t(lang, 'cli.show-start')}: ${from.source} (${from.confidence})${from.note !== undefined ? ` — ${noteIn(from.note, lang)}` : ''}`);
    if (doc.validity.to !== undefined) {
      const to = doc.validity.to;
      out.push(`  ${t(lang, 'cli.show-end')}: ${to.source} (${to.confidence})${to.note !== undefined ? ` — ${noteIn(to.note, lang)}` : ''}`);
    }
  }
  if (r.chain.length > 1) out.push(`${t(lang, 'cli.show-extends')}: ${r.chain.map((c) => c.id).join(' → ')}`);
  out.push(`Hash: ${r.hash}`);
  if (r.resolvedHash !== r.hash) out.push(`${t(lang, 'cli.show-resolved-hash')}: ${r.resolvedHash}`);
  out.push('', `${t(lang, 'cli.show-sources')}:`);
  for (const c of r.citations) {
    out.push(`  [${c.id}] ${c.title}${c.url !== undefined ? ` — ${c.url}` : ''}${c.confidence !== undefined ? ` (${c.confidence})` : ''}`);
    if (c.note !== undefined) out.push(`      ${noteIn(c.note, lang)}`);
  }
  if (r.rounding !== undefined) {
    out.push('', `${t(lang, 'cli.show-rounding')}:`);
    for (const ro of Array.isArray(r.rounding) ? r.rounding : [r.rounding]) {
      out.push(`  ${ro.appliesTo}: ${ro.step} ${ro.mode} (${ro.source}, ${ro.confidence})${ro.note !== undefined ? ` — ${noteIn(ro.note, lang)}` : ''}`);
    }
  }
  out.push('', `${t(lang, 'cli.show-parameters')}:`);
  for (const p of Object.values(r.parameters)) {
    const where = p.definedIn !== r.id ? ` [${t(lang, 'cli.show-defined-in', { id: p.definedIn })}]` : '';
    out.push(`  ${p.name} (${p.unit}) — ${p.description[lang]}${where}`);
    for (const v of p.values) {
      out.push(`    ${t(lang, 'cli.from')} ${v.from}: ${showValue(v.value, lang)}  (${v.confidence})`);
      out.push(`      ${t(lang, 'cli.show-source')}: ${v.source}`);
      if (v.note !== undefined) out.push(`      ${t(lang, 'cli.show-note')}: ${noteIn(v.note, lang)}`);
    }
  }
  for (const [computation, rules] of Object.entries(r.rules)) {
    out.push('', `${t(lang, 'cli.show-rules')} (${computation}):`);
    for (const rule of rules) {
      const basis = rule.event.params?.basis;
      const where = rule.definedIn !== r.id ? ` [${t(lang, 'cli.show-defined-in', { id: rule.definedIn })}]` : '';
      out.push(`  ${rule.id} — ${rule.event.type}${typeof basis === 'string' ? ` → ${basis}` : ''}${where}`);
      out.push(`    ${rule.description[lang]}`);
      const cond = renderCondition(rule.conditions, lang, r.parameters, '      ');
      out.push(`    ${t(lang, 'cli.show-if')}:`, ...cond);
      out.push(`    ${t(lang, 'cli.show-source')}: ${rule.citation.source} (${rule.citation.confidence})`);
      if (rule.citation.note !== undefined) out.push(`      ${noteIn(rule.citation.note, lang)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `show`: a rule set's parameters with sources and confidence, and its rules in readable form. */
export const showCommand: Command = {
  name: 'show',
  summary: { de: 'Parameter, Quellen und Regeln eines Regelwerks zeigen', en: "show a rule set's parameters, sources and rules" },
  usage: 'show <rule-set> [--json] [--lang de|en]',
  help: {
    de: `Zeigt ein Regelwerk (id eines mitgelieferten oder Pfad zu einem eigenen) so, wie es ausgewertet wird:
samt dem, was es erweitert. Je Parameter die datierten Werte mit Quelle, Verlässlichkeit
(sourced | inferred | assumed) und Hinweis; je Regel die Bedingungen in lesbarer Form und ihr Beleg.

Optionen:
  --json        maschinenlesbar (Bedingungen zusätzlich als Text unter reads.de / reads.en)
  --lang de|en  Sprache (Vorgabe de)`,
    en: `Shows a rule set (a bundled id or a path to your own) as it is evaluated, including what it
extends. For each parameter the dated values with source, confidence (sourced | inferred |
assumed) and note; for each rule its conditions in readable form and its citation.

Options:
  --json        machine-readable (conditions also as text under reads.de / reads.en)
  --lang de|en  language (default de)`,
  },
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const arg = ctx.positionals[0] ?? '';
    const choice = chooseRuleSet(arg);
    const id = typeof choice.ruleSet === 'string' ? choice.ruleSet : (choice.ruleSet?.id ?? arg);
    const resolved = resolveRuleSet(id, choice.registry);
    if (!resolved.ok) {
      const text = formatIssuesBilingual(resolved.issues);
      throw new CliError(text.de, text.en);
    }
    const text = flagOption(ctx.values, 'json') ? `${JSON.stringify(showJson(resolved.ruleSet), null, 2)}\n` : showText(resolved.ruleSet, ctx.lang);
    await writeText(ctx.io.stdout, text);
    return 0;
  },
};
