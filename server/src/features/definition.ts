// Go to definition: from a decision reference to the decision's title, from a glossary term to its definition.
import type { Location, Position } from 'vscode-languageserver-types';
import type { FeatureContext, FeatureDocument } from './context';
import { decisionReferenceAt, termAt } from './hover';

export function definition(ctx: FeatureContext, doc: FeatureDocument, position: Position): Location[] | null {
  const ref = decisionReferenceAt(ctx, doc, position);
  if (ref) return [lineLocation(ctx, ref.decision.path, ref.decision.line)];
  const found = termAt(ctx, doc, position);
  if (found) return [lineLocation(ctx, found.term.path, found.term.line)];
  return null;
}

/**
 * The start of a 1-based line of a workspace file. The snapshot keeps no text, so the range is empty: editors
 * reveal the line and put the cursor at its start.
 */
export function lineLocation(ctx: FeatureContext, path: string, line: number): Location {
  const l = Math.max(0, line - 1);
  return { uri: ctx.uriOf(path), range: { start: { line: l, character: 0 }, end: { line: l, character: 0 } } };
}
