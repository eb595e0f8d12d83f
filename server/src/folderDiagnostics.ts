// The diagnostics of a whole workspace folder, as the language server publishes them: for every file a rule has
// something to say about, plus the open documents. The rules are the core's (core/rules), the same ones
// `archlens check` runs; this file decides which files to diagnose again after a change and caches the rest.
import type { Diagnostic } from 'vscode-languageserver-types';
import { featureDocument } from './features/context';
import { diagnostics, type DiagnosticsContext } from './features/diagnostics';
import type { FolderSession } from './folderSession';
import { decodeText } from './core/text';
import { guardrailIndex } from './core/guardrails';
import { pathsWithFindings as rulePaths, ruleContext } from './core/rules';

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
 * What a file's diagnostics depend on besides its own text: the index (decisions, glossary, settings), the
 * problems and findings on that path. When none of it changed, the last result is reused without reading the file
 * again, so an edit in one document does not re-diagnose ten thousand others.
 */
interface CacheEntry {
  key: string;
  result: FileDiagnostics;
}
const caches = new WeakMap<FolderSession, Map<string, CacheEntry>>();
const recordIds = new WeakMap<object, number>();
let nextRecordId = 1;
const snapshotKeys = new WeakMap<object, string>();

function identity(o: object | undefined): number {
  if (!o) return 0;
  let id = recordIds.get(o);
  if (id === undefined) {
    id = nextRecordId++;
    recordIds.set(o, id);
  }
  return id;
}

function snapshotKey(folder: FolderSession): string {
  const s = folder.snapshot;
  let key = snapshotKeys.get(s);
  if (key === undefined) {
    const decisions = s.decisions.map((d) => `${d.id}:${d.number}:${d.status}:${d.supersededBy.join(',')}:${d.title}`).join('|');
    // Guardrails decide findings in files that did not change (a manifest, when a decision's guardrail is edited).
    key = `${identity(s.glossary)}\u0000${JSON.stringify(s.settings)}\u0000${decisions}\u0000${guardrailIndex(s).key}`;
    snapshotKeys.set(s, key);
  }
  return key;
}

export async function folderDiagnostics(
  folder: FolderSession,
  extraPaths: Iterable<string> = [],
  openText: (path: string) => OpenText | undefined = () => undefined,
): Promise<FileDiagnostics[]> {
  const base = folder.featureContext();
  const findings = folder.findings();
  const ctx: DiagnosticsContext = { ...base, missingCode: findings.missing };
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
  const global = snapshotKey(folder);
  let cache = caches.get(folder);
  if (!cache) caches.set(folder, (cache = new Map()));
  const out: FileDiagnostics[] = [];
  for (const path of [...paths].sort()) {
    const open = openText(path);
    const key = `${global}\u0000${identity(base.snapshot.record(path))}\u0000${open ? `open:${identity(open.document)}:${open.version}:${open.text.length}` : 'disk'}\u0000${(perPath.get(path) ?? []).join('\n')}`;
    const hit = cache.get(path);
    // An open document's key holds its version, so an unchanged one is not diagnosed again on others' edits.
    if (hit && hit.key === key) {
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
    const uri = ctx.uriOf(path);
    const doc = featureDocument(path, uri, open?.languageId ?? '', open?.version ?? 0, text);
    const result = { uri, path, diagnostics: diagnostics(ctx, doc) };
    cache.set(path, { key, result });
    out.push(result);
  }
  for (const path of cache.keys()) if (!paths.has(path)) cache.delete(path);
  return out;
}
