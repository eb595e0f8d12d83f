// Commands that write: new and superseding decisions (one undoable WorkspaceEdit from the server), and
// inserting decision references and glossary terms at the cursor.
import * as vscode from 'vscode';
import { DecisionsRequest, GlossaryRequest, NewDecisionRequest, type DecisionItem } from '../../../server/src/protocol';
import { decisionReferenceText } from '../model/references';
import { sortTerms } from '../model/glossary';
import { compareDecisions, decisionLabel, oneLine } from '../model/decisions';
import type { Session } from '../session';
import { requireTrust } from '../trust';
import { decisionPickItem, inputTitle, pickDecision, pickFolder, pickTemplate } from './pick';

export async function newDecision(session: Session, supersedes?: DecisionItem): Promise<void> {
  if (!requireTrust(supersedes ? 'supersede a decision' : 'create a decision')) return;
  const folder = supersedes ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(supersedes.uri)) : await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage('Archlens: open a folder to create decision records in.');
    return;
  }
  const title = await inputTitle(supersedes ? `Title of the decision that supersedes ${decisionLabel(supersedes)}` : 'Title of the new decision');
  if (!title) return;
  const template = await pickTemplate();
  if (!template) return;
  const result = await session.requestOrExplain(NewDecisionRequest, {
    title,
    template,
    folder: folder.uri.toString(),
    supersedes: supersedes?.id,
  });
  if (!result) return;
  const edit = await session.asWorkspaceEdit(result.edit);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Archlens: could not create ${vscode.workspace.asRelativePath(vscode.Uri.parse(result.uri))}.`);
    return;
  }
  // Saved, so the new record and the superseded one's new status exist for git and other tools (an edit to a
  // file that is not open would otherwise sit unsaved where the user cannot see it); undo still reverts both.
  for (const [uri] of edit.entries()) {
    const touched = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (touched?.isDirty) await touched.save();
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  await vscode.window.showTextDocument(doc, { preview: false });
  if (supersedes) {
    void vscode.window.showInformationMessage(`Archlens: ${decisionLabel(supersedes)} is now marked as superseded by ${result.reference}.`);
  }
}

/** From the tree (the item's decision) or the palette (pick one). */
export async function supersedeDecision(session: Session, node?: unknown): Promise<void> {
  if (!requireTrust('supersede a decision')) return;
  const fromTree = decisionOfNode(node);
  const old = fromTree ?? (await pickDecision(session, 'The decision to supersede', (d) => d.status !== 'superseded'));
  if (old) await newDecision(session, old);
}

export function decisionOfNode(node: unknown): DecisionItem | undefined {
  const n = node as { kind?: string; decision?: DecisionItem } | undefined;
  return n?.kind === 'decision' && n.decision ? n.decision : undefined;
}

export async function insertDecisionReference(session: Session): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Archlens: open an editor to insert a decision reference.');
    return;
  }
  const list = (await session.request(DecisionsRequest, {})) ?? [];
  if (list.length === 0) {
    void vscode.window.showInformationMessage('Archlens: no decision records in this workspace.');
    return;
  }
  const picked = await vscode.window.showQuickPick(list.sort(compareDecisions).map(decisionPickItem), {
    placeHolder: 'Decision to reference',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const doc = editor.document;
  const sameFolder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() === vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(picked.decision.uri))?.uri.toString();
  const text = decisionReferenceText(picked.decision, {
    languageId: doc.languageId,
    path: sameFolder ? vscode.workspace.asRelativePath(doc.uri, false) : undefined,
  });
  await insertAtSelections(editor, text);
}

export async function insertGlossaryTerm(session: Session): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Archlens: open an editor to insert a glossary term.');
    return;
  }
  const terms = sortTerms((await session.request(GlossaryRequest, {})) ?? []);
  if (terms.length === 0) {
    void vscode.window.showInformationMessage('Archlens: no glossary terms in this workspace.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    terms.map((t) => ({ label: t.term, description: t.aliases.join(', '), detail: oneLine(t.definition), term: t })),
    { placeHolder: 'Glossary term to insert', matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await insertAtSelections(editor, picked.term.term);
}

async function insertAtSelections(editor: vscode.TextEditor, text: string): Promise<void> {
  await editor.edit((b) => {
    for (const s of editor.selections) b.replace(s, text);
  });
}
