// Creates the language client: the bundled server over IPC, every file of the workspace, the trust flag in
// the initialization options, and `archlens.*` settings synchronised. The library's default error handler
// restarts a server that dies (up to 4 times in 3 minutes), which is what we want, so it is kept.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { activeDocumentUri } from './editor';

export const CLIENT_ID = 'archlens';
export const CLIENT_NAME = 'Archlens';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/main.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }],
    synchronize: { configurationSection: SETTINGS_SECTION },
    // A function, so a restart after the workspace is trusted sends the new value.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    middleware: {
      // The server's "mark reviewed" runs from code actions with the document's URI; from the palette it has
      // none, so the active editor's is used.
      executeCommand: async (command, args, next) => {
        if (command === Commands.markReviewed) {
          if (!vscode.workspace.isTrusted) {
            void vscode.window.showInformationMessage('Archlens runs in limited mode in an untrusted workspace: it does not change files. Trust the workspace to mark documentation as reviewed.');
            return undefined;
          }
          // A stale item of the "For this file" tree passes itself; the server wants the document's URI.
          const node = args[0] as { stale?: { docUri?: string } } | undefined;
          if (node && typeof node === 'object' && typeof node.stale?.docUri === 'string') args = [node.stale.docUri];
          else if (args[0] instanceof vscode.Uri) args = [args[0].toString()];
          if (args.length === 0 || typeof args[0] !== 'string') {
            const uri = activeDocumentUri();
            if (!uri) {
              void vscode.window.showInformationMessage('Open the documentation file to mark as reviewed.');
              return undefined;
            }
            args = [uri];
          }
        }
        return next(command, args);
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
