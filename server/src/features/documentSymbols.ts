// Document symbols, so the outline and the breadcrumbs show what Archlens knows about a file: a decision (its title,
// status and sections), a glossary (each term it defines) and an architecture view (its title and elements).
// Names are plain text from the index and the parsed markdown.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { MarkdownDocument } from '../core/markdown';
import type { Decision } from '../core/model';
import { shortenAtWord } from '../core/text';
import type { FeatureContext, FeatureDocument } from './context';
import { nameRange } from './definition';
import { decisionLabel, decisionStatusText } from '../core/lifecycle';

export function documentSymbols(ctx: FeatureContext, doc: FeatureDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const decision = ctx.snapshot.decisionAt(doc.path);
  if (decision) symbols.push(decisionSymbol(doc, decision, ctx.snapshot.markdownOf(doc.path, doc.text)));
  for (const view of ctx.snapshot.views) {
    if (view.path !== doc.path) continue;
    symbols.push({
      name: view.title,
      detail: view.kind,
      kind: SymbolKind.Namespace,
      range: lines(doc, view.line, doc.lines.lineCount),
      selectionRange: titleOf(doc, view.line),
      children: view.elements.map((e) => ({
        name: e.name,
        kind: SymbolKind.Module,
        range: lines(doc, e.line, e.line),
        selectionRange: nameOn(doc, e.line, [e.name]),
      })),
    });
  }
  for (const term of ctx.snapshot.terms) {
    if (term.path !== doc.path) continue;
    symbols.push({
      name: term.term,
      detail: shortenAtWord(term.definition, 60),
      kind: SymbolKind.Constant,
      range: lines(doc, term.line, term.line),
      selectionRange: nameOn(doc, term.line, [term.term, ...term.aliases]),
    });
  }
  return symbols;
}

/** The decision over the whole file; under it its status and its sections, nested by heading level. */
function decisionSymbol(doc: FeatureDocument, d: Decision, model: MarkdownDocument): DocumentSymbol {
  const children: DocumentSymbol[] = [];
  const status = decisionStatusText(d);
  if (status && d.statusLine) {
    children.push({ name: `Status: ${status}`, kind: SymbolKind.Property, range: lines(doc, d.statusLine, d.statusLine), selectionRange: lines(doc, d.statusLine, d.statusLine) });
  }
  const outline = model.outline;
  // Sections as a tree: each heading holds the deeper ones that follow it.
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  for (const section of outline.sections) {
    const h = section.heading;
    if (h.line === d.line || !h.text.trim()) continue;
    const symbol: DocumentSymbol = { name: h.text, kind: SymbolKind.String, range: lines(doc, h.line, section.endLine), selectionRange: titleOf(doc, h.line), children: [] };
    while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].symbol.children! : children).push(symbol);
    stack.push({ level: h.level, symbol });
  }
  return {
    name: decisionLabel(d),
    detail: status,
    kind: SymbolKind.File,
    range: lines(doc, 1, doc.lines.lineCount),
    selectionRange: titleOf(doc, d.line),
    children,
  };
}

/** Whole lines `from`..`to` (1-based, inclusive), clamped to the document. */
function lines(doc: FeatureDocument, from: number, to: number): Range {
  const last = Math.max(1, doc.lines.lineCount);
  const a = Math.min(Math.max(1, from), last);
  const b = Math.min(Math.max(a, to), last);
  return { start: { line: a - 1, character: 0 }, end: { line: b - 1, character: doc.lines.lineText(b).length } };
}

function titleOf(doc: FeatureDocument, line: number): Range {
  return nameOn(doc, line, []);
}

/** Within the (clamped) line, so a selection range always lies inside its symbol's range. */
function nameOn(doc: FeatureDocument, line: number, names: readonly string[]): Range {
  const l = Math.min(Math.max(1, line), Math.max(1, doc.lines.lineCount));
  return nameRange(doc.lines.lineText(l), l, names);
}
