// The Decision Graph panel's content: the server's filters keep the decisions they name (and the folders and views
// linked to them), its picture draws each kept decision with its id for the click, and the client's page allows no
// remote content and no script or style without the nonce.
import { describe, expect, it } from 'vitest';
import { graphHtml } from '../../client/src/model/graph';
import type { GraphResult } from '../../server/src/protocol';
import { filterGraph, graphSvg as renderGraph } from '../../server/src/session/graphPicture';

const node = (id: string, over: Partial<GraphResult['nodes'][number]> = {}): GraphResult['nodes'][number] => ({
  id,
  kind: 'decision',
  label: id,
  status: 'accepted',
  tags: [],
  folder: 'docs/adr',
  uri: `file:///ws/${id}.md`,
  line: 1,
  ...over,
});

const GRAPH: Omit<GraphResult, 'svg'> = {
  nodes: [
    node('docs/adr/0003-batch', { label: 'ADR-0003 Nightly batch', status: 'superseded', tags: ['ingestion'] }),
    node('docs/adr/0007-cdc', { label: 'ADR-0007 CDC <script>alert(1)</script>', tags: ['ingestion', 'cdc'] }),
    node('services/billing/adr/0001-x', { label: 'ADR-0001 Billing', folder: 'services/billing/adr' }),
    node('folder:connect', { kind: 'folder', label: 'connect/', status: undefined, folder: 'connect' }),
    node('view:docs/c-and-c.md', { kind: 'view', label: 'C&C view', status: undefined, folder: 'docs' }),
  ],
  edges: [
    { from: 'docs/adr/0007-cdc', to: 'docs/adr/0003-batch', kind: 'supersedes' },
    { from: 'docs/adr/0007-cdc', to: 'folder:connect', kind: 'governs' },
    { from: 'view:docs/c-and-c.md', to: 'docs/adr/0007-cdc', kind: 'relates' },
  ],
};

describe('decision graph panel', () => {
  it('filters by tag, status and folder, keeping linked folders and views', () => {
    expect(filterGraph(GRAPH, { tag: 'cdc' }).nodes.map((n) => n.id)).toEqual(['docs/adr/0007-cdc', 'folder:connect', 'view:docs/c-and-c.md']);
    expect(filterGraph(GRAPH, { status: 'superseded' }).nodes.map((n) => n.id)).toEqual(['docs/adr/0003-batch']);
    expect(filterGraph(GRAPH, { folder: 'services' }).nodes.map((n) => n.id)).toEqual(['services/billing/adr/0001-x']);
    const ingestion = filterGraph(GRAPH, { tag: 'ingestion' });
    expect(ingestion.edges).toContainEqual({ from: 'docs/adr/0007-cdc', to: 'docs/adr/0003-batch', kind: 'supersedes' });
  });

  it('draws every kept node with its id, and escapes labels', () => {
    const svg = renderGraph(GRAPH, {});
    expect(svg.match(/<g class="node /g)).toHaveLength(5);
    expect(svg).toContain('data-id="docs/adr/0007-cdc"');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
    expect(renderGraph(GRAPH, { tag: 'nothing' })).toContain('No decision matches');
  });

  it('the page: strict CSP with a nonce, no remote sources, filters listed from the data', () => {
    const html = graphHtml({ ...GRAPH, svg: renderGraph(GRAPH, {}) }, renderGraph(GRAPH, {}), 'abc123', 'vscode-webview://x');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toBe("default-src 'none'; img-src vscode-webview://x data:; style-src 'nonce-abc123'; script-src 'nonce-abc123';");
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123">');
    // The only URL is the SVG namespace, which is a name, not something loaded.
    expect(html.replace(/xmlns="http:\/\/www.w3.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).toContain('<option value="cdc">cdc</option>');
    expect(html).toContain('<option value="superseded">superseded</option>');
  });
});
