// Workspace symbols (Ctrl+T): decisions, glossary terms, views and view elements of every workspace folder,
// ranked by the index's fuzzy search. An empty query lists the decisions and views, which is what a reader
// browsing the architecture wants first.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { SearchHit } from '../core/search';
import type { FeatureContext } from './context';
import { lineLocation } from './definition';
import { decisionLabel, decisionStatusText } from '../core/lifecycle';

export const MAX_SYMBOLS = 1000;

/** `hitsOf` gives a folder's search hits when the caller searched already (in slices, see session/budget.ts). */
export function workspaceSymbols(
  contexts: readonly FeatureContext[],
  query: string,
  hitsOf: (ctx: FeatureContext) => readonly SearchHit[] = (ctx) => ctx.snapshot.search(query, MAX_SYMBOLS),
): SymbolInformation[] {
  if (!query.trim()) {
    const out: SymbolInformation[] = [];
    for (const ctx of contexts) {
      for (const decision of ctx.snapshot.decisions) out.push(symbolOf(ctx, { kind: 'decision', score: 0, decision }));
      for (const view of ctx.snapshot.views) out.push(symbolOf(ctx, { kind: 'view', score: 0, view }));
      if (out.length >= MAX_SYMBOLS) break;
    }
    return out.slice(0, MAX_SYMBOLS);
  }
  // Scores of fuse.js are comparable across folders (0 is a perfect match), so the folders' hits merge by score.
  const hits: { ctx: FeatureContext; hit: SearchHit; order: number }[] = [];
  let order = 0;
  for (const ctx of contexts) for (const hit of hitsOf(ctx)) hits.push({ ctx, hit, order: order++ });
  hits.sort((a, b) => a.hit.score - b.hit.score || a.order - b.order);
  return hits.slice(0, MAX_SYMBOLS).map(({ ctx, hit }) => symbolOf(ctx, hit));
}

function symbolOf(ctx: FeatureContext, hit: SearchHit): SymbolInformation {
  switch (hit.kind) {
    case 'decision': {
      const d = hit.decision;
      // A decision is a document: File is the kind editors draw as a page.
      const symbol: SymbolInformation = { name: decisionLabel(d), kind: SymbolKind.File, location: lineLocation(ctx, d.path, d.line) };
      const container = [decisionStatusText(d), ctx.snapshot.sourceOf(d.path)].filter(Boolean).join(' · ');
      if (container) symbol.containerName = container;
      return symbol;
    }
    case 'term':
      // A term is a fixed name with one meaning; Constant is the closest symbol kind.
      return { name: hit.term.term, kind: SymbolKind.Constant, location: lineLocation(ctx, hit.term.path, hit.term.line), containerName: hit.term.path };
    case 'view':
      // A view groups elements as a namespace groups declarations.
      return { name: hit.view.title, kind: SymbolKind.Namespace, location: lineLocation(ctx, hit.view.path, hit.view.line), containerName: [hit.view.kind, ctx.snapshot.sourceOf(hit.view.path)].filter(Boolean).join(' · ') };
    case 'element':
      return { name: hit.element.name, kind: SymbolKind.Module, location: lineLocation(ctx, hit.view.path, hit.element.line), containerName: hit.view.title };
  }
}
