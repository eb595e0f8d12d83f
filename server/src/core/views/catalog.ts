// The element catalog of a view: which elements it names and the code paths each maps to. Two shapes are read:
// a table with an element column and a code column, and `### Element` headings each with a `Code:` line.
import type { ViewElement } from '../model';
import { parseInline, plainInline, type MarkdownOutlineDocument, type MdSection, type MdTable } from '../markdown';
import { inCodeBlock } from '../markdownCode';
import { resolveRelative } from '../text';

// Header words, most specific first: a `Module path` column is the code column, not the element column.
const CODE_HEADERS: RegExp[] = [/\bcode\b/, /\bpaths?\b/, /\bimplementation\b/, /\blocation\b/, /\bsource\b/, /\brepo(sitory)?\b/];
const ELEMENT_HEADERS: RegExp[] = [/^(elements?|components?|names?|modules?|nodes?|stages?)$/, /\b(element|component|name|module|node|stage|service)s?\b/];
const DESCRIPTION_HEADERS: RegExp[] = [/\b(description|responsibilit(y|ies)|purpose|summary|role)\b/];

const NOT_A_PATH = new Set(['-', '–', '—', 'n/a', 'na', 'none', 'tbd', 'todo', '?', '…', '...']);
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The paths in a table cell or a `Code:` line: each code span and each link target, or, when there are none,
 * the words separated by commas, semicolons or `<br>`. Code spans and plain words are workspace-relative; link
 * targets are resolved against the view file. A trailing `/` (a folder) is kept.
 */
export function readPaths(raw: string, viewPath: string): string[] {
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p === undefined) return;
    const clean = p.trim();
    if (clean.length === 0 || NOT_A_PATH.has(clean.toLowerCase()) || out.includes(clean)) return;
    out.push(clean);
  };
  const inline = parseInline(raw);
  const children = inline?.children ?? [];
  let inLink = 0;
  let marked = false;
  let plain = '';
  for (const c of children) {
    if (c.type === 'link_open') {
      inLink++;
      marked = true;
      add(linkTarget(c.attrGet('href') ?? '', viewPath));
    } else if (c.type === 'link_close') inLink--;
    else if (c.type === 'code_inline') {
      marked = true;
      if (inLink === 0) for (const part of c.content.split(/\s*[,;]\s*/)) add(workspacePath(part));
    } else if (inLink === 0) {
      if (c.type === 'text') plain += c.content;
      else if (c.type === 'softbreak' || c.type === 'hardbreak' || c.type === 'html_inline') plain += ',';
    }
  }
  if (!marked) {
    for (const part of plain.split(/\s*[,;]\s*/)) {
      // Prose in a code cell ("see the billing module") is not a path.
      if (!/\s/.test(part.trim())) add(workspacePath(part));
    }
  }
  return out;
}

function workspacePath(p: string): string | undefined {
  let s = p.trim();
  if (s.length === 0 || SCHEME.test(s)) return undefined;
  while (s.startsWith('./')) s = s.slice(2);
  if (s.startsWith('/')) s = s.replace(/^\/+/, '');
  return s;
}

function linkTarget(href: string, viewPath: string): string | undefined {
  if (href.length === 0 || href.startsWith('#') || SCHEME.test(href)) return undefined;
  let target = href.replace(/[?#].*$/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    // A malformed escape: keep the target as written.
  }
  const resolved = resolveRelative(viewPath, target);
  if (resolved === undefined || resolved.length === 0) return undefined;
  return target.endsWith('/') ? `${resolved}/` : resolved;
}

function findColumn(header: string[], patterns: RegExp[], exclude: number[]): number {
  for (const re of patterns) {
    const k = header.findIndex((h, i) => !exclude.includes(i) && re.test(h));
    if (k >= 0) return k;
  }
  return -1;
}

/**
 * Elements from a table with an element column and a code column. Inside an Element Catalog section the element
 * column may have any header (the first other column is taken); elsewhere it must be named like one, so that
 * ordinary tables in a view are not read as catalogs.
 */
export function tableElements(table: MdTable, viewPath: string, inCatalog: boolean): ViewElement[] {
  const header = table.header.map((h) => plainInline(h).toLowerCase());
  const code = findColumn(header, CODE_HEADERS, []);
  if (code < 0) return [];
  let element = findColumn(header, ELEMENT_HEADERS, [code]);
  if (element < 0 && inCatalog && header.length > 1) element = code === 0 ? 1 : 0;
  if (element < 0) return [];
  const description = findColumn(header, DESCRIPTION_HEADERS, [code, element]);
  const out: ViewElement[] = [];
  for (const row of table.rows) {
    const name = plainInline(row.cells[element] ?? '');
    if (name.length === 0) continue;
    const el: ViewElement = { name, paths: readPaths(row.cells[code] ?? '', viewPath), line: row.line };
    const desc = description >= 0 ? plainInline(row.cells[description] ?? '') : '';
    if (desc.length > 0) el.description = desc;
    out.push(el);
  }
  return out;
}

// `Code: ...`, `- Code: ...`, `**Code**: ...`, `**Code:** ...`, `Paths: ...`.
const CODE_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:code|paths?|source|location|implementation)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/i;

/**
 * `### Element` headings below an Element Catalog heading, each naming its code on a `Code:` line. A sub-heading
 * without such a line (SEI's "Relations", "Interfaces", "Behavior" parts of a catalog) is not an element.
 */
export function headingElements(doc: MarkdownOutlineDocument, catalog: MdSection, viewPath: string): ViewElement[] {
  const { outline, lines, bodyLine: first } = doc;
  const out: ViewElement[] = [];
  const { headings } = outline;
  const start = headings.indexOf(catalog.heading);
  for (let hi = start + 1; hi < headings.length && headings[hi].line <= catalog.endLine; hi++) {
    const h = headings[hi];
    const regionEnd = Math.min(catalog.endLine, hi + 1 < headings.length ? headings[hi + 1].line - 1 : catalog.endLine);
    let paths: string[] | undefined;
    // The description is the first paragraph of the element's own text, wherever the `Code:` line is.
    const para: string[] = [];
    let paraDone = false;
    for (let l = h.line + 1; l <= regionEnd; l++) {
      const line = lines[l - first] ?? '';
      if (inCodeBlock(doc, l)) continue;
      const m = CODE_LINE.exec(line);
      if (m) {
        if (paths === undefined) paths = readPaths(m[1], viewPath);
        paraDone ||= para.length > 0;
      } else if (line.trim().length === 0) paraDone ||= para.length > 0;
      else if (!paraDone && !/^\s*[|#<]/.test(line)) para.push(line.trim());
    }
    if (paths === undefined) continue;
    const el: ViewElement = { name: h.text, paths, line: h.line };
    const description = plainInline(para.join(' ')).trim();
    if (description.length > 0) el.description = description;
    out.push(el);
  }
  return out;
}
