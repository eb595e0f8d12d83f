// Where a markdown document holds code (code blocks and code spans, as offsets and as lines) and where it holds
// prose, from the tokens markdown.ts parsed once. Code is not prose: the reference scanners, the glossary and the
// rules that read words skip it.
import type Token from 'markdown-it/lib/token.mjs';
import type { MarkdownDocument } from './markdown';

/** Code blocks (by their lines) and code spans (found in the inline blocks markdown-it says hold one). */
export function codeRegions(text: string, tokens: Token[], bodyLine: number, end: number): { code: number[]; codeBlockLines: number[] } {
  // Without code there is nothing to place: most documents stop here without indexing their lines.
  if (!tokens.some((t) => t.type === 'fence' || t.type === 'code_block' || (t.type === 'inline' && t.children?.some((c) => c.type === 'code_inline')))) {
    return { code: [], codeBlockLines: [] };
  }
  const starts = lineStarts(text, end);
  const offsetOfLine = (line: number) => (line - 1 < starts.length ? starts[line - 1] : end);
  const code: number[] = [];
  const codeBlockLines: number[] = [];
  let lastMap: [number, number] | undefined;
  for (const t of tokens) {
    if (t.map) lastMap = t.map as [number, number];
    if (t.type === 'fence' || t.type === 'code_block') {
      if (!t.map) continue;
      const first = t.map[0] + bodyLine;
      const last = t.map[1] - 1 + bodyLine;
      codeBlockLines.push(first, last);
      code.push(offsetOfLine(first), Math.min(text.length, offsetOfLine(last + 1)));
    } else if (t.type === 'inline' && t.children?.some((c) => c.type === 'code_inline')) {
      const map = t.map ?? lastMap;
      if (!map) continue;
      const from = offsetOfLine(map[0] + bodyLine);
      const to = Math.min(text.length, offsetOfLine(map[1] + bodyLine));
      for (const [s, e] of codeSpans(text, from, to)) code.push(s, e);
    }
  }
  // Spans are found per block in document order and blocks do not overlap, but nested containers can repeat a range.
  const pairs: [number, number][] = [];
  for (let k = 0; k < code.length; k += 2) pairs.push([code[k], code[k + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [s, e] of pairs) {
    if (merged.length > 0 && s <= merged[merged.length - 1]) merged[merged.length - 1] = Math.max(merged[merged.length - 1], e);
    else merged.push(s, e);
  }
  return { code: merged, codeBlockLines };
}

/**
 * Code spans in text[from, to), CommonMark's rule: a run of backticks opens a span that the next run of the same
 * length closes; a backslash does not escape inside a span but does before one. Linear: each run is paired with
 * the next run of its length, found in one backward pass.
 */
function codeSpans(text: string, from: number, to: number): [number, number][] {
  const runStart: number[] = [];
  const runLength: number[] = [];
  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (c === 96) {
      let j = i;
      while (j < to && text.charCodeAt(j) === 96) j++;
      runStart.push(i);
      runLength.push(j - i);
      i = j;
    } else if (c === 92 /* \ */) i += 2;
    else i++;
  }
  const out: [number, number][] = [];
  if (runStart.length < 2) return out;
  const nextSame = new Array<number>(runStart.length).fill(-1);
  const seen = new Map<number, number>();
  for (let k = runStart.length - 1; k >= 0; k--) {
    nextSame[k] = seen.get(runLength[k]) ?? -1;
    seen.set(runLength[k], k);
  }
  for (let k = 0; k < runStart.length; ) {
    const close = nextSame[k];
    if (close < 0) {
      k++;
      continue;
    }
    out.push([runStart[k], runStart[close] + runLength[close]]);
    k = close + 1;
  }
  return out;
}

function lineStarts(text: string, end: number): number[] {
  const starts = [0];
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Is 1-based document `line` inside a code block of the document? */
export function inCodeBlock(doc: Pick<MarkdownDocument, 'codeBlockLines'>, line: number): boolean {
  const lines = doc.codeBlockLines;
  for (let k = 0; k < lines.length; k += 2) if (line >= lines[k] && line <= lines[k + 1]) return true;
  return false;
}

/**
 * Answers "is offset `at` inside code?" for increasing offsets in one pass over the document's code regions, as
 * the reference scanners ask it.
 */
export class CodeCursor {
  private k = 0;
  constructor(private readonly code: readonly number[]) {}

  covers(at: number): boolean {
    const code = this.code;
    while (this.k < code.length && code[this.k + 1] <= at) this.k += 2;
    return this.k < code.length && code[this.k] <= at;
  }
}

// Inside a line: link destinations and autolinks/URLs, which are not prose.
const NOT_PROSE = /\]\([^)\s]*(?:\s+"[^"]*")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\bhttps?:\/\/[^\s)>\]]+/gi;

/** [start, end) offset pairs of the words a person reads: the document outside code, link destinations and URLs. */
export function proseSegments(doc: MarkdownDocument): number[] {
  const out: number[] = [];
  const { text, code } = doc;
  let from = 0;
  const addRange = (start: number, end: number) => {
    if (end <= start) return;
    const slice = text.slice(start, end);
    let s = start;
    NOT_PROSE.lastIndex = 0;
    for (let x = NOT_PROSE.exec(slice); x !== null; x = NOT_PROSE.exec(slice)) {
      if (start + x.index > s) out.push(s, start + x.index);
      s = start + x.index + x[0].length;
    }
    if (end > s) out.push(s, end);
  };
  for (let k = 0; k < code.length; k += 2) {
    addRange(from, code[k]);
    from = code[k + 1];
  }
  addRange(from, text.length);
  return out;
}
