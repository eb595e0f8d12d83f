// Document links: every reference to a known decision (ADR-0007, @adr 7, a link to a decision file) opens the
// decision at its title. The references come from the file's record, so a request does not rescan the file.
import type { DocumentLink } from 'vscode-languageserver-types';
import { toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { decisionLabel } from '../core/lifecycle';
import { lineUri } from './markdownText';

export function documentLinks(ctx: FeatureContext, doc: FeatureDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const reference of ctx.snapshot.referencesIn(doc.path)) {
    const decision = ctx.snapshot.resolve(reference, doc.path);
    // An unknown number gets no link: a link that opens nothing is worse than none (diagnostics report it).
    if (!decision) continue;
    links.push({ range: toLspRange(reference.range), target: lineUri(ctx, decision.path, decision.line), tooltip: decisionLabel(decision) });
  }
  return links;
}
