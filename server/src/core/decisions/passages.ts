// The prose of a decision as sentences, each with the section it belongs to and its line: what the "why?" search
// ranks and quotes. Read from the markdown outline the parser already built, so a sentence's section is the
// heading it sits under, whatever the template calls it (Nygard's "Context", MADR's "Context and Problem
// Statement", a proposal's "Proposal").
import { plainInline, type MdOutline } from '../markdown';
import type { DecisionPassage, DecisionSectionKind, PackedPassages } from '../model';

/** Bounds the stored prose of one decision, like the search text: enough for any real record. */
const MAX_PASSAGE_CHARS = 12_000;
const MAX_SENTENCE_CHARS = 400;

// Order matters: "Pros and Cons of the Options" is about options, "Decision Outcome" about the decision.
const SECTION_KINDS: [RegExp, DecisionSectionKind | 'skip'][] = [
  [/^(?:status|metadata|links?|references|more information|notes?|date|deciders|change ?log|history)\b/i, 'skip'],
  [/\b(?:considered options|options|alternatives|pros and cons)\b/i, 'options'],
  [/\b(?:consequences?|implications?|outcomes? and risks|risks|trade-?offs|positive|negative|confirmation)\b/i, 'consequences'],
  [/\b(?:drivers|forces)\b/i, 'context'],
  [/\b(?:decision|outcome|proposal|chosen|resolution|we will)\b/i, 'decision'],
  [/\b(?:context|problem|background|motivation|drivers|forces|requirements|story|issue)\b/i, 'context'],
];

/** The section kind a heading names, 'skip' for metadata, undefined when the heading says nothing about it. */
export function sectionKindOf(heading: string): DecisionSectionKind | 'skip' | undefined {
  for (const [pattern, kind] of SECTION_KINDS) if (pattern.test(heading)) return kind;
  return undefined;
}

/**
 * Sentences of the decision's paragraphs and list items (code, HTML and metadata sections left out), each tagged
 * with the nearest enclosing heading that names a section; prose before any such heading is 'other'.
 */
export function decisionPassages(outline: MdOutline): PackedPassages {
  return packPassages(sentencePassages(outline));
}

/** The order of section kinds in packed passages. */
const SECTIONS: readonly DecisionSectionKind[] = ['context', 'decision', 'consequences', 'options', 'other'];

export const NO_PASSAGES: PackedPassages = Object.freeze({ text: '', meta: new Int32Array(0) });

export function packPassages(passages: readonly DecisionPassage[]): PackedPassages {
  if (passages.length === 0) return NO_PASSAGES;
  const meta = new Int32Array(passages.length * 3);
  let end = 0;
  passages.forEach((p, i) => {
    end += p.text.length;
    meta[i * 3] = end;
    meta[i * 3 + 1] = p.line;
    meta[i * 3 + 2] = SECTIONS.indexOf(p.section);
  });
  // One flat string: joined, the sentences no longer keep alive the block texts they were cut from.
  return { text: passages.map((p) => p.text).join(''), meta };
}

/** The sentences of packed passages, made on demand (the "why?" index and its quotes). */
export function unpackPassages(packed: PackedPassages | undefined): DecisionPassage[] {
  if (!packed) return [];
  const out: DecisionPassage[] = [];
  const { text, meta } = packed;
  for (let i = 0, start = 0; i < meta.length; i += 3) {
    out.push({ section: SECTIONS[meta[i + 2]], line: meta[i + 1], text: text.slice(start, meta[i]) });
    start = meta[i];
  }
  return out;
}

function sentencePassages(outline: MdOutline): DecisionPassage[] {
  // The kind in force under each heading: its own, else its parent's.
  const kinds: (DecisionSectionKind | 'skip')[] = [];
  const stack: { level: number; kind: DecisionSectionKind | 'skip' }[] = [];
  for (const h of outline.headings) {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    const own = h.level === 1 ? 'other' : sectionKindOf(h.text);
    const kind = own ?? stack[stack.length - 1]?.kind ?? 'other';
    stack.push({ level: h.level, kind });
    kinds.push(kind);
  }
  const out: DecisionPassage[] = [];
  let chars = 0;
  outline.blocks.forEach((block, i) => {
    if (chars >= MAX_PASSAGE_CHARS) return;
    if (block.type === 'code' || block.type === 'html') return;
    const h = outline.blockHeading[i];
    const section = h >= 0 ? kinds[h] : 'other';
    if (section === 'skip') return;
    // "Amended by [12. …](…)", "Technical Story: …": metadata written as prose.
    if (section === 'other' && METADATA_LINE.test(block.text)) return;
    for (const sentence of sentencesOf(block.text, block.line)) {
      if (chars >= MAX_PASSAGE_CHARS) break;
      out.push({ section, line: sentence.line, text: sentence.text });
      chars += sentence.text.length;
    }
  });
  return out;
}

const METADATA_LINE = /^\W*(?:supersedes|superseded by|amends|amended by|replaces|replaced by|status|date|deciders|decision-makers|tags)\b/i;

const SENTENCE_END = /(?<=[.!?])\s+(?=["'(`*_[]?[A-Z0-9])/;

/** Splits a block's raw inline markdown into plain-text sentences with the source line each one starts on. */
export function sentencesOf(raw: string, firstLine: number): { text: string; line: number }[] {
  const rawLines = raw.split(/\r\n|\r|\n/);
  const plainLines = rawLines.map((l) => plainInline(l));
  const out: { text: string; line: number }[] = [];
  const plain = plainInline(raw);
  if (!plain) return out;
  let from = 0; // the raw line the previous sentence started on; later sentences start on it or after it
  for (let text of plain.split(SENTENCE_END)) {
    text = text.trim();
    if (!text) continue;
    // A sentence may start at the end of a line: a shorter probe still finds it there.
    let at = -1;
    for (const size of [24, 8]) {
      const probe = text.slice(0, size);
      at = plainLines.findIndex((l, k) => k >= from && l.includes(probe));
      if (at >= 0) break;
    }
    if (at >= 0) from = at;
    else at = from;
    if (text.length > MAX_SENTENCE_CHARS) {
      const cut = text.lastIndexOf(' ', MAX_SENTENCE_CHARS);
      text = `${text.slice(0, cut > 0 ? cut : MAX_SENTENCE_CHARS)} …`;
    }
    out.push({ text, line: firstLine + at });
  }
  return out;
}
