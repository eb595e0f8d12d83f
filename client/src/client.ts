// Creates the language client: the bundled server over IPC, every file of the workspace, the trust flag in
// the initialization options, and `archlens.*` settings synchronised. A server that dies is restarted by the
// restart policy (restartPolicy.ts: bounded restarts, one message); what it wrote, stacks included, is in the output.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';
import { Commands, SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { activeDocumentUri } from './editor';

export const CLIENT_ID = 'archlens';
export const CLIENT_NAME = 'Archlens';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/main.js');
  // The server's bundle with a V8 code cache in the extension's global storage (server/src/codeCache.ts): a start
  // after the first compiles little. Not in an untrusted workspace, where the extension writes nothing.
  const cached = vscode.workspace.isTrusted
    ? { module: context.asAbsolutePath('server/out/codeCache.js'), args: [`--code-cache=${vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath}`] }
    : { module };
  const serverOptions: ServerOptions = {
    run: { ...cached, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }],
    synchronize: { configurationSection: SETTINGS_SECTION },
    // A function, so a restart after the workspace is trusted sends the new value.
    // The global storage is where git sources of `.archlens.yml` are cloned (the server creates it when needed).
    // Each folder's settings go along, so the server's first index does not wait for a round trip to an extension
    // host that is busy starting.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, storagePath: context.globalStorageUri.fsPath, settings: folderSettings() }),
    outputChannel: output,
    errorHandler: restartHandler(new RestartPolicy(), output),
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

/**
 * The `archlens` settings of every workspace folder, as `workspace/configuration` would answer them (plain JSON, the
 * folder's own values over the workspace's and the user's).
 */
function folderSettings(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const value: unknown = vscode.workspace.getConfiguration(undefined, folder.uri).get(SETTINGS_SECTION);
    if (value && typeof value === 'object') out[folder.uri.toString()] = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  }
  return out;
}

/** The language client's error handler, deciding with the restart policy and telling the user at most once. */
export function restartHandler(policy: RestartPolicy, output: vscode.LogOutputChannel): ErrorHandler {
  return {
    error: (error, _message, count) => {
      output.error(`Archlens: the connection to the language server failed: ${error.stack ?? error.message}`);
      return { action: policy.error(count) === 'continue' ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed: () => {
      const decision = policy.closed();
      if (decision.notify) {
        void vscode.window.showWarningMessage(decision.notify, 'Show Output').then((choice) => {
          if (choice) output.show(true);
        });
      }
      // `handled`: the library writes `message` to the output and shows no notification of its own.
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, message: decision.log, handled: true };
    },
  };
}
