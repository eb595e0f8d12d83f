// Text from the repository rendered for the editor, in two forms, both from a real CommonMark parse (markdown-it):
// - safe markdown for hovers and completion documentation: every piece of document text is escaped, and the only
//   links in the output are the ones this module re-emits after a policy approved their target (http/https, and
//   files of the workspace resolved to their URIs). Images, raw HTML and every other scheme become plain text.
// - plain text for pickers, tree items, tooltips and status lines: no markup at all.
// The output never contains document text outside an escaped text run or a code span sized to its content, so a
// second markdown parser (the editor's) cannot find a link, image or HTML tag in it that was not put there here.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const parser = new MarkdownIt('default', { html: true, linkify: false });
// Every link reaches the policy below with its real target; markdown-it's own filter would silently turn some into
// text and let others (command:, vscode:) through.
parser.validateLink = () => true;

/** Decides what a link in a document may point at: the URI to link to, or undefined to keep only its text. */
export type LinkPolicy = (href: string) => string | undefined;

/** No links at all: every link keeps only its text. */
export const NO_LINKS: LinkPolicy = () => undefined;

/**
 * ASCII punctuation that could start inline markdown syntax: links and images (`[`, `]`, and `!`, which would turn a
 * link Archlens emits right after it into an image), autolinks and HTML (`<`, `>`), code, emphasis, strikethrough,
 * table cells and entities. Parentheses need no escape: without an unescaped `]` before them they form no link.
 */
const SPECIAL = /[\\`*_[\]<>|~&!]/g;
/** What would open a block (list item, heading, setext underline, ordered list) at the start of a line. */
const LINE_START = /^([-+=#]|\d{1,9}(?=[.)]))/;

/** Escapes text so that it renders literally as one line of markdown; line breaks become spaces. */
export function escapeMarkdown(s: string): string {
  return escapeLineStart(escapeInline(s).trim());
}

/**
 * Escapes text inside a line: whitespace runs become one space, syntax characters are backslash-escaped, and `<` and
 * `>` become entities. A backslash alone does not protect `<`: a renderer that autolinks web addresses takes the
 * backslash into the address (`https://x.example/p\<img …>`), and the `<` behind it would open HTML.
 */
function escapeInline(s: string): string {
  return s.replace(/\s+/g, ' ').replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A line that would start a list item or a setext underline gets its marker escaped. */
function escapeLineStart(line: string): string {
  return line.replace(LINE_START, (m) => (/\d/.test(m[0]) ? `${m}\\` : `\\${m}`));
}

/**
 * A markdown link whose text is escaped and whose destination cannot break out of the link (spaces, parentheses,
 * angle brackets and backslashes are percent-encoded). Only for URIs Archlens built or a LinkPolicy approved.
 */
export function markdownLink(text: string, uri: string): string {
  const target = uri.replace(/[\s()<>\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(text)}](${target})`;
}

/** A code span that holds `s` literally: its fence is longer than any backtick run inside. */
export function codeSpan(s: string): string {
  const text = s.replace(/\s+/g, ' ');
  if (text.trim() === '') return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Document markdown as safe markdown for a hover: links only where `links` approves them. */
export function toSafeMarkdown(source: string, links: LinkPolicy = NO_LINKS): string {
  const tokens = parser.parse(source, {});
  return renderBlocks(tokens, 0, tokens.length, new SafeInline(links)).join('\n\n');
}

/** Document markdown as plain text: paragraphs on lines of their own, or on one line with `oneLine`. */
export function toPlainText(source: string, options: { oneLine?: boolean } = {}): string {
  const tokens = parser.parse(source, {});
  const blocks = renderBlocks(tokens, 0, tokens.length, PLAIN);
  return options.oneLine ? blocks.join(' ').replace(/\s+/g, ' ').trim() : blocks.join('\n');
}

/** One line of inline markdown (a title, a table cell) as plain text. */
export function inlinePlainText(source: string): string {
  const tokens = parser.parseInline(source, {});
  return PLAIN.inline(tokens[0]?.children ?? []).replace(/\s+/g, ' ').trim();
}

interface InlineRenderer {
  /** Renders inline tokens as one line. */
  inline(tokens: Token[]): string;
  /** Text outside inline content (code blocks, HTML blocks): escaped for markdown, as is for plain text. */
  text(s: string): string;
  /** A fenced code block. */
  code(content: string): string;
  /** A heading. */
  heading(inline: string): string;
  /** List item prefixes and block-quote prefix. */
  bullet: string;
  quote: string;
  /** A table row from its rendered cells. */
  row(cells: string[], header: boolean): string;
  plain: boolean;
}

/** Finds the index of the token closing the one at `open` (same nesting level). */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

function indent(lines: string, by: string, first: string): string {
  return lines
    .split('\n')
    .map((l, i) => (i === 0 ? first + l : l === '' ? l : by + l))
    .join('\n');
}

function renderBlocks(tokens: Token[], from: number, to: number, r: InlineRenderer): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'paragraph_open': {
        const end = closing(tokens, i);
        const inline = tokens.slice(i + 1, end).find((x) => x.type === 'inline');
        const text = r.inline(inline?.children ?? []);
        if (text) out.push(r.plain ? text : escapeLineStart(text));
        i = end;
        break;
      }
      case 'heading_open': {
        const end = closing(tokens, i);
        const text = PLAIN.inline(tokens[i + 1]?.children ?? []);
        if (text) out.push(r.heading(text));
        i = end;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const end = closing(tokens, i);
        let n = Number(t.attrGet('start') ?? 1);
        const items: string[] = [];
        for (let j = i + 1; j < end; j++) {
          if (tokens[j].type !== 'list_item_open') continue;
          const itemEnd = closing(tokens, j);
          const marker = t.type === 'ordered_list_open' ? `${n++}. ` : r.bullet;
          const body = renderBlocks(tokens, j + 1, itemEnd, r).join(r.plain ? '\n' : '\n\n');
          items.push(indent(body, ' '.repeat(marker.length), marker));
          j = itemEnd;
        }
        if (items.length) out.push(items.join('\n'));
        i = end;
        break;
      }
      case 'blockquote_open': {
        const end = closing(tokens, i);
        const body = renderBlocks(tokens, i + 1, end, r).join(r.plain ? '\n' : '\n\n');
        if (body) out.push(r.plain ? body : body.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
        i = end;
        break;
      }
      case 'fence':
      case 'code_block':
        if (t.content.trim()) out.push(r.code(t.content.replace(/\n$/, '')));
        break;
      case 'html_block': {
        // Raw HTML is shown as the text between its tags, never as HTML.
        const text = t.content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
        if (text) out.push(r.text(text));
        break;
      }
      case 'table_open': {
        const end = closing(tokens, i);
        const rows: string[] = [];
        for (let j = i + 1; j < end; j++) {
          if (tokens[j].type !== 'tr_open') continue;
          const rowEnd = closing(tokens, j);
          const cells = tokens.slice(j, rowEnd).filter((x) => x.type === 'inline').map((x) => r.inline(x.children ?? []));
          rows.push(r.row(cells, rows.length === 0));
          j = rowEnd;
        }
        out.push(rows.join('\n'));
        i = end;
        break;
      }
      case 'hr':
        if (!r.plain) out.push('***');
        break;
      default:
        // Any other opening token (a plugin's block): render its inline content as text.
        if (t.type === 'inline') {
          const text = r.inline(t.children ?? []);
          if (text) out.push(text);
        }
    }
  }
  return out;
}

/** The plain-text renderer: text, code and link text kept, every marker dropped. */
const PLAIN: InlineRenderer = {
  plain: true,
  inline(tokens) {
    let s = '';
    for (const t of tokens) {
      if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline') s += t.content;
      else if (t.type === 'image') s += PLAIN.inline(t.children ?? []);
      else if (t.type === 'softbreak' || t.type === 'hardbreak') s += ' ';
      else if (t.type === 'html_inline' && /^<br\b/i.test(t.content)) s += ' ';
    }
    return s.replace(/\s+/g, ' ').trim();
  },
  text: (s) => s,
  code: (content) => content,
  heading: (text) => text,
  bullet: '• ',
  quote: '',
  row: (cells) => cells.join(' · '),
};

/** The safe-markdown renderer: escaped text, emphasis and code spans kept, links only where the policy allows. */
class SafeInline implements InlineRenderer {
  readonly plain = false;
  readonly bullet = '- ';
  readonly quote = '> ';
  constructor(private readonly links: LinkPolicy) {}

  text(s: string): string {
    return escapeMarkdown(s);
  }

  heading(text: string): string {
    return `**${escapeMarkdown(text)}**`;
  }

  code(content: string): string {
    const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}\n${content}\n${fence}`;
  }

  row(cells: string[], header: boolean): string {
    const line = `| ${cells.map((c) => c || ' ').join(' | ')} |`;
    return header ? `${line}\n|${cells.map(() => ' --- |').join('')}` : line;
  }

  inline(tokens: Token[]): string {
    let s = '';
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'text':
        case 'text_special':
          s += escapeInline(t.content);
          break;
        case 'code_inline': {
          // Two code spans side by side would merge their fences into one longer run (`a` + ``b`` = `a```b``) and
          // let the second one's text out of code: a space keeps them apart.
          s = glue(s, codeSpan(t.content));
          break;
        }
        case 'softbreak':
        case 'hardbreak':
          s += ' ';
          break;
        case 'strong_open':
        case 'strong_close':
          s += '**';
          break;
        case 'em_open':
        case 'em_close':
          s += '*';
          break;
        case 's_open':
        case 's_close':
          s += '~~';
          break;
        case 'image':
          // Images are never shown (a remote image is a tracking pixel); their description stays as text.
          s += escapeMarkdown(PLAIN.inline(t.children ?? []));
          break;
        case 'html_inline':
          if (/^<br\b/i.test(t.content)) s += ' ';
          break;
        case 'link_open': {
          const end = closingInline(tokens, i);
          const inner = this.inline(tokens.slice(i + 1, end)).trim();
          const target = this.links(t.attrGet('href') ?? '');
          const text = inner || escapeMarkdown(t.attrGet('href') ?? '');
          s = glue(s, target ? `[${text}](${encodeTarget(target)})` : text);
          i = end;
          break;
        }
        default:
          break;
      }
    }
    return s.replace(/ {2,}/g, ' ').trim();
  }
}

/**
 * Appends a fragment that may start with a code span, after a space where the text ends in a backtick or a web address. Two
 * backtick runs side by side would merge into one longer run (`a` + ``b`` = `a```b``), and a renderer that
 * autolinks web addresses takes a backtick right after an address into the link (`https://x.example/p` + `` `<a …>` ``):
 * either way the code span's text (HTML included) would get out of code.
 */
function glue(s: string, fragment: string): string {
  return fragment.startsWith('`') && (s.endsWith('`') || endsInWebAddress(s)) ? `${s} ${fragment}` : s + fragment;
}

/** Whether the last word of the text holds a web address as GFM renderers autolink it (`://` or `www.`); linear. */
function endsInWebAddress(s: string): boolean {
  const word = s.slice(Math.max(s.lastIndexOf(' '), s.lastIndexOf('\n')) + 1);
  return word.includes('://') || /www\./i.test(word);
}

function closingInline(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].type === 'link_open') depth++;
    else if (tokens[i].type === 'link_close' && --depth === 0) return i;
  }
  return tokens.length;
}

function encodeTarget(uri: string): string {
  return uri.replace(/[\s()<>\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
