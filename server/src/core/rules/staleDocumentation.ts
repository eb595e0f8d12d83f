// Stale documentation, as core/staleness.ts finds it from git history: one finding per stale document part (a
// decision's governs line, a view element), with the changed governed files as related locations. The governed
// files themselves show it in their code lens and hover, not as findings of their own, so a change to a hundred
// files is one warning rather than a hundred. This rule only places the findings; what counts as stale is
// staleness.ts's business.
import type { RelatedLocation } from '../findings';
import type { StaleFinding } from '../staleness';
import { lineRange } from './lines';
import type { Rule } from './rule';

export const staleDocumentationRule: Rule = {
  name: 'stale documentation',
  codes: ['stale-documentation'],

  *paths({ history }) {
    for (const f of history.stale) yield f.docPath;
  },

  document({ history }, doc, report) {
    const stale = staleIndexOf(history.stale);
    for (const f of stale.byDoc.get(doc.path) ?? []) {
      report({
        code: 'stale-documentation',
        path: doc.path,
        range: lineRange(doc, f.docLine),
        message: f.message,
        related: changedFiles(f),
        fix: { kind: 'review-document', docPath: f.docPath },
        changes: { paths: f.governedPaths, since: f.docLastChanged },
      });
    }
  },
};

/** At most this many changed files are listed with a stale finding; the explanation lists them all. */
const MAX_RELATED = 20;

function changedFiles(f: StaleFinding): RelatedLocation[] {
  return f.governedPaths.slice(0, MAX_RELATED).map((path) => ({ path, line: 1, message: `${path} changed since the document` }));
}

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
