// The Decisions tree: groups (by status, tag or folder) -> decisions -> relations and governed paths. Data comes
// from DecisionsRequest on every `archlens/status` but those that only count files read; grouping, labels and the
// filter live in model/decisions.ts.
import * as vscode from 'vscode';
import { DecisionsRequest, type DecisionItem } from '../../../server/src/protocol';
import { coalesce } from '../coalesce';
import { openCommand } from '../editor';
import {
  decisionChildren,
  decisionDescription,
  decisionLabel,
  decisionTooltip,
  filterDecisions,
  groupDecisions,
  statusIcon,
  type DecisionChild,
  type DecisionGroup,
  type GroupMode,
} from '../model/decisions';
import type { Session } from '../session';

export type DecisionNode =
  | { kind: 'group'; group: DecisionGroup }
  | { kind: 'decision'; decision: DecisionItem; parentKey: string }
  | { kind: 'child'; child: DecisionChild; decision: DecisionItem; parentKey: string; index: number }
  | { kind: 'message'; text: string };

const GROUPING_KEY = 'archlens.decisions.grouping';

export class DecisionsView implements vscode.TreeDataProvider<DecisionNode>, vscode.Disposable {
  private decisions: DecisionItem[] = [];
  private filter = '';
  private mode: GroupMode;
  private readonly emitter = new vscode.EventEmitter<DecisionNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<DecisionNode>;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly session: Session,
    private readonly memento: vscode.Memento,
  ) {
    this.mode = memento.get<GroupMode>(GROUPING_KEY, 'status');
    this.view = vscode.window.createTreeView('archlens.decisions', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, session.onDidChangeIndex(() => this.reload()));
    this.setContext();
    this.reload();
  }

  get all(): readonly DecisionItem[] {
    return this.decisions;
  }

  get grouping(): GroupMode {
    return this.mode;
  }

  setGrouping(mode: GroupMode): void {
    this.mode = mode;
    void this.memento.update(GROUPING_KEY, mode);
    this.setContext();
    this.emitter.fire(undefined);
  }

  setFilter(query: string): void {
    this.filter = query.trim();
    this.setContext();
    this.emitter.fire(undefined);
  }

  get filterText(): string {
    return this.filter;
  }

  readonly reload = coalesce(async () => {
    const list = (await this.session.request(DecisionsRequest, {})) ?? [];
    if (JSON.stringify(list) === JSON.stringify(this.decisions)) return;
    this.decisions = list;
    this.emitter.fire(undefined);
  });

  private setContext(): void {
    void vscode.commands.executeCommand('setContext', 'archlens.decisionsFiltered', this.filter !== '');
    void vscode.commands.executeCommand('setContext', 'archlens.decisionsGrouping', this.mode);
    const by = { status: 'by status', tag: 'by tag', folder: 'by folder' }[this.mode];
    this.view.description = this.filter ? `${by} · filter: ${this.filter}` : by;
  }

  getChildren(node?: DecisionNode): DecisionNode[] {
    if (!node) {
      if (this.decisions.length === 0) return [];
      const shown = this.filter ? filterDecisions(this.decisions, this.filter) : this.decisions;
      if (shown.length === 0) return [{ kind: 'message', text: `No decision matches “${this.filter}”` }];
      return groupDecisions(shown, this.mode).map((group) => ({ kind: 'group', group }));
    }
    if (node.kind === 'group') return node.group.decisions.map((decision) => ({ kind: 'decision', decision, parentKey: node.group.key }));
    if (node.kind === 'decision') {
      return decisionChildren(node.decision).map((child, index) => ({ kind: 'child', child, decision: node.decision, parentKey: node.parentKey, index }));
    }
    return [];
  }

  getTreeItem(node: DecisionNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('search-stop');
        item.command = { title: 'Clear filter', command: 'archlens.decisions.clearFilter' };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.group.key;
        item.contextValue = 'decisionGroup';
        if (this.mode === 'status') {
          const icon = statusIcon(node.group.decisions[0]?.status);
          item.iconPath = new vscode.ThemeIcon(icon.icon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        } else item.iconPath = new vscode.ThemeIcon(this.mode === 'tag' ? 'tag' : 'folder');
        return item;
      }
      case 'decision': {
        const d = node.decision;
        const hasChildren = decisionChildren(d).length > 0;
        const item = new vscode.TreeItem(decisionLabel(d), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.parentKey}/${d.uri}#${d.id}`;
        item.description = decisionDescription(d);
        item.tooltip = new vscode.MarkdownString().appendText(decisionTooltip(d));
        const icon = statusIcon(d.status);
        item.iconPath = new vscode.ThemeIcon(icon.icon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        item.resourceUri = vscode.Uri.parse(d.uri);
        // A source's decision is read-only: no command that writes to it (supersede) is offered on it.
        item.contextValue = d.source ? 'decision.source' : 'decision';
        item.command = openCommand(d.uri, d.line, 'Open decision');
        return item;
      }
      case 'child':
        return childItem(node);
    }
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function childItem(node: Extract<DecisionNode, { kind: 'child' }>): vscode.TreeItem {
  const c = node.child;
  const id = `${node.parentKey}/${node.decision.uri}#${node.decision.id}/${node.index}`;
  if (c.kind === 'relation') {
    const item = new vscode.TreeItem(`${c.relation} ${c.label}`);
    item.id = id;
    item.iconPath = new vscode.ThemeIcon(c.relation.startsWith('Supersede') ? 'arrow-swap' : 'diff-added');
    item.command = openCommand(c.uri, 1, 'Open decision');
    item.contextValue = 'decisionRelation';
    return item;
  }
  if (c.kind === 'guardrail') {
    const item = new vscode.TreeItem(c.label);
    item.id = id;
    item.description = c.description;
    item.iconPath = new vscode.ThemeIcon('shield', c.violations > 0 ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.command = openCommand(c.uri, c.line, 'Open guardrail');
    item.contextValue = 'guardrail';
    return item;
  }
  if (c.kind === 'violation') {
    const item = new vscode.TreeItem(c.label);
    item.id = id;
    item.description = 'violation';
    item.tooltip = c.message;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.command = openCommand(c.uri, c.line, 'Open violation');
    item.contextValue = 'guardrailViolation';
    return item;
  }
  const item = new vscode.TreeItem(c.pattern);
  item.id = id;
  item.description = 'governs';
  item.iconPath = new vscode.ThemeIcon(c.isGlob ? 'files' : 'file-code');
  item.contextValue = 'governedPath';
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(node.decision.uri));
  if (!c.isGlob && folder) {
    const target = vscode.Uri.joinPath(folder.uri, c.pattern.replace(/^\.\//, '').replace(/\/+$/, ''));
    item.resourceUri = target;
    item.command = openCommand(target.toString(), 1, 'Open governed path');
  } else {
    item.tooltip = `Files matching ${c.pattern} are governed by ${decisionLabel(node.decision)}`;
    item.command = { title: 'Find governed files', command: 'workbench.action.quickOpen', arguments: [c.pattern.replace(/\*\*?\/?/g, '').replace(/\/+$/, '')] };
  }
  return item;
}
