// The short and the searchable forms of a decision: the first lines of its Decision section for hovers, and a bounded
// plain-text rendering of its body for fuzzy search.
import type { MarkdownOutlineDocument } from '../markdown';

const DECISION_HEADING = /^(?:the\s+)?(?:decision(?:\s+outcome)?|decisions|outcome|proposal|proposed\s+decision)\s*:?$/i;
const MAX_SUMMARY_LINES = 8;
const MAX_SUMMARY_CHARS = 600;
const MAX_SEARCH_CHARS = 4000;
/** How much of the body the search text is drawn from: enough for 4,000 characters of prose after markup is gone. */
const SEARCH_SOURCE_CHARS = 16000;
const INLINE_COMMENT = /<!--[\s\S]*?-->/g;

/** The first lines of the "Decision" / "Decision Outcome" section as markdown, or '' when there is none. */
export function decisionSummary(doc: MarkdownOutlineDocument): string {
  const { outline, lines: rawLines, bodyLine: firstLine } = doc;
  const section = outline.sections.find((s) => s.heading.level >= 2 && DECISION_HEADING.test(s.heading.text));
  if (!section) return '';
  // Subheadings inside the section: MADR's "### Consequences" after the outcome is not the decision, but a section
  // that opens straight with "#### Components" has its decision below that heading.
  const subheadings = new Set<number>();
  for (const h of outline.headings) if (h.line > section.heading.line && h.line <= section.endLine) subheadings.add(h.line);
  const last = section.endLine;
  const out: string[] = [];
  let chars = 0;
  let inComment = false;
  let lastLine = 0;
  for (let line = section.startLine; line <= last && out.length < MAX_SUMMARY_LINES; line++) {
    if (subheadings.has(line) && out.some((l) => l !== '')) break;
    let text = (rawLines[line - firstLine] ?? '').slice(0, MAX_SUMMARY_CHARS + 100);
    // HTML comments ("<!-- This is an optional element -->") are notes to the author, not part of the decision.
    if (inComment) {
      const end = text.indexOf('-->');
      if (end < 0) continue;
      inComment = false;
      text = text.slice(end + 3);
    }
    text = text.replace(INLINE_COMMENT, '');
    const open = text.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      text = text.slice(0, open);
    }
    if (text.trim() === '') text = '';
    if (text === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    if (chars + text.length > MAX_SUMMARY_CHARS) {
      const room = MAX_SUMMARY_CHARS - chars;
      const cut = text.lastIndexOf(' ', room);
      out.push(`${text.slice(0, cut > 0 ? cut : room).trimEnd()} …`);
      lastLine = line;
      break;
    }
    out.push(text.trimEnd());
    lastLine = line;
    chars += text.length + 1;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  // A summary cut inside a code block would swallow whatever a hover shows after it.
  const fence = outline.blocks.find((b) => b.fence !== undefined && lastLine >= b.line && lastLine < b.endLine);
  if (fence && out.length > 0) out.push(fence.fence as string);
  return out.join('\n');
}

const STRIP: [RegExp, string][] = [
  [/<!--[\s\S]*?(?:-->|$)/g, ' '],
  // Bounded repetitions: an unclosed "[" or "<" costs a few hundred steps, not a scan to the end of the text.
  [/!\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/g, '$1'],
  [/\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/g, '$1'],
  [/<(https?:[^>\s]{0,500})>/g, '$1'],
  [/<\/?[a-zA-Z][^>\n]{0,300}>/g, ' '],
  [/^[ \t]{0,3}#{1,6}[ \t]+/gm, ''],
  [/^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+/gm, ''],
  [/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, ' '],
  [/[|*_`~]+/g, ' '],
  [/\s+/g, ' '],
];

/** Plain text of the title and body, markup removed, at most about 4,000 characters. */
export function searchTextOf(title: string, doc: MarkdownOutlineDocument): string {
  const lines = doc.lines.slice();
  // The fence lines of code blocks are markup; the code between them stays searchable.
  for (const b of doc.outline.blocks) {
    if (b.fence === undefined) continue;
    lines[b.line - doc.bodyLine] = '';
    if (b.endLine > b.line && lines[b.endLine - doc.bodyLine]?.trimStart().startsWith(b.fence)) lines[b.endLine - doc.bodyLine] = '';
  }
  const body = lines.join('\n');
  let text = body.length > SEARCH_SOURCE_CHARS ? body.slice(0, SEARCH_SOURCE_CHARS) : body;
  for (const [pattern, replacement] of STRIP) text = text.replace(pattern, replacement);
  const full = `${title} ${text.trim()}`.trim();
  if (full.length <= MAX_SEARCH_CHARS) return full;
  const cut = full.lastIndexOf(' ', MAX_SEARCH_CHARS);
  return full.slice(0, cut > MAX_SEARCH_CHARS - 200 ? cut : MAX_SEARCH_CHARS);
}
