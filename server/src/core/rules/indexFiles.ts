// Index documents (a README or SUMMARY listing the decisions) that fell behind the log: one finding per index, at
// its first disagreement, with every other one as a related location.
import { indexDiscrepancies, isIndexFileName, readDecisionIndex } from '../decisions/indexFiles';
import { decisionLabel } from '../lifecycle';
import type { Decision } from '../model';
import { isMarkdownPath } from '../paths';
import { findDecisionReferences } from '../references';
import { lineRange } from './lines';
import type { Rule } from './rule';
import type { IndexSnapshot } from '../snapshot';

/** A markdown document, not a decision, citing at least three decisions: it may be a list of them. */
function mayBeIndex(snapshot: IndexSnapshot, path: string): boolean {
  return isMarkdownPath(path) && !snapshot.decisionAt(path) && snapshot.referencesIn(path).length >= 3;
}

export const indexFilesRule: Rule = {
  name: 'index files',
  codes: ['index-out-of-date'],

  *paths({ snapshot }) {
    for (const path of snapshot.recordPaths()) if (mayBeIndex(snapshot, path)) yield path;
  },

  concerns: ({ snapshot }, path) => mayBeIndex(snapshot, path),

  mayFindIn: ({ snapshot }, path) => isMarkdownPath(path) && !snapshot.decisionAt(path),

  document({ snapshot }, doc, report) {
    if (!isMarkdownPath(doc.path) || snapshot.decisionAt(doc.path)) return;
    const model = snapshot.markdownOf(doc.path, doc.text);
    const references = findDecisionReferences(doc.path, doc.text, model.code);
    const resolve = (r: (typeof references)[number]) => snapshot.resolve(r, doc.path);
    const vocabulary = snapshot.context.statusVocabulary;
    const index = readDecisionIndex(model, references, resolve, vocabulary);
    if (!index) return;
    const cited = new Set<Decision>();
    for (const r of references) {
      const d = resolve(r);
      if (d) cited.add(d);
    }
    const found = [...indexDiscrepancies(index, cited, snapshot.decisions, decisionLabel, isIndexFileName(doc.path), vocabulary)].sort((a, b) => a.line - b.line);
    if (found.length === 0) return;
    const first = found[0];
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    report({
      code: 'index-out-of-date',
      path: doc.path,
      range: lineRange(doc, first.line),
      message: `This index of decisions is out of date: ${first.message}${more}`,
      ...(found.length > 1 ? { related: found.slice(1).map((f) => ({ path: doc.path, line: f.line, message: f.message })) } : {}),
    });
  },
};
