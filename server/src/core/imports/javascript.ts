// TypeScript and JavaScript module specifiers: `import … from 'x'`, `import 'x'`, `export … from 'x'`,
// `require('x')`, `import('x')`, `import x = require('x')`. One pass over the text that skips comments, strings and
// template literals, and looks at the tokens before each string literal.
import { LineIndex } from '../text';
import type { ImportRef } from './model';

const OTHER = 0;
const FROM = 1;
const IMPORT = 2;
const REQUIRE = 3;
const PAREN = 4;
const DOT = 5;

export function readJavaScriptImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('import') && !text.includes('require') && !text.includes('export')) return out;
  let lines: LineIndex | undefined;
  // The last three significant tokens, as small numbers: the scanner never builds a string for a token.
  let prev = OTHER;
  let prev2 = OTHER;
  let prev3 = OTHER;
  const n = text.length;
  let i = 0;
  const token = (t: number) => {
    prev3 = prev2;
    prev2 = prev;
    prev = t;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        continue;
      }
      if (d === 42) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
        continue;
      }
      token(OTHER);
      i++;
      continue;
    }
    if (c === 39 || c === 34 /* ' " */) {
      const start = i + 1;
      let j = start;
      while (j < n) {
        const e = text.charCodeAt(j);
        if (e === c || e === 10) break;
        j += e === 92 ? 2 : 1;
      }
      const isSpecifier =
        (prev === FROM && prev2 !== DOT) || (prev === IMPORT && prev2 !== DOT) || (prev === PAREN && (prev2 === REQUIRE || prev2 === IMPORT) && prev3 !== DOT);
      if (isSpecifier && j > start) {
        lines ??= new LineIndex(text);
        out.push({ language: 'javascript', module: text.slice(start, j), range: { start: lines.positionAt(start), end: lines.positionAt(j) } });
      }
      token(OTHER);
      i = j + 1;
      continue;
    }
    if (c === 96 /* ` */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 96) j += text.charCodeAt(j) === 92 ? 2 : 1;
      token(OTHER);
      i = j + 1;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      const length = j - i;
      token(
        length === 4 && text.startsWith('from', i) ? FROM
        : length === 6 && text.startsWith('import', i) ? IMPORT
        : length === 7 && text.startsWith('require', i) ? REQUIRE
        : OTHER,
      );
      i = j;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    token(c === 40 /* ( */ ? PAREN : c === 46 /* . */ ? DOT : OTHER);
    i++;
  }
  return out;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
