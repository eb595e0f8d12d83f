// What the server knows about the active editor's file (ForFileRequest), fetched when the editor changes and
// after every index change; shared by the "For this file" view and the status bar so they ask once.
import * as vscode from 'vscode';
import { ForFileRequest, type ForFileResult } from '../../server/src/protocol';
import { coalesce } from './coalesce';
import type { Session } from './session';

export class ActiveFile implements vscode.Disposable {
  private current: { uri: string; result: ForFileResult } | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly session: Session) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      session.onDidChangeIndex(() => this.refresh()),
    );
    this.refresh();
  }

  get uri(): string | undefined {
    return this.current?.uri;
  }

  get result(): ForFileResult | undefined {
    return this.current?.result;
  }

  /** One request at a time; changes that arrive meanwhile cause one more. */
  readonly refresh = coalesce(() => this.load());

  private async load(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') {
      // Focus moving to an output panel or a diff keeps the last file's facts on screen.
      if (!vscode.window.activeTextEditor) this.set(undefined);
      return;
    }
    const uri = doc.uri.toString();
    const result = await this.session.request(ForFileRequest, { uri });
    this.set(result ? { uri, result } : undefined);
  }

  private set(next: { uri: string; result: ForFileResult } | undefined): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
