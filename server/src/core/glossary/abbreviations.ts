// mkdocs / Python-Markdown abbreviations: `*[CDC]: Change Data Capture` lines, which may appear in any markdown
// file (often a shared `includes/abbreviations.md` pulled in by pymdownx snippets).
import type { GlossaryTerm } from '../model';
import { TermBuilder, stripBom } from './terms';
import type { GlossaryParseResult } from './markdown';

// Python-Markdown's own pattern: the abbreviation has no `]`, an optional space may precede the colon.
const ABBREVIATION = /^\*\[([^\]]+)\] ?:[ \t]*(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function parseAbbreviations(path: string, text: string, scope: string): GlossaryParseResult {
  const terms: GlossaryTerm[] = [];
  // Most markdown files have none; skip them without splitting into lines.
  if (text.indexOf('*[') < 0) return { terms, problems: [] };
  const body = stripBom(text);
  let fence: string | undefined;
  let line = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const raw = body.slice(start, end);
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    start = end + 1;
    const f = FENCE.exec(l);
    if (f) {
      // A fence closes only with the same character, at least as long as the one that opened it.
      if (fence === undefined) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined || l.charCodeAt(0) !== 42 /* '*' */) continue;
    const m = ABBREVIATION.exec(l);
    // An empty expansion is how Python-Markdown removes an abbreviation: nothing to define.
    if (!m || m[2].trim().length === 0 || m[1].trim().length === 0) continue;
    const b = new TermBuilder(m[1].trim(), line);
    b.addText(m[2]);
    terms.push(b.build(path, scope, 'abbreviation'));
  }
  return { terms, problems: [] };
}
