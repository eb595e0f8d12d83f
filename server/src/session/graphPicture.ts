// The Decision Graph panel's picture: which nodes a filter keeps, drawn with the core's SVG renderer (the one
// `archlens graph --format svg` uses), so the panel shows what the command line prints.
import type { DecisionGraphPicture } from '../core/graph/build';
import { toSvg } from '../core/graph/svg';
import type { GraphFilter, GraphNodeItem, GraphResult } from '../protocol';

/** The nodes a filter keeps (decisions by tag, folder and status; other nodes only when linked to a kept one). */
export function filterGraph(graph: Pick<GraphResult, 'nodes' | 'edges'>, filter: GraphFilter): DecisionGraphPicture {
  const keepDecision = (n: GraphNodeItem) =>
    (!filter.tag || n.tags.includes(filter.tag)) &&
    (!filter.status || n.status === filter.status) &&
    (!filter.folder || n.folder === filter.folder || n.folder.startsWith(`${filter.folder}/`));
  const kept = new Set(graph.nodes.filter((n) => n.kind === 'decision' && keepDecision(n)).map((n) => n.id));
  for (const e of graph.edges) if (kept.has(e.from) && !graph.nodes.find((n) => n.id === e.to && n.kind === 'decision')) kept.add(e.to);
  for (const e of graph.edges) if (kept.has(e.to) && graph.nodes.find((n) => n.id === e.from && n.kind === 'view')) kept.add(e.from);
  return {
    nodes: graph.nodes
      .filter((n) => kept.has(n.id))
      .map((n) => ({ id: n.id, kind: n.kind, label: n.label, status: n.status, tags: n.tags, path: n.folder, line: n.line })),
    edges: graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e, kind: e.kind as DecisionGraphPicture['edges'][number]['kind'] })),
  };
}

/** The SVG of what the filter keeps, or a notice when no decision matches. */
export function graphSvg(graph: Pick<GraphResult, 'nodes' | 'edges'>, filter: GraphFilter = {}): string {
  const picture = filterGraph(graph, filter);
  return picture.nodes.length ? toSvg(picture) : '<p class="empty">No decision matches these filters.</p>';
}
