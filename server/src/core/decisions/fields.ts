// The metadata fields a decision states in its body, whatever the convention: `* Status: accepted` (MADR 2),
// `- Status: accepted` (log4brains), `Date: 2020-01-02` or `**Status**: Accepted` lines, `| Status | Accepted |`
// tables (either a column of field names or a header row of them), and Nygard's `## Status` / `## Date` sections.
import type { MdBlock, MdOutline } from '../markdown';
import type { RelationRef } from '../model';
import { relationsInLine } from './relations';

/** Where a field was written; the parser derives the document's format from it. */
export type FieldSource = 'bullet-dash' | 'bullet-star' | 'line' | 'table' | 'section';

export interface BodyField {
  value: string;
  line: number;
  source: FieldSource;
}

/** Field names by their letters only ("Decision Maker(s)" -> decisionmakers), mapped to what we store them as. */
const FIELD_NAMES: Record<string, string> = {
  status: 'status',
  state: 'status',
  date: 'date',
  deciders: 'deciders',
  decider: 'deciders',
  decisionmakers: 'deciders',
  decisionmaker: 'deciders',
  consulted: 'consulted',
  informed: 'informed',
  tags: 'tags',
  tag: 'tags',
  creationdate: 'date',
  datecreated: 'date',
  created: 'date',
  decisiondate: 'date',
  dateofdecision: 'date',
  updates: 'updates',
  updatedby: 'updatedBy',
  technicalstory: 'technicalStory',
};

// No two unbounded quantifiers over the same characters sit next to each other, so a line of spaces stays linear.
const FIELD_LINE = /^[ \t]*(?:\*\*|__)?([A-Za-z][A-Za-z ()\-]{0,30}?)(?:\*\*|__)?[ \t]*:(.*)$/;
const VALUE_EMPHASIS = /^(?:\*\*|__)/;
/** Longer field values are prose, not metadata; the cap also bounds the work done on hostile lines. */
const MAX_VALUE = 2000;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const STATUS_HEADING = /^(?:(?:decision|current|adr)\s+)?status(?:es)?\s*:?$/i;
const DATE_HEADING = /^(?:decision\s+)?date\s*:?$/i;
const LIST_MARKER = /^\s*(?:>\s*)*([-*+]|\d+[.)])/;

export interface BodyMetadata {
  /** The first occurrence of each field, by stored name. */
  fields: Map<string, BodyField>;
  /** Relations stated on lines of the body ("Supersedes [..](..)"), in document order. */
  relations: RelationRef[];
  /** True when the document has a `## Status` heading (Nygard / adr-tools), even an empty one. */
  hasStatusSection: boolean;
}

/** The canonical name of a field label such as "Decision-Makers" or "Decider(s)", if it is one we read. */
export function fieldName(label: string): string | undefined {
  return FIELD_NAMES[label.toLowerCase().replace(/[^a-z]/g, '')];
}

/** Removes HTML comments and surrounding space from a field value. */
export function cleanValue(value: string): string {
  const clean = (value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value).replace(HTML_COMMENT, ' ').replace(/\s+/g, ' ').trim();
  // A value written as one code span (`2024-05-22`, `Decided`) is that value.
  const code = /^(`+)([^`]+)\1$/.exec(clean);
  return code ? code[2].trim() : clean;
}

// Several labels on one line: "**Status:** Accepted | **Date:** 2025-02-17 | **Review:** 2026-02-17".
const SEGMENT_SEPARATOR = /\s+\|\s+(?=(?:\*\*|__)?[A-Za-z][A-Za-z ()\-]{0,30}?(?:\*\*|__)?\s*:|(?:\*\*|__)[A-Za-z][A-Za-z ()\-]{0,30}?:)/;

/** The `Label: value` segments of one line. */
function fieldSegments(line: string): string[] {
  return line.includes('|') ? line.split(SEGMENT_SEPARATOR) : [line];
}

/** Reads fields and relation lines from the outline of a body; `rawLines[i]` is document line `firstLine + i`. */
export function readBodyMetadata(outline: MdOutline, rawLines: string[], firstLine: number, docPath: string): BodyMetadata {
  const fields = new Map<string, BodyField>();
  const relations: RelationRef[] = [];
  const set = (name: string, value: string, line: number, source: FieldSource) => {
    const clean = cleanValue(value);
    const known = fields.get(name);
    // Tables are read after the blocks, so "first" has to mean the earliest line, not the first seen.
    if (clean && (!known || line < known.line)) fields.set(name, { value: clean, line, source });
  };

  const sectionHeading = new Map<number, 'status' | 'date'>();
  outline.headings.forEach((h, k) => {
    if (h.level < 2) return;
    if (STATUS_HEADING.test(h.text)) sectionHeading.set(k, 'status');
    else if (DATE_HEADING.test(h.text)) sectionHeading.set(k, 'date');
  });
  const sectionTaken = new Set<number>();

  for (let b = 0; b < outline.blocks.length; b++) {
    const block = outline.blocks[b];
    if (block.type === 'code' || block.type === 'html') continue;
    const blockLines = block.text.split('\n');
    for (let i = 0; i < blockLines.length; i++) {
      for (const r of relationsInLine(blockLines[i], block.line + i, docPath)) relations.push(r);
    }

    const headingIndex = outline.blockHeading[b];
    const section = sectionHeading.get(headingIndex);
    // A quoted paragraph under `## Status` is the template's guidance ("> A decision may be proposed if ..."), not the status.
    if (section && !sectionTaken.has(headingIndex) && block.type !== 'blockquote_paragraph') {
      const first = cleanValue(blockLines[0]);
      // The status paragraph is the first one that is not a relation line ("Supersedes [..]" follows "Accepted").
      if (first && !(section === 'status' && isOnlyRelation(blockLines[0], block.line, docPath))) {
        sectionTaken.add(headingIndex);
        set(section, first, block.line, 'section');
        continue;
      }
    }

    const source = sourceOf(block, rawLines, firstLine);
    for (let i = 0; i < blockLines.length; i++) {
      for (const segment of fieldSegments(blockLines[i])) {
        const m = FIELD_LINE.exec(segment);
        if (!m) continue;
        const name = fieldName(m[1]);
        if (name) set(name, m[2].trim().replace(VALUE_EMPHASIS, ''), block.line + i, source);
      }
      // Only a list item's own first line is a field line; its continuation lines are its value's prose.
      if (block.type === 'list_item') break;
    }
  }

  for (const table of outline.tables) {
    const headerNames = table.header.map(fieldName);
    const known = headerNames.filter((n) => n !== undefined).length;
    // `| Status | Date | Author(s) |` header with the values in one row (other columns are the team's own).
    if (headerNames.length >= 2 && table.rows.length > 0 && (known === headerNames.length || (known >= 2 && headerNames.includes('status') && table.rows.length === 1))) {
      const row = table.rows[0];
      headerNames.forEach((n, c) => {
        if (n === undefined) return;
        set(n, row.cells[c] ?? '', row.line, 'table');
        if (n === 'status') for (const r of relationsInLine(row.cells[c] ?? '', row.line, docPath)) relations.push(r);
      });
      continue;
    }
    for (const row of [{ cells: table.header, line: table.line }, ...table.rows]) {
      if (row.cells.length < 2) continue;
      const name = fieldName(row.cells[0]);
      if (name) set(name, row.cells[1], row.line, 'table');
      else for (const r of relationsInLine(`${row.cells[0]} ${row.cells[1]}`, row.line, docPath)) relations.push(r);
    }
  }

  return { fields, relations, hasStatusSection: [...sectionHeading.values()].includes('status') };
}

function isOnlyRelation(lineText: string, line: number, docPath: string): boolean {
  const refs = relationsInLine(lineText, line, docPath);
  return refs.length > 0 && refs[0].kind !== 'supersededBy';
}

function sourceOf(block: MdBlock, rawLines: string[], firstLine: number): FieldSource {
  if (block.type !== 'list_item') return 'line';
  const m = LIST_MARKER.exec(rawLines[block.line - firstLine] ?? '');
  return m && m[1] === '-' ? 'bullet-dash' : m && (m[1] === '*' || m[1] === '+') ? 'bullet-star' : 'line';
}
