// The Glossary tree: terms A–Z (letter groups for long glossaries), the definition as tooltip, a click opens
// the definition.
import * as vscode from 'vscode';
import { GlossaryRequest, type RelatedDecision, type TermItem } from '../../../server/src/protocol';
import { coalesce } from '../coalesce';
import { openCommand } from '../editor';
import { LETTER_GROUP_THRESHOLD, letterGroups, sortTerms, termTooltip, type LetterGroup } from '../model/glossary';
import type { Session } from '../session';

type Node =
  | { kind: 'letter'; group: LetterGroup }
  | { kind: 'term'; term: TermItem }
  | { kind: 'decision'; term: TermItem; decision: RelatedDecision }
  | { kind: 'more'; term: TermItem; count: number };

export class GlossaryView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private terms: TermItem[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly session: Session) {
    this.disposables.push(vscode.window.createTreeView('archlens.glossary', { treeDataProvider: this }), session.onDidChangeIndex(() => this.reload()));
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
    if (node.kind === 'letter') return node.group.terms.map((term) => ({ kind: 'term', term }));
    if (node.kind !== 'term') return [];
    // The decisions about the term, as its hover lists them: at most three, then "more…" (which asks Why…?).
    const children: Node[] = (node.term.decisions ?? []).map((decision) => ({ kind: 'decision', term: node.term, decision }));
    if (node.term.moreDecisions) children.push({ kind: 'more', term: node.term, count: node.term.moreDecisions });
    return children;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'letter') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `letter:${node.group.letter}`;
      return item;
    }
    if (node.kind === 'decision') {
      const item = new vscode.TreeItem(node.decision.label);
      item.id = `${node.term.uri}#${node.term.line}:${node.term.term}>${node.decision.id}`;
      item.iconPath = new vscode.ThemeIcon('law');
      item.command = openCommand(node.decision.uri, 1, 'Open decision');
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`more… (${node.count})`);
      item.id = `${node.term.uri}#${node.term.line}:${node.term.term}>more`;
      item.tooltip = 'Ask Why…? about this term';
      item.command = { title: 'Why…?', command: 'archlens.why', arguments: [`why ${node.term.term}`] };
      return item;
    }
    const t = node.term;
    const item = new vscode.TreeItem(t.term, t.decisions?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
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
