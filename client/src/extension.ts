// Activation only: start the language server and wire the views, commands, status bar and trust handling.
// Activation is cheap (onStartupFinished, no indexing here): the server indexes in its own process.
import * as vscode from 'vscode';
import { ActiveFile } from './activeFile';
import { registerCommands } from './commands';
import { registerRevisionContent } from './commands/navigation';
import { trackContextKeys } from './contextKeys';
import { Session } from './session';
import { StatusBar } from './status';
import { restartWhenTrusted } from './trust';
import { ArchitectureView } from './views/architectureView';
import { DecisionsView } from './views/decisionsView';
import { ForFileView } from './views/forFileView';
import { GlossaryView } from './views/glossaryView';

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new Session(context);
  const activeFile = new ActiveFile(session);
  const decisions = new DecisionsView(session, context.workspaceState);
  context.subscriptions.push(
    session,
    activeFile,
    decisions,
    new ForFileView(activeFile),
    new ArchitectureView(session),
    new GlossaryView(session),
    new StatusBar(session, activeFile),
    trackContextKeys(session),
    restartWhenTrusted(session),
    ...registerCommands({ session, decisions }),
    registerRevisionContent(session),
  );
  await session.start();
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
