// The decision graph as a self-contained SVG: laid out by dagre (a maintained layered-graph layout), nodes coloured by
// status, each node carrying its id, path and line as data attributes so the editor's panel can open the document
// on a click. No scripts, no external references: the picture is safe to publish and to show in a webview.
import { onFirstUse } from '../lazyModule';
import type { DecisionGraphPicture, GraphNode } from './build';
import { EDGE_LABELS, NODE_STYLES, styleKey } from './render';

// Loaded with the first picture (see lazyModule.ts).
const dagre = onFirstUse(() => require('@dagrejs/dagre') as typeof import('@dagrejs/dagre'));

const CHAR_WIDTH = 7;
const LINE_HEIGHT = 16;
const MAX_LINE_CHARS = 30;
const PAD = 10;

export interface LaidOutGraph {
  width: number;
  height: number;
  nodes: { node: GraphNode; x: number; y: number; width: number; height: number; lines: string[] }[];
  edges: { kind: string; from: string; to: string; points: { x: number; y: number }[] }[];
}

/** Word-wraps a label to lines of at most MAX_LINE_CHARS (a longer word is cut). */
export function wrapLabel(label: string, max = MAX_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of label.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (line) lines.push(line);
      lines.push(word.slice(0, max));
      word = word.slice(max);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines.slice(0, 4) : [''];
}

export function layoutGraph(graph: DecisionGraphPicture): LaidOutGraph {
  const g = new (dagre().graphlib.Graph)();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 48, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const l = wrapLabel(n.label);
    lines.set(n.id, l);
    g.setNode(n.id, { width: Math.max(...l.map((s) => s.length)) * CHAR_WIDTH + 2 * PAD, height: l.length * LINE_HEIGHT + 2 * PAD });
  }
  for (const e of graph.edges) g.setEdge(e.from, e.to);
  dagre().layout(g);
  const label = g.graph();
  return {
    width: Math.ceil(label.width ?? 0),
    height: Math.ceil(label.height ?? 0),
    nodes: graph.nodes.map((node) => {
      const p = g.node(node.id);
      return { node, x: p.x, y: p.y, width: p.width, height: p.height, lines: lines.get(node.id) ?? [] };
    }),
    edges: graph.edges.map((e) => ({ kind: e.kind, from: e.from, to: e.to, points: g.edge(e.from, e.to)?.points ?? [] })),
  };
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function toSvg(graph: DecisionGraphPicture): string {
  const laid = layoutGraph(graph);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${laid.width}" height="${laid.height}" viewBox="0 0 ${laid.width} ${laid.height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
  );
  for (const e of laid.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
    const dash = e.kind === 'relates' ? ' stroke-dasharray="4 3"' : '';
    const width = e.kind === 'supersedes' ? 2 : 1;
    out.push(`<g class="edge ${e.kind}"><title>${escapeXml(EDGE_LABELS[e.kind as keyof typeof EDGE_LABELS] ?? e.kind)}</title><path d="${d}" fill="none" stroke="#555" stroke-width="${width}"${dash} marker-end="url(#arrow)"/></g>`);
  }
  for (const n of laid.nodes) {
    const s = NODE_STYLES[styleKey(n.node)];
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const attrs = [
      `class="node ${n.node.kind} ${escapeXml(styleKey(n.node))}"`,
      `data-id="${escapeXml(n.node.id)}"`,
      `data-path="${escapeXml(n.node.path)}"`,
      `data-line="${n.node.line}"`,
      `data-kind="${n.node.kind}"`,
      `data-status="${escapeXml(n.node.status ?? '')}"`,
      `data-tags="${escapeXml(n.node.tags.join(' '))}"`,
    ];
    out.push(`<g ${attrs.join(' ')}>`);
    out.push(`<title>${escapeXml(n.node.label)}${n.node.status ? ` (${escapeXml(n.node.status)})` : ''}</title>`);
    out.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="6" fill="${s.fill}" stroke="${s.stroke}"/>`);
    n.lines.forEach((line, i) => {
      const ty = y + PAD + (i + 1) * LINE_HEIGHT - 4;
      out.push(`<text x="${n.x.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="middle" fill="${s.text}">${escapeXml(line)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
