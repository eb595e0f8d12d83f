// Splitting text into the word tokens glossary terms are matched on. Glossary terms and scanned text go through
// this one tokenizer, so a term matches wherever its words appear, however the text spells the joins.
//
// Tokens:
// - a word token is a run of letters and digits, cut at camelCase boundaries: `cdcEventSink` -> cdc|Event|Sink,
//   `CDCEventSink` -> CDC|Event|Sink, `p99Latency` -> p99|Latency (letters and digits are never split apart, so
//   `p99`, `s3`, `base64` stay whole). A lone plural `s` after an acronym stays with it: `ETLs`, `DLQsFull` ->
//   ETLs|Full;
// - `_` and `-` join words (snake_case, kebab-case) and are not tokens;
// - whitespace separates tokens;
// - every other character (`&`, `.`, `+`, `#`, emoji halves) is a one-unit symbol token, so terms such as `C&C`,
//   `Node.js` or `C++` are sequences of tokens like any other.
import * as chars from './chars';

// Module-local bindings: where imports become property reads (vitest's module runner), the hot loop stays direct.
const { charClass, foldCase, DIGIT, JOINER, LOWER, SPACE, UPPER, WORD } = chars;

/** FNV-1a over case-folded units: the hash the term vocabulary is keyed by. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** True when a camelCase boundary falls between text[i-1] and text[i] (both word characters). */
export function splitsBefore(text: string, i: number): boolean {
  const cur = charClass(text.charCodeAt(i));
  if ((cur & UPPER) === 0) return false;
  const prev = charClass(text.charCodeAt(i - 1));
  if ((prev & (LOWER | DIGIT)) !== 0) return true;
  if ((prev & UPPER) === 0 || i + 1 >= text.length) return false;
  const nextCode = text.charCodeAt(i + 1);
  if ((charClass(nextCode) & LOWER) === 0) return false;
  // `ETLs`, `DLQs`: the s is a plural of the acronym, not the start of a new word.
  if (nextCode === 115 && (i + 2 >= text.length || (charClass(text.charCodeAt(i + 2)) & LOWER) === 0)) return false;
  return true;
}

/**
 * Walks the tokens of `text` between `from` and `to`. One scanner is reused for a whole scan, and the current token
 * is read from its fields, so scanning allocates nothing per token.
 */
export class TokenScanner {
  /** Offset of the current token. */
  start = 0;
  /** Offset just after the current token. */
  end = 0;
  /** Whether the current token is a word (else a one-unit symbol). */
  word = false;
  /** FNV-1a hash of the current token's case-folded units, computed while scanning it. */
  hash = 0;
  /**
   * Whether the gap before the current token may sit inside a multi-word term: nothing (a camelCase boundary or a
   * symbol), one `_` or `-`, or whitespace with at most one line break.
   */
  gapOk = false;
  pos: number;

  constructor(
    readonly text: string,
    from = 0,
    readonly to = text.length,
  ) {
    this.pos = from;
    // A range that starts inside a word must not produce the word's tail as a token of its own.
    if (
      from > 0 &&
      from < text.length &&
      (charClass(text.charCodeAt(from - 1)) & WORD) !== 0 &&
      (charClass(text.charCodeAt(from)) & WORD) !== 0 &&
      !splitsBefore(text, from)
    ) {
      let i = from + 1;
      while (i < text.length && (charClass(text.charCodeAt(i)) & WORD) !== 0 && !splitsBefore(text, i)) i++;
      this.pos = i;
    }
  }

  /** Moves to the next token; false at the end of the range (or at a word the range end cuts in two). */
  next(): boolean {
    const text = this.text;
    const to = this.to;
    let i = this.pos;
    let joiners = 0;
    let spaces = 0;
    let breaks = 0;
    let k = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      k = charClass(c);
      if ((k & JOINER) !== 0) joiners++;
      else if ((k & SPACE) !== 0) {
        spaces++;
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
      } else break;
      i++;
    }
    if (i >= to) {
      this.pos = to;
      return false;
    }
    this.gapOk = joiners === 0 ? breaks <= 1 : joiners === 1 && spaces === 0;
    this.start = i;
    let h = Math.imul(FNV_OFFSET ^ foldCase(text.charCodeAt(i)), FNV_PRIME);
    if ((k & WORD) !== 0) {
      const n = text.length;
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        const kj = charClass(c);
        if ((kj & WORD) === 0 || ((kj & UPPER) !== 0 && splitsBefore(text, j))) break;
        h = Math.imul(h ^ foldCase(c), FNV_PRIME);
        j++;
      }
      if (j > to) {
        this.pos = to;
        return false;
      }
      this.end = j;
      this.word = true;
    } else {
      this.end = i + 1;
      this.word = false;
    }
    this.hash = h;
    this.pos = this.end;
    return true;
  }
}

/**
 * The words the term matcher sees in `text`, as written (not folded): `identifierWords('CDCEventSink')` is
 * `['CDC', 'Event', 'Sink']`, `identifierWords('reverse_etl-job')` is `['reverse', 'etl', 'job']`,
 * `identifierWords('C&C')` is `['C', '&', 'C']` (symbols are one-character tokens).
 */
export function identifierWords(text: string): string[] {
  const out: string[] = [];
  const s = new TokenScanner(text);
  while (s.next()) out.push(text.slice(s.start, s.end));
  return out;
}
