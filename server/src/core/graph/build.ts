// The decision graph as a picture: decisions as nodes (with their status), supersedes, amends and relates edges, and
// optionally the code folders the decisions govern and the views that document them. Pure: from a snapshot's
// decisions, views and references to plain nodes and edges that every renderer (mermaid, dot, svg, json, the
// editor's panel) draws the same way.
import { decisionLabel } from '../lifecycle';
import type { ArchitectureView, Decision, DecisionReference } from '../model';
import { globBase, isGlob, normalizePattern } from '../paths';
import { dirname } from '../text';

export type GraphNodeKind = 'decision' | 'view' | 'folder';
export type GraphEdgeKind = 'supersedes' | 'amends' | 'relates' | 'governs' | 'documents';

export interface GraphNode {
  /** Stable: the decision id, `view:<path>` or `folder:<path>`. */
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Normalised status of a decision, 'unknown' when it states none we know. */
  status?: string;
  tags: string[];
  /** The file to open (decisions and views) or the folder (folders), with the line. */
  path: string;
  line: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
}

export interface DecisionGraphPicture {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphSource {
  decisions: readonly Decision[];
  views: readonly ArchitectureView[];
  /** The decisions a document cites (for relates edges). */
  citedBy?(path: string): readonly Decision[];
}

export interface GraphOptions {
  /** Add the code folders the decisions govern. */
  folders?: boolean;
  /** Add the architecture views, linked to the folders their elements live in and the decisions they cite. */
  views?: boolean;
  /** Keep only decisions with this tag. */
  tag?: string;
  /** Keep only decisions in this folder, or governing code in it. */
  folder?: string;
  /** Keep only decisions with this status. */
  status?: string;
}

/** The folder a governs glob or code path names: a glob's literal base, a folder itself, a file's folder. */
export function codeFolderOf(pattern: string): string | undefined {
  let p = normalizePattern(pattern);
  if (!p) return undefined;
  if (isGlob(p)) p = globBase(p);
  else if (!p.endsWith('/') && /\.[^/]+$/.test(p)) p = dirname(p); // a file: its folder
  p = p.replace(/\/+$/, '');
  return p || undefined;
}

export function statusOf(d: Decision): string {
  return d.status ?? 'unknown';
}

export function buildGraphPicture(source: GraphSource, options: GraphOptions = {}): DecisionGraphPicture {
  const folderFilter = options.folder?.replace(/^\.?\/+|\/+$/g, '');
  const under = (p: string) => !folderFilter || p === folderFilter || p.startsWith(`${folderFilter}/`);
  const decisions = source.decisions.filter(
    (d) =>
      (!options.tag || d.tags.some((t) => t.toLowerCase() === options.tag!.toLowerCase())) &&
      (!options.status || statusOf(d) === options.status.toLowerCase()) &&
      (!folderFilter || under(dirname(d.path)) || d.governs.some((g) => under(codeFolderOf(g) ?? ''))),
  );
  const kept = new Set(decisions.map((d) => d.id));
  const nodes: GraphNode[] = decisions.map((d) => ({
    id: d.id,
    kind: 'decision',
    label: labelOf(d),
    status: statusOf(d),
    tags: d.tags,
    path: d.path,
    line: d.line,
  }));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const edge = (from: string, to: string, kind: GraphEdgeKind) => {
    if (from === to || seen.has(`${from}\u0000${to}`) || seen.has(`${to}\u0000${from}`)) return;
    seen.add(`${from}\u0000${to}`);
    edges.push({ from, to, kind });
  };
  for (const d of decisions) {
    for (const old of d.supersedes) if (kept.has(old)) edge(d.id, old, 'supersedes');
    for (const target of d.amends) if (kept.has(target)) edge(d.id, target, 'amends');
  }
  // Relates: a decision that cites another one in its text, beyond the relations it states.
  for (const d of decisions) for (const cited of source.citedBy?.(d.path) ?? []) if (kept.has(cited.id)) edge(d.id, cited.id, 'relates');

  const folders = new Map<string, GraphNode>();
  const folderNode = (p: string) => {
    const id = `folder:${p}`;
    if (!folders.has(id)) folders.set(id, { id, kind: 'folder', label: `${p}/`, tags: [], path: p, line: 1 });
    return id;
  };
  if (options.folders) {
    for (const d of decisions) {
      for (const g of d.governs) {
        const f = codeFolderOf(g);
        if (f) edge(d.id, folderNode(f), 'governs');
      }
    }
  }
  const viewNodes: GraphNode[] = [];
  if (options.views) {
    for (const v of source.views) {
      const id = `view:${v.path}`;
      const before = edges.length;
      for (const cited of source.citedBy?.(v.path) ?? []) if (kept.has(cited.id)) edge(id, cited.id, 'relates');
      if (options.folders) {
        for (const e of v.elements) {
          for (const p of e.paths) {
            const f = codeFolderOf(p);
            if (f && folders.has(`folder:${f}`)) edge(id, f && folderNode(f), 'documents');
          }
        }
      }
      if (edges.length > before || !folderFilter) viewNodes.push({ id, kind: 'view', label: v.title, tags: [], path: v.path, line: v.line });
    }
  }
  const all = [...nodes, ...viewNodes, ...[...folders.values()].sort((a, b) => compare(a.id, b.id))];
  const ids = new Set(all.map((n) => n.id));
  return { nodes: all, edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/** "ADR-0007 Kafka Connect …": the label a node shows. */
export const labelOf = decisionLabel;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The graph source of a snapshot: its decisions, views, and the decisions each document cites. */
export function graphSourceOf(snapshot: {
  decisions: readonly Decision[];
  views: readonly ArchitectureView[];
  referencesIn(path: string): readonly DecisionReference[];
  resolve(reference: DecisionReference, fromPath: string): Decision | undefined;
}): GraphSource {
  return {
    decisions: snapshot.decisions,
    views: snapshot.views,
    citedBy: (path) => {
      const out: Decision[] = [];
      for (const r of snapshot.referencesIn(path)) {
        const d = snapshot.resolve(r, path);
        if (d && !out.includes(d)) out.push(d);
      }
      return out;
    },
  };
}
