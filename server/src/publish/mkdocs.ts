// Pages for a mkdocs(-material) site: the decision log, a page per tag, the decision graph as a mermaid block, the
// glossary, an abbreviations file for pymdownx.snippets (term tooltips on every page) and the stale documentation
// report. Pure: from the snapshot's decisions and terms, the mermaid text and the check's findings to file texts.
// Python-Markdown (not CommonMark) renders these pages, so text is escaped with its rules.
import type { Decision, GlossaryTerm } from '../core/model';
import { labelOf } from '../core/graph/build';
import { decisionNumberLabel } from '../core/lifecycle';

export interface StaleReportFinding {
  path: string;
  line: number;
  code: string;
  severity: string;
  message: string;
}

export interface MkdocsInput {
  decisions: readonly Decision[];
  terms: readonly GlossaryTerm[];
  mermaid: string;
  /** The findings of `archlens check` that say documentation is out of date. */
  stale: readonly StaleReportFinding[];
  /** Why the stale report may be empty although documents are stale (no git history, a shallow clone). */
  notes: readonly string[];
  /** Workspace-relative folder the pages are written to (inside docsDir for links to work). */
  outDir: string;
  /** mkdocs' docs_dir, workspace-relative. */
  docsDir: string;
}

/** Backslash escapes Python-Markdown knows, entities for the rest: document text renders as text, never markup. */
export function mdText(s: string): string {
  return s
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|]/g, '\\$&');
}

/** A link from a page in `fromDir` to a workspace file, when mkdocs can follow it (both inside docs_dir). */
function link(text: string, target: string, fromDir: string, docsDir: string): string {
  const inside = (p: string) => !docsDir || p.startsWith(`${docsDir}/`);
  if (!inside(target) || !inside(`${fromDir}/x`)) return mdText(text);
  const from = fromDir.split('/').filter(Boolean);
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const url = [...from.slice(common).map(() => '..'), ...to.slice(common).map(encodeURIComponent)].join('/');
  return `[${mdText(text)}](${url.startsWith('.') ? url : `./${url}`})`;
}

export function tagSlug(tag: string): string {
  return tag.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'tag';
}

function numberOf(d: Decision): string {
  return decisionNumberLabel(d) ?? '';
}

function decisionTable(decisions: readonly Decision[], byId: Map<string, Decision>, fromDir: string, input: MkdocsInput): string[] {
  const rows = ['| Number | Title | Status | Date | Tags | Superseded by | Governs |', '|---|---|---|---|---|---|---|'];
  for (const d of decisions) {
    const successors = d.supersededBy.map((id) => byId.get(id)).filter((s): s is Decision => !!s);
    rows.push(
      `| ${[
        mdText(numberOf(d)),
        link(d.title, d.path, fromDir, input.docsDir),
        mdText(d.status ?? d.statusText ?? ''),
        mdText(d.date ?? ''),
        d.tags.map((t) => link(t, `${input.outDir}/tags/${tagSlug(t)}.md`, fromDir, input.docsDir)).join(', '),
        successors.map((s) => link(numberOf(s) || s.title, s.path, fromDir, input.docsDir)).join(', '),
        d.governs.map((g) => `\`${g.replace(/`/g, "'").replace(/\|/g, '\\|')}\``).join(' '),
      ].join(' | ')} |`,
    );
  }
  return rows;
}

export function mkdocsPages(input: MkdocsInput): Map<string, string> {
  const pages = new Map<string, string>();
  const byId = new Map(input.decisions.map((d) => [d.id, d]));
  const sorted = [...input.decisions].sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || (a.path < b.path ? -1 : 1));
  const out = input.outDir;
  const tags = [...new Set(sorted.flatMap((d) => d.tags))].sort((a, b) => a.localeCompare(b));

  pages.set('index.md', [
    '# Decision log',
    '',
    `${sorted.length} decision${sorted.length === 1 ? '' : 's'}. See also: [the decision graph](graph.md), [the glossary](glossary.md), [stale documentation](stale.md).`,
    '',
    ...decisionTable(sorted, byId, out, input),
    '',
    ...(tags.length ? ['## Tags', '', tags.map((t) => `[${mdText(t)}](tags/${tagSlug(t)}.md)`).join(' · '), ''] : []),
  ].join('\n'));

  for (const tag of tags) {
    const tagged = sorted.filter((d) => d.tags.includes(tag));
    pages.set(`tags/${tagSlug(tag)}.md`, [`# Decisions tagged ${mdText(tag)}`, '', ...decisionTable(tagged, byId, `${out}/tags`, input), ''].join('\n'));
  }

  pages.set('graph.md', ['# Decision graph', '', 'Decisions by status, with the decisions they supersede, amend or cite.', '', '```mermaid', input.mermaid.trimEnd(), '```', ''].join('\n'));

  const terms = [...input.terms].sort((a, b) => a.term.localeCompare(b.term));
  pages.set('glossary.md', [
    '# Glossary',
    '',
    '| Term | Also | Definition | Defined in |',
    '|---|---|---|---|',
    ...terms.map((t) => `| ${mdText(t.term)} | ${t.aliases.map(mdText).join(', ')} | ${mdText(t.definition)} | ${link(`${t.path}:${t.line}`, t.path, out, input.docsDir)} |`),
    '',
  ].join('\n'));

  pages.set('abbreviations.md', abbreviations(input.terms));

  const byDoc = new Map<string, StaleReportFinding[]>();
  for (const f of input.stale) byDoc.set(f.path, [...(byDoc.get(f.path) ?? []), f]);
  const stale = ['# Stale documentation', '', 'Documents whose code changed after them, or that point at code which is gone, as `archlens check` reports them.', ''];
  for (const n of input.notes) stale.push(`!!! note`, '', `    ${mdText(n)}`, '');
  if (byDoc.size === 0) stale.push('No stale documentation found.', '');
  for (const [doc, findings] of [...byDoc].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    stale.push(`## ${link(doc, doc, out, input.docsDir)}`, '');
    for (const f of findings) stale.push(`- line ${f.line}, ${mdText(f.severity)} \`${f.code}\`: ${mdText(f.message)}`);
    stale.push('');
  }
  pages.set('stale.md', stale.join('\n'));
  return pages;
}

/**
 * `*[CDC]: Change Data Capture` for every term and alias: Python-Markdown's abbr extension turns each use on every
 * page into a tooltip. The title is the first sentence of the definition.
 */
export function abbreviations(terms: readonly GlossaryTerm[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const t of terms) {
    const title = firstSentence(t.definition);
    if (!title) continue;
    for (const name of [t.term, ...t.aliases]) {
      const key = name.trim();
      if (!key || /[\]\\\r\n]/.test(key) || seen.has(key)) continue;
      seen.add(key);
      lines.push(`*[${key}]: ${title}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function firstSentence(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? text.slice(0, end + 1) : text;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}…` : sentence;
}

export { labelOf };
