// Python imports, statement by statement: `import a.b as c, d`, `from x.y import z`, `from . import m`,
// `from x import (a,\n b)`. Lines inside triple-quoted strings are not code.
import type { ImportRef } from './model';

const MODULE = /[A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*/y;

export function readPythonImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('import')) return out;
  let tripleQuote: string | undefined;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    pos = end + 1;
    if (tripleQuote) {
      if (countOf(line, tripleQuote) % 2 === 1) tripleQuote = undefined;
      continue;
    }
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    const c = line[i];
    if (c === 'i' && line.startsWith('import', i) && /\s/.test(line[i + 6] ?? '')) readImportList(line, i + 6, lineNo, out);
    else if (c === 'f' && line.startsWith('from', i) && /\s/.test(line[i + 4] ?? '')) readFrom(line, i + 4, lineNo, out);
    // A docstring or string that opens on this line and does not close on it.
    for (const q of ['"""', "'''"]) {
      if (line.includes(q) && countOf(line, q) % 2 === 1) {
        tripleQuote = q;
        break;
      }
    }
    if (end >= text.length) break;
  }
  return out;
}

function readImportList(line: string, i: number, lineNo: number, out: ImportRef[]): void {
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t' || line[i] === '(') i++;
    MODULE.lastIndex = i;
    const m = MODULE.exec(line);
    if (!m) return;
    push(out, m[0], lineNo, i);
    i = MODULE.lastIndex;
    const rest = /^\s+as\s+[A-Za-z_]\w*/.exec(line.slice(i));
    if (rest) i += rest[0].length;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== ',') return;
    i++;
  }
}

function readFrom(line: string, i: number, lineNo: number, out: ImportRef[]): void {
  while (line[i] === ' ' || line[i] === '\t') i++;
  const start = i;
  while (line[i] === '.') i++;
  MODULE.lastIndex = i;
  const m = MODULE.exec(line);
  const dots = line.slice(start, i);
  let name = dots;
  let after = i;
  if (m && !/^import$/.test(m[0])) {
    name += m[0];
    after = MODULE.lastIndex;
  }
  if (!name) return;
  if (!/^\s+import\b/.test(line.slice(after))) return;
  push(out, name, lineNo, start);
}

function push(out: ImportRef[], written: string, line: number, start: number): void {
  out.push({
    language: 'python',
    module: written.replace(/\s+/g, ''),
    range: { start: { line, character: start }, end: { line, character: start + written.length } },
  });
}

function countOf(s: string, needle: string): number {
  let n = 0;
  for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}
