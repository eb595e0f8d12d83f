// Where prose is: the text a person reads as words. In markdown, everything outside fenced code, code spans, link
// destinations and URLs; in code, the comments (found by a small lexer that skips strings); in other text files,
// all of it. Rules about words (the glossary's avoided words) look only there.
import { parseMarkdownDocument, type MarkdownDocument } from '../markdown';
import { proseSegments as markdownProse } from '../markdownCode';
import { isMarkdownPath } from '../paths';

/** What the prose finder needs of a document. */
export interface ProseDocument {
  path: string;
  text: string;
  languageId: string;
}


interface CommentSyntax {
  line: readonly string[];
  block: readonly (readonly [string, string])[];
  /** Quote characters that open a string on one line. */
  quotes: string;
  /** Quote characters whose strings may span lines (template literals, Go raw strings). */
  multilineQuotes?: string;
  /** Python's `"""` / `'''`. */
  tripleQuotes?: boolean;
  /** `#` starts a comment only at the start of a line or after a blank (YAML, shell: `a#b` is not a comment). */
  hashAfterBlank?: boolean;
}

const HASH: CommentSyntax = { line: ['#'], block: [], quotes: `"'`, hashAfterBlank: true };
const PYTHON: CommentSyntax = { line: ['#'], block: [], quotes: `"'`, tripleQuotes: true };
const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: `"'`, multilineQuotes: '`' };
const CSS: CommentSyntax = { line: [], block: [['/*', '*/']], quotes: `"'` };
const SCSS: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: `"'` };
const SQL: CommentSyntax = { line: ['--'], block: [['/*', '*/']], quotes: `'"` };
const DASH: CommentSyntax = { line: ['--'], block: [], quotes: `"'` };
const HASH_AND_C: CommentSyntax = { line: ['#', '//'], block: [['/*', '*/']], quotes: `"'`, hashAfterBlank: true };
const MARKUP: CommentSyntax = { line: [], block: [['<!--', '-->']], quotes: '' };

const BY_EXTENSION: Record<string, CommentSyntax | 'prose'> = {};
const register = (syntax: CommentSyntax | 'prose', extensions: string) => {
  for (const e of extensions.split(' ')) BY_EXTENSION[e] = syntax;
};
register('prose', 'md markdown mdx txt rst adoc');
register(PYTHON, 'py pyi');
register(HASH, 'sh bash zsh fish yml yaml toml rb r pl pm properties conf cfg ini dockerfile makefile mk cmake nix ps1 gitignore env');
register(C_LIKE, 'ts tsx js jsx mjs cjs mts cts java kt kts scala go rs c h cc cpp cxx hpp cs swift dart groovy gradle proto jsonc json5 sbt v zig');
register(HASH_AND_C, 'php tf hcl');
register(CSS, 'css');
register(SCSS, 'scss less');
register(SQL, 'sql pgsql mysql ddl hql');
register(DASH, 'lua hs elm ada');
register(MARKUP, 'html htm xml xsd xsl svg vue svelte jinja j2');

const BY_LANGUAGE: Record<string, CommentSyntax | 'prose'> = {
  markdown: 'prose',
  python: PYTHON,
  shellscript: HASH,
  yaml: HASH,
  dockerfile: HASH,
  makefile: HASH,
  typescript: C_LIKE,
  typescriptreact: C_LIKE,
  javascript: C_LIKE,
  javascriptreact: C_LIKE,
  java: C_LIKE,
  go: C_LIKE,
  rust: C_LIKE,
  c: C_LIKE,
  cpp: C_LIKE,
  csharp: C_LIKE,
  sql: SQL,
  html: MARKUP,
  xml: MARKUP,
};

function syntaxOf(doc: ProseDocument): CommentSyntax | 'prose' | undefined {
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1) : name;
  return BY_EXTENSION[ext] ?? BY_LANGUAGE[doc.languageId];
}

/** [start, end) offset pairs of the text a person reads as words: prose in documents, comments in code. */
export function proseSegments(doc: ProseDocument, markdown: (path: string, text: string) => MarkdownDocument = (_p, t) => parseMarkdownDocument(t)): number[] {
  const syntax = syntaxOf(doc);
  if (syntax === undefined) return [];
  if (syntax === 'prose') {
    return isMarkdownPath(doc.path) || doc.languageId === 'markdown' ? markdownProse(markdown(doc.path, doc.text)) : [0, doc.text.length];
  }
  return commentSegments(doc.text, syntax);
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** Python string prefixes (`f"`, `rb'`) are letters before a quote that still open a string. */
function isStringPrefix(text: string, quoteAt: number): boolean {
  let i = quoteAt - 1;
  while (i >= 0 && quoteAt - i <= 2 && /[rRbBfFuU]/.test(text[i])) i--;
  return i < quoteAt - 1 && (i < 0 || !isWordCode(text.charCodeAt(i)));
}

/**
 * Comments of a code file as [start, end) pairs, found in one pass that skips strings (so `"a # b"` holds no
 * comment). It is a lexer for no language in particular: quotes glued to a word (`it's`) do not open strings.
 */
function commentSegments(text: string, syntax: CommentSyntax): number[] {
  const out: number[] = [];
  const n = text.length;
  // Every comment opener and quote is ASCII: a table lookup skips all other characters.
  const starters = new Uint8Array(128);
  for (const l of syntax.line) starters[l.charCodeAt(0)] = 1;
  for (const [open] of syntax.block) starters[open.charCodeAt(0)] = 1;
  for (const q of syntax.quotes + (syntax.multilineQuotes ?? '')) starters[q.charCodeAt(0)] = 1;

  let i = 0;
  outer: while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || starters[c] === 0) {
      i++;
      continue;
    }
    for (const [open, close] of syntax.block) {
      if (c === open.charCodeAt(0) && text.startsWith(open, i)) {
        let end = text.indexOf(close, i + open.length);
        if (end < 0) end = n;
        out.push(i + open.length, end);
        i = end + close.length;
        continue outer;
      }
    }
    for (const l of syntax.line) {
      if (c !== l.charCodeAt(0) || !text.startsWith(l, i)) continue;
      if (l === '#' && syntax.hashAfterBlank && i > 0) {
        const p = text.charCodeAt(i - 1);
        if (p !== 32 && p !== 9 && p !== 10 && p !== 13) continue;
      }
      let end = i + l.length;
      while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      out.push(i + l.length, end);
      i = end;
      continue outer;
    }
    const q = text[i];
    const opens = i === 0 || !isWordCode(text.charCodeAt(i - 1)) || (syntax.tripleQuotes === true && isStringPrefix(text, i));
    if (opens && syntax.tripleQuotes && text.startsWith(q + q + q, i) && syntax.quotes.includes(q)) {
      const end = text.indexOf(q + q + q, i + 3);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (opens && syntax.multilineQuotes?.includes(q)) {
      i = skipString(text, i, q, true);
      continue;
    }
    if (opens && syntax.quotes.includes(q)) {
      i = skipString(text, i, q, false);
      continue;
    }
    i++;
  }
  return out;
}

/** The offset after the string opened at `at` (backslash escapes; one-line strings end at the line break). */
function skipString(text: string, at: number, quote: string, multiline: boolean): number {
  const q = quote.charCodeAt(0);
  let i = at + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === q) return i + 1;
    else if (!multiline && (c === 10 || c === 13)) return i;
    else i++;
  }
  return text.length;
}
