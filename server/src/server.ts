// The language server: capabilities and one line of wiring per handler. Features are pure functions in
// features/ (positions and ranges from the editor are clamped to the document before they reach them); the
// session (languageSession.ts) owns the workspace folders, the open documents, the readiness gate,
// the failure policy and the request budgets. The connection is a parameter so tests can run the server over
// in-memory streams.
import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { codeActions } from './features/codeActions';
import { codeLens } from './features/codeLens';
import { completionAnswer, decisionItemData, resolveCompletion } from './features/completion';
import { clampPosition, clampRange } from './features/context';
import { definition } from './features/definition';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { references } from './features/references';
import { markReviewedEdit } from './features/reviewedEdit';
import { LanguageSession, type ServerDeps } from './session/languageSession';
import {
  ChangesSinceRequest,
  FileAtRevisionRequest,
  PublishedDocsRequest,
  GovernsEditRequest,
  Commands,
  DecisionsRequest,
  ForFileRequest,
  GlossaryRequest,
  NewDecisionRequest,
  SearchRequest,
  StaleRequest,
  SuggestGovernsRequest,
  ViewsRequest,
  WhyRequest,
  GraphRequest,
  TourRequest,
} from './protocol';
import { OnboardingRequests } from './session/onboardingRequests';
import { governsEditFor, suggestGoverns } from './session/suggestRequests';
import { ARCHLENS_VERSION } from './version';
import { publishedDocs } from './session/publishedDocsRequest';

export type { ServerDeps } from './session/languageSession';

const CAPABILITIES: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    hoverProvider: true,
    definitionProvider: true,
    documentSymbolProvider: { label: 'Archlens' },
    referencesProvider: true,
    documentLinkProvider: { resolveProvider: false },
    codeLensProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: ['-', ' ', ':'], resolveProvider: true },
    workspaceSymbolProvider: true,
    inlayHintProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    executeCommandProvider: { commands: [Commands.markReviewed, Commands.refreshSources] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: 'archlens-language-server', version: ARCHLENS_VERSION },
};

export function startServer(connection: Connection, deps: ServerDeps = {}): LanguageSession {
  const s = new LanguageSession(connection, deps);
  const r = s.requests;
  const onboarding = new OnboardingRequests(() => [...s.folders.values()]);
  const c = connection;
  c.onInitialize((p) => (s.initialize(p), CAPABILITIES));
  c.onInitialized(() => s.initialized());
  c.onShutdown(() => s.shutdown());
  c.onDidChangeConfiguration(() => s.configurationChanged());
  c.onDidChangeWatchedFiles((p) => s.watchedFilesChanged(p.changes));

  c.onHover((p, t) => s.onDocument('hover', p.textDocument.uri, t, null, (x) => hover(x.ctx, x.doc, clampPosition(x.doc, p.position))));
  c.onDefinition((p, t) => s.onDocument('definition', p.textDocument.uri, t, null, (x) => definition(x.ctx, x.doc, clampPosition(x.doc, p.position), (path) => s.readText(x.folder, path))));
  c.onReferences((p, t) => s.onDocument('references', p.textDocument.uri, t, [], (x) => references(x.ctx, x.doc, clampPosition(x.doc, p.position), p.context.includeDeclaration, (path) => s.readText(x.folder, path, x.budget))));
  c.onDocumentSymbol((p, t) => s.onDocument('document symbols', p.textDocument.uri, t, [], (x) => documentSymbols(x.ctx, x.doc)));
  c.onDocumentLinks((p, t) => s.onDocument('document links', p.textDocument.uri, t, [], (x) => documentLinks(x.ctx, x.doc)));
  c.onCodeLens((p, t) => s.onDocument('code lens', p.textDocument.uri, t, [], (x) => codeLens(x.ctx, x.doc)));
  c.onCompletion((p, t) => s.onDocument('completion', p.textDocument.uri, t, [], (x) => completionAnswer(x.ctx, x.doc, clampPosition(x.doc, p.position))));
  c.onCompletionResolve((item, t) => {
    const folder = s.folderOf(decisionItemData(item)?.uri ?? '');
    return folder ? s.onWorkspace('completion resolve', t, item, () => resolveCompletion(folder.featureContext(), item)) : item;
  });
  c.languages.inlayHint.on((p, t) => s.onDocument('inlay hints', p.textDocument.uri, t, [], (x) => inlayHints(x.ctx, x.doc, clampRange(x.doc, p.range))));
  c.onCodeAction((p, t) => s.onDocument('code actions', p.textDocument.uri, t, [], (x) => codeActions(x.ctx, x.doc, clampRange(x.doc, p.range), p.context.diagnostics, { today: isoDate(x.folder.now()), head: headOf(x.folder), history: x.folder.history })));
  c.onWorkspaceSymbol((p, t) => s.workspaceSymbols(p.query, t));
  c.onExecuteCommand((p, t) =>
    p.command === Commands.refreshSources
      ? s.onWorkspace('refresh sources', t, null, async () => (await s.refreshSources(), null))
      : s.onWorkspace('mark reviewed', t, null, () => (p.command === Commands.markReviewed && s.trusted ? markReviewed(s, String(p.arguments?.[0] ?? '')) : null)),
  );

  c.onRequest(DecisionsRequest, (p, t) => s.onWorkspace('archlens/decisions', t, [], async () => (await r.loadGuardrailTexts(p), r.decisions(p))));
  c.onRequest(ViewsRequest, (p, t) => s.onWorkspace('archlens/views', t, [], () => r.views(p)));
  c.onRequest(GlossaryRequest, (p, t) => s.onWorkspace('archlens/glossary', t, [], () => r.glossary(p)));
  c.onRequest(ForFileRequest, (p, t) => s.onWorkspace('archlens/forFile', t, { governedBy: [], cites: [], elements: [], stale: [] }, async () => (await r.loadGuardrailTexts(p), r.forFile(p))));
  c.onRequest(StaleRequest, (p, t) => s.onWorkspace('archlens/stale', t, [], () => r.stale(p)));
  c.onRequest(SearchRequest, (p, t) => s.onWorkspace('archlens/search', t, [], (budget) => r.search(p, budget)));
  c.onRequest(NewDecisionRequest, (p, t) => s.onWorkspace('archlens/newDecision', t, null, () => r.newDecision(p, s.trusted, (uri) => s.documents.get(uri)?.getText())));
  c.onRequest(WhyRequest, (p, t) => s.onWorkspace('archlens/why', t, [], () => onboarding.why(p)));
  c.onRequest(GraphRequest, (p, t) => s.onWorkspace('archlens/graph', t, { nodes: [], edges: [], svg: '' }, () => onboarding.graph(p)));
  c.onRequest(TourRequest, (p, t) => s.onWorkspace('archlens/tour', t, null, () => onboarding.tour(p)));
  c.onRequest(PublishedDocsRequest, (p, t) => s.onWorkspace('archlens/publishedDocs', t, {}, () => publishedDocs(s.folderOf(p.uri), p)));
  c.onRequest(FileAtRevisionRequest, (p, t) => s.onWorkspace('archlens/fileAtRevision', t, { text: '' }, () => r.fileAtRevision(p, s.trusted)));
  c.onRequest(SuggestGovernsRequest, (p, t) => s.onWorkspace('archlens/suggestGoverns', t, { governs: [], candidates: [] }, () => suggestGoverns(s, p)));
  c.onRequest(GovernsEditRequest, (p, t) => s.onWorkspace('archlens/governsEdit', t, {}, () => governsEditFor(s, p)));
  c.onRequest(ChangesSinceRequest, (p, t) => s.onWorkspace('archlens/changesSince', t, { files: [], stat: '', diff: '' }, () => r.changesSince(p, s.trusted)));

  s.documents.listen(connection);
  connection.listen();
  return s;
}

/** Marks a document reviewed with one workspace edit: its review date and the commit it was reviewed at. */
async function markReviewed(s: LanguageSession, uri: string): Promise<null> {
  const folder = s.folderOf(uri);
  const path = folder?.pathOf(uri);
  if (!folder || !path) return null;
  const text = await s.readText(folder, path);
  if (text === undefined) return null;
  const edits = markReviewedEdit(text, isoDate(folder.now()), headOf(folder));
  await s.connection.workspace.applyEdit({ label: 'Mark as reviewed', edit: { changes: { [uri]: edits } } });
  return null;
}

function headOf(folder: { history?: { state: { kind: string; head?: string } } }): string | undefined {
  const state = folder.history?.state;
  return state?.kind === 'ready' ? state.head : undefined;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
