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
import { documentDependencies, mayHoldWord } from '../core/rules/invalidation';
import { problemsByPath } from '../core/rules/indexProblems';
import type { FolderFindings } from '../core/rules/staleDocumentation';
import type { IndexSnapshot } from '../core/snapshot';
import { DiagnosticsCache } from './diagnosticsCache';
import { placeSourceDiagnostics } from './sourceDiagnostics';

export { DiagnosticsCache } from './diagnosticsCache';

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

/** Diagnoses again what the last change may have changed; the results are left in the folder's cache. */
async function diagnosePass(
  folder: FolderSession,
  extraPaths: Iterable<string>,
  openText: (path: string) => OpenText | undefined,
): Promise<{ all: () => readonly string[]; extra: ReadonlySet<string> }> {
  const base = folder.featureContext();
  const findings = folder.findings();
  // Not spread from `base`: its findings are listed only when asked for (a few documents' rules need the list).
  const ctx: DiagnosticsContext = Object.assign(Object.create(base) as DiagnosticsContext, { history: findings });
  const snapshot = base.snapshot;
  const cache = folder.diagnosticsCache;
  cache.moveTo(ruleContext(snapshot, findings), findings);
  const { all, look } = cache.take();
  const extra = new Set(extraPaths);
  cache.listExtra(extra);
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
    const record = snapshot.fullRecord(path);
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
    // An open document's references are those of its record when the index read the same text (it did, unless the
    // editor changed it since): a 10,000-line file is not scanned again for each change.
    const indexed = open && record && snapshot === folder.index.snapshot && folder.index.overlays.get(path) === text;
    const deps =
      open && !indexed
        ? documentDependencies(path, findDecisionReferences(path, text), isMarkdownPath(path) ? findMarkdownLinks(path, text) : [])
        : documentDependencies(path, record?.references ?? [], record?.links ?? []);
    cache.store(path, { record, document: open?.document, version, length, notes, deps, result });
    cache.diagnosed.push(path);
  }
  return { all, extra };
}

export async function folderDiagnostics(
  folder: FolderSession,
  extraPaths: Iterable<string> = [],
  openText: (path: string) => OpenText | undefined = () => undefined,
): Promise<FileDiagnostics[]> {
  let { all, extra } = await diagnosePass(folder, extraPaths, openText);
  // Every document up to date, those left to search for newly avoided words included.
  const cache = folder.diagnosticsCache;
  if (cache.queueRechecks()) {
    const first = cache.diagnosed;
    ({ all, extra } = await diagnosePass(folder, extra, openText));
    cache.diagnosed = [...first, ...cache.diagnosed];
  }
  return placeSourceDiagnostics(folder, listed(cache, all, extra), openText);
}

/** Every path with findings and every path asked for, from the cache (each just brought up to date). */
function listed(cache: DiagnosticsCache, all: () => readonly string[], extra: ReadonlySet<string>): FileDiagnostics[] {
  const out: FileDiagnostics[] = [];
  const seen = new Set<string>();
  for (const path of [...all(), ...[...extra].sort()]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = cache.entries.get(path);
    if (entry) out.push(entry.result);
  }
  for (const path of [...cache.entries.keys()]) if (!seen.has(path) && !cache.has(path)) cache.forget(path);
  return out;
}

/**
 * The folder's diagnostics as a publication needs them: after an edit, only the files whose diagnostics changed and
 * the files that have nothing to say any more (`clear`), so publishing costs what the edit touched; every file
 * (`full`) the first time, after a change the cache cannot follow path by path, or with `.archlens.yml` sources
 * (whose findings are gathered on one entry). Call `acknowledge` once they are sent.
 */
export async function folderDiagnosticsChanges(
  folder: FolderSession,
  extraPaths: Iterable<string>,
  openText: (path: string) => OpenText | undefined,
): Promise<{ full: boolean; results: FileDiagnostics[]; clear: string[]; acknowledge: () => void }> {
  const { all, extra } = await diagnosePass(folder, extraPaths, openText);
  const cache = folder.diagnosticsCache;
  const changes = folder.snapshot.settings.sources.length === 0 ? cache.changes() : undefined;
  if (!changes) {
    const acknowledge = cache.acknowledgeAll();
    return { full: true, results: await placeSourceDiagnostics(folder, listed(cache, all, extra), openText), clear: [], acknowledge };
  }
  publicationWork.listed = changes.send.length + changes.clear.length;
  const results = changes.send.map((p) => cache.entries.get(p)!.result);
  return { full: false, results, clear: changes.clear, acknowledge: changes.acknowledge };
}

/** Paths a publication after an edit listed (sent or cleared): what the edit touched, not every file with findings. */
export const publicationWork = { listed: 0 };
