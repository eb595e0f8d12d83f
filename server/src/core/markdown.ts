// A markdown outline built on markdown-it's block tokens (which carry source line maps): headings, sections,
// tables, list items and paragraphs, each with its 1-based document line. Parsers read structure from here instead
// of re-implementing markdown with regular expressions.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

export interface MdHeading {
  level: number;
  /** Inline text with markup removed. */
  text: string;
  /** The raw inline source. */
  raw: string;
  line: number;
}

export interface MdTable {
  line: number;
  header: string[];
  rows: { cells: string[]; line: number }[];
}

export interface MdBlock {
  type: 'paragraph' | 'list_item' | 'code' | 'html' | 'blockquote_paragraph';
  /** Raw source text of the block's inline content (for paragraphs and list items) or code. */
  text: string;
  line: number;
  endLine: number;
  /** Nesting depth of lists; 0 outside lists. */
  depth: number;
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
  lineCount: number;
}

const md = new MarkdownIt({ html: true, linkify: false });

/**
 * Parses `body`; `firstLine` is the document line `body` starts at (after front matter), so every line reported
 * is a line of the whole document.
 */
export function parseMarkdown(body: string, firstLine = 1): MdOutline {
  const tokens = md.parse(body, {});
  const headings: MdHeading[] = [];
  const tables: MdTable[] = [];
  const blocks: MdBlock[] = [];
  const blockHeading: number[] = [];
  const at = (t: Token) => (t.map ? t.map[0] + firstLine : firstLine);
  const endAt = (t: Token) => (t.map ? t.map[1] - 1 + firstLine : firstLine);
  let listDepth = 0;
  let quoteDepth = 0;
  let listItem: Token | undefined;
  let listItemHasText = false;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        headings.push({ level: Number(t.tag.slice(1)), text: inlineText(inline), raw: inline.content, line: at(t) });
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
      case 'list_item_open':
        listItem = t;
        listItemHasText = false;
        break;
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const inItem = listItem !== undefined && !listItemHasText;
        const type: MdBlock['type'] = inItem ? 'list_item' : quoteDepth > 0 ? 'blockquote_paragraph' : 'paragraph';
        blocks.push({ type, text: inline.content, line: at(t), endLine: endAt(t), depth: listDepth });
        blockHeading.push(headings.length - 1);
        if (inItem) listItemHasText = true;
        i += 2;
        break;
      }
      case 'list_item_close':
        listItem = undefined;
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ type: 'code', text: t.content, line: at(t), endLine: endAt(t), depth: listDepth });
        blockHeading.push(headings.length - 1);
        break;
      case 'html_block':
        blocks.push({ type: 'html', text: t.content, line: at(t), endLine: endAt(t), depth: listDepth });
        blockHeading.push(headings.length - 1);
        break;
      case 'table_open': {
        const table: MdTable = { line: at(t), header: [], rows: [] };
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
  const sections: MdSection[] = headings.map((h, k) => {
    let end = lastLine;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        end = headings[j].line - 1;
        break;
      }
    }
    return { heading: h, startLine: h.line + 1, endLine: end };
  });
  return { headings, tables, blocks, blockHeading, sections, lineCount };
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

/** Plain text of a raw inline markdown string (for table cells and list items read from an outline). */
export function plainInline(raw: string): string {
  const tokens = md.parseInline(raw, {});
  return inlineText(tokens[0]);
}

/** Blocks (paragraphs, list items, code) within a section. */
export function blocksIn(outline: MdOutline, section: MdSection): MdBlock[] {
  return outline.blocks.filter((b) => b.line >= section.startLine && b.line <= section.endLine);
}

/** Finds the first section whose heading text matches (case-insensitive). */
export function findSection(outline: MdOutline, name: RegExp): MdSection | undefined {
  return outline.sections.find((s) => name.test(s.heading.text));
}
