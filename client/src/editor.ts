// Small helpers over the active editor and opening locations; protocol lines are 1-based.
import * as vscode from 'vscode';

/** The URI string of the active text editor's document, when it is a file. */
export function activeDocumentUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' ? doc.uri.toString() : undefined;
}

/** Opens a file at a 1-based line (the convention of every line in protocol.ts). */
export async function openAt(uri: string | vscode.Uri, line?: number, options: { preview?: boolean } = {}): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.type & vscode.FileType.Directory) {
      await vscode.commands.executeCommand('revealInExplorer', target);
      return;
    }
  } catch {
    void vscode.window.showWarningMessage(`Archlens: ${vscode.workspace.asRelativePath(target)} does not exist.`);
    return;
  }
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position), preview: options.preview ?? true });
}

/** A tree item command that opens a location. */
export function openCommand(uri: string, line?: number, title = 'Open'): vscode.Command {
  return { title, command: 'archlens.open', arguments: [uri, line ?? 1] };
}
