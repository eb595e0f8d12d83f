// The running extension's state: the language client, the latest status of every workspace folder, and typed
// requests that never throw into the UI (a tree shows nothing rather than an error while the server starts).
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { RequestType } from 'vscode-languageserver-protocol';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { createLanguageClient } from './client';
import { movesCountOnly } from './model/statusBar';

export class Session implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly statuses = new Map<string, StatusParams>();
  private readonly statusEmitter = new vscode.EventEmitter<void>();
  /** Fires on every `archlens/status` notification and when the server (re)starts or stops. */
  readonly onDidChangeStatus = this.statusEmitter.event;
  private readonly indexEmitter = new vscode.EventEmitter<void>();
  /** Like onDidChangeStatus, but not for statuses that only move the count of files read (model/statusBar.ts). */
  readonly onDidChangeIndex = this.indexEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.statusEmitter, this.indexEmitter];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Archlens', { log: true });
    this.disposables.push(this.output);
  }

  get folderStatuses(): StatusParams[] {
    return [...this.statuses.values()];
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  async start(): Promise<void> {
    if (!this.client) {
      this.client = createLanguageClient(this.context, this.output);
      this.client.onNotification(StatusNotification, (p) => {
        this.statuses.set(p.folder, p);
        this.statusEmitter.fire();
        if (!movesCountOnly(p)) this.indexEmitter.fire();
      });
      this.disposables.push(
        this.client.onDidChangeState((e) => {
          // A restarted server re-sends every folder's status; stale counts must not outlive it.
          if (e.newState !== State.Running) this.statuses.clear();
          this.statusEmitter.fire();
          this.indexEmitter.fire();
        }),
      );
    }
    try {
      await this.client.start();
    } catch (err) {
      this.output.error(`Archlens: the language server did not start: ${String(err)}`);
      void vscode.window.showErrorMessage('Archlens: the language server did not start. See the Archlens output.', 'Show Output').then((a) => {
        if (a) this.output.show();
      });
    }
  }

  /** Stops and starts the server; initialization options (the trust flag) are read again. */
  async restart(): Promise<void> {
    if (!this.client) return this.start();
    this.statuses.clear();
    this.statusEmitter.fire();
    this.indexEmitter.fire();
    try {
      await this.client.restart();
    } catch (err) {
      this.output.error(`Archlens: restarting the language server failed: ${String(err)}`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) await client.stop(2000).catch(() => undefined);
    await client?.dispose().catch(() => undefined);
  }

  /** A custom request; undefined (and a log line) when the server is not running or the request fails. */
  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R | undefined> {
    const client = this.client;
    if (!client || (client.state !== State.Running && client.state !== State.Starting)) return undefined;
    try {
      return await client.sendRequest(type, params);
    } catch (err) {
      this.output.warn(`${type.method} failed: ${(err as Error).message ?? String(err)}`);
      return undefined;
    }
  }

  /** Like request, but the server's error message reaches the user (authoring commands). */
  async requestOrExplain<P, R>(type: RequestType<P, R, void>, params: P): Promise<R | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      void vscode.window.showWarningMessage('Archlens: the language server is not running yet.');
      return undefined;
    }
    try {
      return await client.sendRequest(type, params);
    } catch (err) {
      void vscode.window.showErrorMessage(`Archlens: ${(err as Error).message ?? String(err)}`);
      return undefined;
    }
  }

  /** Converts a protocol WorkspaceEdit (file creation included) to VS Code's. */
  async asWorkspaceEdit(edit: import('vscode-languageserver-protocol').WorkspaceEdit): Promise<vscode.WorkspaceEdit | undefined> {
    return this.client?.protocol2CodeConverter.asWorkspaceEdit(edit);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
