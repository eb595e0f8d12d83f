// Commands that find and show: find a decision (server-side fuzzy search as the user types), open a location,
// references of a decision, stale documentation, the code changes behind a stale finding, published docs.
import * as vscode from 'vscode';
import {
  ChangesSinceRequest,
  DecisionsRequest,
  FileAtRevisionRequest,
  PublishedDocsRequest,
  type DecisionItem,
  SearchRequest,
  StaleRequest,
  type SearchHitItem,
} from '../../../server/src/protocol';
import { activeDocumentUri, openAt } from '../editor';
import { compareDecisions, decisionLabel } from '../model/decisions';
import { changesDocumentText, staleDescription } from '../model/forFile';
import { lensPickItems } from '../model/lensTargets';
import { openVerdict } from '../model/publishedDocs';
import { historyOffReason } from '../model/statusBar';
import type { Session } from '../session';

export async function findDecision(session: Session): Promise<void> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { hit: SearchHitItem }>();
  qp.title = 'Archlens: find decision';
  qp.placeholder = 'Search decisions by title, number, tag or text';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  let generation = 0;
  const search = async (query: string) => {
    const mine = ++generation;
    qp.busy = true;
    const hits = query.trim()
      ? ((await session.request(SearchRequest, { query })) ?? []).filter((h) => h.kind === 'decision')
      : // Before the first keystroke: every decision, in number order.
        ((await session.request(DecisionsRequest, {})) ?? []).sort(compareDecisions).map(decisionHit);
    if (mine !== generation) return;
    qp.busy = false;
    qp.items = hits.map((hit) => ({
      label: `$(law) ${hit.label}`,
      description: hit.detail,
      detail: vscode.workspace.asRelativePath(vscode.Uri.parse(hit.uri)),
      // The server already ranked these fuzzily; the quick pick must not hide them with its own matching.
      alwaysShow: true,
      hit,
    }));
  };
  const done = new Promise<void>((resolve) => {
    qp.onDidChangeValue((v) => void search(v));
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0];
      qp.hide();
      if (picked) void openAt(picked.hit.uri, picked.hit.line);
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve();
    });
  });
  qp.show();
  void search('');
  await done;
}

function decisionHit(d: DecisionItem): SearchHitItem {
  return { kind: 'decision', label: decisionLabel(d), detail: [d.status ?? d.statusText, d.date, d.tags.join(', ')].filter(Boolean).join(' · '), uri: d.uri, line: d.line, number: d.number };
}

/** The server's code lens opens locations with [uri, 1-based line]. */
export async function open(uri: unknown, line: unknown): Promise<void> {
  if (typeof uri !== 'string' && !(uri instanceof vscode.Uri)) return;
  await openAt(uri, typeof line === 'number' ? line : 1, { preview: false });
}

/** A code lens with several targets: the user picks one, which is opened or whose code changes are shown. */
export async function pickTarget(session: Session, title: unknown, targets: unknown): Promise<void> {
  const items = lensPickItems(targets);
  if (items.length === 0) return;
  const picked = await vscode.window.showQuickPick(items, { title: typeof title === 'string' ? `Archlens: ${title}` : 'Archlens' });
  if (!picked) return;
  if (picked.target.action === 'open') await open(picked.target.uri, picked.target.line);
  else await showChanges(session, picked.target.uri);
}

/** References of a decision: asks the reference provider at the decision's title and shows them inline. */
export async function showReferences(uri: unknown, line: unknown): Promise<void> {
  if (typeof uri !== 'string') return;
  const target = vscode.Uri.parse(uri);
  const doc = await vscode.workspace.openTextDocument(target);
  const lineIndex = Math.min(Math.max(0, (typeof line === 'number' ? line : 1) - 1), doc.lineCount - 1);
  const text = doc.lineAt(lineIndex).text;
  // On the title's first word, past `# ` and any number, where the server resolves the decision.
  const position = new vscode.Position(lineIndex, Math.max(0, text.search(/[^\s#]/)));
  const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, position)) ?? [];
  await vscode.commands.executeCommand('editor.action.showReferences', target, position, locations);
}

export async function showStale(session: Session): Promise<void> {
  const stale = await session.request(StaleRequest, {});
  if (!stale) {
    void vscode.window.showWarningMessage('Archlens: the language server is not ready yet.');
    return;
  }
  if (stale.length === 0) {
    const off = session.folderStatuses.find((s) => s.history.state === 'off');
    void vscode.window.showInformationMessage(
      off ? `Archlens: staleness checks are off: ${historyOffReason(off.history.reason, off.history.message)}.` : 'Archlens: no stale documentation.',
    );
    return;
  }
  const changesButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Show changes since documented' };
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { docUri: string; docLine: number }>();
  qp.title = `Archlens: stale documentation (${stale.length})`;
  qp.placeholder = 'Open a stale document; the diff button shows the code changes since it was written';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = stale.map((s) => ({
    label: `$(warning) ${s.subject}`,
    description: staleDescription(s),
    detail: s.message,
    buttons: [changesButton],
    docUri: s.docUri,
    docLine: s.docLine,
  }));
  qp.onDidTriggerItemButton((e) => {
    qp.hide();
    void showChanges(session, e.item.docUri);
  });
  qp.onDidAccept(() => {
    const picked = qp.selectedItems[0];
    qp.hide();
    if (picked) void openAt(picked.docUri, picked.docLine);
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
}

/** From a code lens or quick fix ([docUri]), a tree item, or the palette (the active editor). */
export async function showChanges(session: Session, arg?: unknown): Promise<void> {
  const docUri = uriArgument(arg) ?? activeDocumentUri();
  if (!docUri) {
    void vscode.window.showInformationMessage('Archlens: open a documentation file to see the code changes since it was written.');
    return;
  }
  const result = await session.request(ChangesSinceRequest, { docUri });
  if (!result) return;
  const docPath = vscode.workspace.asRelativePath(vscode.Uri.parse(docUri));
  if (result.files.length === 0) {
    void vscode.window.showInformationMessage(`Archlens: ${docPath} has no stale findings, so there are no changes to show.`);
    return;
  }
  if (!result.base) {
    // No documented revision to compare with: say so in words rather than open an empty diff.
    const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: changesDocumentText(docPath, result) });
    await vscode.window.showTextDocument(doc, { preview: true });
    return;
  }
  // VS Code's own diff editor: the documented revision (served by the server's git) on the left, the file on the right.
  const base = result.base;
  const pairs = result.files.map((f) => {
    const right = vscode.Uri.parse(f.uri);
    return { right, left: revisionUri(right, base), path: f.path };
  });
  const title = `${docPath}: code changes since ${base.slice(0, 7)}`;
  if (pairs.length === 1) {
    await vscode.commands.executeCommand('vscode.diff', pairs[0].left, pairs[0].right, `${pairs[0].path} (since ${base.slice(0, 7)})`, { preview: true });
    return;
  }
  try {
    await vscode.commands.executeCommand('vscode.changes', title, pairs.map((p) => [p.right, p.left, p.right]));
  } catch {
    const picked = await vscode.window.showQuickPick(
      pairs.map((p) => ({ label: p.path, pair: p })),
      { title, placeHolder: 'Pick a changed file to compare with the documented revision' },
    );
    if (picked) await vscode.commands.executeCommand('vscode.diff', picked.pair.left, picked.pair.right, `${picked.label} (since ${base.slice(0, 7)})`);
  }
}

/** The scheme of a workspace file at the documented revision; its content comes from the server. */
export const REVISION_SCHEME = 'archlens-revision';

function revisionUri(file: vscode.Uri, base: string): vscode.Uri {
  return file.with({ scheme: REVISION_SCHEME, query: JSON.stringify({ uri: file.toString(), base }) });
}

/** Serves `archlens-revision:` documents: read-only, from the server, never from document text. */
export function registerRevisionContent(session: Session): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(REVISION_SCHEME, {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      let params: { uri?: unknown; base?: unknown };
      try {
        params = JSON.parse(uri.query) as { uri?: unknown; base?: unknown };
      } catch {
        return '';
      }
      if (typeof params.uri !== 'string' || typeof params.base !== 'string') return '';
      return (await session.request(FileAtRevisionRequest, { uri: params.uri, base: params.base }))?.text ?? '';
    },
  });
}

/** Opens a file's published page: the server finds it (nearest mkdocs.yml, the publishedDocsUrl setting). */
export async function openInPublishedDocs(session: Session, arg?: unknown): Promise<void> {
  const uri = uriArgument(arg) ?? activeDocumentUri();
  if (!uri) {
    void vscode.window.showInformationMessage('Archlens: open a documentation file of the workspace to find its published page.');
    return;
  }
  const page = await session.request(PublishedDocsRequest, { uri });
  if (page?.url) await openPublished(page.url);
  else void vscode.window.showInformationMessage(page?.message ?? 'Archlens: the published page of this file is not known.');
}

async function openPublished(url: string): Promise<void> {
  const verdict = openVerdict(url, vscode.workspace.isTrusted);
  if ('refused' in verdict) {
    void vscode.window.showWarningMessage(verdict.refused);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(verdict.open, true));
}

/** A URI from a command argument: a string, a Uri (explorer), or a tree node with a resourceUri. */
function uriArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  const n = arg as { stale?: { docUri?: string }; decision?: { uri?: string } } | undefined;
  return n?.stale?.docUri ?? n?.decision?.uri;
}
