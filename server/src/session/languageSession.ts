// The language server's session: its workspace folders, the open documents, and what each message from the
// editor does to them. Three rules hold for every handler:
// - nothing reads a folder before its first index: work waits behind the folder's readiness gate (`whenReady`),
//   in arrival order, so an editor may send anything right after `initialized`;
// - nothing that throws ends the server: every handler runs under the one failure policy (failures.ts);
// - nothing long blocks the others: long requests run in slices within a time budget and honour cancellation.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type TextDocumentChangeEvent,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { openGitHistory } from '../adapters/gitHistory';
import { Budget, capQuery } from './budget';
import { normaliseSettings } from '../core/settings';
import type { SearchHit } from '../core/search';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentEdits } from './documentEdits';
import { Cancelled, FailurePolicy } from './failures';
import { featureDocument, type FeatureContext, type FeatureDocument } from '../features/context';
import { MAX_SYMBOLS, workspaceSymbols } from '../features/workspaceSymbols';
import type { FolderSession } from './folderSession';
import { nodeFolderSession } from './nodeSession';
import { SETTINGS_SECTION, StatusNotification, type InitializationOptions } from '../protocol';
import { folderStatus } from './status';
import { sessionTrust } from './trust';
import { textOfBytes } from '../core/text';
import { CustomRequests } from './requests';
import { HistoryStart, InitialSettings, LateProgress, prepareAnswers } from './folderStart';
import type { MemoryRelease } from './memoryRelease';

export interface ServerDeps {
  now?: () => Date;
  openHistory?: typeof openGitHistory;
  /** Builds the session of a workspace folder; the one on disk and git by default (in-memory ones in tests). */
  openFolder?: (uri: string, name: string, options: { trusted: boolean }) => FolderSession;
  /** The command line, for `--trusted`; process.argv by default. */
  argv?: readonly string[];
  memory?: MemoryRelease; // gives the heap's free pages back after the start and after edits; none by default
}

/** What a request handler gets: its folder, the open document's feature view and the request's budget. */
export interface DocumentRequest {
  folder: FolderSession;
  doc: FeatureDocument;
  ctx: FeatureContext;
  budget: Budget;
}

export class LanguageSession {
  readonly documents = new TextDocuments(TextDocument);
  readonly folders = new Map<string, FolderSession>();
  readonly failures: FailurePolicy;
  readonly requests: CustomRequests;
  /** Limited until the editor or the command line says otherwise (see trust.ts). */
  trusted = false;
  private storage?: string; // where git sources are cloned (the client's storage), when it gave one
  private initialSettings = new InitialSettings();
  private caps = { configuration: false, watchers: false, codeLensRefresh: false, inlayHintRefresh: false, configurationRegistration: false, folders: false };
  private shuttingDown = false;
  private readonly docCache = new Map<string, FeatureDocument>();
  private readonly publisher: DiagnosticsPublisher;
  private readonly edits: DocumentEdits;
  // An editor may open a document at any version (VS Code reopens its editors at their current version when the
  // server restarts), so "edited since opened" is a version other than the one it was opened at.
  private readonly openedVersions = new Map<string, number>();

  constructor(
    readonly connection: Connection,
    private readonly deps: ServerDeps = {},
  ) {
    this.failures = new FailurePolicy(
      (text) => connection.console.error(text),
      () => {
        for (const f of this.folders.values()) this.sendStatus(f);
      },
    );
    this.publisher = new DiagnosticsPublisher(connection, this.documents);
    this.edits = new DocumentEdits({
      document: (uri) => this.documents.get(uri),
      inFolder: (folder, what, work) => this.inFolder(folder, what, work),
      afterChange: (folder) => this.afterChange(folder),
    });
    this.requests = new CustomRequests(() => [...this.folders.values()], (uri) => this.folderOf(uri), (folder, path) => this.readText(folder, path));
    this.documents.onDidOpen((e) => this.openedVersions.set(e.document.uri, e.document.version));
    this.documents.onDidChangeContent((e) => this.contentChanged(e));
    this.documents.onDidSave((e) => this.saved(e));
    this.documents.onDidClose((e) => this.closed(e));
  }

  // ---- life cycle ----

  initialize(params: InitializeParams): void {
    const trust = sessionTrust(params.initializationOptions, this.deps.argv ?? process.argv);
    this.trusted = trust.trusted;
    this.storage = (params.initializationOptions as InitializationOptions | null | undefined)?.storagePath || undefined;
    this.initialSettings = new InitialSettings((params.initializationOptions as InitializationOptions | null | undefined)?.settings);
    if (trust.message) this.connection.console.info(trust.message);
    const caps = params.capabilities;
    this.caps = {
      configuration: !!caps.workspace?.configuration,
      watchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
      inlayHintRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
      configurationRegistration: !!caps.workspace?.configuration && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      folders: !!caps.workspace?.workspaceFolders,
    };
    // The folders exist from here on, so a document opened before they are indexed already knows its folder.
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const wf of initial) this.addFolder(wf);
  }

  async initialized(): Promise<void> {
    // Only what the client announced: a refused registration must not reject unhandled; without folders, asking throws.
    const c = this.connection;
    if (this.caps.watchers) {
      const watchers = [{ globPattern: '**/*' }, { globPattern: '**/.git/HEAD' }, { globPattern: '**/.git/refs/**' }];
      void c.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    if (this.caps.configurationRegistration) void c.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (this.caps.folders) c.workspace.onDidChangeWorkspaceFolders((e) => this.foldersChanged(e));
    await Promise.all([...this.folders.values()].map((f) => this.startFolder(f)));
  }

  shutdown(): void {
    this.shuttingDown = true;
    this.edits.dispose();
  }

  async foldersChanged(e: WorkspaceFoldersChangeEvent): Promise<void> {
    for (const removed of e.removed) {
      const f = this.folders.get(removed.uri);
      this.folders.delete(removed.uri);
      if (f) this.publisher.clearFolder(f);
    }
    const added = e.added.map((wf) => this.addFolder(wf)).filter((f): f is FolderSession => !!f);
    await Promise.all(added.map((f) => this.startFolder(f)));
  }

  private addFolder(wf: WorkspaceFolder): FolderSession | undefined {
    if (!wf.uri.startsWith('file:')) return undefined;
    const options = { trusted: this.trusted };
    const folder = this.deps.openFolder?.(wf.uri, wf.name, options) ?? nodeFolderSession(wf.uri, wf.name, { ...options, now: this.deps.now, openHistory: this.deps.openHistory, storage: this.storage, sourceHistoryWithFolder: true });
    this.folders.set(wf.uri, folder);
    return folder;
  }

  /** The first index (decisions, terms, references, diagnostics), then git history (staleness). */
  private async startFolder(folder: FolderSession): Promise<void> {
    this.sendStatus(folder);
    const pulled = this.initialSettings.take(folder.uri) ?? this.pullSettings(folder); // no round trips first: folderStart.ts
    const progress = new LateProgress(() => this.connection.window.createWorkDoneProgress(), `Archlens: indexing ${folder.name}`, 'Listing files…');
    const history = new HistoryStart(folder);
    try {
      const settings = normaliseSettings(await pulled);
      const openDocs = this.documents.all().filter((td) => this.folderOf(td.uri) === folder);
      const open = openDocs.map((td) => ({ path: folder.pathOf(td.uri)!, text: td.getText() }));
      const versions = openDocs.map((td) => [td.uri, td.version] as const);
      // Progress and status (the status bar's count) once per 1% and 2% of the files, not after every slice of a scan.
      let [percent, reported] = [-1, -1];
      const onProgress = ({ done, total }: { done: number; total: number }) => {
        history.progress(total);
        const now = total ? Math.floor((done / total) * 100) : 100;
        if (now !== percent) progress.report((percent = now), `${done}/${total} files`);
        const step = Math.floor((done / Math.max(1, total)) * 50);
        if (step === reported) return;
        reported = step;
        this.sendStatus(folder, { done, total });
      };
      // Decisions and terms answer once the documents are read; git history after the first diagnostics (folderStart.ts).
      const documentsIn = () => (history.documentsRead(), this.sendStatus(folder));
      folder.index.documentModels.keep(true); // for the first diagnostics, which read every document again
      await folder.startIndex(settings, onProgress, open, documentsIn);
      for (const [uri, version] of versions) this.edits.indexedAt(uri, version);
    } catch (err) {
      this.connection.console.error(`Archlens: indexing ${folder.name} failed: ${(err as Error)?.stack ?? err}`);
      progress.done();
      this.sendStatus(folder);
      return;
    }
    progress.done();
    // History read while the source files were scanned: one publication covers both.
    const historyIn = folder.trusted && folder.historyReady;
    await this.failures.guard(`publishing ${folder.name}`, () => this.afterChange(folder, !folder.trusted || historyIn), undefined);
    folder.index.documentModels.keep(false);
    if (folder.trusted && !historyIn) {
      await history.start();
      await this.failures.guard(`reading the history of ${folder.name}`, () => this.afterChange(folder, true), undefined);
    }
    await this.failures.guard(`preparing the answers of ${folder.name}`, () => prepareAnswers(folder, () => this.isLive(folder), () => this.edits.quiet), undefined);
  }

  // ---- notifications ----

  async configurationChanged(): Promise<void> {
    await Promise.all(
      [...this.folders.values()].map((folder) =>
        this.inFolder(folder, 'applying settings', async () => {
          if (await folder.applySettings(normaliseSettings(await this.pullSettings(folder)))) await this.afterChange(folder);
          else this.sendStatus(folder);
        }),
      ),
    );
  }

  /** Fetches every folder's git sources (trusted only) and reads each source again. */
  async refreshSources(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => this.inFolder(f, 'refreshing sources', async () => (await f.refreshSources(), await this.afterChange(f)))));
  }

  async watchedFilesChanged(changes: readonly FileEvent[]): Promise<void> {
    const byFolder = new Map<FolderSession, { path: string; deleted?: boolean }[]>();
    const gitMoved = new Set<FolderSession>();
    for (const c of changes ?? []) {
      const folder = this.folderOf(c.uri);
      const path = folder?.pathOf(c.uri);
      if (!folder || !path) continue;
      if (path === '.git' || path.startsWith('.git/')) {
        gitMoved.add(folder);
        continue;
      }
      // An open editor's text wins over the disk until it is closed.
      if (this.documents.get(c.uri) && c.type !== FileChangeType.Deleted) continue;
      const list = byFolder.get(folder) ?? [];
      list.push({ path, deleted: c.type === FileChangeType.Deleted });
      byFolder.set(folder, list);
    }
    await Promise.all(
      [...new Set([...byFolder.keys(), ...gitMoved])].map((folder) =>
        this.inFolder(folder, 'applying file changes', async () => {
          const list = byFolder.get(folder);
          if (list) await folder.index.applyChanges(await folder.expandFolderEvents(list));
          await folder.refreshHistory();
          await this.afterChange(folder);
        }),
      ),
    );
  }

  private contentChanged(e: TextDocumentChangeEvent<TextDocument>): void {
    const uri = e.document.uri;
    const folder = this.folderOf(uri);
    const path = folder?.pathOf(uri);
    if (!folder || !path) return;
    const opening = e.document.version === this.openedVersions.get(uri);
    if (!opening) folder.unsaved.add(path);
    this.edits.changed(uri, { folder, path }, opening);
  }

  private saved(e: TextDocumentChangeEvent<TextDocument>): void {
    const folder = this.folderOf(e.document.uri);
    const path = folder?.pathOf(e.document.uri);
    if (!folder || !path) return;
    folder.unsaved.delete(path);
    void this.inFolder(folder, `saving ${path}`, async () => {
      await folder.refreshHistory();
      await this.afterChange(folder);
    });
  }

  private closed(e: TextDocumentChangeEvent<TextDocument>): void {
    const uri = e.document.uri;
    this.docCache.delete(uri);
    this.openedVersions.delete(uri);
    this.edits.closed(uri);
    const folder = this.folderOf(uri);
    const path = folder?.pathOf(uri);
    if (!folder || !path) return;
    folder.unsaved.delete(path);
    void this.inFolder(folder, `closing ${path}`, async () => {
      await folder.index.clearOverlay(path);
      await this.afterChange(folder);
    });
  }

  /** Index work of one folder: after its first index, under the failure policy, skipped when indexing failed. */
  private inFolder(folder: FolderSession, what: string, work: () => Promise<void>): Promise<void> {
    return this.failures.guard(`${what} (${folder.name})`, () => folder.whenReady(() => (folder.phase === 'error' || !this.isLive(folder) ? undefined : work())), undefined);
  }

  // ---- requests ----

  /** A request about an open document: answered once its folder is ready, `fallback` when there is nothing to say. */
  onDocument<T>(
    what: string,
    uri: string,
    token: CancellationToken | undefined,
    fallback: T,
    work: (r: DocumentRequest) => T | Promise<T>,
  ): Promise<T | ResponseError<void>> {
    const folder = this.folderOf(uri);
    if (!folder) return Promise.resolve(fallback);
    return this.answer(what, token, fallback, async (budget) => {
      await folder.whenReady(() => undefined);
      // Answer for the text on screen: the document's pending edit goes into the index first.
      const path = folder.pathOf(uri);
      if (path !== undefined) await this.edits.catchUp(uri, { folder, path });
      budget.check();
      const doc = this.docFor(uri, folder);
      return doc ? work({ folder, doc, ctx: folder.featureContext(), budget }) : fallback;
    });
  }

  /** A request about the workspace: answered once every folder is ready. */
  onWorkspace<T>(what: string, token: CancellationToken | undefined, fallback: T, work: (budget: Budget) => T | Promise<T>): Promise<T | ResponseError<void>> {
    return this.answer(what, token, fallback, async (budget) => {
      await Promise.all([...this.folders.values()].map((f) => f.whenReady(() => undefined)));
      budget.check();
      return work(budget);
    });
  }

  private async answer<T>(what: string, token: CancellationToken | undefined, fallback: T, work: (budget: Budget) => T | Promise<T>): Promise<T | ResponseError<void>> {
    try {
      return await this.failures.guard(what, () => work(new Budget(token)), fallback);
    } catch (e) {
      if (e instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, e.message);
      throw e;
    }
  }

  /** Workspace symbols: the query capped, each folder searched in slices within the budget. */
  workspaceSymbols(query: string, token?: CancellationToken) {
    return this.onWorkspace('workspace symbols', token, [], async (budget) => {
      const q = capQuery(query);
      const contexts = [...this.folders.values()].filter((f) => f.ready).map((f) => f.featureContext());
      const hits = new Map<FeatureContext, SearchHit[]>();
      if (q.trim()) for (const ctx of contexts) hits.set(ctx, budget.spent ? [] : await budget.run(ctx.snapshot.searchSteps(q, MAX_SYMBOLS)));
      return workspaceSymbols(contexts, q, (ctx) => hits.get(ctx) ?? []);
    });
  }

  /** An open document's text, or the file's on disk (for requests that read other files). */
  async readText(folder: FolderSession, path: string, budget?: Budget): Promise<string | undefined> {
    await budget?.pause();
    const open = this.documents.get(folder.featureContext().uriOf(path));
    if (open) return open.getText();
    const bytes = await folder.workspace.readFile(path);
    return bytes ? textOfBytes(bytes) : undefined;
  }

  // ---- folders and status ----

  /** The folder a URI belongs to: the innermost one, so nested workspace folders work. */
  folderOf(uri: string): FolderSession | undefined {
    let best: FolderSession | undefined;
    for (const f of this.folders.values()) if (f.pathOf(uri) !== undefined && (!best || f.uri.length > best.uri.length)) best = f;
    return best;
  }

  /** The feature view of an open document, cached per version (a hover must not re-split a big file). */
  private docFor(uri: string, folder: FolderSession): FeatureDocument | undefined {
    const td = this.documents.get(uri);
    if (!td) return undefined;
    const cached = this.docCache.get(uri);
    if (cached && cached.version === td.version) return cached;
    const doc = featureDocument(folder.pathOf(uri)!, uri, td.languageId, td.version, td.getText());
    this.docCache.set(uri, doc);
    return doc;
  }

  private async pullSettings(folder: FolderSession): Promise<Record<string, unknown>> {
    if (!this.caps.configuration) return {};
    const value: unknown = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: SETTINGS_SECTION }).catch(() => ({}));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  }

  /** Is this session still a workspace folder, and the server still running? Work in flight checks before it publishes. */
  private isLive(folder: FolderSession): boolean {
    return !this.shuttingDown && this.folders.get(folder.uri) === folder;
  }

  /** After any change of a folder: diagnostics that changed, memory given back (memoryRelease.ts), fresh lenses and hints, then the status. */
  private async afterChange(folder: FolderSession, started = false): Promise<void> {
    // A folder removed (or the server shut down) while its index was updating must not publish what that cleared.
    if (!this.isLive(folder)) return;
    await this.publisher.publishFolder(folder);
    if (!this.isLive(folder)) return;
    if (started) (folder.index.documentModels.keep(false), this.deps.memory?.now()); // the start's garbage, before "ready"
    else this.deps.memory?.soon(); // once the server has been quiet for a moment
    if (this.caps.codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (this.caps.inlayHintRefresh) void this.connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
    this.sendStatus(folder);
  }

  sendStatus(folder: FolderSession, progress?: { done: number; total: number }): void {
    if (!this.isLive(folder)) return;
    void this.connection.sendNotification(StatusNotification, folderStatus(folder, { trusted: this.trusted, problem: this.failures.problem }, progress)).catch(() => undefined);
  }
}
