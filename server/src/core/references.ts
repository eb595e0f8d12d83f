// Finding the places where any text file cites a decision, and the relative links of a markdown document.
//
// Both scans run over every file of a workspace and on every edit, so each is one pass of one precompiled regular
// expression that only finds candidates (`adr` + separator + digit, `@adr` + space, `](`, a reference definition),
// each checked by hand; line numbers come from a cursor that only moves forward. Work is linear in the text.
//
// What counts as a reference (the rules users see, documented in one place):
// - `ADR-0007`, `ADR 7`, `adr-007`: the word ADR in any case, on a word boundary, then `-` or one space, then up to
//   9 digits that end on a word boundary. `ADR_12` is not a reference: `_` joins identifiers (`ADR_12_MASK` in a C
//   header is a register, not a decision), and neither is `ADR7`. Rejected look-alikes: `ADRs`, `ADR-based`, `ADR-`,
//   `padre-7`, `CADR-7`, `ADR 0x1F` (hex), `ADR 2.0` / `ADR 2021-03-04` / `ADR 1/2` (versions, dates, ratios).
//   These are found in every file, comments and prose alike (we cannot know every language's comment syntax, and a
//   string that says `ADR-7` cites it as much as a comment does).
// - `@adr 7`, `@adr #7`, `@adr ADR-0007`, `@adr 7, 12`: a tag in a doc comment; `@adr` must be followed by spaces and
//   a number, so kernel-doc's `@adr: the address` and `@adr - the address` are not references.
// - `@adr path/to/0007-x.md`: a path to the decision file, ending in `.md` (a `#fragment` is dropped). `./x.md` and
//   `../x.md` are relative to the citing file, `/x.md` to the workspace root; a path with a folder but no leading
//   `./` (`docs/adr/0007-x.md`) is workspace-relative, because that is how paths are copied from a repository; a bare
//   file name (`0007-x.md`) is a sibling of the citing file, as in markdown.
// - `[text](../docs/adr/0007-x.md)` and `[text](../docs/adr/0007-x.md#sec)`: a link to a relative `.md` file, in
//   any file; the range is the link destination. The index decides later which targets are decisions.
//
// What looks like a reference but is not one:
// - A format string or interpolation: `ADR-00%d`, `ADR-0{n}`, `adr-00${id}` (the number runs into `%`, `{` or `$`).
// - A placeholder file name in a link: `[xxx](yyyymmdd-xxx.md)`, `(NNNN-title.md)`, `(adr-nnn-x.md)`.
// - Anything in a decision template (`template.md`, `adr-template.md`, files under `templates/`): its references
//   are examples for the author to replace.
// - An id inside a URL (`https://…/adr-028-x.md`) is another site's decision; so is an id that is the text of a
//   link to a URL (`[ADR 033](https://…)`, `[ADR 083][ref]` with `[ref]: https://…`), and, in a file that cites
//   another site's decision N by URL, every other `ADR N` of that file. These are kept with `external` set.
import type { DecisionReference, DocumentLinkRef, TextRange } from './model';
import * as chars from './terms/chars';
import { isMarkdownPath } from './paths';
import { CodeCursor, parseMarkdownDocument } from './markdown';
import { LineIndex, resolveRelative } from './text';
import { isDecisionTemplate } from './decisions/paths';

// A module-local binding: where imports become property reads (vitest's module runner), hot calls stay direct.
const { isWordChar } = chars;

const DECISION_FILE = /\.md$/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Candidates in any file: an ADR id, an @adr tag, an inline link. */
const REFERENCE_CANDIDATES = /adr[- ]\d|@adr[ \t]|\]\(/gi;
/** In markdown, reference-style link definitions (`[label]: ../x.md`) as well; `[^1]:` is a footnote. */
const MD_REFERENCE_CANDIDATES = /adr[- ]\d|@adr[ \t]|\]\(|^[ \t]{0,3}\[(?!\^)[^[\]\n\r]{1,999}\]:/gim;
const LINK_CANDIDATES = /\]\(|^[ \t]{0,3}\[(?!\^)[^[\]\n\r]{1,999}\]:/gm;

const MAX_DIGITS = 9;
/** A file name whose number is a placeholder: `NNNN-title.md`, `yyyymmdd-xxx.md`, `adr-nnn-x.md`, `ADR-XXX_x.md`. */
const PLACEHOLDER_FILE = /^(?:[a-z]{2,10}[-_])?(?:(?:adr|dr|rfc)[-_ ]?)?(?:n{2,}|x{2,}|#{2,}|y{2,4}-?m{1,2}-?d{1,2})(?=$|[-_ .])/i;

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Is this linked file's name a placeholder (`NNNN-title.md`, `yyyymmdd-xxx.md`) rather than a decision's? */
export function isPlaceholderFileName(path: string): boolean {
  return PLACEHOLDER_FILE.test(baseName(path));
}
const MAX_DESTINATION = 2048;
const MAX_TITLE = 256;
const MAX_PAREN_DEPTH = 32;

/** `code` is where the markdown model found code, when the caller has it; otherwise markdown is parsed if needed. */
export function findDecisionReferences(path: string, text: string, codeRegions?: CodeRegions): DecisionReference[] {
  const out: DecisionReference[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  const markdown = isMarkdownPath(path);
  if (markdown && isDecisionTemplate(path)) return out;
  const re = markdown ? MD_REFERENCE_CANDIDATES : REFERENCE_CANDIDATES;
  let links: LinkContext | undefined;
  /** Numbers of decisions this file cites on another site, with the URL. */
  let externalNumbers: Map<number, string> | undefined;
  const pos = new PositionCursor(text);
  const code = markdown ? new MarkdownCode(text, codeRegions) : undefined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    const c = text.charCodeAt(at);
    let resume = re.lastIndex;
    if (c === 64 /* @ */) {
      resume = Math.max(resume, readTag(path, text, at, pos, out));
    } else if (c === 93 /* ] */) {
      if (!code?.covers(at)) {
        const link = parseInlineDestination(text, at + 1);
        if (link) {
          pushDecisionLink(path, text, link, pos, out);
          resume = link.end;
        }
      }
    } else if (c === 97 || c === 65 /* a A */) {
      const id = readAdrId(text, at);
      if (id) {
        const url = urlAround(text, at);
        if (url !== undefined) {
          // `https://…/adr-028-x.md`: that site's decision 28, which this file's other mentions of 28 mean too.
          (externalNumbers ??= new Map()).set(id.number, url);
          resume = Math.max(resume, at + url.length);
        } else {
          pos.advance(at);
          const ref: DecisionReference = { range: pos.range(at, id.end), text: text.slice(at, id.end), form: 'adr-id', number: id.number };
          const target = markdown ? (links ??= new LinkContext(text)).urlOfLinkAround(at, id.end) : undefined;
          if (target !== undefined) {
            ref.external = target;
            (externalNumbers ??= new Map()).set(id.number, target);
          }
          out.push(ref);
          resume = id.end;
        }
      }
    } else {
      // A reference definition: `[label]: destination`.
      if (!code?.covers(at)) {
        const link = parseDefinitionDestination(text, re.lastIndex);
        if (link) {
          pushDecisionLink(path, text, link, pos, out);
          resume = link.end;
        }
      }
    }
    re.lastIndex = resume;
  }
  if (externalNumbers) {
    for (const r of out) if (r.form !== 'link' && r.external === undefined && r.number !== undefined && externalNumbers.has(r.number)) r.external = externalNumbers.get(r.number);
  }
  return out;
}

/** Is the link whose text ends with the `]` at `close` an image (`![alt](src)`)? Looks back a bounded distance. */
function isImageText(text: string, close: number): boolean {
  let depth = 0;
  const floor = Math.max(0, close - MAX_TITLE * 4);
  for (let i = close - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 93 && text.charCodeAt(i - 1) !== 92) depth++;
    else if (c === 91 && text.charCodeAt(i - 1) !== 92) {
      if (depth === 0) return text.charCodeAt(i - 1) === 33 /* ! */;
      depth--;
    }
  }
  return false;
}

/** The URL (`scheme://…` up to white space or a bracket) that contains offset `at`, if any. */
function urlAround(text: string, at: number): string | undefined {
  let i = at;
  const floor = Math.max(0, at - MAX_DESTINATION);
  while (i > floor) {
    const c = text.charCodeAt(i - 1);
    if (c <= 32 || c === 40 || c === 60 || c === 34 || c === 39 || c === 91 || c === 93) break;
    i--;
  }
  let scheme = i;
  while (scheme < at && !(text.charCodeAt(scheme) === 58 && text.startsWith('//', scheme + 1))) scheme++;
  if (scheme >= at || !/^[a-z][a-z0-9+.-]*$/i.test(text.slice(i, scheme))) return undefined;
  let j = at;
  while (j < text.length && j - at < MAX_DESTINATION) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === 41 || c === 62 || c === 34 || c === 39 || c === 93) break;
    j++;
  }
  return text.slice(i, j);
}

/** Markdown link context of an ADR id: the destination of the link whose text holds it, when that is a URL. */
class LinkContext {
  private definitions: Map<string, string> | undefined;

  constructor(private readonly text: string) {}

  /** The URL the link around [start, end) points to, when the id is (part of) a link's text and the link leaves the site. */
  urlOfLinkAround(start: number, end: number): string | undefined {
    const text = this.text;
    // The link text's `[` on the same line, with no `]` between it and the id; bounded so the scan stays linear.
    let open = start - 1;
    const floor = Math.max(0, start - MAX_TITLE);
    while (open >= floor) {
      const c = text.charCodeAt(open);
      if (c === 91 || c === 93 || c === 10) break;
      open--;
    }
    if (open < floor || text.charCodeAt(open) !== 91) return undefined;
    let close = end;
    const ceiling = Math.min(text.length, end + MAX_TITLE);
    while (close < ceiling) {
      const c = text.charCodeAt(close);
      if (c === 91 || c === 93 || c === 10) break;
      close++;
    }
    if (text.charCodeAt(close) !== 93) return undefined;
    const after = text.charCodeAt(close + 1);
    let destination: string | undefined;
    if (after === 40 /* ( */) {
      const link = parseInlineDestination(text, close + 1);
      destination = link ? text.slice(link.start, link.stop) : undefined;
    } else {
      let label = text.slice(open + 1, close);
      if (after === 91) {
        const labelEnd = text.indexOf(']', close + 2);
        if (labelEnd > close + 2 && labelEnd - close < MAX_TITLE) label = text.slice(close + 2, labelEnd);
      }
      destination = this.definition(label);
    }
    return destination !== undefined && (URL_SCHEME.test(destination) || destination.startsWith('//')) ? destination : undefined;
  }

  private definition(label: string): string | undefined {
    if (!this.definitions) {
      this.definitions = new Map();
      const re = /^[ \t]{0,3}\[(?!\^)([^[\]\n\r]{1,999})\]:[ \t]*<?([^\s>]+)/gm;
      for (let m = re.exec(this.text); m !== null; m = re.exec(this.text)) {
        const key = normaliseLabel(m[1]);
        if (!this.definitions.has(key)) this.definitions.set(key, m[2]);
      }
    }
    return this.definitions.get(normaliseLabel(label));
  }
}

function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Every relative link of a markdown document (inline links, images (marked `image`) and reference definitions; not
 * inside code spans or fences): the target resolved against `path`, `#fragment` split out, percent-decoded. Absolute URLs,
 * `mailto:` and other schemes, `//host` links, pure `#anchors` and links that leave the workspace are skipped.
 */
export function findMarkdownLinks(path: string, text: string, codeRegions?: CodeRegions): DocumentLinkRef[] {
  const out: DocumentLinkRef[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  const pos = new PositionCursor(text);
  const code = new MarkdownCode(text, codeRegions);
  const re = LINK_CANDIDATES;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    let resume = re.lastIndex;
    if (!code.covers(at)) {
      const link =
        text.charCodeAt(at) === 93 ? parseInlineDestination(text, at + 1) : parseDefinitionDestination(text, re.lastIndex);
      if (link) {
        const target = resolveTarget(path, text.slice(link.start, link.stop));
        if (target) {
          pos.advance(link.start);
          const ref: DocumentLinkRef = { range: pos.range(link.start, link.stop), path: target.path };
          if (target.fragment !== undefined) ref.fragment = target.fragment;
          if (text.charCodeAt(at) === 93 && isImageText(text, at)) ref.image = true;
          out.push(ref);
        }
        resume = link.end;
      }
    }
    re.lastIndex = resume;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ADR ids and @adr tags

/** Letters, digits and `_`: what an ADR id must not be glued to. */
function isIdentifierChar(c: number): boolean {
  return c === 95 || isWordChar(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `ADR-0007` at `at` (the `a`), with the boundary rules above; undefined for a look-alike. */
function readAdrId(text: string, at: number): { end: number; number: number } | undefined {
  if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) return undefined;
  return readNumber(text, at + 4);
}

/** Digits from `start` that end on a boundary and are no version, date, ratio or time. */
function readNumber(text: string, start: number): { end: number; number: number } | undefined {
  let i = start;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > MAX_DIGITS) return undefined;
  if (i < text.length) {
    const next = text.charCodeAt(i);
    if (isIdentifierChar(next)) return undefined;
    // `.` `-` `/` `:` followed by a digit: 2.0, 2021-03-04, 1/2, 10:30.
    if ((next === 46 || next === 45 || next === 47 || next === 58) && isDigit(text.charCodeAt(i + 1))) return undefined;
    // A format string or an interpolation: `ADR-00%d`, `ADR-0{n}`, `adr-00${id}`.
    if (next === 37 || next === 123 || next === 36) return undefined;
  }
  return { end: i, number: Number(text.slice(start, i)) };
}

/** A number argument of @adr: `7`, `#7`, `ADR-7`, `ADR 7`. */
function readTagNumber(text: string, at: number): { end: number; number: number } | undefined {
  const c = text.charCodeAt(at);
  if (isDigit(c)) return readNumber(text, at);
  if (c === 35 /* # */) return readNumber(text, at + 1);
  if ((c | 32) === 97 && (text.charCodeAt(at + 1) | 32) === 100 && (text.charCodeAt(at + 2) | 32) === 114) {
    const sep = text.charCodeAt(at + 3);
    if (sep === 45 || sep === 32) return readNumber(text, at + 4);
  }
  return undefined;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/** Characters that end an @adr path (quotes, brackets, comment closers, list separators). */
const PATH_STOP = new Set(Array.from('"\'`<>()[]{},;*|', (ch) => ch.charCodeAt(0)));
const SENTENCE_END = new Set(Array.from('.:!?', (ch) => ch.charCodeAt(0)));

/** Reads `@adr …` at `at`; pushes what it cites and returns where scanning resumes. */
function readTag(path: string, text: string, at: number, pos: PositionCursor, out: DecisionReference[]): number {
  // `user@adr.example` and `x@adr 7` are not tags.
  if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) return at + 4;
  const argStart = skipBlanks(text, at + 4);
  // A path first, so that `@adr 0007-use-x.md` is the file and not decision 7.
  const cited = readTagPath(path, text, argStart);
  if (cited) {
    pos.advance(at);
    out.push({ range: pos.range(at, cited.end), text: text.slice(at, cited.end), form: 'adr-tag', path: cited.path });
    return cited.end;
  }
  const first = readTagNumber(text, argStart);
  if (!first) return argStart;
  pos.advance(at);
  out.push({ range: pos.range(at, first.end), text: text.slice(at, first.end), form: 'adr-tag', number: first.number });
  let end = first.end;
  // `@adr 7, 12`: more numbers separated by commas.
  for (;;) {
    let i = skipBlanks(text, end);
    if (text.charCodeAt(i) !== 44 /* , */) break;
    i = skipBlanks(text, i + 1);
    const more = readTagNumber(text, i);
    if (!more) break;
    out.push({ range: pos.range(i, more.end), text: text.slice(i, more.end), form: 'adr-tag', number: more.number });
    end = more.end;
  }
  return end;
}

/** A `.md` path argument of @adr, resolved by the rules at the top of this file. */
function readTagPath(path: string, text: string, start: number): { end: number; path: string } | undefined {
  let j = start;
  while (j < text.length && j - start < MAX_DESTINATION) {
    const c = text.charCodeAt(j);
    if (c <= 32 || PATH_STOP.has(c)) break;
    j++;
  }
  // Sentence punctuation after the path is not part of it.
  while (j > start && SENTENCE_END.has(text.charCodeAt(j - 1))) j--;
  const raw = text.slice(start, j);
  const c0 = raw.charCodeAt(0);
  if (raw === '' || c0 === 45 || c0 === 58 || URL_SCHEME.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  const file = decodePath(hash >= 0 ? raw.slice(0, hash) : raw);
  if (!DECISION_FILE.test(file)) return undefined;
  const base = file.startsWith('./') || file.startsWith('../') || file.startsWith('/') || !file.includes('/') ? path : '';
  const resolved = resolveRelative(base, file);
  return resolved ? { end: j, path: resolved } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown links

interface Destination {
  /** The destination as written: text.slice(start, stop), without angle brackets. */
  start: number;
  stop: number;
  /** Where the link syntax ends. */
  end: number;
}

function pushDecisionLink(path: string, text: string, link: Destination, pos: PositionCursor, out: DecisionReference[]) {
  const raw = text.slice(link.start, link.stop);
  const target = resolveTarget(path, raw);
  if (!target || !DECISION_FILE.test(target.path) || isPlaceholderFileName(target.path)) return;
  pos.advance(link.start);
  out.push({ range: pos.range(link.start, link.stop), text: raw, form: 'link', path: target.path });
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The destination of an inline link whose `(` is at `open`: `(dest)`, `(<dest with spaces>)`, `(dest "title")`.
 * A bare destination stops at whitespace, `[` and `]`, so a failed parse never reads past the next candidate and the
 * scan stays linear.
 */
function parseInlineDestination(text: string, open: number): Destination | undefined {
  const n = text.length;
  let i = skipBlanks(text, open + 1);
  let start: number;
  let stop: number;
  if (text.charCodeAt(i) === 60 /* < */) {
    start = i + 1;
    let j = start;
    while (j < n && j - start < MAX_DESTINATION) {
      const c = text.charCodeAt(j);
      if (c === 62 || c === 60 || c === 10 || c === 13) break;
      j++;
    }
    if (text.charCodeAt(j) !== 62 /* > */) return undefined;
    stop = j;
    i = j + 1;
  } else {
    start = i;
    let depth = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 91 || c === 93 || c === 60) break;
      if (c === 40) {
        if (++depth > MAX_PAREN_DEPTH) return undefined;
      } else if (c === 41) {
        if (depth === 0) break;
        depth--;
      } else if (c === 92 /* \ */ && i + 1 < n && text.charCodeAt(i + 1) > 32) i++;
      i++;
      if (i - start > MAX_DESTINATION) return undefined;
    }
    stop = i;
  }
  if (stop === start) return undefined;
  i = skipBlanks(text, i);
  if (text.charCodeAt(i) === 41) return { start, stop, end: i + 1 };
  if (i === stop) return undefined;
  // An optional title: "…", '…' or (…) on the same line.
  const q = text.charCodeAt(i);
  const close = q === 40 ? 41 : q;
  if (q !== 34 && q !== 39 && q !== 40) return undefined;
  let j = i + 1;
  while (j < n && j - i < MAX_TITLE) {
    const c = text.charCodeAt(j);
    if (c === close || c === 10 || c === 13) break;
    if (c === 92) j++;
    j++;
  }
  if (text.charCodeAt(j) !== close) return undefined;
  j = skipBlanks(text, j + 1);
  return text.charCodeAt(j) === 41 ? { start, stop, end: j + 1 } : undefined;
}

/** The destination of a reference definition, starting after its `]:`; it must end the line or precede a title. */
function parseDefinitionDestination(text: string, afterColon: number): Destination | undefined {
  const n = text.length;
  let i = skipBlanks(text, afterColon);
  let start = i;
  let stop: number;
  if (text.charCodeAt(i) === 60) {
    start = i + 1;
    let j = start;
    while (j < n && j - start < MAX_DESTINATION) {
      const c = text.charCodeAt(j);
      if (c === 62 || c === 60 || c === 10 || c === 13) break;
      j++;
    }
    if (text.charCodeAt(j) !== 62) return undefined;
    stop = j;
    i = j + 1;
  } else {
    while (i < n && text.charCodeAt(i) > 32 && i - start < MAX_DESTINATION) i++;
    stop = i;
  }
  if (stop === start) return undefined;
  const c = text.charCodeAt(i);
  if (i < n && !isBlank(c) && c !== 10 && c !== 13) return undefined;
  return { start, stop, end: i };
}

function decodePath(raw: string): string {
  let s = raw;
  // Markdown escapes (`\(`) stand for the character itself.
  if (s.includes('\\')) s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A link destination as a workspace path and fragment; undefined for URLs, anchors and paths outside the root. */
function resolveTarget(fromFile: string, raw: string): { path: string; fragment?: string } | undefined {
  if (raw.startsWith('#') || raw.startsWith('//') || URL_SCHEME.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  let file = hash >= 0 ? raw.slice(0, hash) : raw;
  const query = file.indexOf('?');
  if (query >= 0) file = file.slice(0, query);
  file = decodePath(file);
  if (file === '') return undefined;
  const resolved = resolveRelative(fromFile, file);
  if (!resolved) return undefined;
  const fragment = hash >= 0 ? decodePath(raw.slice(hash + 1)) : '';
  return fragment === '' ? { path: resolved } : { path: resolved, fragment };
}

// ---------------------------------------------------------------------------------------------------------------
// Positions and markdown code

/** Turns increasing offsets into 1-based lines and 0-based UTF-16 characters, moving forward only. */
class PositionCursor {
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

/** Code regions of a markdown text as [start, end) pairs, or a function that parses them when first needed. */
export type CodeRegions = readonly number[] | (() => readonly number[]);

/** Whether offsets of a markdown text (asked in increasing order) are inside code; the model is parsed on first use. */
class MarkdownCode {
  private cursor: CodeCursor | undefined;

  constructor(
    private readonly text: string,
    private readonly code?: CodeRegions,
  ) {}

  covers(at: number): boolean {
    const code = this.code;
    this.cursor ??= new CodeCursor(code === undefined ? parseMarkdownDocument(this.text).code : typeof code === 'function' ? code() : code);
    return this.cursor.covers(at);
  }
}
