// Markdown built from document text, for hovers and other rich text. Text from the repository is untrusted: a
// decision title such as `[x](command:foo)` must render as text, never as a link the editor could run, so every
// piece of user text goes through escapeMarkdown (or sanitizeMarkdown for the decision summary, which keeps its
// inline formatting but can never form a link or HTML).
import { decisionLabel, decisionStatusText } from '../core/lifecycle';
import type { Decision } from '../core/model';
import type { StaleFinding } from '../core/staleness';
import type { FeatureContext } from './context';

/** ASCII punctuation that could start markdown syntax in a hover (links, HTML, code, emphasis, tables, headings). */
const SPECIAL = /[\\`*_{}[\]()<>#+!|~&]/g;

/** Escapes text so that it renders literally as one paragraph of markdown; line breaks become spaces. */
export function escapeMarkdown(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(SPECIAL, '\\$&');
}

/** Text for inside a code span: a code span cannot hold its own delimiter, so backticks become quotes. */
export function escapeCode(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/`/g, "'");
}


/**
 * A markdown link whose text is escaped and whose destination cannot break out of the link (spaces, parentheses
 * and angle brackets are percent-encoded). Only for URIs the server built itself (uriOf), never document text.
 */
export function markdownLink(text: string, uri: string): string {
  const target = uri.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(text)}](${target})`;
}

/** The URI of a 1-based line of a workspace file, as hovers and links point at it. */
export function lineUri(ctx: FeatureContext, path: string, line: number): string {
  return `${ctx.uriOf(path)}#L${line}`;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Keeps the inline formatting of document markdown (emphasis, code spans, fenced code) but makes links, images,
 * autolinks and HTML impossible: every `[`, `]`, `<` and `>` outside code is escaped, and so is every backslash that
 * does not already escape punctuation (so `\[` cannot be turned back into a live bracket).
 */
export function sanitizeMarkdown(md: string): string {
  const lines = md.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let fence: string | undefined;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(...sanitizeParagraph(paragraph.join('\n')).split('\n'));
    paragraph = [];
  };
  for (const line of lines) {
    if (fence) {
      // Inside a fence everything is literal: a link there is only text.
      out.push(line);
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
      flush();
      fence = open[1];
      out.push(line);
      continue;
    }
    if (line.trim() === '') {
      // A blank line ends a paragraph, and with it any code span: spans never cross it.
      flush();
      out.push(line);
      continue;
    }
    paragraph.push(line);
  }
  flush();
  // An unclosed fence runs to the end in CommonMark too, so its content stays literal.
  return out.join('\n');
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;

function sanitizeParagraph(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next !== undefined && PUNCTUATION.test(next)) {
        // An escape already makes the next character literal.
        out += c + next;
        i += 2;
      } else {
        out += '\\\\';
        i++;
      }
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      const close = findBacktickRun(text, i + n, n);
      if (close >= 0) {
        out += text.slice(i, close + n);
        i = close + n;
      } else {
        out += text.slice(i, i + n);
        i += n;
      }
      continue;
    }
    out += c === '[' || c === ']' || c === '<' || c === '>' ? `\\${c}` : c;
    i++;
  }
  return out;
}

/** The start of the next run of exactly n backticks at or after `from`, or -1. */
function findBacktickRun(text: string, from: number, n: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    let m = 1;
    while (text[i + m] === '`') m++;
    if (m === n) return i;
    i = text.indexOf('`', i + m);
  }
  return -1;
}

/** Stale findings about a decision. */
export function staleFindingsOf(ctx: FeatureContext, decision: Decision): StaleFinding[] {
  return ctx.stale.filter((f) => f.subject.kind === 'decision' && f.subject.id === decision.id);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The hover of a decision: its label, status, date and deciders, the decision itself in a few lines, its successor
 * when superseded, the decisions amending it, and what makes it stale.
 */
export function decisionMarkdown(ctx: FeatureContext, decision: Decision): string {
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(decisionLabel(decision))}**`);

  const facts: string[] = [];
  const status = decisionStatusText(decision);
  if (status) facts.push(escapeMarkdown(capitalise(status)));
  if (decision.date) facts.push(escapeMarkdown(decision.date));
  if (decision.deciders.length) facts.push(`Deciders: ${decision.deciders.map(escapeMarkdown).join(', ')}`);
  if (facts.length) parts.push(facts.join(' · '));

  const successors = decision.supersededBy.map((id) => ctx.snapshot.decision(id)).filter((d): d is Decision => d !== undefined);
  if (successors.length) {
    parts.push(`Superseded by ${successors.map((d) => markdownLink(decisionLabel(d), lineUri(ctx, d.path, d.line))).join(', ')}`);
  }

  const summary = decision.summary.trim();
  if (summary) parts.push(sanitizeMarkdown(summary));

  const amendments = decision.amendedBy.map((id) => ctx.snapshot.decision(id)).filter((d): d is Decision => d !== undefined);
  if (amendments.length) {
    parts.push(`Amended by ${amendments.map((d) => markdownLink(decisionLabel(d), lineUri(ctx, d.path, d.line))).join(', ')}`);
  }

  for (const f of staleFindingsOf(ctx, decision)) parts.push(`⚠ Stale: ${escapeMarkdown(f.message)}`);

  parts.push(markdownLink(decision.path, lineUri(ctx, decision.path, decision.line)));
  return parts.join('\n\n');
}
