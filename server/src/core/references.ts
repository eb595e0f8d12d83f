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
// - `https://decisions.example.com/adr/0007-x/` (or `…/0007-x.html`): an http(s) URL whose page is named like a
//   numbered decision, in any file, bare or as a link's destination: a `page` reference, kept with its URL as
//   `external` (another site's decision) and its number. The snapshot resolves it when the URL is a page of a
//   source's published site (`.archlens.yml` `sources:` `site:`), by the path mapping mkdocs publishes with.
//
// What looks like a reference but is not one:
// - A format string or interpolation: `ADR-00%d`, `ADR-0{n}`, `adr-00${id}` (the number runs into `%`, `{` or `$`).
// - A placeholder file name in a link: `[xxx](yyyymmdd-xxx.md)`, `(NNNN-title.md)`, `(adr-nnn-x.md)`.
// - Anything in a decision template (`template.md`, `adr-template.md`, files under `templates/`): its references
//   are examples for the author to replace.
// - An id inside a URL (`https://…/adr-028-x.md`) is another site's decision; so is an id that is the text of a
//   link to a URL (`[ADR 033](https://…)`, `[ADR 083][ref]` with `[ref]: https://…`), and, in a file that cites
//   another site's decision N by URL, every other `ADR N` of that file. These are kept with `external` set.
import type { DecisionReference, DocumentLinkRef } from './model';
import { isMarkdownPath } from './paths';
import { parseMarkdownDocument } from './markdown';
import { CodeCursor } from './markdownCode';
import { PositionCursor } from './text';
import { isDecisionTemplate } from './decisions/paths';
import { readAdrId, readTag } from './adrTags';
import {
  MAX_DESTINATION,
  MAX_TITLE,
  parseDefinitionDestination,
  parseInlineDestination,
  resolveTarget,
  URL_SCHEME,
  type Destination,
} from './linkDestinations';

const DECISION_FILE = /\.md$/i;
/** Candidates in any file: an ADR id, an @adr tag, an inline link. */
const REFERENCE_CANDIDATES = /adr[- ]\d|@adr[ \t]|\]\(|https?:\/\//gi;
/** In markdown, reference-style link definitions (`[label]: ../x.md`) as well; `[^1]:` is a footnote. */
const MD_REFERENCE_CANDIDATES = /adr[- ]\d|@adr[ \t]|\]\(|https?:\/\/|^[ \t]{0,3}\[(?!\^)[^[\]\n\r]{1,999}\]:/gim;
const LINK_CANDIDATES = /\]\(|^[ \t]{0,3}\[(?!\^)[^[\]\n\r]{1,999}\]:/gm;

/** A file name whose number is a placeholder: `NNNN-title.md`, `yyyymmdd-xxx.md`, `adr-nnn-x.md`, `ADR-XXX_x.md`. */
const PLACEHOLDER_FILE = /^(?:[a-z]{2,10}[-_])?(?:(?:adr|dr|rfc)[-_ ]?)?(?:n{2,}|x{2,}|#{2,}|y{2,4}-?m{1,2}-?d{1,2})(?=$|[-_ .])/i;

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Is this linked file's name a placeholder (`NNNN-title.md`, `yyyymmdd-xxx.md`) rather than a decision's? */
export function isPlaceholderFileName(path: string): boolean {
  return PLACEHOLDER_FILE.test(baseName(path));
}

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
    } else if (c === 104 || c === 72 /* h H */) {
      // The scan goes on inside the URL: an ADR id there makes the file's other mentions of it external.
      const end = urlEnd(text, at);
      pushPublishedPage(text, at, end, pos, out);
    } else if (c === 97 || c === 65 /* a A */) {
      const id = readAdrId(text, at);
      if (id) {
        const around = urlAround(text, at);
        if (around !== undefined) {
          // `https://…/adr-028-x.md`: that site's decision 28, which this file's other mentions of 28 mean too.
          (externalNumbers ??= new Map()).set(id.number, around.url);
          resume = Math.max(resume, around.end);
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

/** The URL (`scheme://…` up to white space or a bracket) that contains offset `at`, if any, and where it ends. */
function urlAround(text: string, at: number): { url: string; end: number } | undefined {
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
  return { url: text.slice(i, j), end: j };
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

/** Where a bare URL starting at `at` ends: before white space, quotes, brackets, and trailing punctuation. */
function urlEnd(text: string, at: number): number {
  let j = at;
  while (j < text.length && j - at < MAX_DESTINATION) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === 34 || c === 39 || c === 41 || c === 60 || c === 62 || c === 93 || c === 96) break;
    j++;
  }
  while (j > at && '.,;:!?'.includes(text[j - 1])) j--;
  return j;
}

/** A page named like a numbered decision: `0007-x`, `adr-7-x` or `adr-0007`, as a folder (`…/`) or `….html`. */
const DECISION_PAGE = /^(?:adr[-_]?)?(\d{1,9})(?:[-_][^/]*)?$/i;

/** The number of the decision whose published page the URL names, if it names one. */
function publishedPageNumber(url: string): number | undefined {
  let page = url.replace(/[?#].*$/s, '').replace(/\/index\.html$/i, '/').replace(/\.html$/i, '').replace(/\/+$/, '');
  const scheme = page.indexOf('://');
  page = page.slice(scheme + 3);
  const slash = page.indexOf('/');
  if (slash < 0) return undefined;
  const last = page.slice(page.lastIndexOf('/') + 1);
  const m = DECISION_PAGE.exec(last);
  if (!m || last.includes('.')) return undefined;
  const startsNumbered = /^\d/.test(last) ? /^\d+[-_]/.test(last) : true;
  return startsNumbered ? Number(m[1]) : undefined;
}

function pushPublishedPage(text: string, start: number, end: number, pos: PositionCursor, out: DecisionReference[]): void {
  const url = text.slice(start, end);
  if (!/^https?:\/\/[^/\s]/i.test(url)) return;
  const number = publishedPageNumber(url);
  if (number === undefined) return;
  pos.advance(start);
  out.push({ range: pos.range(start, end), text: url, form: 'page', number, external: url });
}

function pushDecisionLink(path: string, text: string, link: Destination, pos: PositionCursor, out: DecisionReference[]) {
  const raw = text.slice(link.start, link.stop);
  if (/^https?:\/\//i.test(raw)) return pushPublishedPage(text, link.start, link.stop, pos, out);
  const target = resolveTarget(path, raw);
  if (!target || !DECISION_FILE.test(target.path) || isPlaceholderFileName(target.path)) return;
  pos.advance(link.start);
  out.push({ range: pos.range(link.start, link.stop), text: raw, form: 'link', path: target.path });
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

