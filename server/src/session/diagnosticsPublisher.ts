// Publishes the folder's diagnostics to the editor, sending only those that changed since the last publish and
// clearing files that no longer have anything to say. A file gets at most `archlens.diagnostics.maxPerFile` of
// them (the most severe first) and one more that says how many were left out: a 50,000-line file with a problem
// on every line must not send megabytes of JSON per keystroke.
import { createHash } from 'node:crypto';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../features/diagnostics';
import { folderDiagnosticsChanges } from './folderDiagnostics';
import type { FolderSession } from './folderSession';

export class DiagnosticsPublisher {
  /**
   * A digest of the last published diagnostics per URI, to send only changes: the JSON itself, kept for every file
   * with findings, would be megabytes of strings in a large workspace.
   */
  private readonly published = new Map<string, string>();
  /**
   * The list last given for each URI: a file whose diagnostics came from the cache gives the same list again, and
   * is known unchanged without turning it into JSON (every file with findings is listed after each change).
   */
  private readonly lastList = new Map<string, Diagnostic[]>();
  /** URIs published per folder, to clear those that no longer have anything to say. */
  private readonly byFolder = new Map<FolderSession, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** Publishes started per folder: a publish that finishes after a later one started has older diagnostics. */
  private readonly started = new Map<FolderSession, number>();
  /** The latest publish per folder that has listed what it sends (its pass over the files is done). */
  private readonly listed = new Map<FolderSession, number>();

  async publishFolder(folder: FolderSession): Promise<void> {
    const generation = (this.started.get(folder) ?? 0) + 1;
    this.started.set(folder, generation);
    const uriOf = folder.featureContext().uriOf;
    const openPaths: string[] = [];
    for (const td of this.documents.all()) {
      const p = folder.pathOf(td.uri);
      if (p !== undefined) openPaths.push(p);
    }
    const { full, results, clear, acknowledge } = await folderDiagnosticsChanges(folder, openPaths, (path) => {
      const td = this.documents.get(uriOf(path));
      return td ? { text: td.getText(), languageId: td.languageId, version: td.version, document: td } : undefined;
    });
    // Two changes in quick succession diagnose concurrently; the later index wins whichever finishes first. A later
    // publish that listed its files before this pass was done (one started while the first diagnostics were being
    // made: the editor sent the settings again, or opened an editor) did not see these results and has acknowledged
    // them as sent: a publish of its own sends them now rather than at the next change.
    const listedBefore = this.listed.get(folder) ?? 0;
    this.listed.set(folder, Math.max(listedBefore, generation));
    if (this.started.get(folder) !== generation) return listedBefore > generation ? this.publishFolder(folder) : undefined;
    let uris = this.byFolder.get(folder);
    if (full || !uris) {
      const listed = new Set(results.map((r) => r.uri));
      for (const uri of uris ?? []) if (!listed.has(uri)) this.send(uri, []);
      uris = listed;
      this.byFolder.set(folder, uris);
    } else {
      // After an edit: the files whose diagnostics changed, and those with nothing to say any more.
      for (const path of clear) {
        const uri = uriOf(path);
        uris.delete(uri);
        this.send(uri, []);
      }
      for (const r of results) uris.add(r.uri);
    }
    const max = folder.snapshot.settings.diagnostics.maxPerFile;
    // Thousands of files on the first publication: the editor's requests get a turn every few milliseconds, and a
    // later publication that started meanwhile takes over.
    let slice = performance.now();
    for (const r of results) {
      this.send(r.uri, capDiagnostics(r.diagnostics, max));
      if (performance.now() - slice < SLICE_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.started.get(folder) !== generation) return;
      slice = performance.now();
    }
    acknowledge();
    // A glossary edit that added avoided words: the open documents were searched for them; the others are searched
    // now, in a pass of their own that the next change overtakes.
    if (folder.diagnosticsCache.rechecking > 0) {
      setImmediate(() => {
        if (this.started.get(folder) === generation && folder.diagnosticsCache.queueRechecks()) this.publishFolder(folder).catch(() => undefined);
      });
    }
  }

  clearFolder(folder: FolderSession): void {
    this.started.delete(folder);
    this.listed.delete(folder);
    for (const uri of this.byFolder.get(folder) ?? []) this.send(uri, []);
    this.byFolder.delete(folder);
  }

  private send(uri: string, list: Diagnostic[]): void {
    if (list.length > 0 && this.lastList.get(uri) === list) return;
    if (list.length > 0) this.lastList.set(uri, list);
    else this.lastList.delete(uri);
    const json = digest(JSON.stringify(list));
    if (this.published.get(uri) === json) return;
    if (list.length === 0 && !this.published.has(uri)) return;
    if (list.length === 0) this.published.delete(uri);
    else this.published.set(uri, json);
    this.connection.sendDiagnostics({ uri, diagnostics: list }).catch(() => undefined);
  }
}

/** A SHA-1 digest: equal lists give equal digests, and a different list a different one but for chance. */
function digest(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}

export const TOO_MANY_DIAGNOSTICS = 'too-many-diagnostics';

/** How long publishing runs before requests get a turn. */
const SLICE_MS = 10;

/** At most `max` diagnostics, the most severe first (then in document order), and one that counts the rest. */
export function capDiagnostics(list: Diagnostic[], max: number): Diagnostic[] {
  if (list.length <= max) return list;
  const kept = list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.severity ?? 1) - (b.d.severity ?? 1) || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.d);
  const left = list.length - max;
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: TOO_MANY_DIAGNOSTICS,
    source: DIAGNOSTIC_SOURCE,
    message: `${left} more Archlens ${left === 1 ? 'problem is' : 'problems are'} not shown in this file (archlens.diagnostics.maxPerFile is ${max}).`,
  });
  return kept;
}
