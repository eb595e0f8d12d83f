// Inlay hints: after a bare decision id (`// ADR-0007`) the decision's title and status, so a reader knows what is
// cited without hovering; optionally, after a glossary term in code, its definition. A hint never repeats what the
// author wrote: none where the reference is followed by its title or the line already names the decision, none on a
// markdown link (its text already says where it goes), none on a decision's own id. Titles and definitions are cut
// at a word boundary to `inlayHints.maxLength`.
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { isMarkdownPath } from '../core/paths';
import type { Decision, DecisionReference } from '../core/model';
import { shortenAtWord } from '../core/text';
import type { FeatureContext, FeatureDocument } from './context';
import { decisionNumberLabel, decisionStatusText } from '../core/lifecycle';

export function inlayHints(ctx: FeatureContext, doc: FeatureDocument, range: Range): InlayHint[] {
  const { decisions, terms } = ctx.settings.inlayHints;
  const hints: InlayHint[] = [];
  const markdown = doc.languageId === 'markdown' || isMarkdownPath(doc.path);
  if (decisions) hints.push(...decisionHints(ctx, doc, range, markdown));
  if (terms && !markdown) hints.push(...termHints(ctx, doc, range));
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function decisionHints(ctx: FeatureContext, doc: FeatureDocument, range: Range, markdown: boolean): InlayHint[] {
  const hints: InlayHint[] = [];
  const references = ctx.snapshot.referencesIn(doc.path);
  const links = references.filter((r) => r.form === 'link');
  // The words of a line and whether it names a decision, once per line: a generated file may hold thousands of
  // references on one 200 KB line, and redoing either per reference made one request take a minute.
  let lineNo = -1;
  let line = '';
  let lineWords: string[] = [];
  const named = new Map<string, boolean>();
  for (const reference of references) {
    if (reference.form !== 'adr-id') continue;
    const position = { line: reference.range.end.line - 1, character: reference.range.end.character };
    if (before(position, range.start) || before(range.end, position)) continue;
    const decision = ctx.snapshot.resolve(reference, doc.path);
    if (!decision || decision.path === doc.path) continue;
    if (reference.range.end.line !== lineNo) {
      lineNo = reference.range.end.line;
      line = doc.lines.lineText(lineNo);
      lineWords = words(line);
      named.clear();
    }
    if (markdown && isLinkText(reference, line, links)) continue;
    let titled = named.get(decision.path);
    if (titled === undefined) named.set(decision.path, (titled = containsRun(lineWords, words(decision.title))));
    if (titled || namesDecision(line, reference.range.end.character, decision, [])) continue;
    hints.push({ position, label: hintLabel(ctx, decision), paddingLeft: true });
  }
  return hints;
}

/** The glossary's definition after each use of a term in code, once per term and line. */
function termHints(ctx: FeatureContext, doc: FeatureDocument, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const glossary = ctx.snapshot.glossary.forPath(doc.path);
  const max = ctx.settings.inlayHints.maxLength;
  const seen = new Set<string>();
  // "ADR" in `ADR-0007` is a decision reference, whatever the glossary says about the word.
  const references = ctx.snapshot.referencesIn(doc.path);
  const inReference = (line: number, start: number, end: number) =>
    references.some((r) => r.range.start.line === line + 1 && r.range.start.character < end && start < r.range.end.character);
  for (let line = range.start.line; line <= Math.min(range.end.line, doc.lines.lineCount - 1); line++) {
    const text = doc.lines.lineText(line + 1);
    for (const m of glossary.matcher.findAll(text)) {
      const term = glossary.terms[m.id];
      const key = `${line}:${m.id}`;
      if (!term || seen.has(key) || !term.definition.trim() || inReference(line, m.start, m.end)) continue;
      seen.add(key);
      // A line that already spells out the definition (or its first words) needs no hint.
      if (text.slice(m.end).toLowerCase().includes(firstWords(term.definition, 3).toLowerCase())) continue;
      hints.push({ position: { line, character: m.end }, label: shortenAtWord(firstSentence(term.definition), max), paddingLeft: true });
    }
  }
  return hints;
}

/** "Use Kafka Connect (accepted)", "Nightly batch ingestion (superseded by ADR-0007)". */
export function hintLabel(ctx: FeatureContext, decision: Decision): string {
  const max = ctx.settings.inlayHints.maxLength;
  const title = shortenAtWord(decision.title, max);
  let status = decisionStatusText(decision);
  if (decision.status === 'superseded') {
    const successor = decision.supersededBy.map((id) => ctx.snapshot.decision(id)).find((d) => d?.number !== undefined);
    if (successor) status = `superseded by ${decisionNumberLabel(successor)}`;
  }
  return status ? `${title} (${shortenAtWord(status, max)})` : title;
}

/**
 * Does the line already name the decision? Its whole title anywhere on the line, or, right after the reference
 * (past `:`, `(`, dashes and quotes), the title's first two words or more: `ADR-0004 (medallion layers)`.
 */
function namesDecision(line: string, afterReference: number, decision: Pick<Decision, 'title'>, lineWords = words(line)): boolean {
  const title = words(decision.title);
  if (title.length === 0) return true;
  if (containsRun(lineWords, title)) return true;
  // Only the title's words right after the reference count: a bounded slice, not the rest of a long line.
  const after = words(line.slice(afterReference, afterReference + 2 * decision.title.length + 32));
  const needed = Math.min(2, title.length);
  let k = 0;
  while (k < after.length && k < title.length && after[k] === title[k]) k++;
  return k >= needed;
}

/** Is the reference the text of a markdown link (`[ADR-0007](…)`, `[ADR-0007]`)? */
function isLinkText(reference: DecisionReference, line: string, links: readonly DecisionReference[]): boolean {
  const inside = links.some(
    (l) =>
      !before(toPos(reference.range.start), toPos(l.range.start)) && !before(toPos(l.range.end), toPos(reference.range.end)),
  );
  if (inside) return true;
  const open = line.lastIndexOf('[', reference.range.start.character);
  const close = line.indexOf(']', reference.range.end.character);
  return open >= 0 && close >= 0 && !line.slice(open + 1, reference.range.start.character).includes(']') && !line.slice(reference.range.end.character, close).includes('[');
}

function toPos(p: { line: number; character: number }): { line: number; character: number } {
  return { line: p.line, character: p.character };
}

function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function firstSentence(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end > 0 ? flat.slice(0, end) : flat;
}

function firstWords(s: string, n: number): string {
  return s.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ');
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
