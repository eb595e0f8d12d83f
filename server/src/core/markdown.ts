// The one reading of a markdown document. markdown-it (with Python-Markdown's definition lists, GFM tables and mkdocs
// admonitions) parses the body once after the front matter; the result is an outline of headings, sections, tables, blocks,
// admonitions and definition lists, each with its 1-based document line, plus where the document holds code (code
// blocks and code spans, placed by markdownCode.ts). Every reader (decisions, glossaries, views, abbreviations,
// references in markdown, completion, the prose that diagnostics check) takes its structure from here; nobody
// re-implements markdown with regular expressions beside it.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { admonitionPlugin, type AdmonitionInfo } from './markdownAdmonitions';
import { codeRegions } from './markdownCode';
import { definitionListPlugin } from './markdownDeflist';
import { splitLines } from './text';

export interface MdHeading {
  level: number;
  /** Inline text with markup removed. */
  text: string;
  /** The raw inline source. */
  raw: string;
  line: number;
}

/** Where a block sits: inside how many block quotes, and inside which admonition (an index, or -1). */
export interface MdContainer {
  quoted: boolean;
  admonition: number;
}

export interface MdTable extends MdContainer {
  line: number;
  endLine: number;
  header: string[];
  rows: { cells: string[]; line: number }[];
}

export interface MdBlock extends MdContainer {
  type: 'paragraph' | 'list_item' | 'code' | 'html' | 'blockquote_paragraph' | 'definition';
  /** Raw source text of the block's inline content (for paragraphs and list items) or code. */
  text: string;
  line: number;
  endLine: number;
  /** Nesting depth of lists; 0 outside lists. */
  depth: number;
  /** For fenced code blocks: the fence as written (``` or ~~~ or longer); undefined for indented code. */
  fence?: string;
}

export interface MdAdmonition extends AdmonitionInfo {
  line: number;
  endLine: number;
}

/** One entry of a definition list: its term lines (synonyms, raw inline source) and each paragraph of its definitions. */
export interface MdDefinitionEntry {
  terms: { text: string; line: number }[];
  definitions: { text: string; line: number; endLine: number }[];
  /** The entry's last line. */
  endLine: number;
}

export interface MdSection {
  heading: MdHeading;
  /** 1-based line of the first line after the heading. */
  startLine: number;
  /** 1-based line of the last line before the next heading of the same or a higher level (inclusive). */
  endLine: number;
}

export interface MdOutline {
  headings: MdHeading[];
  tables: MdTable[];
  blocks: MdBlock[];
  /** The heading that contains each block, as an index into `headings` (-1 before the first heading). */
  blockHeading: number[];
  sections: MdSection[];
  admonitions: MdAdmonition[];
  definitions: MdDefinitionEntry[];
  lineCount: number;
}

/** A parsed markdown document: front matter, outline and code regions, all in the coordinates of `text`. */
export interface MarkdownDocument {
  text: string;
  frontMatter: FrontMatter;
  /** The markdown after the front matter (cut at the limit the caller gave). */
  body: string;
  /** 1-based document line where `body` starts. */
  bodyLine: number;
  /** Lines of `body`; `lines[i]` is document line `bodyLine + i`. */
  lines: string[];
  outline: MdOutline;
  /** Code blocks and code spans as sorted [start, end) offset pairs into `text`: text there is code, not prose. */
  code: readonly number[];
  /** Code blocks as [first, last] 1-based document line pairs. */
  codeBlockLines: readonly number[];
}

/**
 * A decision's outline is built from at most this much of the body. Metadata, the status and the decision sit in the first
 * few kilobytes of any real record (the largest in our corpora is 18 KB); the cap keeps a 20 MB file to a fraction
 * of a second, whatever it holds.
 */
export const OUTLINE_LIMIT = 256_000;

const md = new MarkdownIt({ html: true, linkify: false }).use(definitionListPlugin).use(admonitionPlugin);
/**
 * The same parser with the inline rules left out: the block structure only (headings, paragraphs, lists, tables,
 * code), what the first pass over a decision needs. Inline content stays raw; a heading's text is parsed alone with
 * the link definitions the block pass collected, which is what the full parse does with it.
 */
const mdBlocks = new MarkdownIt({ html: true, linkify: false }).use(definitionListPlugin).use(admonitionPlugin);
mdBlocks.core.ruler.disable(['inline', 'text_join']);

/**
 * Parses a whole markdown document (front matter included) once. `limit` caps how much of the body is parsed
 * (decision records pass {@link OUTLINE_LIMIT}); beyond it the document has no outline and no code regions.
 */
export function parseMarkdownDocument(text: string, limit = Infinity): MarkdownDocument {
  const frontMatter = parseFrontMatter(text);
  let body = frontMatter.body;
  if (body.length > limit) {
    const cut = body.lastIndexOf('\n', limit);
    body = body.slice(0, cut > 0 ? cut : limit);
  }
  const bodyLine = frontMatter.bodyLine;
  const tokens = md.parse(body, {});
  const outline = outlineOf(tokens, body, bodyLine, inlineText);
  const lines = splitLines(body);
  // Offsets beyond the parsed part of the body are never asked about: line starts stop there.
  const parsedEnd = text.length - (frontMatter.body.length - body.length);
  const { code, codeBlockLines } = codeRegions(text, tokens, bodyLine, parsedEnd);
  return { text, frontMatter, body, bodyLine, lines, outline, code, codeBlockLines };
}

/** A markdown document read for its structure only (see {@link parseMarkdownOutline}): no code spans. */
export type MarkdownOutlineDocument = Omit<MarkdownDocument, 'code'>;

/**
 * The front matter and outline {@link parseMarkdownDocument} gives, without parsing the inline markdown of every
 * paragraph and without the code spans: what a decision's fields, status, dates, relations and summary, a
 * glossary's terms and a view are read from. Equal to the full parse's front matter, body, lines, outline and code
 * block lines.
 */
export function parseMarkdownOutline(text: string, limit = Infinity): MarkdownOutlineDocument {
  const frontMatter = parseFrontMatter(text);
  let body = frontMatter.body;
  if (body.length > limit) {
    const cut = body.lastIndexOf('\n', limit);
    body = body.slice(0, cut > 0 ? cut : limit);
  }
  const bodyLine = frontMatter.bodyLine;
  // The link definitions the block pass finds: a heading's `[text][label]` reads as it does in the whole document.
  const env: Record<string, unknown> = {};
  const tokens = mdBlocks.parse(body, env);
  const headingText = (inline: Token | undefined) => (inline ? inlineText(md.parseInline(inline.content, env)[0]) : '');
  const outline = outlineOf(tokens, body, bodyLine, headingText);
  // Code blocks are block tokens: their lines as codeRegions gives them.
  const codeBlockLines: number[] = [];
  for (const t of tokens) if ((t.type === 'fence' || t.type === 'code_block') && t.map) codeBlockLines.push(t.map[0] + bodyLine, t.map[1] - 1 + bodyLine);
  return { text, frontMatter, body, bodyLine, lines: splitLines(body), outline, codeBlockLines };
}

/**
 * Parses a body without front matter; `firstLine` is the document line `body` starts at, so every line reported
 * is a line of the whole document.
 */
export function parseMarkdown(body: string, firstLine = 1): MdOutline {
  return outlineOf(md.parse(body, {}), body, firstLine, inlineText);
}

function outlineOf(tokens: Token[], body: string, firstLine: number, headingText: (inline: Token | undefined) => string): MdOutline {
  const headings: MdHeading[] = [];
  const tables: MdTable[] = [];
  const blocks: MdBlock[] = [];
  const blockHeading: number[] = [];
  const admonitions: MdAdmonition[] = [];
  const definitions: MdDefinitionEntry[] = [];
  const at = (t: Token) => (t.map ? t.map[0] + firstLine : firstLine);
  const endAt = (t: Token) => (t.map ? t.map[1] - 1 + firstLine : firstLine);
  let listDepth = 0;
  let quoteDepth = 0;
  let ddDepth = 0;
  const openAdmonitions: number[] = [];
  let listItem: Token | undefined;
  let listItemHasText = false;
  const container = (): MdContainer => ({ quoted: quoteDepth > 0, admonition: openAdmonitions.length > 0 ? openAdmonitions[openAdmonitions.length - 1] : -1 });
  const pushBlock = (b: Omit<MdBlock, 'quoted' | 'admonition'>) => {
    // The block's own fields then its container's, as `{ ...b, ...container() }` would give, without the copies.
    const block = b as MdBlock;
    block.quoted = quoteDepth > 0;
    block.admonition = openAdmonitions.length > 0 ? openAdmonitions[openAdmonitions.length - 1] : -1;
    blocks.push(block);
    blockHeading.push(headings.length - 1);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        headings.push({ level: Number(t.tag.slice(1)), text: headingText(inline), raw: inline.content, line: at(t) });
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'admonition_open': {
        const info = t.meta as AdmonitionInfo;
        openAdmonitions.push(admonitions.length);
        admonitions.push({ kind: info.kind, title: info.title, line: at(t), endLine: endAt(t) });
        break;
      }
      case 'admonition_close':
        openAdmonitions.pop();
        break;
      case 'list_item_open':
        listItem = t;
        listItemHasText = false;
        break;
      case 'list_item_close':
        listItem = undefined;
        break;
      case 'dt_open': {
        // Term lines after a definition start the next entry; consecutive ones are synonyms of one.
        let entry = definitions[definitions.length - 1];
        if (!entry || entry.definitions.length > 0 || tokens[i - 1]?.type === 'dl_open') definitions.push((entry = { terms: [], definitions: [], endLine: at(t) }));
        entry.terms.push({ text: tokens[i + 1].content, line: at(t) });
        i += 2;
        break;
      }
      case 'dd_open':
        ddDepth++;
        break;
      case 'dd_close':
        ddDepth--;
        break;
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const inItem = listItem !== undefined && !listItemHasText;
        let type: MdBlock['type'] = inItem ? 'list_item' : quoteDepth > 0 ? 'blockquote_paragraph' : 'paragraph';
        if (ddDepth > 0 && definitions.length > 0) {
          type = 'definition';
          const entry = definitions[definitions.length - 1];
          entry.definitions.push({ text: inline.content, line: at(t), endLine: (entry.endLine = endAt(t)) });
        }
        pushBlock({ type, text: inline.content, line: at(t), endLine: endAt(t), depth: listDepth });
        if (inItem) listItemHasText = true;
        i += 2;
        break;
      }
      case 'fence':
      case 'code_block':
        pushBlock({ type: 'code', text: t.content, line: at(t), endLine: endAt(t), depth: listDepth, fence: t.type === 'fence' ? t.markup : undefined });
        break;
      case 'html_block':
        pushBlock({ type: 'html', text: t.content, line: at(t), endLine: endAt(t), depth: listDepth });
        break;
      case 'table_open': {
        const table: MdTable = { line: at(t), endLine: endAt(t), header: [], rows: [], ...container() };
        let row: string[] | undefined;
        let rowLine = table.line;
        let inHead = false;
        for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
          const c = tokens[i];
          if (c.type === 'thead_open') inHead = true;
          else if (c.type === 'thead_close') inHead = false;
          else if (c.type === 'tr_open') {
            row = [];
            rowLine = at(c);
          } else if (c.type === 'inline' && row) row.push(c.content.trim());
          else if (c.type === 'tr_close' && row) {
            if (inHead) table.header = row;
            else table.rows.push({ cells: row, line: rowLine });
            row = undefined;
          }
        }
        tables.push(table);
        break;
      }
      default:
        break;
    }
  }

  const lineCount = countLines(body);
  const lastLine = firstLine + lineCount - 1;
  const sections: MdSection[] = [];
  // One backward pass: the end of each section is the line before the next heading of the same or a higher level.
  const nextAtLevel: number[] = new Array(7).fill(lastLine + 1);
  for (let k = headings.length - 1; k >= 0; k--) {
    const h = headings[k];
    sections[k] = { heading: h, startLine: h.line + 1, endLine: nextAtLevel[h.level] - 1 };
    for (let level = h.level; level <= 6; level++) nextAtLevel[level] = h.line;
  }
  return { headings, tables, blocks, blockHeading, sections, admonitions, definitions, lineCount };
}

function countLines(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Inline markdown to plain text: emphasis, code spans, links and images reduced to their text. */
export function inlineText(inline: Token | undefined): string {
  if (!inline) return '';
  if (!inline.children) return inline.content.trim();
  let out = '';
  for (const c of inline.children) {
    if (c.type === 'text' || c.type === 'code_inline') out += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out += ' ';
    else if (c.type === 'image') out += c.content;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The inline token (with its children: text, code spans, links) of a raw inline markdown string. */
export function parseInline(raw: string): Token | undefined {
  return md.parseInline(raw, referencesOf(raw))[0];
}

/**
 * A line read on its own has lost the document's link definitions, so `[ADR067][adr067]` would stay as written:
 * the labels it uses in full reference form resolve (to nothing), and the link reads as its text.
 */
function referencesOf(raw: string): { references?: Record<string, { href: string; title: string }> } {
  if (!raw.includes('][')) return {};
  const references: Record<string, { href: string; title: string }> = {};
  for (const m of raw.matchAll(/\]\[([^\]]+)\]/g)) references[md.utils.normalizeReference(m[1])] = { href: '', title: '' };
  return { references };
}

/**
 * Characters some inline rule of the parser acts on (emphasis, strikethrough, code spans, links, images, entities,
 * escapes, inline HTML and autolinks; linkify and typographer are off) or that it replaces (NUL). Inline markdown
 * without any of them parses to its own text and line breaks, which is what most prose is.
 */
const INLINE_MARKUP = /[*_~`[\]!&\\<\0]/;

/** Plain text of a raw inline markdown string (for table cells and list items read from an outline). */
export function plainInline(raw: string): string {
  if (!INLINE_MARKUP.test(raw)) return raw.replace(/\s+/g, ' ').trim();
  return inlineText(parseInline(raw));
}

/** Blocks (paragraphs, list items, code) within a section. */
export function blocksIn(outline: MdOutline, section: MdSection): MdBlock[] {
  return outline.blocks.filter((b) => b.line >= section.startLine && b.line <= section.endLine);
}

/** Finds the first section whose heading text matches (case-insensitive). */
export function findSection(outline: MdOutline, name: RegExp): MdSection | undefined {
  return outline.sections.find((s) => name.test(s.heading.text));
}
