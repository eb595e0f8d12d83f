// Stale documentation, as core/staleness.ts finds it from git history: reported on the stale document (at the
// governs line or element) and on each changed governed file (at its first line). This rule only places the
// findings; what counts as stale is staleness.ts's business.
import type { StaleFinding } from '../staleness';
import { lineRange } from './lines';
import type { Rule } from './rule';

export const staleDocumentationRule: Rule = {
  name: 'stale documentation',
  codes: ['stale-documentation'],

  *paths({ snapshot, history }) {
    for (const f of history.stale) {
      yield f.docPath;
      // A governed file whose deletion made the document stale has no editor to show a diagnostic in.
      for (const g of f.governedPaths) if (snapshot.hasFile(g)) yield g;
    }
  },

  document({ history }, doc, report) {
    const stale = staleIndexOf(history.stale);
    const changes = (f: StaleFinding) => ({ paths: f.governedPaths, since: f.docLastChanged });
    for (const f of stale.byDoc.get(doc.path) ?? []) {
      report({
        code: 'stale-documentation',
        path: doc.path,
        range: lineRange(doc, f.docLine),
        message: f.message,
        fix: { kind: 'review-document', docPath: f.docPath },
        changes: changes(f),
      });
    }
    for (const f of stale.byGoverned.get(doc.path) ?? []) {
      report({
        code: 'stale-documentation',
        path: doc.path,
        range: lineRange(doc, 1),
        message: f.message,
        related: [{ path: f.docPath, line: f.docLine, message: 'the stale document' }],
        fix: { kind: 'review-document', docPath: f.docPath },
        changes: changes(f),
      });
    }
  },
};

export interface StaleIndex {
  /** Findings about each stale document. */
  byDoc: Map<string, StaleFinding[]>;
  /** Findings whose changed code includes each file. */
  byGoverned: Map<string, StaleFinding[]>;
}

const staleIndexes = new WeakMap<readonly StaleFinding[], StaleIndex>();

/** Every file asks which findings concern it; one pass over the findings answers all of them. */
export function staleIndexOf(stale: readonly StaleFinding[]): StaleIndex {
  let index = staleIndexes.get(stale);
  if (!index) {
    index = { byDoc: new Map(), byGoverned: new Map() };
    for (const f of stale) {
      pushTo(index.byDoc, f.docPath, f);
      for (const p of new Set(f.governedPaths)) pushTo(index.byGoverned, p, f);
    }
    staleIndexes.set(stale, index);
  }
  return index;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
