// Markdown built from document text, for hovers and other rich text. Text from the repository is untrusted: a
// decision title such as `[x](command:foo)` must render as text, never as a link the editor could run. Labels go
// through escapeMarkdown; document markdown (a decision's summary, a term's definition) through toSafeMarkdown with
// the workspace link policy below, which keeps web links and links to files of the workspace and nothing else.
import { posix } from 'node:path';
import { decisionLabel, decisionStatusText } from '../core/lifecycle';
import type { Decision } from '../core/model';
import { escapeMarkdown, markdownLink, toSafeMarkdown, type LinkPolicy } from '../core/safeMarkdown';
import { explanationLines } from '../core/staleExplain';
import type { StaleFinding } from '../core/staleness';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

/**
 * The links a hover may keep from a document at `fromPath`: http and https URLs, and links to files inside the
 * workspace folder (relative to the document, or `/`-rooted at the folder, or file: URIs below it), resolved to
 * their URIs. Every other scheme (command:, vscode:, javascript:, data:, file: outside the folder …) is refused.
 */
export function workspaceLinkPolicy(ctx: FeatureContext, fromPath: string): LinkPolicy {
  const root = ctx.uriOf('').replace(/\/$/, '');
  return (href) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
    if (scheme === 'http' || scheme === 'https') return parsedUrl(href)?.href;
    if (scheme === 'file') {
      const url = parsedUrl(href);
      return url && !url.search && url.href.startsWith(`${root}/`) ? url.href : undefined;
    }
    if (scheme !== undefined || href.startsWith('//')) return undefined;
    const [beforeHash, fragment = ''] = splitOnce(href, '#');
    const [pathPart] = splitOnce(beforeHash, '?');
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return undefined;
    }
    const joined = decoded === '' ? fromPath : decoded.startsWith('/') ? decoded.slice(1) : posix.join(posix.dirname(fromPath), decoded);
    const path = posix.normalize(joined === '' ? '.' : joined);
    if (path === '..' || path.startsWith('../') || posix.isAbsolute(path) || decoded.includes('\\')) return undefined;
    // Only line anchors survive: the editor understands `#L12` on a file URI, not a heading slug.
    const anchor = /^L\d+$/.test(fragment) ? `#${fragment}` : '';
    return path === '.' ? undefined : `${ctx.uriOf(path)}${anchor}`;
  };
}

function parsedUrl(href: string): URL | undefined {
  try {
    return new URL(href);
  } catch {
    return undefined;
  }
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/** The URI of a 1-based line of a workspace file, as hovers and links point at it. */
export function lineUri(ctx: FeatureContext, path: string, line: number): string {
  return `${ctx.uriOf(path)}#L${line}`;
}

/** Stale findings about a decision. */
export function staleFindingsOf(ctx: FeatureContext, decision: Decision): StaleFinding[] {
  return ctx.stale.filter((f) => f.subject.kind === 'decision' && f.subject.id === decision.id);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A decision as LSP documentation: the card below, for a completion item (the hover caches the same text). */
export function decisionDocumentation(ctx: FeatureContext, decision: Decision): MarkupContent {
  return { kind: MarkupKind.Markdown, value: decisionMarkdown(ctx, decision) };
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
  const source = ctx.snapshot.sourceOf(decision.path);
  if (source) parts.push(`From source *${escapeMarkdown(source)}* (read-only)`);

  const successors = decision.supersededBy.map((id) => ctx.snapshot.decision(id)).filter((d): d is Decision => d !== undefined);
  if (successors.length) {
    parts.push(`Superseded by ${successors.map((d) => markdownLink(decisionLabel(d), lineUri(ctx, d.path, d.line))).join(', ')}`);
  }

  const summary = decision.summary.trim();
  if (summary) parts.push(toSafeMarkdown(summary, workspaceLinkPolicy(ctx, decision.path)));

  const amendments = decision.amendedBy.map((id) => ctx.snapshot.decision(id)).filter((d): d is Decision => d !== undefined);
  if (amendments.length) {
    parts.push(`Amended by ${amendments.map((d) => markdownLink(decisionLabel(d), lineUri(ctx, d.path, d.line))).join(', ')}`);
  }

  for (const f of staleFindingsOf(ctx, decision)) {
    parts.push(`⚠ Stale: ${escapeMarkdown(f.message)}`);
    const explanation = ctx.explainStale?.(f);
    if (explanation) {
      const lines = explanationLines(explanation, 5);
      if (lines.length) parts.push(lines.map((l) => `- ${escapeMarkdown(l.trim())}`).join('\n'));
    }
  }

  parts.push(markdownLink(decision.path, lineUri(ctx, decision.path, decision.line)));
  return parts.join('\n\n');
}
