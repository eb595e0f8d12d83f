// The diagnostics of a whole workspace folder, as the language server publishes them: for every file a rule has
// something to say about, plus the open documents. The rules are the core's (core/rules), the same ones
// `archlens check` runs; this file decides which files to diagnose again after a change and caches the rest.
import type { Diagnostic } from 'vscode-languageserver-types';
import { featureDocument } from '../features/context';
import { diagnostics, type DiagnosticsContext } from '../features/diagnostics';
import type { FolderSession } from './folderSession';
import { decodeText } from '../core/text';
import { isMarkdownPath } from '../core/paths';
import { findDecisionReferences, findMarkdownLinks } from '../core/references';
import { hasFindingsAt, pathsWithFindings as rulePaths, ruleContext, type RuleContext } from '../core/rules';
import { affects, documentDependencies, mayHoldWord, snapshotChange, type DocumentDependencies, type SnapshotChange } from '../core/rules/invalidation';
import { problemsByPath } from '../core/rules/indexProblems';
import type { FolderFindings } from '../core/rules/staleDocumentation';
import { decisionId } from '../core/decisionGraph';
import { guardrailIndex } from '../core/guardrails';
import type { IndexSnapshot } from '../core/snapshot';
import { placeSourceDiagnostics } from './sourceDiagnostics';

export interface OpenText {
  text: string;
  languageId: string;
  version: number;
  /** The editor's document object: a document closed and opened again is a new one, even at the same version. */
  document?: object;
}

export interface FileDiagnostics {
  uri: string;
  path: string;
  diagnostics: Diagnostic[];
}

/** The paths worth diagnosing without opening them: those some rule has something to say about. */
export function pathsWithFindings(folder: FolderSession): Set<string> {
  return rulePaths(ruleContext(folder.snapshot, folder.findings()));
}

/**
 * The last result of each file, reused while nothing it depends on changed: its own text (the index record, or
 * the open editor's document and version), the problems and history findings on its path, and what it cites
 * (core/rules/invalidation.ts). A new snapshot evicts only the entries it can affect, so a decision's title edit
 * re-diagnoses the documents that cite that decision, not every document of the workspace. One per folder session.
 */
interface CacheEntry {
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
    let touched = prev && !change.all ? touchedPaths(prev, snapshot, change) : undefined;
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
        if (entry && affects(change, entry.deps)) evict(path);
      };
      if (change.numbers.size > 0 || change.paths.size > 0) {
        for (const path of citing(snapshot, change)) affected(path);
        for (const path of [...this.open]) affected(path);
      }
      if (change.avoidedTerms) for (const path of [...this.avoided]) evict(path);
      if (change.words.size > 0) {
        // A newly avoided word may be in any document: each is looked at again (its text searched for the words).
        for (const entry of this.entries.values()) {
          entry.recheck ??= new Set();
          for (const w of change.words) entry.recheck.add(w);
        }
        lookAll = true;
      }
    }
    this.decided = 0;
    if (!touched) {
      this.paths = rulePaths(ctx);
      this.sorted = undefined;
      this.decided = -1;
    } else {
      for (const path of touched) {
        this.decided++;
        const has = hasFindingsAt(ctx, path);
        if (has === this.paths.has(path)) continue;
        if (has) this.paths.add(path);
        else this.paths.delete(path);
        this.sorted = undefined;
      }
    }
    if (lookAll) this.pending = undefined;
    else if (this.pending) for (const p of touched ?? []) this.pending.add(p);
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
  take(): { all: readonly string[]; look: Iterable<string> } {
    this.sorted ??= [...this.paths].sort();
    const look = this.pending ?? this.sorted;
    this.pending = new Set();
    return { all: this.sorted, look };
  }

  store(path: string, entry: CacheEntry): void {
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

  private clear(): void {
    this.entries.clear();
    this.open.clear();
    this.avoided.clear();
  }
}

/** Paths whose records, problems or citations a change from one snapshot to the next touched; undefined: unknown. */
function touchedPaths(prev: IndexSnapshot, next: IndexSnapshot, change: SnapshotChange): Set<string> | undefined {
  const records = next.changedSince(prev);
  if (!records) return undefined;
  const touched = new Set(records);
  if (change.numbers.size > 0 || change.paths.size > 0) for (const p of citing(next, change)) touched.add(p);
  if (prev.problems !== next.problems) {
    for (const p of problemsByPath(prev).keys()) touched.add(p);
    for (const p of problemsByPath(next).keys()) touched.add(p);
  }
  // Files that must exist (guardrails) are reported on the decision that asks for them.
  if (prev.files !== next.files) for (const s of [prev, next]) for (const f of guardrailIndex(s).requireFindings()) touched.add(f.path);
  return touched;
}

/** The files citing a decision or a file the change names, by number, path or id. */
function citing(snapshot: IndexSnapshot, change: SnapshotChange): Set<string> {
  const ids = new Set<string>();
  for (const p of change.paths) {
    ids.add(p);
    ids.add(decisionId(p));
  }
  return snapshot.citations().citing(change.numbers, ids);
}

/** The notes that decide whether a path's cached result stands: its problems and the history findings naming it. */
function notesOf(snapshot: IndexSnapshot, findings: FolderFindings, path: string): string {
  const notes: string[] = [];
  for (const p of problemsByPath(snapshot).get(path) ?? []) notes.push(`${p.code}:${p.line}:${p.message}`);
  for (const f of findings.staleIndex.byDoc.get(path) ?? []) notes.push(f.message);
  for (const f of findings.staleIndex.byGoverned.get(path) ?? []) notes.push(f.message);
  for (const m of findings.missingIndex.get(path) ?? []) notes.push(m.message);
  return notes.join('\n');
}

/** The paths the last `folderDiagnostics` pass of a folder diagnosed rather than took from its cache. */
export function lastDiagnosed(folder: FolderSession): readonly string[] {
  return folder.diagnosticsCache.diagnosed;
}

/** How long diagnosing runs before requests get a turn. */
const SLICE_MS = 10;

export async function folderDiagnostics(
  folder: FolderSession,
  extraPaths: Iterable<string> = [],
  openText: (path: string) => OpenText | undefined = () => undefined,
): Promise<FileDiagnostics[]> {
  const base = folder.featureContext();
  const findings = folder.findings();
  const ctx: DiagnosticsContext = { ...base, missingCode: findings.missing, history: findings };
  const snapshot = base.snapshot;
  const cache = folder.diagnosticsCache;
  cache.moveTo(ruleContext(snapshot, findings), findings);
  const { all, look } = cache.take();
  const extra = new Set(extraPaths);
  const maxFileSize = base.settings.maxFileSize;
  cache.diagnosed = [];
  const toVisit = new Set<string>(extra);
  for (const p of look) if (cache.has(p)) toVisit.add(p);
  let slice = performance.now();
  const visiting = [...toVisit].sort();
  // A change that arrives while this pass waits moves the cache on: the pass stops storing results made from the
  // older snapshot and leaves the paths it did not get to for the next pass.
  const overtaken = (i: number) => {
    if (cache.current === snapshot) return false;
    cache.requeue(visiting.slice(i));
    return true;
  };
  for (let i = 0; i < visiting.length; i++) {
    const path = visiting[i];
    // Diagnosing every file of a folder the first time: requests get a turn every few milliseconds.
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
      if (overtaken(i)) break;
    }
    const open = openText(path);
    const record = snapshot.record(path);
    const version = open ? open.version : -1;
    const length = open ? open.text.length : -1;
    const notes = notesOf(snapshot, findings, path);
    const hit = cache.entries.get(path);
    // An open document's entry holds its version, so an unchanged one is not diagnosed again on others' edits.
    const same = hit && hit.record === record && hit.notes === notes && hit.document === open?.document && hit.version === version && hit.length === length;
    if (same && !hit.recheck) continue;
    // Files over the size limit are neither read nor scanned, here as in the index: a 20 MB log open in an editor
    // must not block the server for seconds on every change, nor a 2 GB "document" be loaded to say it is too large.
    const tooLarge = (problemsByPath(snapshot).get(path) ?? []).some((p) => p.code === 'file-too-large');
    let text = open?.text;
    if (tooLarge || (text !== undefined && text.length > maxFileSize)) text = '';
    else if (text === undefined) {
      const bytes = await folder.workspace.readFile(path);
      if (overtaken(i)) break;
      // Over the size limit a file is not scanned, here as in `archlens check`.
      const decoded = bytes && bytes.length <= maxFileSize ? decodeText(bytes) : undefined;
      text = decoded?.kind === 'text' ? decoded.text : '';
    }
    // A glossary edit that only added avoided words this text does not hold leaves its findings as they were.
    if (same && hit.recheck && !mayHoldWord(text, hit.recheck)) {
      hit.recheck = undefined;
      continue;
    }
    const uri = ctx.uriOf(path);
    const doc = featureDocument(path, uri, open?.languageId ?? '', open?.version ?? 0, text);
    const result = { uri, path, diagnostics: diagnostics(ctx, doc) };
    // The rules parsed the text of a file no editor shows once: its model (and text) is not kept with the snapshot.
    if (!open) snapshot.forgetModel(path);
    const deps = open
      ? documentDependencies(path, findDecisionReferences(path, text), isMarkdownPath(path) ? findMarkdownLinks(path, text) : [])
      : documentDependencies(path, record?.references ?? [], record?.links ?? []);
    cache.store(path, { record, document: open?.document, version, length, notes, deps, result });
    cache.diagnosed.push(path);
  }
  // The result: every path with findings and every path asked for, from the cache (each just brought up to date).
  const out: FileDiagnostics[] = [];
  const listed = new Set<string>();
  for (const path of [...all, ...[...extra].sort()]) {
    if (listed.has(path)) continue;
    listed.add(path);
    const entry = cache.entries.get(path);
    if (entry) out.push(entry.result);
  }
  for (const path of [...cache.entries.keys()]) if (!listed.has(path) && !cache.has(path)) cache.forget(path);
  return placeSourceDiagnostics(folder, out, openText);
}
