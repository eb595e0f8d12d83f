// Publishes the folder's diagnostics to the editor, sending only those that changed since the last publish and
// clearing files that no longer have anything to say.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { folderDiagnostics } from './folderDiagnostics';
import type { FolderSession } from './folderSession';

export class DiagnosticsPublisher {
  /** Last published diagnostics per URI, as JSON, to send only changes. */
  private readonly published = new Map<string, string>();
  /** URIs published per folder, to clear those that no longer have anything to say. */
  private readonly byFolder = new Map<FolderSession, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** Publishes started per folder: a publish that finishes after a later one started has older diagnostics. */
  private readonly started = new Map<FolderSession, number>();

  async publishFolder(folder: FolderSession): Promise<void> {
    const generation = (this.started.get(folder) ?? 0) + 1;
    this.started.set(folder, generation);
    const uriOf = folder.featureContext().uriOf;
    const openPaths: string[] = [];
    for (const td of this.documents.all()) {
      const p = folder.pathOf(td.uri);
      if (p !== undefined) openPaths.push(p);
    }
    const results = await folderDiagnostics(folder, openPaths, (path) => {
      const td = this.documents.get(uriOf(path));
      return td ? { text: td.getText(), languageId: td.languageId, version: td.version, document: td } : undefined;
    });
    // Two changes in quick succession diagnose concurrently; the later index wins whichever finishes first.
    if (this.started.get(folder) !== generation) return;
    const uris = new Set(results.map((r) => r.uri));
    for (const uri of this.byFolder.get(folder) ?? []) if (!uris.has(uri)) this.send(uri, []);
    this.byFolder.set(folder, uris);
    for (const r of results) this.send(r.uri, r.diagnostics);
  }

  clearFolder(folder: FolderSession): void {
    this.started.delete(folder);
    for (const uri of this.byFolder.get(folder) ?? []) this.send(uri, []);
    this.byFolder.delete(folder);
  }

  private send(uri: string, list: Diagnostic[]): void {
    const json = JSON.stringify(list);
    if (this.published.get(uri) === json) return;
    if (list.length === 0 && !this.published.has(uri)) return;
    if (list.length === 0) this.published.delete(uri);
    else this.published.set(uri, json);
    void this.connection.sendDiagnostics({ uri, diagnostics: list });
  }
}
