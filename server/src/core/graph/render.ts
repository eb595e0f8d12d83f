// The decision graph in text formats: mermaid (for mkdocs-material and markdown previews), Graphviz dot, and JSON.
// Labels come from documents, so each format escapes them for its own syntax: a title can never become markup,
// a link or a directive in the output.
import type { DecisionGraphPicture, GraphEdgeKind, GraphNode } from './build';

/** Fill and stroke of a node by status (decisions) or kind (views, folders); one palette for every renderer. */
export const NODE_STYLES: Record<string, { fill: string; stroke: string; text: string }> = {
  accepted: { fill: '#d3f2d9', stroke: '#2f855a', text: '#123d22' },
  proposed: { fill: '#dbe8ff', stroke: '#2b6cb0', text: '#14325c' },
  draft: { fill: '#f1f1f1', stroke: '#8a8a8a', text: '#333333' },
  superseded: { fill: '#e6e6e6', stroke: '#6b6b6b', text: '#444444' },
  deprecated: { fill: '#fde8cc', stroke: '#c05621', text: '#5c2a0a' },
  rejected: { fill: '#fbd5d5', stroke: '#c53030', text: '#5c1010' },
  unknown: { fill: '#ffffff', stroke: '#8a8a8a', text: '#333333' },
  view: { fill: '#efe3ff', stroke: '#6b46c1', text: '#2d1a5c' },
  folder: { fill: '#fff8d6', stroke: '#b7950b', text: '#4a3c00' },
};

export const EDGE_LABELS: Record<GraphEdgeKind, string> = {
  supersedes: 'supersedes',
  amends: 'amends',
  relates: 'relates to',
  governs: 'governs',
  documents: 'documents',
};

export function styleKey(n: GraphNode): string {
  return n.kind === 'decision' ? (n.status && n.status in NODE_STYLES ? n.status : 'unknown') : n.kind;
}

/** Mermaid's own entity codes: `#quot;` and friends render as the character, never as syntax. */
function mermaidText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/[[\]{}()|`]/g, (c) => `#${c.charCodeAt(0)};`);
}

export function toMermaid(graph: DecisionGraphPicture): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart TB'];
  for (const n of graph.nodes) {
    const shape = n.kind === 'folder' ? ['[/', '/]'] : n.kind === 'view' ? ['[[', ']]'] : ['(', ')'];
    lines.push(`  ${ids.get(n.id)}${shape[0]}"${mermaidText(n.label)}"${shape[1]}:::${styleKey(n)}`);
  }
  for (const e of graph.edges) {
    const arrow = e.kind === 'relates' ? '-.->' : e.kind === 'governs' || e.kind === 'documents' ? '-->' : '==>';
    lines.push(`  ${ids.get(e.from)} ${arrow}|${EDGE_LABELS[e.kind]}| ${ids.get(e.to)}`);
  }
  const used = new Set(graph.nodes.map(styleKey));
  for (const [key, s] of Object.entries(NODE_STYLES)) {
    if (used.has(key)) lines.push(`  classDef ${key} fill:${s.fill},stroke:${s.stroke},color:${s.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function dotString(s: string): string {
  return `"${s.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function toDot(graph: DecisionGraphPicture): string {
  const lines = ['digraph decisions {', '  rankdir=TB;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
  for (const n of graph.nodes) {
    const s = NODE_STYLES[styleKey(n)];
    const shape = n.kind === 'folder' ? ', shape=folder' : n.kind === 'view' ? ', shape=component' : '';
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.label)}, fillcolor=${dotString(s.fill)}, color=${dotString(s.stroke)}${shape}];`);
  }
  for (const e of graph.edges) {
    const style = e.kind === 'relates' ? ', style=dashed' : e.kind === 'supersedes' ? ', penwidth=2' : '';
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(EDGE_LABELS[e.kind])}${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function toJson(graph: DecisionGraphPicture): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
