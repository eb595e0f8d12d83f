// Diagnostics of one document: references to decisions that do not exist or were superseded, the index's problems
// on this document, glossary words to avoid (in prose and code comments), and stale documentation. Each has the
// stable code of problems.ts, and its severity comes from the settings (a code set to 'off' is not reported).
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Decision, DecisionReference, Problem, Severity } from '../core/model';
import { termKey, type ScopedGlossary } from '../core/glossaryIndex';
import { findDecisionReferences, findMarkdownLinks } from '../core/references';
import { severityOf } from '../core/settings';
import type { IndexSnapshot } from '../core/snapshot';
import type { MissingCodeFinding, StaleFinding } from '../core/staleness';
import { TermMatcher } from '../core/terms/matcher';
import { lineRange, toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { decisionLabel, isRetired, isSuperseded, successorOf } from '../core/lifecycle';
import { isMarkdownPath } from '../core/paths';

export const DIAGNOSTIC_SOURCE = 'archlens';

/** What a 'superseded-decision' diagnostic carries for its quick fix. */
export interface SupersededData {
  /** The cited decision. */
  decision: string;
  /** The decision that replaces it today (the end of the supersede chain), when known. */
  successor?: string;
}

/** What a 'stale-documentation' diagnostic carries for "Mark as reviewed" and "Show changes". */
export interface StaleData {
  docUri: string;
}

/** A context that may also carry findings of documentation pointing at code that is gone. */
export type DiagnosticsContext = FeatureContext & { missingCode?: readonly MissingCodeFinding[] };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostics(ctx: DiagnosticsContext, doc: FeatureDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const severities = new Map<string, DiagnosticSeverity | undefined>();
  const push = (code: string, range: Range, message: string, data?: unknown): void => {
    let severity = severities.get(code);
    if (!severities.has(code)) {
      const s = severityOf(ctx.settings, code);
      severity = s ? SEVERITY[s] : undefined;
      severities.set(code, severity);
    }
    if (severity === undefined) return;
    const d: Diagnostic = { range, severity, code, source: DIAGNOSTIC_SOURCE, message };
    if (data !== undefined) d.data = data;
    out.push(d);
  };
  // Index problems and findings may say the same thing twice (a finding also kept as a problem); once is enough.
  const pushOnce = (code: string, range: Range, message: string, data?: unknown): void => {
    const key = `${code}\0${range.start.line}:${range.start.character}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    push(code, range, message, data);
  };

  referenceDiagnostics(ctx, doc, push);
  for (const p of problemsOf(ctx.snapshot, doc.path)) pushOnce(p.code, p.range ? toLspRange(p.range) : lineRange(doc, p.line), p.message);
  if (severityOf(ctx.settings, 'avoided-term')) avoidedTermDiagnostics(ctx, doc, push);
  const stale = staleIndexOf(ctx.stale);
  for (const f of stale.byDoc.get(doc.path) ?? []) {
    pushOnce('stale-documentation', lineRange(doc, f.docLine), f.message, { docUri: ctx.uriOf(f.docPath) } satisfies StaleData);
  }
  for (const f of stale.byGoverned.get(doc.path) ?? []) {
    pushOnce('stale-documentation', lineRange(doc, 1), f.message, { docUri: ctx.uriOf(f.docPath) } satisfies StaleData);
  }
  for (const m of ctx.missingCode ?? []) {
    if (m.docPath === doc.path) pushOnce('missing-code-path', lineRange(doc, m.line), m.message);
  }

  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code === b.code ? 0 : String(a.code) < String(b.code) ? -1 : 1),
  );
}

type Push = (code: string, range: Range, message: string, data?: unknown) => void;

// ---------------------------------------------------------------------------------------------------------------
// References to decisions

function referenceDiagnostics(ctx: FeatureContext, doc: FeatureDocument, push: Push): void {
  const snapshot = ctx.snapshot;
  const self = snapshot.decisionAt(doc.path);
  // A decision's references to the decisions it is related to, and a retired decision's references, are its history.
  const related = new Set(self ? [self.id, ...self.supersedes, ...self.supersededBy, ...self.amends, ...self.amendedBy] : []);
  const historical = self !== undefined && isRetired(self);
  const covered = new Set<string>();
  const references = findDecisionReferences(doc.path, doc.text);

  for (let i = 0; i < references.length; i++) {
    const ref = references[i];
    const range = toLspRange(ref.range);
    covered.add(`${range.start.line}:${range.start.character}`);
    const decision = snapshot.resolve(ref, doc.path);
    // `[ADR-0006](0006-x.md)` is one citation: report it once, on the link, whose fix rewrites the label too.
    const next = references[i + 1];
    if (
      decision &&
      next?.form === 'link' &&
      next.range.start.line === ref.range.end.line &&
      next.range.start.character === ref.range.end.character + 2 &&
      snapshot.resolve(next, doc.path) === decision
    ) {
      continue;
    }
    if (!decision) {
      const message = unknownMessage(snapshot, ref);
      if (message) push('unknown-decision', range, message);
      continue;
    }
    if (historical || related.has(decision.id) || !isSuperseded(decision)) continue;
    const successor = successorOf(decision, (id) => snapshot.decision(id));
    const data: SupersededData = successor ? { decision: decision.id, successor: successor.id } : { decision: decision.id };
    push('superseded-decision', range, supersededMessage(snapshot, decision, successor), data);
  }

  // The reference scanner only takes links to `.md` files; a gone link to a `.markdown` decision is caught here.
  if (!isMarkdownPath(doc.path)) return;
  for (const link of findMarkdownLinks(doc.path, doc.text)) {
    const range = toLspRange(link.range);
    if (covered.has(`${range.start.line}:${range.start.character}`)) continue;
    if (!snapshot.context.isDecisionPath(link.path) || snapshot.decisionAt(link.path) || fileExists(snapshot, link.path)) continue;
    push('unknown-decision', range, `Unknown decision: ${link.path} does not exist`);
  }
}

function unknownMessage(snapshot: IndexSnapshot, ref: DecisionReference): string | undefined {
  if (ref.path !== undefined) {
    const exists = fileExists(snapshot, ref.path);
    // A link to an ordinary document is not a reference to a decision; only links into decision folders are.
    if (ref.form === 'link' && (exists || !snapshot.context.isDecisionPath(ref.path))) return undefined;
    return exists ? `Unknown decision: ${ref.path} is not a decision` : `Unknown decision: ${ref.path} does not exist`;
  }
  if (ref.number === undefined) return undefined;
  return `Unknown decision ${ref.text.trim()}: no decision has number ${ref.number}`;
}

function supersededMessage(snapshot: IndexSnapshot, d: Decision, successor: Decision | undefined): string {
  const direct = d.supersededBy.length > 0 ? snapshot.decision(d.supersededBy[0]) : undefined;
  const what = d.status === 'deprecated' ? 'is deprecated' : 'is superseded';
  if (!successor) return `${decisionLabel(d)} ${what}`;
  const by = d.status === 'deprecated' ? `${what}; it was replaced by` : 'is superseded by';
  const now = direct && direct.id !== successor.id ? `${decisionLabel(direct)}, now ${decisionLabel(successor)}` : decisionLabel(successor);
  return `${decisionLabel(d)} ${by} ${now}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Stale findings by path, once per list of findings

export interface StaleIndex {
  /** Findings about each stale document. */
  byDoc: Map<string, StaleFinding[]>;
  /** Findings whose changed code includes each file. */
  byGoverned: Map<string, StaleFinding[]>;
}

const staleIndexes = new WeakMap<readonly StaleFinding[], StaleIndex>();

/** Every file asks which findings concern it; one pass over the findings answers all of them. */
export function staleIndexOf(stale: readonly StaleFinding[]): StaleIndex {
  let index = staleIndexes.get(stale);
  if (!index) {
    index = { byDoc: new Map(), byGoverned: new Map() };
    for (const f of stale) {
      pushTo(index.byDoc, f.docPath, f);
      for (const p of new Set(f.governedPaths)) pushTo(index.byGoverned, p, f);
    }
    staleIndexes.set(stale, index);
  }
  return index;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------------------------
// Index problems and files, per snapshot

const problemsByPath = new WeakMap<IndexSnapshot, Map<string, Problem[]>>();

function problemsOf(snapshot: IndexSnapshot, path: string): readonly Problem[] {
  let map = problemsByPath.get(snapshot);
  if (!map) {
    map = new Map();
    for (const p of snapshot.problems) {
      const list = map.get(p.path);
      if (list) list.push(p);
      else map.set(p.path, [p]);
    }
    problemsByPath.set(snapshot, map);
  }
  return map.get(path) ?? [];
}

/** Whether a workspace file exists: `files` is sorted, so a binary search. */
function fileExists(snapshot: IndexSnapshot, path: string): boolean {
  const files = snapshot.files;
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (files[mid] < path) lo = mid + 1;
    else hi = mid;
  }
  return files[lo] === path;
}

// ---------------------------------------------------------------------------------------------------------------
// Avoided words

interface AvoidIndex {
  matcher: TermMatcher;
  /** The preferred term, by matcher id. */
  preferred: ScopedGlossary['terms'][number][];
}

/** One automaton of all avoid words per scoped glossary, which itself lives as long as its GlossaryIndex. */
const avoidIndexes = new WeakMap<ScopedGlossary, AvoidIndex>();

export function avoidIndexOf(glossary: ScopedGlossary): AvoidIndex {
  let index = avoidIndexes.get(glossary);
  if (!index) {
    // A word that is itself a term or an alias here is not one to avoid, whatever another entry says.
    const names = new Set<string>();
    for (const t of glossary.terms) {
      names.add(termKey(t.term));
      for (const a of t.aliases) names.add(termKey(a));
    }
    const entries: { text: string; id: number }[] = [];
    const preferred: AvoidIndex['preferred'] = [];
    for (const t of glossary.terms) {
      for (const word of t.avoid) {
        if (!word.trim() || names.has(termKey(word))) continue;
        entries.push({ text: word, id: preferred.length });
        preferred.push(t);
      }
    }
    index = { matcher: TermMatcher.build(entries), preferred };
    avoidIndexes.set(glossary, index);
  }
  return index;
}

function avoidedTermDiagnostics(ctx: FeatureContext, doc: FeatureDocument, push: Push): void {
  const { matcher, preferred } = avoidIndexOf(ctx.snapshot.glossary.forPath(doc.path));
  if (matcher.size === 0) return;
  const segments = proseSegments(doc);
  const text = doc.text;
  for (let s = 0; s < segments.length; s += 2) {
    for (const m of matcher.findAll(text, segments[s], segments[s + 1])) {
      const term = preferred[m.id];
      // The glossary entry that lists the word must be able to name it.
      if (term.path === doc.path) continue;
      const word = text.slice(m.start, m.end);
      const start = doc.lines.positionAt(m.start);
      const end = doc.lines.positionAt(m.end);
      push(
        'avoided-term',
        { start: { line: start.line - 1, character: start.character }, end: { line: end.line - 1, character: end.character } },
        `'${word}' is a word the glossary asks to avoid; use '${term.term}'`,
        term.term,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Where prose is: markdown outside code, and comments in code

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

function syntaxOf(doc: FeatureDocument): CommentSyntax | 'prose' | undefined {
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1) : name;
  return BY_EXTENSION[ext] ?? BY_LANGUAGE[doc.languageId];
}

/** [start, end) offset pairs of the text a person reads as words: prose in documents, comments in code. */
export function proseSegments(doc: FeatureDocument): number[] {
  const syntax = syntaxOf(doc);
  if (syntax === undefined) return [];
  if (syntax === 'prose') return isMarkdownPath(doc.path) || doc.languageId === 'markdown' ? markdownProse(doc.text) : [0, doc.text.length];
  return commentSegments(doc.text, syntax);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Inside a line: code spans, link destinations and autolinks/URLs, which are not prose. */
const NOT_PROSE = /(`+)[^`]*?\1|\]\([^)\s]*(?:\s+"[^"]*")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\bhttps?:\/\/[^\s)>\]]+/gi;

/** Markdown outside fenced code, code spans, link destinations and URLs. */
function markdownProse(text: string): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const m = FENCE.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && m[2].trim() === '') fence = undefined;
    } else if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
      fence = m[1];
    } else {
      let from = lineStart;
      NOT_PROSE.lastIndex = 0;
      for (let x = NOT_PROSE.exec(line); x !== null; x = NOT_PROSE.exec(line)) {
        if (x.index + lineStart > from) out.push(from, x.index + lineStart);
        from = lineStart + x.index + x[0].length;
      }
      if (lineEnd > from) out.push(from, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return out;
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
