// The language server: capabilities and one line of wiring per handler. Features are pure functions in
// features/; workspace folders (index, history, settings) live in FolderSession; diagnostics are published by
// the DiagnosticsPublisher. The connection is a parameter so tests can run the server over in-memory streams.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { openGitHistory } from './adapters/gitHistory';
import { normaliseSettings } from './core/settings';
import { codeActions } from './features/codeActions';
import { codeLens } from './features/codeLens';
import { completion } from './features/completion';
import { featureDocument, type FeatureDocument } from './features/context';
import { definition } from './features/definition';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { references } from './features/references';
import { markReviewedEdit } from './features/reviewedEdit';
import { workspaceSymbols } from './features/workspaceSymbols';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { FolderSession } from './folderSession';
import {
  ChangesSinceRequest,
  FileAtRevisionRequest,
  Commands,
  DecisionsRequest,
  ForFileRequest,
  GlossaryRequest,
  NewDecisionRequest,
  SearchRequest,
  WhyRequest,
  GraphRequest,
  TourRequest,
  SETTINGS_SECTION,
  StaleRequest,
  StatusNotification,
  ViewsRequest,
} from './protocol';
import { CustomRequests } from './requests';
import { OnboardingRequests } from './onboardingRequests';
import { sessionTrust } from './trust';
import { textOfBytes } from './core/text';

export interface ServerDeps {
  now?: () => Date;
  openHistory?: typeof openGitHistory;
  /** The command line, for `--trusted`; process.argv by default. */
  argv?: readonly string[];
}

export function startServer(connection: Connection, deps: ServerDeps = {}): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new Map<string, FolderSession>();
  // Limited until the editor or the command line says otherwise (see trust.ts).
  let trusted = false;
  let canPullConfiguration = false;
  let canRegisterWatchers = false;
  let canRefreshCodeLens = false;
  let canRefreshInlayHints = false;
  let canRegisterConfiguration = false;
  let canFollowFolders = false;
  let shuttingDown = false;
  const now = deps.now ?? (() => new Date());
  const docCache = new Map<string, FeatureDocument>();
  const publisher = new DiagnosticsPublisher(connection, documents);
  const requests = new CustomRequests(() => [...folders.values()], folderOf, now);
  const onboarding = new OnboardingRequests(() => [...folders.values()]);

  /** The folder a URI belongs to: the innermost one, so nested workspace folders work. */
  function folderOf(uri: string): FolderSession | undefined {
    let best: FolderSession | undefined;
    for (const f of folders.values()) if (f.pathOf(uri) !== undefined && (!best || f.root.length > best.root.length)) best = f;
    return best;
  }

  /** The feature view of an open document, cached per version (a hover must not re-split a big file). */
  function docFor(uri: string): { folder: FolderSession; doc: FeatureDocument } | undefined {
    const folder = folderOf(uri);
    const td = documents.get(uri);
    if (!folder || !td) return undefined;
    const cached = docCache.get(uri);
    if (cached && cached.version === td.version) return { folder, doc: cached };
    const doc = featureDocument(folder.pathOf(uri)!, uri, td.languageId, td.version, td.getText());
    docCache.set(uri, doc);
    return { folder, doc };
  }

  async function pullSettings(folder: FolderSession): Promise<Record<string, unknown>> {
    if (!canPullConfiguration) return {};
    try {
      const value = await connection.workspace.getConfiguration({ scopeUri: folder.uri, section: SETTINGS_SECTION });
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  function sendStatus(folder: FolderSession, state: 'indexing' | 'ready' | 'error', message?: string, progress?: { done: number; total: number }): void {
    const s = state === 'indexing' ? undefined : folder.snapshot;
    connection.sendNotification(StatusNotification, {
      folder: folder.uri,
      state,
      decisions: s?.decisions.length ?? 0,
      terms: s?.terms.length ?? 0,
      views: s?.views.length ?? 0,
      problems: s?.problems.length ?? 0,
      stale: s ? folder.findings().stale.length : 0,
      history: folder.historyStatus(),
      limited: !trusted,
      version: s?.version ?? 0,
      message,
      progress,
    });
  }

  /** Is this session still a workspace folder, and the server still running? Work in flight checks before it publishes. */
  function isLive(folder: FolderSession): boolean {
    return !shuttingDown && folders.get(folder.uri) === folder;
  }

  /** After any change of a folder: diagnostics that changed, fresh lenses and hints, then the status. */
  async function afterChange(folder: FolderSession): Promise<void> {
    // A folder removed (or a server shut down) while its index was updating must not publish again what the
    // removal cleared.
    if (!isLive(folder)) return;
    await publisher.publishFolder(folder);
    if (!isLive(folder)) return;
    if (canRefreshCodeLens) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (canRefreshInlayHints) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
    sendStatus(folder, 'ready');
  }

  async function openFolder(wf: WorkspaceFolder): Promise<void> {
    if (!wf.uri.startsWith('file:')) return;
    const folder = new FolderSession(wf.uri, wf.name, { trusted, now, openHistory: deps.openHistory });
    folders.set(wf.uri, folder);
    sendStatus(folder, 'indexing');
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`Archlens: indexing ${wf.name}`, 0, 'Listing files…', false);
    try {
      // The status carries the count too (for the status bar), at most once per 2% of the files.
      let reported = -1;
      await folder.start(normaliseSettings(await pullSettings(folder)), ({ done, total }) => {
        progress?.report(total ? Math.floor((done / total) * 100) : 100, `${done}/${total} files`);
        const step = Math.floor((done / Math.max(1, total)) * 50);
        if (step !== reported) {
          reported = step;
          sendStatus(folder, 'indexing', undefined, { done, total });
        }
      });
      for (const td of documents.all()) if (folderOf(td.uri) === folder) await folder.index.setOverlay(folder.pathOf(td.uri)!, td.getText());
    } catch (err) {
      connection.console.error(`Archlens: indexing ${wf.name} failed: ${(err as Error).stack ?? err}`);
      progress?.done();
      sendStatus(folder, 'error', String((err as Error).message ?? err));
      return;
    }
    progress?.done();
    await afterChange(folder);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const trust = sessionTrust(params.initializationOptions, deps.argv ?? process.argv);
    trusted = trust.trusted;
    if (trust.message) connection.console.info(trust.message);
    const caps = params.capabilities;
    canPullConfiguration = !!caps.workspace?.configuration;
    canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canRefreshCodeLens = !!caps.workspace?.codeLens?.refreshSupport;
    canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
    canRegisterConfiguration = canPullConfiguration && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    canFollowFolders = !!caps.workspace?.workspaceFolders;
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    pendingFolders = initial;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: { label: 'Archlens' },
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['-', ' ', ':'], resolveProvider: false },
        workspaceSymbolProvider: true,
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        executeCommandProvider: { commands: [Commands.markReviewed] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'archlens-language-server', version: '0.1.0' },
    };
  });
  let pendingFolders: WorkspaceFolder[] = [];

  connection.onInitialized(async () => {
    // Only what the client announced: a refused registration must not become an unhandled rejection, and
    // asking a client without workspace folders for their events throws.
    if (canRegisterWatchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*' }, { globPattern: '**/.git/HEAD' }, { globPattern: '**/.git/refs/**' }],
        })
        .catch(() => undefined);
    }
    if (canRegisterConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (canFollowFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        for (const removed of e.removed) {
          const f = folders.get(removed.uri);
          folders.delete(removed.uri);
          if (f) publisher.clearFolder(f);
        }
        for (const added of e.added) await openFolder(added);
      });
    }
    for (const wf of pendingFolders) await openFolder(wf);
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const timer of pendingEdits.values()) clearTimeout(timer);
    pendingEdits.clear();
  });

  connection.onDidChangeConfiguration(async () => {
    for (const folder of folders.values()) {
      await folder.index.updateSettings(normaliseSettings(await pullSettings(folder)));
      await afterChange(folder);
    }
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    const byFolder = new Map<FolderSession, { path: string; deleted?: boolean }[]>();
    const gitMoved = new Set<FolderSession>();
    for (const c of changes) {
      const folder = folderOf(c.uri);
      const path = folder?.pathOf(c.uri);
      if (!folder || !path) continue;
      if (path === '.git' || path.startsWith('.git/')) {
        gitMoved.add(folder);
        continue;
      }
      // An open editor's text wins over the disk until it is closed.
      if (documents.get(c.uri) && c.type !== FileChangeType.Deleted) continue;
      const list = byFolder.get(folder) ?? [];
      list.push({ path, deleted: c.type === FileChangeType.Deleted });
      byFolder.set(folder, list);
    }
    for (const folder of new Set([...byFolder.keys(), ...gitMoved])) {
      const list = byFolder.get(folder);
      if (list) await folder.index.applyChanges(await folder.expandFolderEvents(list));
      await folder.refreshHistory();
      await afterChange(folder);
    }
  });

  const pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  // An editor may open a document at any version (VS Code reopens its editors at their current version when the
  // server restarts), so "edited since opened" is a version other than the one it was opened at.
  const openedVersions = new Map<string, number>();
  documents.onDidOpen((e) => openedVersions.set(e.document.uri, e.document.version));
  documents.onDidChangeContent((e) => {
    const folder = folderOf(e.document.uri);
    const path = folder?.pathOf(e.document.uri);
    if (!folder || !path) return;
    const opening = e.document.version === openedVersions.get(e.document.uri);
    if (!opening) folder.unsaved.add(path);
    // Typing produces a change per keystroke; the index follows at most every 100 ms.
    clearTimeout(pendingEdits.get(e.document.uri));
    const run = async () => {
      pendingEdits.delete(e.document.uri);
      const td = documents.get(e.document.uri);
      if (!td) return;
      await folder.index.setOverlay(path, td.getText());
      await afterChange(folder);
    };
    pendingEdits.set(e.document.uri, setTimeout(() => void run(), opening ? 0 : 100));
  });
  documents.onDidSave(async (e) => {
    const folder = folderOf(e.document.uri);
    const path = folder?.pathOf(e.document.uri);
    if (!folder || !path) return;
    folder.unsaved.delete(path);
    await folder.refreshHistory();
    await afterChange(folder);
  });
  documents.onDidClose(async (e) => {
    docCache.delete(e.document.uri);
    openedVersions.delete(e.document.uri);
    clearTimeout(pendingEdits.get(e.document.uri));
    const folder = folderOf(e.document.uri);
    const path = folder?.pathOf(e.document.uri);
    if (!folder || !path) return;
    folder.unsaved.delete(path);
    await folder.index.clearOverlay(path);
    await afterChange(folder);
  });

  connection.onHover((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? hover(x.folder.featureContext(), x.doc, p.position) : null;
  });
  /** A workspace file's text: the open editor's when there is one, else the disk's. */
  function readTextOf(folder: FolderSession): (path: string) => Promise<string | undefined> {
    return async (path) => {
      const open = documents.get(folder.featureContext().uriOf(path));
      if (open) return open.getText();
      const bytes = await folder.workspace.readFile(path);
      return bytes ? textOfBytes(bytes) : undefined;
    };
  }

  connection.onDefinition((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? definition(x.folder.featureContext(), x.doc, p.position, readTextOf(x.folder)) : null;
  });
  connection.onReferences(async (p) => {
    const x = docFor(p.textDocument.uri);
    if (!x) return [];
    return references(x.folder.featureContext(), x.doc, p.position, p.context.includeDeclaration, readTextOf(x.folder));
  });
  connection.onDocumentSymbol((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? documentSymbols(x.folder.featureContext(), x.doc) : [];
  });
  connection.onDocumentLinks((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? documentLinks(x.folder.featureContext(), x.doc) : [];
  });
  connection.onCodeLens((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? codeLens(x.folder.featureContext(), x.doc) : [];
  });
  connection.onCompletion((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? completion(x.folder.featureContext(), x.doc, p.position) : [];
  });
  connection.onWorkspaceSymbol((p) => workspaceSymbols([...folders.values()].map((f) => f.featureContext()), p.query));
  connection.languages.inlayHint.on((p) => {
    const x = docFor(p.textDocument.uri);
    return x ? inlayHints(x.folder.featureContext(), x.doc, p.range) : [];
  });
  connection.onCodeAction((p) => {
    const x = docFor(p.textDocument.uri);
    if (!x) return [];
    const head = x.folder.history?.state.kind === 'ready' ? x.folder.history.state.head : undefined;
    return codeActions(x.folder.featureContext(), x.doc, p.range, p.context.diagnostics, { today: isoDate(now()), head });
  });
  connection.onExecuteCommand(async (p) => {
    if (p.command !== Commands.markReviewed || !trusted) return null;
    const uri = String(p.arguments?.[0] ?? '');
    const folder = folderOf(uri);
    const path = folder?.pathOf(uri);
    if (!folder || !path) return null;
    const open = documents.get(uri);
    const text = open?.getText() ?? (await folder.workspace.readFile(path).then((b) => (b ? textOfBytes(b) : undefined)));
    if (text === undefined) return null;
    const head = folder.history?.state.kind === 'ready' ? folder.history.state.head : undefined;
    const edits = markReviewedEdit(text, isoDate(now()), head);
    await connection.workspace.applyEdit({ label: 'Mark as reviewed', edit: { changes: { [uri]: edits } } });
    return null;
  });

  connection.onRequest(DecisionsRequest, (p) => requests.decisions(p));
  connection.onRequest(ViewsRequest, (p) => requests.views(p));
  connection.onRequest(GlossaryRequest, (p) => requests.glossary(p));
  connection.onRequest(ForFileRequest, (p) => requests.forFile(p));
  connection.onRequest(StaleRequest, (p) => requests.stale(p));
  connection.onRequest(SearchRequest, (p) => requests.search(p));
  connection.onRequest(NewDecisionRequest, (p) => requests.newDecision(p, trusted, (uri) => documents.get(uri)?.getText()));
  connection.onRequest(ChangesSinceRequest, (p) => requests.changesSince(p, trusted));
  connection.onRequest(WhyRequest, (p) => onboarding.why(p));
  connection.onRequest(GraphRequest, (p) => onboarding.graph(p));
  connection.onRequest(TourRequest, (p) => onboarding.tour(p));
  connection.onRequest(FileAtRevisionRequest, (p) => requests.fileAtRevision(p, trusted));

  documents.listen(connection);
  connection.listen();
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

