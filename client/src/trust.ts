// Workspace trust: an untrusted workspace runs in limited mode (the server gets trusted:false, so no git and
// no file writes). File-writing commands are hidden there, and say so if invoked anyway; when the user grants
// trust the server restarts with trusted:true.
import * as vscode from 'vscode';
import type { Session } from './session';

/** True when writes are allowed; otherwise tells the user why the command does nothing. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showInformationMessage(
      `Archlens runs in limited mode in an untrusted workspace: it runs no git and changes no files. Trust the workspace to ${action}.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

export function restartWhenTrusted(session: Session): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    session.output.info('The workspace is now trusted: restarting the language server with git and writes enabled.');
    void session.restart();
  });
}
