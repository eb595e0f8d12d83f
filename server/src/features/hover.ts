// Hover: a decision reference under the cursor shows the decision; a glossary term shows its definition. Both
// look at the hovered line only (the references come from the file's record, the terms from the folder's matcher),
// so a hover costs the same in a 20-line script and a 20 MB log.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Decision, DecisionReference, GlossaryTerm } from '../core/model';
import { explanationLines } from '../core/staleExplain';
import type { StaleFinding } from '../core/staleness';
import type { IndexSnapshot } from '../core/snapshot';
import { staleIndexOf } from '../core/rules/staleDocumentation';
import { rangeContains, toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { decisionLabel, decisionStatusText } from '../core/lifecycle';
import { escapeMarkdown, markdownLink, toSafeMarkdown } from '../core/safeMarkdown';
import { whyIndexOf } from '../core/why/rank';
import { schemaHover } from './yamlSchema';
import { guardrailHover } from './guardrails';
import { decisionMarkdown, lineUri, workspaceLinkPolicy } from './markdownText';

export interface ReferenceAt {
  reference: DecisionReference;
  decision: Decision;
}

/** The decision reference under the cursor (the cursor just after it counts), when it cites a known decision. */
export function decisionReferenceAt(ctx: FeatureContext, doc: FeatureDocument, position: Position): ReferenceAt | undefined {
  for (const reference of ctx.snapshot.referencesIn(doc.path)) {
    if (!rangeContains(reference.range, position)) continue;
    const decision = ctx.snapshot.resolve(reference, doc.path);
    if (decision) return { reference, decision };
  }
  return undefined;
}

export interface TermAt {
  term: GlossaryTerm;
  /** Offsets of the matched text in the document. */
  start: number;
  end: number;
}

/** The glossary term under the cursor (the cursor just after its last character counts), in the file's scope. */
export function termAt(ctx: FeatureContext, doc: FeatureDocument, position: Position): TermAt | undefined {
  const glossary = ctx.snapshot.glossary.forPath(doc.path);
  if (glossary.terms.length === 0) return undefined;
  const line = position.line + 1;
  if (line > doc.lines.lineCount) return undefined;
  const lineStart = doc.lines.offsetAt({ line, character: 0 });
  const offset = doc.lines.offsetAt({ line, character: position.character });
  // matchAt scans a window of the lines around the offset, so a term broken over a line break is found whole.
  let match = glossary.matcher.matchAt(doc.text, offset);
  if (!match && offset > lineStart) match = glossary.matcher.matchAt(doc.text, offset - 1);
  if (!match) return undefined;
  const term = glossary.terms[match.id];
  return term ? { term, start: match.start, end: match.end } : undefined;
}

/**
 * Hover texts of a snapshot, by the decision or term hovered, with the stale findings they were written with:
 * moving the mouse over the same word again answers without rendering the summary or ranking decisions again.
 * A field of the snapshot (`snapshot.derived`).
 */
function hoverTexts(_snapshot: IndexSnapshot): Map<Decision | GlossaryTerm, { stale: readonly StaleFinding[]; text: string }> {
  return new Map();
}

function remembered(ctx: FeatureContext, key: Decision | GlossaryTerm, compute: () => string): string {
  const texts = ctx.snapshot.derived(hoverTexts);
  const known = texts.get(key);
  if (known && known.stale === ctx.stale) return known.text;
  const text = compute();
  texts.set(key, { stale: ctx.stale, text });
  return text;
}

export function hover(ctx: FeatureContext, doc: FeatureDocument, position: Position): Hover | null {
  // A key of `.archlens.yml` or of a decision's front matter: what it means.
  const key = schemaHover(ctx, doc, position);
  if (key) return key;
  const violation = guardrailHover(ctx, doc, position);
  if (violation) return violation;
  const ref = decisionReferenceAt(ctx, doc, position);
  if (ref) {
    const value = remembered(ctx, ref.decision, () => decisionMarkdown(ctx, ref.decision));
    return { contents: { kind: 'markdown', value }, range: toLspRange(ref.reference.range) };
  }
  const found = termAt(ctx, doc, position);
  if (found) {
    const start = doc.lines.positionAt(found.start);
    const end = doc.lines.positionAt(found.end);
    return {
      contents: { kind: 'markdown', value: remembered(ctx, found.term, () => termMarkdown(ctx, found.term)) },
      range: { start: { line: start.line - 1, character: start.character }, end: { line: end.line - 1, character: end.character } },
    };
  }
  // The first line of a governed file, where its code lens sits, tells why its documentation is stale.
  if (position.line === 0 && ctx.trusted) {
    const stale = (ctx.staleIndex?.() ?? staleIndexOf({ stale: ctx.stale, missing: [] })).byGoverned.get(doc.path);
    if (stale?.length) return { contents: { kind: 'markdown', value: stale.map((f) => staleMarkdown(ctx, f)).join('\n\n---\n\n') } };
  }
  return null;
}

/** A stale finding seen from the code it governs: what is stale, since when, and what changed. */
function staleMarkdown(ctx: FeatureContext, f: StaleFinding): string {
  const parts = [`⚠ **Stale documentation**: ${escapeMarkdown(f.message)}`];
  const explanation = ctx.explainStale?.(f);
  if (explanation) {
    const lines = explanationLines(explanation, 5);
    if (lines.length) parts.push(lines.map((l) => `- ${escapeMarkdown(l.trim())}`).join('\n'));
  }
  parts.push(markdownLink(f.docPath, lineUri(ctx, f.docPath, f.docLine)));
  return parts.join('\n\n');
}

/** The hover of a glossary term: name, definition, aliases, words to avoid, and a link to where it is defined. */
export function termMarkdown(ctx: FeatureContext, term: GlossaryTerm): string {
  const parts = [`**${escapeMarkdown(term.term)}**`];
  const definition = term.definition.trim();
  if (definition) parts.push(toSafeMarkdown(definition, workspaceLinkPolicy(ctx, term.path)));
  if (term.aliases.length) parts.push(`Also: ${term.aliases.map(escapeMarkdown).join(', ')}`);
  if (term.avoid.length) parts.push(`Avoid: ${term.avoid.map(escapeMarkdown).join(', ')}`);
  const decisions = termDecisionsMarkdown(ctx, term);
  if (decisions) parts.push(decisions);
  parts.push(`Defined in ${markdownLink(`${term.path}:${term.line}`, lineUri(ctx, term.path, term.line))}`);
  return parts.join('\n\n');
}

/** How many decisions a term hover lists before "more…". */
export const TERM_HOVER_DECISIONS = 3;

/**
 * The decisions about a term (in the title, or central in the decision; ranked as "why?" ranks them), so hovering
 * a word answers why without leaving the file. Each links to the decision's title line.
 */
export function termDecisionsMarkdown(ctx: FeatureContext, term: GlossaryTerm): string | undefined {
  const about = whyIndexOf(ctx.snapshot).about(term);
  if (about.length === 0) return undefined;
  // While documents are still completed after the first pass, the index may hold an earlier record of a decision
  // (or one deleted since): each is shown as the snapshot knows it now.
  const current = about.flatMap(({ decision: held }) => ctx.snapshot.decision(held.id) ?? []);
  if (current.length === 0) return undefined;
  const lines = current.slice(0, TERM_HOVER_DECISIONS).map((d) => {
    const status = decisionStatusText(d);
    return `- ${markdownLink(decisionLabel(d), lineUri(ctx, d.path, d.line))}${status ? ` (${escapeMarkdown(status)})` : ''}`;
  });
  const more = current.length - TERM_HOVER_DECISIONS;
  if (more > 0) lines.push(`- more… (${more} other decision${more === 1 ? '' : 's'}; ask *Archlens: Why…?*)`);
  return `Decisions about it:\n\n${lines.join('\n')}`;
}
