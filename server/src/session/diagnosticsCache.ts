// The diagnostics cache of a folder: each file's last result, kept while nothing it depends on changed, and the
// list of paths some rule has findings for, both brought up to date from what a change touched; and what of them
// the editor has not been sent yet. folderDiagnostics.ts runs the passes that fill it.
import type { FileDiagnostics } from './folderDiagnostics';
import { hasFindingsAt, pathsWithFindings as rulePaths, type RuleContext } from '../core/rules';
import { affects, citesChanged, snapshotChange, type DocumentDependencies, type SnapshotChange } from '../core/rules/invalidation';
import { problemsByPath } from '../core/rules/indexProblems';
import type { FolderFindings } from '../core/rules/staleDocumentation';
import { decisionId } from '../core/decisionGraph';
import { guardrailIndex } from '../core/guardrails';
import { decisionFolder, IndexListingsLineage } from '../core/rules/indexListings';
import type { IndexSnapshot } from '../core/snapshot';

/**
 * The last result of each file, reused while nothing it depends on changed: its own text (the index record, or
 * the open editor's document and version), the problems and history findings on its path, and what it cites
 * (core/rules/invalidation.ts). A new snapshot evicts only the entries it can affect, so a decision's title edit
 * re-diagnoses the documents that cite that decision, not every document of the workspace. One per folder session.
 */
export interface CacheEntry {
  record: object | undefined;
  /** The open editor's document object (a document closed and opened again is a new one), version and length. */
  document: object | undefined;
  version: number;
  length: number;
  notes: string;
  deps: DocumentDependencies;
  result: FileDiagnostics;
  /** Newly avoided words: the entry stands only if the document's text holds none of them. */
  recheck?: Set<string>;
}

/**
 * The diagnostics of a folder from one change to the next: the cached result of each file, and the list of paths
 * some rule has something to say about. Both are kept up to date from what a change touched (the records that
 * changed, the files citing a decision that changed, the paths whose problems or history findings changed), so
 * after an edit the work is in proportion to what it touched, not to the workspace.
 */
export class DiagnosticsCache {
  private snapshot?: IndexSnapshot;
  private findings?: FolderFindings;
  readonly entries = new Map<string, CacheEntry>();
  /** Open documents' entries (their dependencies come from the editor's text, not the index). */
  private readonly open = new Set<string>();
  /** Entries with an avoided-word finding. */
  private readonly avoided = new Set<string>();
  /** The paths with findings, and the same sorted (made again only when a path joins or leaves). */
  private paths = new Set<string>();
  private sorted?: string[];
  /** The paths the next pass must look at again; undefined when it must look at all of them. */
  private pending: Set<string> | undefined;
  /** The paths diagnosed (not taken from the cache) by the last pass. */
  diagnosed: string[] = [];
  /** The paths whose place among the paths with findings the last pass decided again (work measure; tests read it). */
  decided = 0;
  /**
   * What the editor has not been sent yet: paths whose result changed or that joined or left the listed paths, each
   * with the number of the change that added it (a publication acknowledges the changes up to the one it read), or
   * every path (after a change the cache cannot follow path by path).
   */
  private readonly unpublished = new Map<string, number>();
  private unpublishedAll = 1;
  private changeCount = 1;
  /** Documents not open that are to be searched for newly avoided words by a later pass. */
  private readonly rechecks = new Set<string>();
  /** The open documents the last pass listed besides the paths with findings. */
  private lastExtra = new Set<string>();
  /** Index files and the folders they list (an edit of a decision touches the index files listing its folder). */
  private readonly listings = new IndexListingsLineage();

  /**
   * Moves to a new snapshot and findings: evicts the entries the change may have changed, and brings the paths with
   * findings up to date by asking the rules about the paths it touched, or all of them when it cannot say.
   */
  moveTo(ctx: RuleContext, findings: FolderFindings): void {
    const snapshot = ctx.snapshot;
    if (this.snapshot === snapshot && this.findings === findings) return;
    const prev = this.snapshot;
    const prevFindings = this.findings;
    this.snapshot = snapshot;
    this.findings = findings;
    const change = snapshotChange(prev, snapshot);
    const cited = prev && !change.all && (change.numbers.size > 0 || change.paths.size > 0) ? this.citing(prev, snapshot, change) : undefined;
    let touched = prev && !change.all ? touchedPaths(prev, snapshot, change, cited) : undefined;
    const delta = findings.changedFrom;
    if (touched && findings !== prevFindings) {
      if (delta && delta.previous === prevFindings?.identity) for (const p of delta.paths) touched.add(p);
      else touched = undefined;
    }
    let lookAll = !touched;
    if (change.all) this.clear();
    else {
      const evict = (path: string) => {
        this.entries.delete(path);
        this.avoided.delete(path);
        this.open.delete(path);
        touched?.add(path);
      };
      const affected = (path: string) => {
        const entry = this.entries.get(path);
        if (entry && affects(change, entry.deps, path)) evict(path);
      };
      if (cited) {
        // The files whose records cite what changed (as `citing` resolves them); open documents by their own text.
        for (const path of cited) if (this.entries.has(path)) evict(path);
        for (const path of [...this.open]) affected(path);
      }
      if (change.avoidedTerms) for (const path of [...this.avoided]) evict(path);
      if (change.words.size > 0) {
        // A newly avoided word may be in any document: each is looked at again (its text searched for the words),
        // the open documents by this pass, the others by a later one (`queueRechecks`), so that what the editor
        // shows is diagnosed first.
        for (const [path, entry] of this.entries) {
          entry.recheck ??= new Set();
          for (const w of change.words) entry.recheck.add(w);
          if (this.open.has(path)) touched?.add(path);
          else this.rechecks.add(path);
        }
        if (!touched) lookAll = true;
      }
    }
    this.decided = 0;
    if (!touched) {
      this.paths = rulePaths(ctx);
      this.sorted = undefined;
      this.decided = -1;
      this.unpublishedAll = ++this.changeCount;
    } else {
      for (const path of touched) {
        this.decided++;
        const has = hasFindingsAt(ctx, path);
        if (has === this.paths.has(path)) continue;
        if (has) this.paths.add(path);
        else this.paths.delete(path);
        this.sorted = undefined;
        this.unpublished.set(path, ++this.changeCount);
      }
    }
    if (lookAll) this.pending = undefined;
    else if (this.pending) for (const p of touched ?? []) this.pending.add(p);
  }

  /** Has the last change left documents to search for newly avoided words? */
  get rechecking(): number {
    return this.rechecks.size;
  }

  /** Makes the next pass search the documents left to search for newly avoided words; false when there are none. */
  queueRechecks(): boolean {
    if (this.rechecks.size === 0) return false;
    if (this.pending) for (const p of this.rechecks) this.pending.add(p);
    this.rechecks.clear();
    return true;
  }

  /** The snapshot the cache was last moved to: a pass that finds another one after a pause was overtaken. */
  get current(): IndexSnapshot | undefined {
    return this.snapshot;
  }

  /** Paths an overtaken pass did not get to: the next pass looks at them. */
  requeue(paths: Iterable<string>): void {
    if (this.pending) for (const p of paths) this.pending.add(p);
  }

  /** Is this path among the paths with findings? */
  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** The paths a pass must look at (and forgets them): all paths with findings, or those touched since the last pass. */
  take(): { all: () => readonly string[]; look: Iterable<string> } {
    const all = () => (this.sorted ??= [...this.paths].sort());
    const look = this.pending ?? all();
    this.pending = new Set();
    return { all, look };
  }

  /** The open documents listed by this pass: those that joined or left the list are to be published. */
  listExtra(extra: ReadonlySet<string>): void {
    for (const p of extra) if (!this.lastExtra.has(p)) this.unpublished.set(p, ++this.changeCount);
    for (const p of this.lastExtra) if (!extra.has(p)) this.unpublished.set(p, ++this.changeCount);
    this.lastExtra = new Set(extra);
  }

  /**
   * What changed since the last acknowledged publication: the paths to send (listed, with their results) and the
   * paths to clear; undefined when everything must be sent. `acknowledge` once sent: later changes stay unsent.
   */
  changes(): { send: string[]; clear: string[]; acknowledge: () => void } | undefined {
    if (this.unpublishedAll) return undefined;
    const acknowledge = this.acknowledgeAll();
    const send: string[] = [];
    const clear: string[] = [];
    for (const p of this.unpublished.keys()) {
      if (this.paths.has(p) || this.lastExtra.has(p)) {
        if (this.entries.has(p)) send.push(p);
      } else {
        clear.push(p);
        this.forget(p);
      }
    }
    return { send, clear, acknowledge };
  }

  /** Every change up to now is published (a full publication). */
  acknowledgeAll(): () => void {
    const upTo = this.changeCount;
    return () => {
      if (this.unpublishedAll <= upTo) this.unpublishedAll = 0;
      for (const [p, n] of this.unpublished) if (n <= upTo) this.unpublished.delete(p);
    };
  }

  store(path: string, entry: CacheEntry): void {
    this.unpublished.set(path, ++this.changeCount);
    this.entries.set(path, entry);
    if (entry.document) this.open.add(path);
    else this.open.delete(path);
    if (entry.result.diagnostics.some((d) => d.code === 'avoided-term')) this.avoided.add(path);
    else this.avoided.delete(path);
  }

  forget(path: string): void {
    this.entries.delete(path);
    this.open.delete(path);
    this.avoided.delete(path);
  }

  /**
   * The files whose records cite a decision or a file the change names: by path or id, or by a number whose
   * reference from that file resolves to a decision the change touched (core/rules/invalidation.ts `citesChanged`);
   * and the index files listing the folder of such a decision, before or after the change.
   */
  private citing(prev: IndexSnapshot, snapshot: IndexSnapshot, change: SnapshotChange): Set<string> {
    const ids = new Set<string>();
    for (const p of change.paths) {
      ids.add(p);
      ids.add(decisionId(p));
    }
    const citations = snapshot.citations();
    const out = citations.citing([], ids);
    for (const n of change.numbers) {
      for (const p of citations.citingNumber(n)) if (!out.has(p) && citesChanged(change, n, p)) out.add(p);
    }
    for (const s of [prev, snapshot]) {
      const { byFolder } = this.listings.of(s);
      if (byFolder.size === 0) continue;
      for (const p of change.paths) for (const f of byFolder.get(decisionFolder(p)) ?? []) out.add(f);
    }
    return out;
  }

  private clear(): void {
    this.rechecks.clear();
    this.entries.clear();
    this.open.clear();
    this.avoided.clear();
  }
}

/** Paths whose records, problems or citations a change from one snapshot to the next touched; undefined: unknown. */
function touchedPaths(prev: IndexSnapshot, next: IndexSnapshot, change: SnapshotChange, cited: ReadonlySet<string> | undefined): Set<string> | undefined {
  const records = next.changedSince(prev);
  if (!records) return undefined;
  const touched = new Set(records);
  for (const p of cited ?? []) touched.add(p);
  if (prev.problems !== next.problems) {
    for (const p of problemsByPath(prev).keys()) touched.add(p);
    for (const p of problemsByPath(next).keys()) touched.add(p);
  }
  // Files that must exist (guardrails) are reported on the decision that asks for them.
  if (prev.files !== next.files) for (const s of [prev, next]) for (const f of guardrailIndex(s).requireFindings()) touched.add(f.path);
  return touched;
}


