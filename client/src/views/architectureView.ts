// "Architecture views": views -> elements -> mapped code paths. A view opens at its title, an element at its
// line in the view, a path in the code (missing paths are marked, globs reveal matching files).
import * as vscode from 'vscode';
import { ViewsRequest, type ViewElementItem, type ViewItem } from '../../../server/src/protocol';
import { coalesce } from '../coalesce';
import { openCommand } from '../editor';
import type { Session } from '../session';

type Node =
  | { kind: 'view'; view: ViewItem }
  | { kind: 'element'; view: ViewItem; element: ViewElementItem; index: number }
  | { kind: 'path'; view: ViewItem; element: ViewElementItem; path: ViewElementItem['paths'][number]; id: string };

export class ArchitectureView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private views: ViewItem[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly session: Session) {
    this.disposables.push(vscode.window.createTreeView('archlens.architecture', { treeDataProvider: this, showCollapseAll: true }), session.onDidChangeIndex(() => this.reload()));
    this.reload();
  }

  readonly reload = coalesce(async () => {
    const views = await this.session.request(ViewsRequest, {});
    const next = (views ?? []).slice().sort((a, b) => a.title.localeCompare(b.title));
    if (JSON.stringify(next) !== JSON.stringify(this.views)) {
      this.views = next;
      this.emitter.fire();
    }
  });

  getChildren(node?: Node): Node[] {
    if (!node) return this.views.map((view) => ({ kind: 'view', view }));
    if (node.kind === 'view') return node.view.elements.map((element, index) => ({ kind: 'element', view: node.view, element, index }));
    if (node.kind === 'element') {
      return node.element.paths.map((path, i) => ({ kind: 'path', view: node.view, element: node.element, path, id: `${node.view.uri}#${node.index}/${i}` }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'view') {
      const item = new vscode.TreeItem(node.view.title, node.view.elements.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = node.view.uri;
      item.description = `${node.view.kind} · ${node.view.elements.length} element${node.view.elements.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('type-hierarchy');
      item.command = openCommand(node.view.uri, node.view.line, 'Open view');
      return item;
    }
    if (node.kind === 'element') {
      const item = new vscode.TreeItem(node.element.name, node.element.paths.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `${node.view.uri}#${node.index}`;
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      item.description = node.element.paths.length ? `${node.element.paths.length} path${node.element.paths.length === 1 ? '' : 's'}` : undefined;
      item.command = openCommand(node.view.uri, node.element.line, 'Open element in view');
      return item;
    }
    const p = node.path;
    const item = new vscode.TreeItem(p.pattern);
    item.id = node.id;
    if (!p.exists) {
      item.description = 'missing';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.tooltip = `No file matches ${p.pattern}`;
    } else {
      item.iconPath = new vscode.ThemeIcon(p.uri ? 'file-code' : 'files');
    }
    if (p.uri && p.exists) {
      item.resourceUri = vscode.Uri.parse(p.uri);
      item.command = openCommand(p.uri, 1, 'Open code');
    } else if (p.exists) {
      item.command = { title: 'Find matching files', command: 'workbench.action.quickOpen', arguments: [p.pattern.replace(/\*\*?\/?/g, '').replace(/\/+$/, '')] };
    }
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
