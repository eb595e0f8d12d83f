// The Glossary tree: terms A–Z (letter groups for long glossaries), the definition as tooltip, a click opens
// the definition.
import * as vscode from 'vscode';
import { GlossaryRequest, type TermItem } from '../../../server/src/protocol';
import { coalesce } from '../coalesce';
import { openCommand } from '../editor';
import { LETTER_GROUP_THRESHOLD, letterGroups, sortTerms, termTooltip, type LetterGroup } from '../model/glossary';
import type { Session } from '../session';

type Node = { kind: 'letter'; group: LetterGroup } | { kind: 'term'; term: TermItem };

export class GlossaryView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private terms: TermItem[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly session: Session) {
    this.disposables.push(vscode.window.createTreeView('archlens.glossary', { treeDataProvider: this }), session.onDidChangeStatus(() => this.reload()));
    this.reload();
  }

  get all(): readonly TermItem[] {
    return this.terms;
  }

  readonly reload = coalesce(async () => {
    const next = sortTerms((await this.session.request(GlossaryRequest, {})) ?? []);
    if (JSON.stringify(next) !== JSON.stringify(this.terms)) {
      this.terms = next;
      this.emitter.fire();
    }
  });

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.terms.length > LETTER_GROUP_THRESHOLD) return letterGroups(this.terms).map((group) => ({ kind: 'letter', group }));
      return this.terms.map((term) => ({ kind: 'term', term }));
    }
    return node.kind === 'letter' ? node.group.terms.map((term) => ({ kind: 'term', term })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'letter') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `letter:${node.group.letter}`;
      return item;
    }
    const t = node.term;
    const item = new vscode.TreeItem(t.term);
    item.id = `${t.uri}#${t.line}:${t.term}`;
    item.description = t.aliases.join(', ') || undefined;
    item.tooltip = new vscode.MarkdownString().appendText(termTooltip(t));
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    item.contextValue = 'glossaryTerm';
    item.command = openCommand(t.uri, t.line, 'Open definition');
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
