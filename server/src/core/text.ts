// Turning bytes into text and text into lines, with the care real repositories need: BOMs, CRLF, binary files.
import type { TextPosition, TextRange } from './model';

export type DecodedText = { kind: 'text'; text: string } | { kind: 'binary' };

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: false });

/**
 * Decodes a document as VS Code does: UTF-16 LE or BE when it starts with their byte-order mark, else UTF-8
 * (dropping its BOM). Without a UTF-16 mark, a NUL byte in the first 8 KiB marks the file as binary: UTF-16 text
 * is full of NUL bytes, so the mark is checked first.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: utf16le.decode(bytes) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swapped into little-endian order: not every Node build has a UTF-16 BE decoder.
    const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      swapped[i] = bytes[i + 1];
      swapped[i + 1] = bytes[i];
    }
    return { kind: 'text', text: utf16le.decode(swapped) };
  }
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return { kind: 'binary' };
  return { kind: 'text', text: decoder.decode(bytes) };
}

/** The text of a file's bytes, decoded as decodeText does; undefined for a binary file. */
export function textOfBytes(bytes: Uint8Array): string | undefined {
  const decoded = decodeText(bytes);
  return decoded.kind === 'text' ? decoded.text : undefined;
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a slice of 13 or more characters a
 * view of its parent, so a path sliced from a 64 KB chunk of `git log` output keeps the whole chunk for as long as
 * the path lives; data kept for the life of a session goes through here.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Replaces, in place, every string of a plain data structure (objects and arrays, as parsers build them) by a
 * detached copy: what a record derived from a file's text keeps must not keep that text. Typed arrays, maps and
 * other class instances are left as they are; frozen objects are shared constants and left too.
 */
export function detachStrings<T>(value: T, keep?: string): T {
  detachIn(value, 0, keep);
  return value;
}

/** `keep`: a string left as it is wherever it occurs (a record's path, which comes from the listing, not the text). */
function detachIn(value: unknown, depth: number, keep: string | undefined): void {
  if (typeof value !== 'object' || value === null || depth > 32 || Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === 'string') {
        if (v !== keep) value[i] = detached(v);
      } else detachIn(v, depth + 1, keep);
    }
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'string') {
      if (v !== keep) record[key] = detached(v);
    } else detachIn(v, depth + 1, keep);
  }
}

/** Splits on LF, CRLF or CR; no line keeps its terminator. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Maps between string offsets and (1-based line, 0-based character) positions in one text. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): TextPosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, character: o - this.starts[lo] };
  }

  offsetAt(pos: TextPosition): number {
    if (pos.line < 1) return 0;
    if (pos.line > this.starts.length) return this.text.length;
    const start = this.starts[pos.line - 1];
    const end = pos.line < this.starts.length ? this.lineEnd(pos.line) : this.text.length;
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** The text of a 1-based line without its terminator. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    return this.text.slice(this.starts[line - 1], this.lineEnd(line));
  }

  private lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    let end = next;
    if (line < this.starts.length) {
      end--;
      if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }
}

/** Workspace-relative path arithmetic with `/` separators. Returns undefined for paths that leave the root. */
export function resolveRelative(fromFile: string, target: string): string | undefined {
  const base = target.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  const parts = [...base];
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `text` cut to at most `max` characters at a word boundary, with an ellipsis when anything was cut; a single word
 * longer than `max` is cut inside the word (there is no boundary to cut at). Whitespace runs become one space.
 */
export function shortenAtWord(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  if (max <= 1) return '…';
  const room = s.slice(0, max - 1);
  // The last space that still leaves a word before it; punctuation left dangling at the cut goes too.
  const space = room.lastIndexOf(' ');
  const cut = space > 0 && s[max - 1] !== ' ' ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—(]+$/, '')}…`;
}

/** The first sentence of a definition, for the one line a completion list has room for. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(flat);
  const sentence = m ? m[0] : flat;
  return sentence.length > 120 ? `${sentence.slice(0, 119)}…` : sentence;
}

/** Turns increasing offsets into 1-based lines and 0-based UTF-16 characters, moving forward only. */
export class PositionCursor {
  private line = 1;
  private lineStart = 0;
  private nextBreak = -2;
  private index: LineIndex | undefined;

  constructor(private readonly text: string) {}

  /** Moves to `offset`, which must not be before an offset given earlier. */
  advance(offset: number): void {
    if (this.nextBreak === -2) {
      // Old Mac files break lines with a lone CR; they are rare enough to take the slower, general path.
      if (/\r(?!\n)/.test(this.text)) this.index = new LineIndex(this.text);
      this.nextBreak = this.text.indexOf('\n');
    }
    if (this.index) {
      const p = this.index.positionAt(offset);
      this.line = p.line;
      this.lineStart = offset - p.character;
      return;
    }
    while (this.nextBreak !== -1 && this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.lineStart);
    }
  }

  get currentLineStart(): number {
    return this.lineStart;
  }

  /** The range of [start, end) on the current line. */
  range(start: number, end: number): TextRange {
    return {
      start: { line: this.line, character: start - this.lineStart },
      end: { line: this.line, character: end - this.lineStart },
    };
  }
}
