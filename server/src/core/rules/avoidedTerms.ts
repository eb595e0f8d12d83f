// Glossary words to avoid: a word an entry lists under `avoid:` used in prose or a code comment, with the
// preferred term for the quick fix. Each file is checked against the glossary that applies to its folder.
import { termKey, type ScopedGlossary } from '../glossaryIndex';
import { TermMatcher } from '../terms/matcher';
import { proseSegments } from './prose';
import type { Rule } from './rule';

export const avoidedTermsRule: Rule = {
  name: 'glossary words to avoid',
  codes: ['avoided-term'],

  // Avoided words can be anywhere in prose: every document is checked (code files when they are open, or by CI).
  *paths({ snapshot }) {
    for (const path of snapshot.recordPaths()) if (snapshot.record(path)!.kind !== 'text') yield path;
  },

  document({ snapshot }, doc, report) {
    const { matcher, preferred } = avoidIndexOf(snapshot.glossary.forPath(doc.path));
    if (matcher.size === 0) return;
    const segments = proseSegments(doc, (path, text) => snapshot.markdownOf(path, text));
    const text = doc.text;
    for (let s = 0; s < segments.length; s += 2) {
      for (const m of matcher.findAll(text, segments[s], segments[s + 1])) {
        const term = preferred[m.id];
        // The glossary entry that lists the word must be able to name it.
        if (term.path === doc.path) continue;
        const word = text.slice(m.start, m.end);
        report({
          code: 'avoided-term',
          path: doc.path,
          range: { start: doc.lines.positionAt(m.start), end: doc.lines.positionAt(m.end) },
          message: `'${word}' is a word the glossary asks to avoid; use '${term.term}'`,
          fix: { kind: 'use-term', term: term.term },
        });
      }
    }
  },
};

export interface AvoidIndex {
  matcher: TermMatcher;
  /** The preferred term, by matcher id. */
  preferred: ScopedGlossary['terms'][number][];
}

/** One automaton of all avoid words per scoped glossary, which itself lives as long as its GlossaryIndex. */
const avoidIndexes = new WeakMap<ScopedGlossary, AvoidIndex>();

export function avoidIndexOf(glossary: ScopedGlossary): AvoidIndex {
  let index = avoidIndexes.get(glossary);
  if (!index) {
    // A word that is itself a term or an alias here is not one to avoid, whatever another entry says.
    const names = new Set<string>();
    for (const t of glossary.terms) {
      names.add(termKey(t.term));
      for (const a of t.aliases) names.add(termKey(a));
    }
    const entries: { text: string; id: number }[] = [];
    const preferred: AvoidIndex['preferred'] = [];
    for (const t of glossary.terms) {
      for (const word of t.avoid) {
        if (!word.trim() || names.has(termKey(word))) continue;
        entries.push({ text: word, id: preferred.length });
        preferred.push(t);
      }
    }
    index = { matcher: TermMatcher.build(entries), preferred };
    avoidIndexes.set(glossary, index);
  }
  return index;
}
