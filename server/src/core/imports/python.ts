// Python imports, statement by statement: `import a.b as c, d`, `from x.y import z`, `from . import m`,
// `from x import (a,\n b)`. Lines inside triple-quoted strings are not code.
import type { ImportRef } from './model';

const MODULE = /[A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*/y;

export function readPythonImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('import')) return out;
  // Only lines holding the word `import` can be import statements; the rest of the file is never split. Triple-
  // quoted strings are found once, so a line inside a docstring is skipped.
  const strings = tripleQuotedStrings(text);
  let s = 0;
  let lineNo = 1;
  let counted = 0;
  let lastLineStart = -1;
  for (let at = text.indexOf('import'); at >= 0; at = text.indexOf('import', at + 6)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === lastLineStart) continue;
    lastLineStart = lineStart;
    while (s < strings.length && strings[s][1] <= lineStart) s++;
    if (s < strings.length && strings[s][0] < lineStart) continue;
    for (let k = text.indexOf('\n', counted); k >= 0 && k < lineStart; k = text.indexOf('\n', k + 1)) {
      lineNo++;
      counted = k + 1;
    }
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length;
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(lineStart, lineEnd);
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    const c = line[i];
    if (c === 'i' && line.startsWith('import', i) && /\s/.test(line[i + 6] ?? '')) readImportList(line, i + 6, lineNo, out);
    else if (c === 'f' && line.startsWith('from', i) && /\s/.test(line[i + 4] ?? '')) readFrom(line, i + 4, lineNo, out);
  }
  return out;
}

/** [start, end) of each triple-quoted string, in order. */
function tripleQuotedStrings(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  for (;;) {
    const a = text.indexOf('"""', i);
    const b = text.indexOf("'''", i);
    const open = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (open < 0) return out;
    const quote = open === a ? '"""' : "'''";
    const close = text.indexOf(quote, open + 3);
    out.push([open, close < 0 ? text.length : close + 3]);
    if (close < 0) return out;
    i = close + 3;
  }
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
