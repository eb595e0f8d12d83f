// Index documents: a README, `index.md`, `SUMMARY.md` or review schedule whose table rows or list items each name
// one decision. Such a list is not a use of the decisions it names (a superseded entry is the index doing its job),
// but it can fall behind the log: a decision it does not list, or an entry whose status or title the decision's own
// file no longer says.
import type { MarkdownDocument } from '../markdown';
import { plainInline } from '../markdown';
import type { Decision, DecisionReference } from '../model';
import { isMarkdownPath, stripMarkdownExtension } from '../paths';
import { normaliseStatus, type StatusVocabulary } from './status';

export interface IndexEntry {
  /** First and last line of the row or list item. */
  line: number;
  endLine: number;
  decision: Decision;
  /** The status the index gives it (a Status column, or the heading the item is listed under), as written. */
  status?: string;
  /** The title the index gives it (the link text or a Title/Description column), as written. */
  title?: string;
}

export interface DecisionIndex {
  entries: IndexEntry[];
}

/** Fewer entries than this is a list of related decisions in a document, not an index. */
const MIN_ENTRIES = 3;
/** A cell or list item that starts with a reference: a link, or an id such as `ADR-7`, `RFC 2`. */
const STARTS_WITH_REFERENCE = /^\s*(?:\d+[.)]\s+)?(?:\*\*|__|\*|_)?\s*(?:\[|(?:adr|rfc|dr)[-_ #]?\d)/i;
const LINK_TEXT = /^\s*(?:\*\*|__|\*|_)?\s*\[((?:[^\[\]]|\[[^\]]*\])+)\]/;
const TITLE_COLUMN = /^(?:title|description|name|decision|summary|subject)$/i;
const STATUS_COLUMN = /^status$/i;

/**
 * The index a document is, or undefined: at least three rows or items that each start with a reference and name
 * exactly one decision. `references` are the document's references; `resolve` finds the decision each cites.
 */
export function readDecisionIndex(
  doc: MarkdownDocument,
  references: readonly DecisionReference[],
  resolve: (r: DecisionReference) => Decision | undefined,
  vocabulary?: StatusVocabulary,
): DecisionIndex | undefined {
  if (references.length < MIN_ENTRIES) return undefined;
  // Decisions cited on each line, in one pass over the references.
  const byLine = new Map<number, Set<Decision>>();
  for (const r of references) {
    const d = resolve(r);
    if (!d) continue;
    const line = r.range.start.line;
    let set = byLine.get(line);
    if (!set) byLine.set(line, (set = new Set()));
    set.add(d);
  }
  if (byLine.size < MIN_ENTRIES) return undefined;
  const only = (first: number, last: number): Decision | undefined => {
    let found: Decision | undefined;
    for (let l = first; l <= last; l++) {
      for (const d of byLine.get(l) ?? []) {
        if (found && found !== d) return undefined;
        found = d;
      }
    }
    return found;
  };

  const entries: IndexEntry[] = [];
  const { outline } = doc;
  for (const table of outline.tables) {
    const titleColumn = table.header.findIndex((h) => TITLE_COLUMN.test(plainInline(h)));
    const statusColumn = table.header.findIndex((h) => STATUS_COLUMN.test(plainInline(h)));
    for (const row of table.rows) {
      const decision = only(row.line, row.line);
      if (!decision) continue;
      const cell = row.cells.findIndex((c) => STARTS_WITH_REFERENCE.test(c));
      if (cell < 0) continue;
      const entry: IndexEntry = { line: row.line, endLine: row.line, decision };
      const title = titleColumn >= 0 && titleColumn !== cell ? plainInline(row.cells[titleColumn] ?? '') : linkText(row.cells[cell]);
      if (title) entry.title = title;
      if (statusColumn >= 0 && row.cells[statusColumn]) entry.status = plainInline(row.cells[statusColumn]);
      entries.push(entry);
    }
  }
  outline.blocks.forEach((block, b) => {
    if (block.type !== 'list_item' || !STARTS_WITH_REFERENCE.test(block.text)) return;
    const decision = only(block.line, block.endLine);
    if (!decision) return;
    const entry: IndexEntry = { line: block.line, endLine: block.endLine, decision };
    const title = linkText(block.text);
    if (title) entry.title = title;
    // Listed under `### Accepted`: the heading is the status the index gives.
    const heading = outline.blockHeading[b] >= 0 ? outline.headings[outline.blockHeading[b]] : undefined;
    if (heading && normaliseStatus(heading.text, vocabulary).status) entry.status = heading.text;
    entries.push(entry);
  });
  if (entries.length < MIN_ENTRIES) return undefined;
  entries.sort((a, b) => a.line - b.line);
  return { entries };
}

function linkText(raw: string): string | undefined {
  const m = LINK_TEXT.exec(raw);
  return m ? plainInline(m[1]) : undefined;
}

export interface IndexDiscrepancy {
  line: number;
  message: string;
}

/**
 * Where an index disagrees with the log: entries whose status is not the decision's, and, for a file named as an
 * index, decisions of the folders it lists that it does not name (only when it names at least half of them: it
 * means to list them all). Titles are not compared: an index often describes a decision in its own words.
 */
export function indexDiscrepancies(
  index: DecisionIndex,
  cited: ReadonlySet<Decision>,
  decisions: readonly Decision[],
  label: (d: Decision) => string,
  isIndexName: boolean,
  vocabulary?: StatusVocabulary,
): IndexDiscrepancy[] {
  const out: IndexDiscrepancy[] = [];
  for (const e of index.entries) {
    const d = e.decision;
    if (e.status !== undefined && d.status !== undefined) {
      const listed = normaliseStatus(e.status, vocabulary).status;
      if (listed && listed !== d.status && !sameStanding(listed, d)) {
        out.push({ line: e.line, message: `${label(d)} is listed as '${e.status}' but its file says '${d.statusText && d.statusText.length <= 40 ? d.statusText : d.status}'` });
      }
    }
  }
  // Decisions of the listed folders an index file (by its name) does not name: other documents that list a few
  // decisions (a reference architecture naming the ones it builds on) do not mean to list them all.
  if (!isIndexName) return out;
  const folderOf = (d: Decision) => d.path.slice(0, d.path.lastIndexOf('/') + 1);
  const folders = new Set(index.entries.map((e) => folderOf(e.decision)));
  const firstLine = index.entries[0].line;
  for (const folder of folders) {
    const all = decisions.filter((d) => folderOf(d) === folder);
    const missing = all.filter((d) => !cited.has(d));
    if (missing.length === 0 || missing.length * 2 > all.length) continue;
    for (const d of missing) out.push({ line: firstLine, message: `${label(d)} is not listed` });
  }
  return out;
}

/** Statuses an index may use for each other: superseded for a decision another supersedes, proposed for a draft. */
function sameStanding(listed: string, d: Decision): boolean {
  if (listed === 'superseded' && d.supersededBy.length > 0) return true;
  // A draft is a proposal not yet put forward: listing it as proposed is not out of date.
  return (listed === 'draft' || listed === 'proposed') && (d.status === 'draft' || d.status === 'proposed');
}

/** `README.md`, `index.md`, `SUMMARY.md`, `_index.md`, `toc.md`, `contents.md`: a file whose name says it lists. */
export function isIndexFileName(path: string): boolean {
  if (!isMarkdownPath(path)) return false;
  return /^(?:readme|_?index|summary|toc|contents|table-of-contents)$/i.test(stripMarkdownExtension(path.slice(path.lastIndexOf('/') + 1)));
}
