// Links from published documents (the tour, the mkdocs pages) to workspace files. Paths come from the index and may
// hold any character a file name can, so a link is always relative (`./`-prefixed: a file named `javascript:x`
// stays a file) and percent-encoded; text goes through the markdown or HTML escaping of its format.
import { escapeMarkdown } from '../core/safeMarkdown';

/** A relative URL for a workspace-relative path, from a document in folder `from` ('' for the root). */
export function relativeUrl(path: string, from = '', line?: number): string {
  const up = from ? from.split('/').filter(Boolean).map(() => '..') : [];
  const url = [...up, ...path.split('/')].map((s) => (s === '..' ? s : encodeURIComponent(s))).join('/');
  return `${up.length ? '' : './'}${url}${line && line > 1 ? `#L${line}` : ''}`;
}

export function mdLink(text: string, path: string, from = '', line?: number): string {
  return `[${escapeMarkdown(text)}](${relativeUrl(path, from, line)})`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export { escapeMarkdown };
