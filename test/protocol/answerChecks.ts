// Checks of what the server answers, for tests that throw hostile input at it: every range inside the document it
// points into, every link in markdown (rendered with CommonMark, as the editor renders it) and every document
// link aimed at the workspace or the web, never at a scheme a document could use to run something, and every
// command one of Archlens' own. They return the violations found (empty when the answer is fine), so a test can
// name the request that broke a rule.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true, linkify: true });

/** The 0-based lines of a text as LSP counts them (\n, \r\n and a lone \r each end a line), in UTF-16 units. */
export function lspLines(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export interface AnswerContext {
  /** The folder of the workspace on disk. */
  root: string;
  /** The URI the request was about (ranges without a URI of their own are in it). */
  uri?: string;
  /** Line lengths of a document, by file-system path; undefined when the test does not know the file. */
  linesOf(fsPath: string): number[] | undefined;
}

type Json = unknown;

function isPosition(v: Json): v is { line: number; character: number } {
  return !!v && typeof v === 'object' && typeof (v as { line?: unknown }).line === 'number' && typeof (v as { character?: unknown }).character === 'number';
}

function isRange(v: Json): v is { start: { line: number; character: number }; end: { line: number; character: number } } {
  return !!v && typeof v === 'object' && isPosition((v as { start?: unknown }).start) && isPosition((v as { end?: unknown }).end);
}

function pathOfUri(uri: string): string | undefined {
  try {
    return fileURLToPath(uri.split('#')[0]);
  } catch {
    return undefined;
  }
}

/** Is a link target the workspace's own file or a web page? (A `#L12` fragment names a line.) */
export function allowedTarget(target: string, root: string): boolean {
  if (/^https?:\/\//i.test(target)) return true;
  if (!/^file:/i.test(target)) return false;
  const p = pathOfUri(target);
  if (!p) return false;
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every href/src in markdown as CommonMark renders it (raw HTML included, as a lenient renderer would keep it). */
export function markdownTargets(text: string): string[] {
  const html = md.render(text);
  return [...html.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1].replace(/&amp;/g, '&'));
}

const MARKDOWN_KEYS = new Set(['value', 'documentation', 'tooltip', 'markdown']);

/** Walks an answer: ranges checked against their document, markdown links and document-link targets checked. */
export function answerViolations(answer: Json, ctx: AnswerContext): string[] {
  const out: string[] = [];
  const checkRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }, uri: string | undefined, where: string) => {
    const { start, end } = r;
    if (start.line < 0 || start.character < 0 || end.line < 0 || end.character < 0) out.push(`${where}: negative position ${JSON.stringify(r)}`);
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) out.push(`${where}: start after end ${JSON.stringify(r)}`);
    const p = uri ? pathOfUri(uri) : undefined;
    const lines = p ? ctx.linesOf(p) : undefined;
    if (!lines) return;
    for (const pos of [start, end]) {
      if (pos.line >= lines.length || pos.character > lines[pos.line]) out.push(`${where}: ${pos.line}:${pos.character} outside ${path.relative(ctx.root, p!)} (${lines.length} lines)`);
    }
  };
  const walk = (v: Json, uri: string | undefined, where: string) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, uri, `${where}[${i}]`));
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const own = typeof o.uri === 'string' ? o.uri : typeof o.targetUri === 'string' ? o.targetUri : uri;
    for (const [k, x] of Object.entries(o)) {
      const here = `${where}.${k}`;
      if (isRange(x)) checkRange(x, k === 'originSelectionRange' ? ctx.uri : own, here);
      else if (isPosition(x) && k === 'position') checkRange({ start: x, end: x }, own, here);
      if (typeof x === 'string') {
        if ((k === 'target' || k === 'targetUri' || k === 'uri') && !allowedTarget(x, ctx.root)) out.push(`${here}: target ${x.slice(0, 120)}`);
        if (MARKDOWN_KEYS.has(k)) for (const t of markdownTargets(x)) if (!allowedTarget(t, ctx.root)) out.push(`${here}: markdown link to ${t.slice(0, 120)}`);
        if (k === 'command' && !/^archlens\.|^editor\.action\./.test(x)) out.push(`${here}: command ${x.slice(0, 120)}`);
      } else walk(x, own, here);
    }
  };
  walk(answer, ctx.uri, 'answer');
  return out;
}
