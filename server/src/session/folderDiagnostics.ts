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
import { pathsWithFindings as rulePaths, ruleContext } from '../core/rules';
import { affects, documentDependencies, mayHoldWord, snapshotChange, type DocumentDependencies } from '../core/rules/invalidation';
import type { IndexSnapshot } from '../core/snapshot';

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

export class DiagnosticsCache {
  private snapshot?: IndexSnapshot;
  readonly entries = new Map<string, CacheEntry>();
  /** The paths diagnosed (not taken from the cache) by the last pass. */
  diagnosed: string[] = [];

  /** Evicts the entries the change from the last snapshot seen to this one may have changed. */
  moveTo(snapshot: IndexSnapshot): void {
    if (this.snapshot === snapshot) return;
    const change = snapshotChange(this.snapshot, snapshot);
    if (change.all) this.entries.clear();
    else if (change.numbers.size > 0 || change.paths.size > 0 || change.avoidedTerms) {
      for (const [path, entry] of this.entries) {
        if (affects(change, entry.deps) || (change.avoidedTerms && entry.result.diagnostics.some((d) => d.code === 'avoided-term'))) {
          this.entries.delete(path);
        } else if (change.words.size > 0) {
          entry.recheck ??= new Set();
          for (const w of change.words) entry.recheck.add(w);
        }
      }
    }
    this.snapshot = snapshot;
  }
}

/** The paths the last `folderDiagnostics` pass of a folder diagnosed rather than took from its cache. */
export function lastDiagnosed(folder: FolderSession): readonly string[] {
  return folder.diagnosticsCache.diagnosed;
}

export async function folderDiagnostics(
  folder: FolderSession,
  extraPaths: Iterable<string> = [],
  openText: (path: string) => OpenText | undefined = () => undefined,
): Promise<FileDiagnostics[]> {
  const base = folder.featureContext();
  const findings = folder.findings();
  const ctx: DiagnosticsContext = { ...base, missingCode: findings.missing, history: findings };
  const paths = pathsWithFindings(folder);
  for (const p of extraPaths) paths.add(p);
  const perPath = new Map<string, string[]>();
  const note = (path: string, what: string) => {
    const list = perPath.get(path);
    if (list) list.push(what);
    else perPath.set(path, [what]);
  };
  // Files over the size limit are neither read nor scanned, here as in the index: a 20 MB log open in an editor
  // must not block the server for seconds on every change, nor a 2 GB "document" be loaded to say it is too large.
  const tooLarge = new Set<string>();
  for (const p of base.snapshot.problems) {
    note(p.path, `${p.code}:${p.line}:${p.message}`);
    if (p.code === 'file-too-large') tooLarge.add(p.path);
  }
  const maxFileSize = base.settings.maxFileSize;
  for (const f of findings.stale) {
    note(f.docPath, f.message);
    for (const g of f.governedPaths) note(g, f.message);
  }
  for (const m of findings.missing) note(m.docPath, m.message);
  const cache = folder.diagnosticsCache;
  const snapshot = base.snapshot;
  cache.moveTo(snapshot);
  cache.diagnosed = [];
  const out: FileDiagnostics[] = [];
  for (const path of [...paths].sort()) {
    const open = openText(path);
    const record = snapshot.record(path);
    const version = open ? open.version : -1;
    const length = open ? open.text.length : -1;
    const notes = (perPath.get(path) ?? []).join('\n');
    const hit = cache.entries.get(path);
    // An open document's entry holds its version, so an unchanged one is not diagnosed again on others' edits.
    const same = hit && hit.record === record && hit.notes === notes && hit.document === open?.document && hit.version === version && hit.length === length;
    if (same && !hit.recheck) {
      out.push(hit.result);
      continue;
    }
    let text = open?.text;
    if (tooLarge.has(path) || (text !== undefined && text.length > maxFileSize)) text = '';
    else if (text === undefined) {
      const bytes = await folder.workspace.readFile(path);
      // Over the size limit a file is not scanned, here as in `archlens check`.
      const decoded = bytes && bytes.length <= maxFileSize ? decodeText(bytes) : undefined;
      text = decoded?.kind === 'text' ? decoded.text : '';
    }
    // A glossary edit that only added avoided words this text does not hold leaves its findings as they were.
    if (same && hit.recheck && !mayHoldWord(text, hit.recheck)) {
      hit.recheck = undefined;
      out.push(hit.result);
      continue;
    }
    const uri = ctx.uriOf(path);
    const doc = featureDocument(path, uri, open?.languageId ?? '', open?.version ?? 0, text);
    const result = { uri, path, diagnostics: diagnostics(ctx, doc) };
    const deps = open
      ? documentDependencies(path, findDecisionReferences(path, text), isMarkdownPath(path) ? findMarkdownLinks(path, text) : [])
      : documentDependencies(path, record?.references ?? [], record?.links ?? []);
    cache.entries.set(path, { record, document: open?.document, version, length, notes, deps, result });
    cache.diagnosed.push(path);
    out.push(result);
  }
  for (const path of cache.entries.keys()) if (!paths.has(path)) cache.entries.delete(path);
  return out;
}
