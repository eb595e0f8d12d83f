// Glossaries written in markdown: definition lists (`Term` then `: definition`), `## Term` headings followed by
// their definition, and `| Term | Definition |` tables. One file may mix them; each line belongs to one term at most.
//
// All three come from the document model (markdown-it with Python-Markdown's definition lists, as mkdocs renders
// them), which knows about code blocks, setext headings and escaped pipes.
import type { GlossaryTerm, Problem } from '../model';
import { problem } from '../problems';
import { parseMarkdownOutline, plainInline, type MarkdownOutlineDocument, type MdOutline, type MdTable } from '../markdown';
import { readTermName, splitWords, TermBuilder } from './terms';
import { fieldName } from '../decisions/fields';

export interface GlossaryParseResult {
  terms: GlossaryTerm[];
  problems: Problem[];
}

// Line marks, indexed by 0-based body line.
const FREE = 0;
const CODE = 1; // fenced code or raw HTML: never a term
const HEADING = 2;
const USED = 3; // already part of a term (definition list entry or glossary table)
const TABLE = 4; // a table that is not a glossary


// Headings that organise a glossary rather than name a term.
const NON_TERM_HEADINGS = new Set([
  'glossary',
  'terms',
  'terminology',
  'definitions',
  'introduction',
  'overview',
  'about',
  'contents',
  'table of contents',
  'see also',
  'references',
  'contributing',
  'how to contribute',
  'abbreviations',
  'acronyms',
]);

/**
 * Reads the terms of a markdown glossary. Abbreviation lines (`*[CDC]: ...`) are skipped here: they are read by
 * `parseAbbreviations`, which the index runs on every markdown file, so a glossary never reports them twice.
 */
export function parseGlossaryMarkdown(path: string, text: string, scope: string, doc: MarkdownOutlineDocument = parseMarkdownOutline(text)): GlossaryParseResult {
  const problems: Problem[] = [];
  const fm = doc.frontMatter;
  if (fm.error) problems.push(problem('bad-front-matter', path, fm.error.line, `Front matter: ${fm.error.message}`));
  const first = doc.bodyLine;
  const lines = doc.lines;
  const outline = doc.outline;
  const marks = markLines(lines, outline, first);

  const terms: GlossaryTerm[] = [];
  for (const t of readTables(outline, marks, first)) terms.push(t.build(path, scope, 'table'));
  for (const t of readBoldTermLines(outline, marks, first)) terms.push(t.build(path, scope, 'deflist'));
  for (const t of readDefinitionLists(outline, marks, first)) terms.push(t.build(path, scope, 'deflist'));
  for (const t of readHeadings(outline, marks, first)) terms.push(t.build(path, scope, 'heading'));
  terms.sort((a, b) => a.line - b.line);
  return { terms, problems };
}

function markLines(lines: string[], outline: MdOutline, first: number): Uint8Array {
  const marks = new Uint8Array(lines.length);
  const mark = (from: number, to: number, value: number) => {
    for (let l = Math.max(0, from - first); l <= to - first && l < marks.length; l++) marks[l] = value;
  };
  for (const b of outline.blocks) {
    if (b.type === 'html' || b.fence !== undefined) mark(b.line, b.endLine, CODE);
  }
  for (const h of outline.headings) mark(h.line, h.line, HEADING);
  for (const t of outline.tables) mark(t.line, t.rows.length > 0 ? t.rows[t.rows.length - 1].line : t.line + 1, TABLE);
  return marks;
}

function isAbbreviationLine(line: string): boolean {
  return line.trimStart().startsWith('*[');
}


/** The document model's definition lists (Python-Markdown's dialect): the first term line is the term, the others synonyms. */
function readDefinitionLists(outline: MdOutline, marks: Uint8Array, first: number): TermBuilder[] {
  const out: TermBuilder[] = [];
  for (const entry of outline.definitions) {
    const names = entry.terms.map((t) => readTermName(t.text.replace(/\\$/, ''))).filter((t) => t.term.length > 0);
    if (names.length === 0) continue;
    const builder = new TermBuilder(names[0].term, entry.terms[0].line);
    for (const nm of names) builder.aliases.push(...nm.aliases);
    for (const nm of names.slice(1)) builder.aliases.push(nm.term);
    for (const d of entry.definitions) for (const line of d.text.split('\n')) builder.addDefinitionLine(line);
    for (let l = entry.terms[0].line; l <= entry.endLine; l++) if (marks[l - first] === FREE) marks[l - first] = USED;
    out.push(builder);
  }
  return out;
}

// `**ACSC** - Australian Cyber Security Centre`, `**ACSC**: …`, `**ACSC:** …`, in a paragraph or a list item; the
// line may end in a hard break (two spaces or a backslash).
const BOLD_TERM_LINE = /^\s*(?:[-*+]\s+)?(\*\*|__)([^*_\n]{1,120}?)(?::\1|\1\s*(?::|[-–—]))\s+(\S.*?)\s*\\?\s*$/;

/**
 * Lines that each start with a bold term followed by a dash or a colon and its definition. A metadata line
 * (`**Status:** Accepted | **Date:** …`) is not a term.
 */
function readBoldTermLines(outline: MdOutline, marks: Uint8Array, first: number): TermBuilder[] {
  const out: TermBuilder[] = [];
  for (const block of outline.blocks) {
    if (block.type !== 'paragraph' && block.type !== 'list_item' && block.type !== 'blockquote_paragraph') continue;
    const lines = block.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = BOLD_TERM_LINE.exec(lines[i]);
      const line = block.line + i;
      if (!m || marks[line - first] !== FREE || fieldName(m[2]) !== undefined) continue;
      const name = readTermName(m[2]);
      if (name.term.length === 0) continue;
      const b = new TermBuilder(name.term, line);
      b.aliases.push(...name.aliases);
      b.addDefinitionLine(m[3]);
      out.push(b);
      marks[line - first] = USED;
    }
  }
  return out;
}

const TERM_HEADER = /^(terms?|names?|words?|concepts?|abbreviations?|acronyms?|phrases?|glossary terms?|domain terms?)$/;
const DEFINITION_HEADER = /^(definitions?|meanings?|descriptions?|explanations?|expansions?|stands for|full form|full name)$/;
const ALIAS_HEADER = /^(aliases|alias|synonyms?|also known as|aka|also)$/;
const AVOID_HEADER = /^(avoid|do not use|don't use|words to avoid|avoided terms?|instead of)$/;

/** Tables whose header names a term column (and a definition column, found by name or as the other column). */
function readTables(outline: MdOutline, marks: Uint8Array, first: number): TermBuilder[] {
  const out: TermBuilder[] = [];
  for (const table of outline.tables) {
    const cols = tableColumns(table);
    if (!cols) continue;
    for (const row of table.rows) {
      const name = readTermName(row.cells[cols.term] ?? '');
      if (name.term.length === 0) continue;
      const b = new TermBuilder(name.term, row.line);
      b.aliases.push(...name.aliases);
      if (cols.definition >= 0) {
        for (const part of (row.cells[cols.definition] ?? '').split(/<br\s*\/?>/i)) b.addDefinitionLine(part);
      }
      if (cols.aliases >= 0) b.aliases.push(...splitWords(row.cells[cols.aliases] ?? ''));
      if (cols.avoid >= 0) b.avoid.push(...splitWords(row.cells[cols.avoid] ?? ''));
      out.push(b);
    }
    const last = table.rows.length > 0 ? table.rows[table.rows.length - 1].line : table.line + 1;
    for (let l = table.line - first; l <= last - first && l < marks.length; l++) if (l >= 0) marks[l] = USED;
  }
  return out;
}

function tableColumns(table: MdTable): { term: number; definition: number; aliases: number; avoid: number } | undefined {
  const header = table.header.map((h) => plainInline(h).toLowerCase());
  const find = (re: RegExp) => header.findIndex((h) => re.test(h));
  let term = find(TERM_HEADER);
  let definition = find(DEFINITION_HEADER);
  const aliases = find(ALIAS_HEADER);
  const avoid = find(AVOID_HEADER);
  if (term < 0 && definition >= 0 && header.length === 2) term = 1 - definition;
  if (term < 0) return undefined;
  if (definition < 0) {
    definition = header.findIndex((_, k) => k !== term && k !== aliases && k !== avoid);
    if (definition < 0) return undefined;
  }
  return { term, definition, aliases, avoid };
}

/** `## Term` headings whose own text (before the next heading) is a definition and holds no other entries. */
function readHeadings(outline: MdOutline, marks: Uint8Array, first: number): TermBuilder[] {
  const out: TermBuilder[] = [];
  const { headings, blocks, blockHeading } = outline;
  const titleIndex = headings.findIndex((h) => h.level === 1);
  // Group the blocks by the heading they follow, in one pass.
  const own: number[][] = headings.map(() => []);
  for (let b = 0; b < blocks.length; b++) if (blockHeading[b] >= 0) own[blockHeading[b]].push(b);

  for (let hi = 0; hi < headings.length; hi++) {
    const h = headings[hi];
    if (hi === titleIndex) continue;
    const plain = h.text.trim().toLowerCase();
    if (plain.length <= 1 || NON_TERM_HEADINGS.has(plain.replace(/:$/, ''))) continue;
    // A heading over definition-list entries or a glossary table groups terms; it is not one.
    const regionEnd = hi + 1 < headings.length ? headings[hi + 1].line - 1 : first + marks.length - 1;
    let grouping = false;
    for (let l = h.line + 1 - first; l <= regionEnd - first && l < marks.length; l++) {
      if (marks[l] === USED) {
        grouping = true;
        break;
      }
    }
    if (grouping) continue;
    const name = readTermName(h.raw);
    if (name.term.length === 0) continue;
    const b = new TermBuilder(name.term, h.line);
    b.aliases.push(...name.aliases);
    const items: string[] = [];
    let metaSeen = false;
    for (const bi of own[hi]) {
      const block = blocks[bi];
      if (block.type === 'code' || block.type === 'html') continue;
      for (const line of block.text.split('\n')) {
        if (isAbbreviationLine(line)) continue;
        if (b.addMeta(line)) metaSeen = true;
        // List items are examples or notes; they define the term only when there is no paragraph.
        else if (block.type === 'list_item') items.push(line);
        else b.addText(line);
      }
    }
    if (!b.hasText) for (const line of items) b.addText(line);
    if (!b.hasText && !metaSeen) continue;
    out.push(b);
  }
  return out;
}
