// Definition lists as Python-Markdown's def_list extension reads them (the dialect mkdocs sites are rendered with),
// as a markdown-it block rule:
//
//     CDC                    every line of the block above the first `: ` line is a term (synonyms)
//     Change Data Capture
//     : Reading the log...   the definition; lazy (unindented) and indented lines continue it,
//       and publishing it.   further `: ` lines are further definitions of the same terms
//
//         More about it.     after a blank line, a paragraph indented four columns continues the last definition
//
// A `: ` block after a blank line takes the paragraph above as its terms (the loose form), or adds a definition to
// the list above. Python-Markdown renders a compact list (`Term\n: def\nTerm2\n: def2`, no blank lines) as a list
// nested inside the first definition, whose terms would be the definition's own lines; here an unindented line just
// above a `: ` line starts the next entry instead, which is what its author meant (an indented one continues the
// definition). Prose above a definition (more than a few lines, or a long line) is a paragraph: only its last line
// is the term.
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type Token from 'markdown-it/lib/token.mjs';

type BlockRule = Parameters<MarkdownIt['block']['ruler']['before']>[2];

/** More term lines than this above a `: ` line, or a longer one, is prose: only its last line is the term. */
export const MAX_TERM_LINES = 6;
export const MAX_TERM_LENGTH = 120;
const MARKER = /^:[ \t]/;
/** Lines that start a block of their own and can be neither a term nor a definition's continuation. */
const NOT_TEXT = /^(?:#|>|\||<|\*\[|```|~~~)/;

export function definitionListPlugin(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'python_deflist', definitionList as unknown as BlockRule, { alt: ['paragraph', 'blockquote'] });
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

function isBlank(state: StateBlock, line: number): boolean {
  return state.bMarks[line] + state.tShift[line] >= state.eMarks[line];
}

/** A `: definition` line at the current block's indentation (not indented code). */
function isMarker(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine || isBlank(state, line)) return false;
  const indent = state.sCount[line] - state.blkIndent;
  return indent >= 0 && indent < 4 && MARKER.test(lineText(state, line));
}

function canBeTerm(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine || isBlank(state, line) || state.sCount[line] - state.blkIndent >= 4 || state.sCount[line] < state.blkIndent) return false;
  const t = lineText(state, line);
  return !MARKER.test(t) && !NOT_TEXT.test(t);
}

function definitionList(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  // Interrupting a paragraph (or a setext heading's text, or a quote's lazy lines), only the line right above the
  // `: ` is a term.
  if (silent && (state.parentType === 'paragraph' || state.parentType === 'blockquote')) return canBeTerm(state, startLine, endLine) && isMarker(state, startLine + 1, endLine);

  if (isMarker(state, startLine, endLine)) return looseDefinition(state, startLine, endLine, silent);
  let marker = startLine;
  while (marker < endLine && marker - startLine <= MAX_TERM_LINES && canBeTerm(state, marker, endLine)) marker++;
  if (marker === startLine || !isMarker(state, marker, endLine)) return false;
  // Prose above the `: ` stays a paragraph, which the line right above it interrupts as the term.
  let prose = marker - startLine > MAX_TERM_LINES;
  for (let l = startLine; l < marker && !prose; l++) prose = lineText(state, l).trim().length > MAX_TERM_LENGTH;
  if (prose && marker - startLine > 1) return false;
  if (silent) return true;

  const terms: number[] = [];
  for (let l = startLine; l < marker; l++) terms.push(l);
  const dlOpen = state.push('dl_open', 'dl', 1);
  dlOpen.map = [startLine, startLine];
  pushTerms(state, terms);
  const end = pushDefinitions(state, marker, endLine);
  dlOpen.map[1] = end;
  state.push('dl_close', 'dl', -1);
  state.line = end;
  return true;
}

/**
 * A `: ` line that starts a block: more definitions of the list just above (after a blank line), or the loose form
 * whose terms are the paragraph above. Anything else (a `: ` at the start of a document) is a paragraph.
 */
function looseDefinition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const tokens = state.tokens;
  const last = tokens[tokens.length - 1];
  if (last?.type === 'dl_close' && last.level === state.level) {
    if (silent) return true;
    tokens.pop();
    const end = pushDefinitions(state, startLine, endLine);
    state.push('dl_close', 'dl', -1);
    state.line = end;
    return true;
  }
  const open = tokens[tokens.length - 3];
  if (last?.type !== 'paragraph_close' || open?.type !== 'paragraph_open' || open.level !== state.level || !open.map) return false;
  const [from, to] = open.map;
  if (to - from > MAX_TERM_LINES) return false;
  for (let l = from; l < to; l++) if (!canBeTerm(state, l, endLine) || lineText(state, l).trim().length > MAX_TERM_LENGTH) return false;
  if (silent) return true;
  tokens.length -= 3;
  const terms: number[] = [];
  for (let l = from; l < to; l++) terms.push(l);
  const dlOpen = state.push('dl_open', 'dl', 1);
  pushTerms(state, terms);
  const end = pushDefinitions(state, startLine, endLine);
  dlOpen.map = [from, end];
  state.push('dl_close', 'dl', -1);
  state.line = end;
  return true;
}

function pushTerms(state: StateBlock, lines: number[]): void {
  for (const l of lines) {
    const open = state.push('dt_open', 'dt', 1);
    open.map = [l, l + 1];
    pushInline(state, lineText(state, l).trim(), l, l + 1);
    state.push('dt_close', 'dt', -1);
  }
}

/**
 * The definitions from the `: ` line at `line` on; returns the line after the last one. Each definition is its
 * `: ` line and the lines continuing it, then paragraphs indented four columns after blank lines.
 */
function pushDefinitions(state: StateBlock, line: number, endLine: number): number {
  let l = line;
  while (isMarker(state, l, endLine)) {
    const ddOpen = state.push('dd_open', 'dd', 1);
    const first = l;
    let paragraph: string[] = [lineText(state, l).replace(MARKER, '').trim()];
    let paragraphStart = l;
    l++;
    for (;;) {
      // Continuation lines: lazy or indented text, up to a further `: ` line or the next entry's term.
      while (l < endLine && !isBlank(state, l) && !isMarker(state, l, endLine) && continues(state, l, endLine)) {
        paragraph.push(lineText(state, l).trim());
        l++;
      }
      pushParagraph(state, paragraph, paragraphStart, l);
      // After blank lines, a paragraph indented four columns more belongs to this definition.
      let next = l;
      while (next < endLine && isBlank(state, next)) next++;
      if (next > l && next < endLine && state.sCount[next] - state.blkIndent >= 4) {
        l = next;
        paragraph = [];
        paragraphStart = l;
        while (l < endLine && !isBlank(state, l) && state.sCount[l] - state.blkIndent >= 4) {
          paragraph.push(lineText(state, l).trim());
          l++;
        }
        continue;
      }
      break;
    }
    ddOpen.map = [first, l];
    state.push('dd_close', 'dd', -1);
    // Another `: ` line, right below or after blank lines, is another definition of the same terms.
    let next = l;
    while (next < endLine && isBlank(state, next)) next++;
    if (isMarker(state, next, endLine)) l = next;
  }
  return l;
}

/**
 * Does line `l` continue a definition? An indented line does; an unindented one unless it starts a block of its
 * own or is the next entry's term (the line right above a `: `).
 */
function continues(state: StateBlock, l: number, endLine: number): boolean {
  if (state.sCount[l] < state.blkIndent) return false;
  if (state.sCount[l] - state.blkIndent >= 2) return true;
  const t = lineText(state, l);
  if (NOT_TEXT.test(t)) return false;
  return !isMarker(state, l + 1, endLine);
}

function pushParagraph(state: StateBlock, lines: string[], from: number, to: number): void {
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [from, to];
  pushInline(state, lines.join('\n'), from, to);
  state.push('paragraph_close', 'p', -1);
}

function pushInline(state: StateBlock, content: string, from: number, to: number): Token {
  const inline = state.push('inline', '', 0);
  inline.content = content;
  inline.map = [from, to];
  inline.children = [];
  return inline;
}
