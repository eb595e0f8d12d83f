// Stale documentation, as core/staleness.ts finds it from git history: one finding per stale document part (a
// decision's governs line, a view element), with the changed governed files as related locations. The governed
// files themselves show it in their code lens and hover, not as findings of their own, so a change to a hundred
// files is one warning rather than a hundred. This rule only places the findings; what counts as stale is
// staleness.ts's business.
import type { RelatedLocation } from '../findings';
import type { MissingCodeFinding, StaleFinding } from '../staleness';
import { LayeredMap, type Lookup } from '../layeredMap';
import { lineRange } from './lines';
import type { FolderHistory, Rule } from './rule';

export const staleDocumentationRule: Rule = {
  name: 'stale documentation',
  codes: ['stale-documentation'],
  readsHistory: true,

  *paths({ history }) {
    for (const f of history.stale) yield f.docPath;
  },

  concerns: ({ history }, path) => staleIndexOf(history).byDoc.has(path),

  mayFindIn: () => false,

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
  byDoc: Lookup<string, StaleFinding[]>;
  /** Findings whose changed code includes each file, ordered by document path. */
  byGoverned: Lookup<string, StaleFinding[]>;
}

/** The findings of one document (a decision, a view, or a document's links into code). */
export interface DocumentFindingsParts {
  stale: readonly StaleFinding[];
  missing: readonly MissingCodeFinding[];
}

/** Each document's findings, as the findings tracker keeps them from change to change, and the snapshot's order. */
export interface FindingsStore {
  decisions: LayeredMap<string, DocumentFindingsParts>;
  views: LayeredMap<string, DocumentFindingsParts>;
  links: LayeredMap<string, DocumentFindingsParts>;
  /** The documents in the order the lists give their findings: decisions, then views (links by path after them). */
  order: () => { decisions: Iterable<string>; views: Iterable<string> };
}

interface LayeredIndex {
  byDoc: LayeredMap<string, StaleFinding[]>;
  byGoverned: LayeredMap<string, StaleFinding[]>;
  missingByDoc: LayeredMap<string, MissingCodeFinding[]>;
}

/** Index entries written (tests count it: an edit writes the entries of the documents it changed, not all). */
export const findingsIndexWork = { written: 0 };

/**
 * What history says about a folder, with the findings indexed by path on first use: every file asks which findings
 * concern it, and one pass over the findings answers all of them for as long as the findings stand. Findings made
 * from earlier ones by checking a few documents again (`derive`) index those documents again and share the rest,
 * and list every finding only when asked.
 */
export class FolderFindings implements FolderHistory {
  private staleList?: readonly StaleFinding[];
  private missingList?: readonly MissingCodeFinding[];
  private index?: LayeredIndex;
  private store?: FindingsStore;
  /** How many stale findings there are (the status bar's count), without listing them. */
  readonly staleCount: number;
  /** An empty object of these findings' own: what later findings name them by, without holding on to them. */
  readonly identity: object = {};
  /**
   * When these findings were made from earlier ones by checking some documents again: the identity of the earlier
   * findings and the paths whose findings may differ (the documents and the governed files their findings
   * name, before and after). The identity, not the findings: each edit's findings would otherwise keep the ones
   * before them, and their stale indexes, for as long as the server runs.
   */
  changedFrom?: { previous: object; paths: ReadonlySet<string> };

  constructor(stale: readonly StaleFinding[], missing: readonly MissingCodeFinding[]) {
    this.staleList = stale;
    this.missingList = missing;
    this.staleCount = stale.length;
  }

  /** Findings over each document's findings; `from`: the findings they were made from and the documents changed. */
  static ofStore(store: FindingsStore, from?: { previous: FolderFindings; docs: ReadonlySet<string> }): FolderFindings {
    let count = 0;
    if (from && from.previous.store) {
      count = from.previous.staleCount;
      const before = from.previous.store;
      for (const path of from.docs) count += staleHere(store, path).length - staleHere(before, path).length;
    } else {
      for (const [, f] of store.decisions.entries()) count += f.stale.length;
      for (const [, f] of store.views.entries()) count += f.stale.length;
    }
    const out = Object.create(FolderFindings.prototype) as FolderFindings;
    Object.assign(out, { store, staleCount: count, identity: {} });
    // The earlier findings' index, when it was built, is carried over now for the documents that changed: the new
    // findings keep nothing of the earlier ones but the maps they share.
    if (from?.previous.index && from.previous.store) out.index = deriveIndex(from.previous.index, store, from.docs);
    return out;
  }

  get stale(): readonly StaleFinding[] {
    if (!this.staleList) this.list();
    return this.staleList!;
  }

  get missing(): readonly MissingCodeFinding[] {
    if (!this.missingList) this.list();
    return this.missingList!;
  }

  get staleIndex(): StaleIndex {
    return this.layered();
  }

  /** The missing-code findings by document. */
  get missingIndex(): Lookup<string, MissingCodeFinding[]> {
    return this.layered().missingByDoc;
  }

  private list(): void {
    const store = this.store!;
    const stale: StaleFinding[] = [];
    const missing: MissingCodeFinding[] = [];
    const add = (f: DocumentFindingsParts | undefined) => {
      if (!f) return;
      for (const x of f.stale) stale.push(x);
      for (const x of f.missing) missing.push(x);
    };
    const order = store.order();
    for (const path of order.decisions) add(store.decisions.get(path));
    for (const path of order.views) add(store.views.get(path));
    for (const path of [...store.links.keys()].sort()) add(store.links.get(path));
    this.staleList = stale;
    this.missingList = missing;
  }

  private layered(): LayeredIndex {
    return (this.index ??= fullIndex(this.stale, this.missing));
  }
}

function staleHere(store: FindingsStore, path: string): StaleFinding[] {
  const d = store.decisions.get(path)?.stale ?? [];
  const v = store.views.get(path)?.stale ?? [];
  return v.length === 0 ? (d as StaleFinding[]) : [...d, ...v];
}

function missingHere(store: FindingsStore, path: string): MissingCodeFinding[] {
  const out: MissingCodeFinding[] = [];
  for (const map of [store.decisions, store.views, store.links]) for (const m of map.get(path)?.missing ?? []) out.push(m);
  return out;
}

const byDocPath = (a: StaleFinding, b: StaleFinding) => (a.docPath < b.docPath ? -1 : a.docPath > b.docPath ? 1 : 0);

function fullIndex(stale: readonly StaleFinding[], missing: readonly MissingCodeFinding[]): LayeredIndex {
  const index = buildStaleIndex(stale);
  const missingByDoc = new Map<string, MissingCodeFinding[]>();
  for (const m of missing) pushTo(missingByDoc, m.docPath, m);
  findingsIndexWork.written += stale.length + missing.length;
  return { byDoc: LayeredMap.of(index.byDoc), byGoverned: LayeredMap.of(index.byGoverned), missingByDoc: LayeredMap.of(missingByDoc) };
}

/** The index of `store` from the index of `before`: only the documents in `docs` and the files their findings name. */
function deriveIndex(index: LayeredIndex, store: FindingsStore, docs: ReadonlySet<string>): LayeredIndex {
  const byDoc = new Map<string, StaleFinding[] | undefined>();
  const missingByDoc = new Map<string, MissingCodeFinding[] | undefined>();
  const governed = new Set<string>();
  for (const path of docs) {
    const stale = staleHere(store, path);
    byDoc.set(path, stale.length > 0 ? stale : undefined);
    const missing = missingHere(store, path);
    missingByDoc.set(path, missing.length > 0 ? missing : undefined);
    for (const f of index.byDoc.get(path) ?? []) for (const g of f.governedPaths) governed.add(g);
    for (const f of stale) for (const g of f.governedPaths) governed.add(g);
  }
  const byGoverned = new Map<string, StaleFinding[] | undefined>();
  for (const g of governed) {
    const list = (index.byGoverned.get(g) ?? []).filter((f) => !docs.has(f.docPath));
    for (const path of docs) for (const f of byDoc.get(path) ?? []) if (f.governedPaths.includes(g)) list.push(f);
    byGoverned.set(g, list.length > 0 ? list.sort(byDocPath) : undefined);
  }
  findingsIndexWork.written += byDoc.size + byGoverned.size + missingByDoc.size;
  return { byDoc: index.byDoc.with(byDoc), byGoverned: index.byGoverned.with(byGoverned), missingByDoc: index.missingByDoc.with(missingByDoc) };
}

/** The missing-code findings of a folder by document: kept with them when they are a FolderFindings. */
export function missingIndexOf(history: FolderHistory): Lookup<string, MissingCodeFinding[]> {
  return history instanceof FolderFindings ? history.missingIndex : new FolderFindings([], history.missing).missingIndex;
}

/** The findings of a folder by path: kept with them when they are a FolderFindings, else built here. */
export function staleIndexOf(history: FolderHistory): StaleIndex {
  return history instanceof FolderFindings ? history.staleIndex : buildStaleIndex(history.stale);
}

function buildStaleIndex(stale: readonly StaleFinding[]): { byDoc: Map<string, StaleFinding[]>; byGoverned: Map<string, StaleFinding[]> } {
  const index = { byDoc: new Map<string, StaleFinding[]>(), byGoverned: new Map<string, StaleFinding[]>() };
  for (const f of stale) {
    pushTo(index.byDoc, f.docPath, f);
    for (const p of new Set(f.governedPaths)) pushTo(index.byGoverned, p, f);
  }
  for (const list of index.byGoverned.values()) list.sort(byDocPath);
  return index;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
