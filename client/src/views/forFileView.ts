// "For this file": the decisions governing or cited by the active editor's file, the view elements that
// document it and its stale findings; follows the active editor and every index change (via ActiveFile).
import * as vscode from 'vscode';
import type { DecisionItem, ForFileResult, StaleItem } from '../../../server/src/protocol';
import type { ActiveFile } from '../activeFile';
import { openCommand } from '../editor';
import { decisionLabel, decisionTooltip, guardrailDescription, statusIcon } from '../model/decisions';
import { forFileSections, staleDescription, type ForFileSection } from '../model/forFile';

type Node =
  | { kind: 'section'; section: ForFileSection }
  | { kind: 'decision'; decision: DecisionItem; section: string }
  | { kind: 'element'; element: { view: string; viewUri: string; element: string; line: number } }
  | { kind: 'stale'; stale: StaleItem }
  | { kind: 'guardrail'; entry: NonNullable<ForFileResult['guardrails']>[number] };

export class ForFileView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly activeFile: ActiveFile) {
    this.view = vscode.window.createTreeView('archlens.forFile', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      activeFile.onDidChange(() => {
        this.view.description = activeFile.uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(activeFile.uri)) : undefined;
        this.emitter.fire();
      }),
    );
  }

  getChildren(node?: Node): Node[] {
    const result = this.activeFile.result;
    if (!node) {
      if (!result) return [];
      return forFileSections(result).map((section) => ({ kind: 'section', section }));
    }
    if (node.kind !== 'section') return [];
    const s = node.section;
    if (s.kind === 'decisions') return s.decisions.map((decision) => ({ kind: 'decision', decision, section: s.key }));
    if (s.kind === 'elements') return s.elements.map((element) => ({ kind: 'element', element }));
    if (s.kind === 'guardrails') return s.guardrails.map((entry) => ({ kind: 'guardrail', entry }));
    return s.stale.map((stale) => ({ kind: 'stale', stale }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'section': {
        const item = new vscode.TreeItem(node.section.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `section:${node.section.key}`;
        item.iconPath = new vscode.ThemeIcon(
          { governedBy: 'law', cites: 'references', elements: 'type-hierarchy', stale: 'warning', guardrails: 'shield' }[node.section.key],
        );
        return item;
      }
      case 'decision': {
        const d = node.decision;
        const item = new vscode.TreeItem(decisionLabel(d));
        item.id = `${node.section}:${d.uri}#${d.id}`;
        item.description = [d.status, d.date].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(decisionTooltip(d));
        const icon = statusIcon(d.status);
        item.iconPath = new vscode.ThemeIcon(icon.icon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        item.contextValue = 'decision';
        item.command = openCommand(d.uri, d.line, 'Open decision');
        return item;
      }
      case 'element': {
        const e = node.element;
        const item = new vscode.TreeItem(e.element);
        item.description = e.view;
        item.tooltip = `${e.view} › ${e.element}`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        item.command = openCommand(e.viewUri, e.line, 'Open view element');
        return item;
      }
      case 'guardrail': {
        const { decision, guardrail } = node.entry;
        const item = new vscode.TreeItem(guardrail.label);
        item.description = `${decision.label} · ${guardrailDescription(guardrail)}`;
        item.tooltip = [guardrail.label, decision.label, ...guardrail.violations.map((v) => `line ${v.line}: ${v.message}`)].join('\n');
        item.iconPath = new vscode.ThemeIcon('shield', guardrail.violations.length ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.command = openCommand(guardrail.uri, guardrail.line, 'Open guardrail');
        return item;
      }
      case 'stale': {
        const s = node.stale;
        const item = new vscode.TreeItem(s.subject);
        item.description = staleDescription(s);
        item.tooltip = s.message;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.contextValue = 'staleFinding';
        // The item's argument for the inline "Show changes" and "Mark as reviewed" actions.
        item.resourceUri = vscode.Uri.parse(s.docUri);
        item.command = openCommand(s.docUri, s.docLine, 'Open stale documentation');
        return item;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The document URI a stale tree item stands for (menus pass the tree node). */
export function staleDocUri(node: unknown): string | undefined {
  const n = node as Node | undefined;
  return n && n.kind === 'stale' ? n.stale.docUri : undefined;
}
