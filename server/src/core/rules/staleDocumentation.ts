// Stale documentation, as core/staleness.ts finds it from git history: one finding per stale document part (a
// decision's governs line, a view element), with the changed governed files as related locations. The governed
// files themselves show it in their code lens and hover, not as findings of their own, so a change to a hundred
// files is one warning rather than a hundred. This rule only places the findings; what counts as stale is
// staleness.ts's business.
import type { RelatedLocation } from '../findings';
import type { MissingCodeFinding, StaleFinding } from '../staleness';
import { lineRange } from './lines';
import type { FolderHistory, Rule } from './rule';

export const staleDocumentationRule: Rule = {
  name: 'stale documentation',
  codes: ['stale-documentation'],

  *paths({ history }) {
    for (const f of history.stale) yield f.docPath;
  },

  concerns: ({ history }, path) => staleIndexOf(history).byDoc.has(path),

  document({ history }, doc, report) {
    const stale = staleIndexOf(history);
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

/**
 * What history says about a folder, with the stale findings indexed by path on first use: every file asks which
 * findings concern it, and one pass over the findings answers all of them for as long as the findings stand.
 */
export class FolderFindings implements FolderHistory {
  private index?: StaleIndex;
  private missingByDoc?: Map<string, MissingCodeFinding[]>;
  /** An empty object of these findings' own: what later findings name them by, without holding on to them. */
  readonly identity: object = {};
  /**
   * When these findings were made from earlier ones by checking some documents again: the identity of the earlier
   * findings and the paths whose findings may differ (the documents and the governed files their findings
   * name, before and after). The identity, not the findings: each edit's findings would otherwise keep the ones
   * before them, and their stale indexes, for as long as the server runs.
   */
  changedFrom?: { previous: object; paths: ReadonlySet<string> };

  constructor(
    readonly stale: readonly StaleFinding[],
    readonly missing: readonly MissingCodeFinding[],
  ) {}

  get staleIndex(): StaleIndex {
    return (this.index ??= buildStaleIndex(this.stale));
  }

  /** The missing-code findings by document. */
  get missingIndex(): Map<string, MissingCodeFinding[]> {
    if (!this.missingByDoc) {
      this.missingByDoc = new Map();
      for (const m of this.missing) pushTo(this.missingByDoc, m.docPath, m);
    }
    return this.missingByDoc;
  }
}

/** The missing-code findings of a folder by document: kept with them when they are a FolderFindings. */
export function missingIndexOf(history: FolderHistory): Map<string, MissingCodeFinding[]> {
  return history instanceof FolderFindings ? history.missingIndex : new FolderFindings([], history.missing).missingIndex;
}

/** The findings of a folder by path: kept with them when they are a FolderFindings, else built here. */
export function staleIndexOf(history: FolderHistory): StaleIndex {
  return history instanceof FolderFindings ? history.staleIndex : buildStaleIndex(history.stale);
}

function buildStaleIndex(stale: readonly StaleFinding[]): StaleIndex {
  const index: StaleIndex = { byDoc: new Map(), byGoverned: new Map() };
  for (const f of stale) {
    pushTo(index.byDoc, f.docPath, f);
    for (const p of new Set(f.governedPaths)) pushTo(index.byGoverned, p, f);
  }
  return index;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
