// Glossary words to avoid: a word an entry lists under `avoid:` used in prose or a code comment, with the
// preferred term for the quick fix. Each file is checked against the glossary that applies to its folder.
import type { AvoidIndex, ScopedGlossary } from '../glossaryIndex';
import { proseSegments } from './prose';
import type { Rule } from './rule';

export const avoidedTermsRule: Rule = {
  name: 'glossary words to avoid',
  codes: ['avoided-term'],

  // Avoided words can be anywhere in prose: every document is checked (code files when they are open, or by CI).
  *paths({ snapshot }) {
    for (const path of snapshot.recordPaths()) if (snapshot.record(path)!.kind !== 'text') yield path;
  },

  concerns: ({ snapshot }, path) => (snapshot.record(path)?.kind ?? 'text') !== 'text',

  mayFindIn: ({ snapshot }, path) => avoidIndexOf(snapshot.glossary.forPath(path)).matcher.size > 0,

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

export type { AvoidIndex } from '../glossaryIndex';

/** The avoided words of a scoped glossary (a lazily computed field of it). */
export function avoidIndexOf(glossary: ScopedGlossary): AvoidIndex {
  return glossary.avoid;
}
