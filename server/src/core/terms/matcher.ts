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
import * as chars from './chars';
import { FNV_OFFSET, FNV_PRIME, TokenScanner } from './tokens';

// A module-local binding: where imports become property reads (vitest's module runner), the hot loop stays direct.
const { foldCase } = chars;

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


/**
 * Folded words in an open-addressing table, looked up by the units of a text range without slicing or lower-casing
 * it. The same FNV-1a hash serves interning (build) and lookup (scan).
 */
class Vocabulary {
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(1024);
  private mask = 1023;
  private maxLength = 0;
  readonly words: string[] = [];

  /** The id of a folded word, added if new. */
  intern(w: string): number {
    let h = FNV_OFFSET;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
    let slot = h & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) break;
      if (this.hashes[slot] === h && this.words[id] === w) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.words.length;
    this.words.push(w);
    this.slots[slot] = id;
    this.hashes[slot] = h;
    if (w.length > this.maxLength) this.maxLength = w.length;
    if (this.words.length * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const { slots, hashes } = this;
    const capacity = slots.length * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] < 0) continue;
      let slot = hashes[i] & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = slots[i];
      this.hashes[slot] = hashes[i];
    }
  }

  /** The id of the folded text[start, end), whose hash (as TokenScanner computes it) is `h`, or -1. */
  lookup(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    if (length > this.maxLength) return -1;
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

/**
 * Trie edges below the root, in an open-addressing table of int pairs: no key objects or boxed numbers, so a
 * lookup on the hot path allocates nothing. Node 0 (the root) is never a parent here, so 0 marks a free slot.
 */
class EdgeTable {
  private parents = new Int32Array(1024);
  private words = new Int32Array(1024);
  private children = new Int32Array(1024);
  private mask = 1023;
  private count = 0;

  private static slot(parent: number, word: number, mask: number): number {
    let h = Math.imul(parent ^ Math.imul(word, 0x85ebca77), 0x9e3779b1);
    h ^= h >>> 15;
    return h & mask;
  }

  /** The child of `parent` by `word`, or -1. */
  get(parent: number, word: number): number {
    const parents = this.parents;
    let slot = EdgeTable.slot(parent, word, this.mask);
    for (;;) {
      const p = parents[slot];
      if (p === 0) return -1;
      if (p === parent && this.words[slot] === word) return this.children[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  set(parent: number, word: number, child: number): void {
    if ((this.count + 1) * 2 > this.mask) this.grow();
    let slot = EdgeTable.slot(parent, word, this.mask);
    while (this.parents[slot] !== 0) slot = (slot + 1) & this.mask;
    this.parents[slot] = parent;
    this.words[slot] = word;
    this.children[slot] = child;
    this.count++;
  }

  private grow(): void {
    const { parents, words, children } = this;
    const capacity = parents.length * 2;
    this.parents = new Int32Array(capacity);
    this.words = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < parents.length; i++) if (parents[i] !== 0) this.set(parents[i], words[i], children[i]);
  }
}

function fold(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  // ASCII folds the same way in toLowerCase and foldCase; other text goes unit by unit, as scanned text does.
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCase(s.charCodeAt(i)));
  return out;
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
    /** Edges below the root. */
    private readonly edges: EdgeTable,
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
    const vocabulary = new Vocabulary();
    const rootChild: number[] = [];
    const edges = new EdgeTable();
    const accepts: number[] = [-1];
    const priority: number[] = [0];
    let maxWords = 0;
    let size = 0;

    const intern = (w: string): number => {
      const id = vocabulary.intern(w);
      if (id === rootChild.length) rootChild.push(-1);
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
      let next = edges.get(node, word);
      if (next < 0) {
        next = newNode();
        edges.set(node, word, next);
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
      if (variants.length === 0) continue;
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
      vocabulary,
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
      const first = vocabulary.lookup(text, start, firstEnd, s.hash);
      if (first < 0) continue;
      let node = rootChild[first];
      if (node < 0) continue;
      let bestId = accepts[node];
      let bestEnd = bestId >= 0 ? firstEnd : -1;
      for (let depth = 1; depth < maxWords && s.next() && s.gapOk; depth++) {
        const word = vocabulary.lookup(text, s.start, s.end, s.hash);
        if (word < 0) break;
        const next = edges.get(node, word);
        if (next < 0) break;
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
