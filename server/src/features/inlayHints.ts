// Inlay hints: after a bare decision id in code (`// ADR-0007`), the decision's title and status, so a reader knows
// what is cited without hovering. Markdown is left alone: there the prose around a reference already says it.
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { isMarkdownPath } from '../core/paths';
import type { Decision } from '../core/model';
import type { FeatureContext, FeatureDocument } from './context';
import { decisionNumberLabel, decisionStatusText } from '../core/lifecycle';

const MAX_TITLE = 40;

export function inlayHints(ctx: FeatureContext, doc: FeatureDocument, range: Range): InlayHint[] {
  if (!ctx.settings.inlayHints.enabled) return [];
  if (doc.languageId === 'markdown' || isMarkdownPath(doc.path)) return [];
  const hints: InlayHint[] = [];
  for (const reference of ctx.snapshot.referencesIn(doc.path)) {
    if (reference.form !== 'adr-id') continue;
    const position = { line: reference.range.end.line - 1, character: reference.range.end.character };
    if (before(position, range.start) || before(range.end, position)) continue;
    const decision = ctx.snapshot.resolve(reference, doc.path);
    if (!decision) continue;
    const title = decision.title.trim();
    // `// ADR-0007 Kafka Connect and Debezium for CDC` already says what the hint would.
    const after = doc.lines.lineText(reference.range.end.line).slice(reference.range.end.character);
    if (title && after.replace(/^[\s:,(\-–—]+/, '').toLowerCase().startsWith(title.toLowerCase())) continue;
    hints.push({ position, label: hintLabel(ctx, decision), paddingLeft: true });
  }
  return hints;
}

/** "Use Kafka Connect (accepted)", "Nightly batch ingestion (superseded by ADR-0007)". */
export function hintLabel(ctx: FeatureContext, decision: Decision): string {
  const title = truncate(decision.title.trim().replace(/\s+/g, ' '), MAX_TITLE);
  let status = decisionStatusText(decision);
  if (decision.status === 'superseded') {
    const successor = decision.supersededBy.map((id) => ctx.snapshot.decision(id)).find((d) => d?.number !== undefined);
    if (successor) status = `superseded by ${decisionNumberLabel(successor)}`;
  }
  return status ? `${title} (${truncate(status, MAX_TITLE)})` : title;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
