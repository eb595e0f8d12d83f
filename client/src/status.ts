// The status bar item: index state and counts from `archlens/status`, the active file's stale findings, and
// a click that opens the Decisions view. Its text comes from model/statusBar.ts.
import * as vscode from 'vscode';
import type { ActiveFile } from './activeFile';
import { statusBarView } from './model/statusBar';
import type { Session } from './session';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('archlens.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly session: Session,
    private readonly activeFile: ActiveFile,
  ) {
    this.item.name = 'Archlens';
    this.item.command = { title: 'Open the Decisions view', command: 'archlens.decisions.focus' };
    this.disposables.push(session.onDidChangeStatus(() => this.update()), activeFile.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  private update(): void {
    const statuses = this.session.folderStatuses;
    const view = statusBarView(statuses, this.activeFile.result?.stale.length);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
