// mkdocs / Python-Markdown abbreviations: `*[CDC]: Change Data Capture` lines, which may appear in any markdown
// file (often a shared `includes/abbreviations.md` pulled in by pymdownx snippets).
import { parseMarkdownDocument, type MarkdownDocument } from '../markdown';
import { inCodeBlock } from '../markdownCode';
import type { GlossaryTerm } from '../model';
import { TermBuilder, stripBom } from './terms';
import type { GlossaryParseResult } from './markdown';

// Python-Markdown's own pattern: the abbreviation has no `]`, an optional space may precede the colon.
const ABBREVIATION = /^\*\[([^\]]+)\] ?:[ \t]*(.*)$/;

export function parseAbbreviations(path: string, text: string, scope: string, doc?: MarkdownDocument): GlossaryParseResult {
  const terms: GlossaryTerm[] = [];
  // Most markdown files have none; skip them without splitting into lines.
  if (text.indexOf('*[') < 0) return { terms, problems: [] };
  const model = doc ?? parseMarkdownDocument(text);
  const body = stripBom(text);
  let line = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const raw = body.slice(start, end);
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    start = end + 1;
    if (l.charCodeAt(0) !== 42 /* '*' */ || inCodeBlock(model, line)) continue;
    const m = ABBREVIATION.exec(l);
    // An empty expansion is how Python-Markdown removes an abbreviation: nothing to define.
    if (!m || m[2].trim().length === 0 || m[1].trim().length === 0) continue;
    const b = new TermBuilder(m[1].trim(), line);
    b.addText(m[2]);
    terms.push(b.build(path, scope, 'abbreviation'));
  }
  return { terms, problems: [] };
}
