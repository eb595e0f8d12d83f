// Context keys that `when` clauses in package.json read: the index state (for the views' welcome content)
// and whether any decision exists.
import * as vscode from 'vscode';
import type { Session } from './session';

export function trackContextKeys(session: Session): vscode.Disposable {
  let last = '';
  const update = () => {
    const statuses = session.folderStatuses;
    const state = statuses.length === 0 ? 'starting' : statuses.some((s) => s.state === 'indexing') ? 'indexing' : statuses.some((s) => s.state === 'error') ? 'error' : 'ready';
    const hasDecisions = statuses.some((s) => s.decisions > 0);
    const key = `${state}/${hasDecisions}`;
    if (key === last) return;
    last = key;
    void vscode.commands.executeCommand('setContext', 'archlens.indexState', state);
    void vscode.commands.executeCommand('setContext', 'archlens.hasDecisions', hasDecisions);
  };
  update();
  return session.onDidChangeStatus(update);
}
