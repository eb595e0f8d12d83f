// mkdocs / Python-Markdown admonitions as a markdown-it block rule: `!!! note "Title"` (or the collapsible
// `??? info` and `???+ info`) followed by a body indented four spaces. The body is parsed as ordinary markdown, so
// a status line, a metadata table or a list inside an admonition reads exactly as it would outside one.
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

// The rule is typed against the ESM declarations; markdown-it's root types see the same state through the CJS ones.
type BlockRule = Parameters<MarkdownIt['block']['ruler']['before']>[2];
// The marker, the kind (a word; Python-Markdown allows several class names) and an optional quoted title.
const OPENER = /^(!!!|\?\?\?\+?)[ \t]+([\w-]+(?:[ \t]+[\w-]+)*)?[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')?[ \t]*$/;
const BODY_INDENT = 4;

export interface AdmonitionInfo {
  kind: string;
  title: string;
}

export function admonitionPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'admonition', admonition as unknown as BlockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

function admonition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const c = state.src.charCodeAt(start);
  if (c !== 0x21 /* ! */ && c !== 0x3f /* ? */) return false;
  const m = OPENER.exec(state.src.slice(start, max));
  if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) return false;
  if (silent) return true;

  // The body: following lines indented at least four columns more than the marker, and blank lines between them.
  const bodyIndent = state.sCount[startLine] + BODY_INDENT;
  let last = startLine;
  for (let line = startLine + 1; line < endLine; line++) {
    const blank = state.bMarks[line] + state.tShift[line] >= state.eMarks[line];
    if (blank) continue;
    if (state.sCount[line] < bodyIndent) break;
    last = line;
  }
  const next = last + 1;

  const kinds = (m[2] ?? '').trim().split(/[ \t]+/);
  const info: AdmonitionInfo = { kind: (kinds[0] ?? '').toLowerCase(), title: m[3] ?? m[4] ?? '' };
  const open = state.push('admonition_open', 'div', 1);
  open.markup = m[1];
  open.block = true;
  open.info = `${info.kind} ${info.title}`.trim();
  open.meta = info;
  open.map = [startLine, next];

  if (next > startLine + 1) {
    const oldParent = state.parentType;
    const oldIndent = state.blkIndent;
    const oldLineMax = state.lineMax;
    state.parentType = 'admonition' as typeof state.parentType;
    state.blkIndent = bodyIndent;
    state.lineMax = next;
    state.md.block.tokenize(state, startLine + 1, next);
    state.parentType = oldParent;
    state.blkIndent = oldIndent;
    state.lineMax = oldLineMax;
  }

  const close = state.push('admonition_close', 'div', -1);
  close.markup = m[1];
  close.block = true;
  state.line = next;
  return true;
}
