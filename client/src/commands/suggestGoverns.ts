// "Suggest Governed Code": the server's candidates for the decision in the editor (or the one a code action names),
// picked in a list with their evidence, then added to its `governs:` by one workspace edit the user can undo.
import * as vscode from 'vscode';
import { GovernsEditRequest, SuggestGovernsRequest } from '../../../server/src/protocol';
import { activeDocumentUri } from '../editor';
import { governsPickItems, noSuggestionMessage, type GovernsPickItem } from '../model/governs';
import type { Session } from '../session';
import { requireTrust } from '../trust';

export async function suggestGovernedCode(session: Session, arg?: unknown): Promise<void> {
  if (!requireTrust('add governed code to a decision')) return;
  const uri = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.toString() : activeDocumentUri();
  if (!uri) {
    void vscode.window.showInformationMessage('Archlens: open a decision record to suggest the code it governs.');
    return;
  }
  const result = await session.requestOrExplain(SuggestGovernsRequest, { uri });
  if (!result) return;
  const items = governsPickItems(result);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(noSuggestionMessage(result));
    return;
  }
  const picked = await vscode.window.showQuickPick<GovernsPickItem & vscode.QuickPickItem>(items, {
    title: `Code governed by ${result.decision}`,
    placeHolder: 'Pick the globs to add to governs: (the evidence is under each)',
    canPickMany: true,
    matchOnDetail: true,
  });
  if (!picked || picked.length === 0) return;
  const answer = await session.requestOrExplain(GovernsEditRequest, { uri, globs: picked.map((p) => p.glob) });
  const edit = answer?.edit ? await session.asWorkspaceEdit(answer.edit) : undefined;
  if (!edit) return;
  if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage('Archlens: could not edit the decision.');
}
