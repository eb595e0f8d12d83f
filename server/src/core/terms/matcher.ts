// Finds glossary terms (and their aliases) in any text: prose, comments, strings and identifiers.
//
// The automaton is a trie over normalised word tokens (see tokens.ts), walked from each token start. We chose it
// over Aho-Corasick because (1) it gives leftmost-longest, non-overlapping matches directly, where Aho-Corasick
// reports every overlapping match and needs a separate leftmost-longest construction; (2) a multi-word term may
// only continue across an allowed gap (a space, one line break, `_`, `-`, a camelCase boundary), which ends a walk
// but would have to be encoded into Aho-Corasick's failure links; (3) the cost is the same in practice: almost
// every walk ends at the first token (one hash probe that misses), and a walk never goes deeper than the longest
// term (at most MAX_TERM_WORDS tokens), so a scan is O(text length × a small constant).
//
// Normalisation, identical for terms and text: tokens are case-folded one UTF-16 unit at a time (foldCase). Plurals
// are handled on the term side, where the intent is known: the last word of each term also gets its plural forms
// (`policy` -> policies, `batch` -> batches, `SLA` -> SLAs) or, when the term itself is written in the plural,
// its singular forms (`DLQs` -> DLQ). Mixed-case words are also registered unsplit (`GraphQL` matches both
// `graph_ql`/`GraphQL` and `graphql`).
import { foldCase } from './chars';
import { TokenScanner } from './tokens';

export { identifierWords } from './tokens';

/** A term found in a text: UTF-16 offsets (end exclusive) and the id of the entry it matched. */
export interface TermMatch {
  start: number;
  end: number;
  id: number;
}

export interface TermEntry {
  /** A term or one of its aliases, as written in the glossary. */
  text: string;
  id: number;
}

/** Longer glossary entries are not terms but sentences; they are left out of the automaton. */
const MAX_TERM_CHARS = 200;
const MAX_TERM_WORDS = 16;
/** Edge keys are `node * EDGE_KEY + word`: exact integers as long as nodes stay below 2^30. */
const EDGE_KEY = 1 << 22;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** Folded words, looked up by the units of a text range without slicing or lower-casing it (open addressing). */
class Vocabulary {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  private readonly maxLength: number;

  constructor(private readonly words: readonly string[]) {
    let capacity = 16;
    while (capacity < words.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    let maxLength = 0;
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (w.length > maxLength) maxLength = w.length;
      let h = FNV_OFFSET;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
      let slot = h & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
      this.hashes[slot] = h;
    }
    this.maxLength = maxLength;
  }

  /** The id of the folded text[start, end), or -1. */
  lookup(text: string, start: number, end: number): number {
    const length = end - start;
    if (length > this.maxLength) return -1;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ foldCase(text.charCodeAt(i)), FNV_PRIME);
    const slots = this.slots;
    let slot = h & this.mask;
    for (;;) {
      const id = slots[slot];
      if (id < 0) return -1;
      if (this.hashes[slot] === h) {
        const w = this.words[id];
        if (w.length === length) {
          let i = 0;
          while (i < length && w.charCodeAt(i) === foldCase(text.charCodeAt(start + i))) i++;
          if (i === length) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function fold(text: string, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(foldCase(text.charCodeAt(i)));
  return s;
}

const VOWELS = 'aeiou';

/** Other spellings of a term's last (folded) word: plurals of a singular, singulars of a plural. */
export function numberForms(word: string): string[] {
  if (!/^[a-z][a-z0-9]*[a-z]$/.test(word)) return [];
  const forms: string[] = [];
  const ends = (suffix: string) => word.endsWith(suffix);
  if (word.length > 3 && ends('s') && !ends('ss') && !ends('us') && !ends('is')) {
    forms.push(word.slice(0, -1));
    if (ends('ies')) forms.push(word.slice(0, -3) + 'y');
    else if (/(?:s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
    return forms;
  }
  if (ends('s') || ends('x') || ends('z') || ends('ch') || ends('sh')) forms.push(word + 'es');
  if (ends('y') && word.length > 2 && !VOWELS.includes(word[word.length - 2])) forms.push(word.slice(0, -1) + 'ies');
  if (!ends('s')) forms.push(word + 's');
  return forms;
}

/** The folded token sequences an entry is registered under: as tokenized, and with camelCase parts joined. */
function entryVariants(text: string): string[][] {
  const split: string[] = [];
  const joined: string[] = [];
  const s = new TokenScanner(text);
  let prevEnd = -1;
  let prevWord = false;
  while (s.next()) {
    const w = fold(text, s.start, s.end);
    split.push(w);
    if (s.word && prevWord && s.start === prevEnd) joined[joined.length - 1] += w;
    else joined.push(w);
    prevEnd = s.end;
    prevWord = s.word;
    if (split.length > MAX_TERM_WORDS) return [];
  }
  if (split.length === 0) return [];
  return joined.length === split.length ? [split] : [split, joined];
}

export class TermMatcher {
  private constructor(
    private readonly vocabulary: Vocabulary,
    /** Trie node reached from the root by each word id, or -1. */
    private readonly rootChild: Int32Array,
    /** Edges below the root, keyed `node * EDGE_KEY + word`. */
    private readonly edges: Map<number, number>,
    /** The entry id a trie node accepts, or -1. */
    private readonly accepts: Int32Array,
    private readonly maxWords: number,
    /** How many entries made it into the automaton (an entry with no word, or too long, is left out). */
    readonly size: number,
  ) {}

  /**
   * Builds the automaton in O(total entry length). When two entries normalise to the same words, an exact
   * spelling beats a plural/singular form, and otherwise the first entry wins.
   */
  static build(entries: ReadonlyArray<TermEntry>): TermMatcher {
    const wordIds = new Map<string, number>();
    const words: string[] = [];
    const rootChild: number[] = [];
    const edges = new Map<number, number>();
    const accepts: number[] = [-1];
    const priority: number[] = [0];
    let maxWords = 0;
    let size = 0;

    const intern = (w: string): number => {
      let id = wordIds.get(w);
      if (id === undefined) {
        id = words.length;
        words.push(w);
        wordIds.set(w, id);
        rootChild.push(-1);
      }
      return id;
    };
    const newNode = (): number => {
      accepts.push(-1);
      priority.push(0);
      return accepts.length - 1;
    };
    const child = (node: number, word: number): number => {
      if (node === 0) {
        if (rootChild[word] < 0) rootChild[word] = newNode();
        return rootChild[word];
      }
      const key = node * EDGE_KEY + word;
      let next = edges.get(key);
      if (next === undefined) {
        next = newNode();
        edges.set(key, next);
      }
      return next;
    };
    const accept = (node: number, id: number, rank: number) => {
      if (priority[node] < rank) {
        priority[node] = rank;
        accepts[node] = id;
      }
    };

    for (const entry of entries) {
      if (!entry || typeof entry.text !== 'string' || entry.text.length > MAX_TERM_CHARS) continue;
      const variants = entryVariants(entry.text);
      if (variants.length === 0 || words.length + MAX_TERM_WORDS * 8 >= EDGE_KEY) continue;
      for (const tokens of variants) {
        let node = 0;
        for (let i = 0; i < tokens.length - 1; i++) node = child(node, intern(tokens[i]));
        const last = tokens[tokens.length - 1];
        accept(child(node, intern(last)), entry.id, 2);
        for (const form of numberForms(last)) accept(child(node, intern(form)), entry.id, 1);
        if (tokens.length > maxWords) maxWords = tokens.length;
      }
      size++;
    }
    return new TermMatcher(
      new Vocabulary(words),
      Int32Array.from(rootChild),
      edges,
      Int32Array.from(accepts),
      maxWords,
      size,
    );
  }

  /** Leftmost-longest, non-overlapping matches in text[from, to), in order. */
  findAll(text: string, from = 0, to?: number): TermMatch[] {
    const matches: TermMatch[] = [];
    if (typeof text !== 'string' || this.size === 0) return matches;
    const end = Math.min(text.length, to === undefined ? text.length : Math.max(0, to));
    const start = Math.max(0, Math.min(from, end));
    this.scan(text, start, end, matches, -1);
    return matches;
  }

  /** The match covering `offset` (start <= offset < end), as findAll would report it, or undefined. */
  matchAt(text: string, offset: number): TermMatch | undefined {
    if (typeof text !== 'string' || this.size === 0 || !(offset >= 0 && offset < text.length)) return undefined;
    // Scan from the start of the previous line, so a term broken over a line break is still found whole, to the
    // end of the next line.
    const windowStart = lineStartBefore(text, backOverBreak(text, lineStartBefore(text, offset)));
    const windowEnd = lineEndAfter(text, overBreak(text, lineEndAfter(text, offset)));
    const matches: TermMatch[] = [];
    this.scan(text, windowStart, windowEnd, matches, offset);
    const m = matches.length > 0 ? matches[matches.length - 1] : undefined;
    return m && m.start <= offset && offset < m.end ? m : undefined;
  }

  /** Collects matches; with stopAt >= 0, stops at the first match that ends after stopAt. */
  private scan(text: string, from: number, to: number, matches: TermMatch[], stopAt: number): void {
    const vocabulary = this.vocabulary;
    const rootChild = this.rootChild;
    const edges = this.edges;
    const accepts = this.accepts;
    const maxWords = this.maxWords;
    const s = new TokenScanner(text, from, to);
    while (s.next()) {
      const start = s.start;
      const firstEnd = s.end;
      if (stopAt >= 0 && start > stopAt) return;
      const first = vocabulary.lookup(text, start, firstEnd);
      if (first < 0) continue;
      let node = rootChild[first];
      if (node < 0) continue;
      let bestId = accepts[node];
      let bestEnd = bestId >= 0 ? firstEnd : -1;
      for (let depth = 1; depth < maxWords && s.next() && s.gapOk; depth++) {
        const word = vocabulary.lookup(text, s.start, s.end);
        if (word < 0) break;
        const next = edges.get(node * EDGE_KEY + word);
        if (next === undefined) break;
        node = next;
        if (accepts[node] >= 0) {
          bestId = accepts[node];
          bestEnd = s.end;
        }
      }
      if (bestEnd >= 0) {
        matches.push({ start, end: bestEnd, id: bestId });
        s.pos = bestEnd;
        if (stopAt >= 0 && bestEnd > stopAt) return;
      } else s.pos = firstEnd;
    }
  }
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return Math.max(0, i);
}

/** The offset before the line break that ends just before `offset` (offset itself when none does). */
function backOverBreak(text: string, offset: number): number {
  let i = offset;
  if (i > 0 && text.charCodeAt(i - 1) === 10) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 13) i--;
  return i;
}

/** The offset after the line break that starts at `offset` (offset itself when none does). */
function overBreak(text: string, offset: number): number {
  let i = offset;
  if (i < text.length && text.charCodeAt(i) === 13) i++;
  if (i < text.length && text.charCodeAt(i) === 10) i++;
  return i;
}

function lineEndAfter(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}
