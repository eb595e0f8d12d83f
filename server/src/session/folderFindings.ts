// The stale and missing-code findings of a folder, kept across index changes. They depend on the history, the file
// list and the settings (any change to those computes them all again) and otherwise on each document alone: a
// decision's governs globs, status and title, a view's elements, a document's links into code. So an edit computes
// again only the documents it changed: a decision's title edit checks that one decision against history, not all
// of them, and typing in code checks nothing.
import { editedSince } from '../core/decisionGraph';
import type { GitHistory } from '../core/git';
import { isMarkdownPath } from '../core/paths';
import { LayeredMap } from '../core/layeredMap';
import { FolderFindings, type FindingsStore } from '../core/rules/staleDocumentation';
import type { ArchitectureView, Decision } from '../core/model';
import type { IndexSnapshot } from '../core/snapshot';
import {
  missingCodeChecker,
  staleChecker,
  type DocumentLinkTarget,
  type MissingCodeChecker,
  type MissingCodeFinding,
  type StaleChecker,
  type StaleFinding,
} from '../core/staleness';

export interface FindingsInputs {
  snapshot: IndexSnapshot;
  /** The folder's history, when it is read and the workspace trusted (else there are no stale findings). */
  history: GitHistory | undefined;
  /** Head commit and files changed but not committed or not saved: with the history, what the findings compare. */
  head: string;
  dirty: readonly string[];
  unsaved: ReadonlySet<string>;
  now: Date;
  /** Where a document of a `.archlens.yml` source has its history (core/staleness.ts). */
  documentHistory?: (docPath: string) => { history: GitHistory; path: string } | undefined;
}

interface DocumentFindings {
  /** What of the document its findings read (for a link record: the record itself). */
  key: string | object;
  stale: StaleFinding[];
  missing: MissingCodeFinding[];
}

interface State {
  /** History, file list and settings: while they stand, each document's findings stand until it changes. */
  base: string;
  unsaved: string;
  unsavedPaths: ReadonlySet<string>;
  history: GitHistory | undefined;
  files: readonly string[];
  snapshot: IndexSnapshot;
  stale?: StaleChecker;
  missing: MissingCodeChecker;
  decisions: LayeredMap<string, DocumentFindings>;
  views: LayeredMap<string, DocumentFindings>;
  links: LayeredMap<string, DocumentFindings>;
  findings: FolderFindings;
}

export class FindingsTracker {
  private state?: State;
  /** How many documents the last update checked (a measure of the work an edit costs; tests read it). */
  checked = 0;
  /** How many decisions the last update compared with what it knew (all of them, or those a graph says it replaced). */
  keyed = 0;
  /** The paths whose findings the last update may have changed: the documents checked and the files they name. */
  private changedPaths = new Set<string>();
  /** The documents whose findings the last update computed again (or dropped). */
  private changedDocs = new Set<string>();

  findings(input: FindingsInputs): FolderFindings {
    const { snapshot } = input;
    const base = JSON.stringify([input.head, input.dirty, snapshot.settings.staleness, input.history !== undefined]);
    let s = this.state;
    const unsaved = [...input.unsaved].sort().join('\0');
    if (s && s.snapshot === snapshot && s.base === base && s.unsaved === unsaved) return s.findings;
    // Files edited but not saved count as changed now: the documents they are and those governing them are checked
    // again (a file not in the list changes the files globs expand over: then everything is).
    let forced: Set<string> | undefined;
    if (s && s.unsaved !== unsaved) {
      forced = this.unsavedChange(s, snapshot, input.unsaved);
      if (!forced) s = undefined;
    }
    this.checked = 0;
    this.keyed = 0;
    this.changedPaths = new Set();
    this.changedDocs = new Set();
    if (!s || s.base !== base || s.history !== input.history || s.files !== snapshot.files) {
      s = this.state = {
        base,
        unsaved,
        unsavedPaths: new Set(input.unsaved),
        history: input.history,
        files: snapshot.files,
        snapshot,
        stale: input.history
          ? staleChecker({ files: snapshot.files, history: input.history, settings: snapshot.settings.staleness, now: input.now, dirty: input.unsaved, documentHistory: input.documentHistory })
          : undefined,
        missing: missingCodeChecker({ files: snapshot.files, history: input.history }),
        decisions: LayeredMap.of(),
        views: LayeredMap.of(),
        links: LayeredMap.of(),
        findings: new FolderFindings([], []),
      };
      this.update(s, snapshot, undefined, true);
    } else {
      const previous = s.snapshot;
      s.snapshot = snapshot;
      s.unsaved = unsaved;
      s.unsavedPaths = new Set(input.unsaved);
      if (!this.update(s, snapshot, previous, false, forced)) return s.findings;
      const earlier = s.findings;
      s.findings = FolderFindings.ofStore(this.store(s, snapshot), { previous: earlier, docs: this.changedDocs });
      s.findings.changedFrom = { previous: earlier.identity, paths: this.changedPaths };
      return s.findings;
    }
    s.findings = FolderFindings.ofStore(this.store(s, snapshot));
    return s.findings;
  }

  /** Brings each document's findings up to date; false when none changed. */
  private update(s: State, snapshot: IndexSnapshot, previous: IndexSnapshot | undefined, all: boolean, forced?: ReadonlySet<string>): boolean {
    let changed = all;
    // Changes are gathered per map and applied at the end: the maps of the findings handed out before stay as they were.
    const changes = { decisions: new Map<string, DocumentFindings | undefined>(), views: new Map<string, DocumentFindings | undefined>(), links: new Map<string, DocumentFindings | undefined>() };
    type Kind = keyof typeof changes;
    const known = (kind: Kind, path: string) => (changes[kind].has(path) ? changes[kind].get(path) : s[kind].get(path));
    const check = (kind: Kind, path: string, key: string | object, compute: () => Omit<DocumentFindings, 'key'>) => {
      const before = known(kind, path);
      if (before && before.key === key && !forced?.has(path)) return;
      this.checked++;
      const next = { key, ...compute() };
      changes[kind].set(path, next);
      this.touched(path, before);
      this.touched(path, next);
      changed = true;
    };
    const remove = (kind: Kind, path: string) => {
      const before = known(kind, path);
      if (!before) return;
      this.touched(path, before);
      changes[kind].set(path, undefined);
      changed = true;
    };
    const edited = previous && editedSince(snapshot.decisionGraph, previous.decisionGraph);
    if (!all && edited) {
      // Decisions edited in place: only those can have other findings (the graph says which).
      for (const id of edited) {
        const d = snapshot.decision(id);
        this.keyed++;
        if (d) check('decisions', d.path, decisionKey(d), () => ({ stale: s.stale?.decision(d) ?? [], missing: s.missing.decision(d) }));
      }
    } else if (all || previous?.decisionGraph !== snapshot.decisionGraph) {
      const seen = new Set<string>();
      for (const d of snapshot.decisions) {
        seen.add(d.path);
        this.keyed++;
        check('decisions', d.path, decisionKey(d), () => ({ stale: s.stale?.decision(d) ?? [], missing: s.missing.decision(d) }));
      }
      for (const path of s.decisions.keys()) if (!seen.has(path)) remove('decisions', path);
    }
    if (all || previous?.views !== snapshot.views) {
      const seen = new Set<string>();
      for (const v of snapshot.views) {
        seen.add(v.path);
        check('views', v.path, viewKey(v), () => ({ stale: s.stale?.view(v) ?? [], missing: s.missing.view(v) }));
      }
      for (const path of s.views.keys()) if (!seen.has(path)) remove('views', path);
    }
    for (const path of forced ?? []) {
      const d = snapshot.decisionAt(path);
      if (d && previous?.decisionGraph === snapshot.decisionGraph) check('decisions', path, decisionKey(d), () => ({ stale: s.stale?.decision(d) ?? [], missing: s.missing.decision(d) }));
      const v = snapshot.viewAt(path);
      if (v && previous?.views === snapshot.views) check('views', path, viewKey(v), () => ({ stale: s.stale?.view(v) ?? [], missing: s.missing.view(v) }));
    }
    // Links into code: only the records that changed, when the index can say which.
    const paths = all || !previous ? undefined : snapshot.changedSince(previous);
    if (!paths) {
      for (const path of s.links.keys()) remove('links', path);
    }
    for (const path of paths ?? snapshot.recordPaths()) {
      const record = snapshot.record(path);
      const links = record && record.kind !== 'text' ? codeLinks(path, record.links) : [];
      if (links.length === 0) {
        if (paths) remove('links', path);
        continue;
      }
      check('links', path, record!, () => ({ stale: [], missing: s.missing.links(links) }));
    }
    for (const kind of ['decisions', 'views', 'links'] as const) {
      for (const path of changes[kind].keys()) this.changedDocs.add(path);
      s[kind] = s[kind].with(changes[kind]);
    }
    return changed;
  }

  /** The documents a change to the unsaved files concerns, or undefined when everything must be checked again. */
  private unsavedChange(s: State, snapshot: IndexSnapshot, unsaved: ReadonlySet<string>): Set<string> | undefined {
    const changed = new Set<string>();
    for (const p of unsaved) if (!s.unsavedPaths.has(p)) changed.add(p);
    for (const p of s.unsavedPaths) if (!unsaved.has(p)) changed.add(p);
    for (const p of changed) if (!snapshot.hasFile(p)) return undefined;
    s.stale?.setUnsaved(unsaved);
    const docs = new Set<string>();
    const governance = snapshot.governance;
    for (const p of changed) {
      docs.add(p);
      for (const d of governance.decisionsGoverning(p)) docs.add(d.path);
      for (const e of governance.elementsDocumenting(p)) docs.add(e.view.path);
    }
    return docs;
  }

  private touched(path: string, findings: DocumentFindings | undefined): void {
    this.changedPaths.add(path);
    for (const f of findings?.stale ?? []) for (const g of f.governedPaths) this.changedPaths.add(g);
  }

  /** Each document's findings as they stand now, with the snapshot's order of decisions and views. */
  private store(s: State, snapshot: IndexSnapshot): FindingsStore {
    return {
      decisions: s.decisions,
      views: s.views,
      links: s.links,
      order: () => ({ decisions: snapshot.decisions.map((d) => d.path), views: snapshot.views.map((v) => v.path) }),
    };
  }
}

/** Everything of a decision its stale and missing-code findings read. */
function decisionKey(d: Decision): string {
  return JSON.stringify([d.id, d.title, d.status, d.line, d.governsLine, d.governs, d.reviewed, d.reviewedCommit, d.supersededBy]);
}

function viewKey(v: ArchitectureView): string {
  return JSON.stringify([v.title, v.reviewed, v.reviewedCommit, v.elements.map((e) => [e.name, e.line, e.paths])]);
}

/** A document's links that point into code (links between documents are the documents' business). */
function codeLinks(docPath: string, links: readonly { path: string; range: { start: { line: number } } }[]): DocumentLinkTarget[] {
  const out: DocumentLinkTarget[] = [];
  for (const l of links) if (!isMarkdownPath(l.path)) out.push({ docPath, line: l.range.start.line, target: l.path });
  return out;
}
