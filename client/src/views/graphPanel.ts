// The Decision Graph panel: the core's SVG picture (laid out by dagre) in a webview with a strict content security
// policy — no remote content, styles and the one script by nonce, no inline handlers. A click on a node asks the
// extension to open that decision; the filters (tag, folder, status) re-draw the picture from the same data.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { GraphRequest, type GraphResult } from '../../../server/src/protocol';
import { graphHtml, renderGraph as render, type GraphFilter } from '../model/graph';
import { openAt } from '../editor';
import type { Session } from '../session';

/** Archlens: Show Decision Graph — one panel, revealed again when it is already open. */
export class GraphPanel {
  private static current: GraphPanel | undefined;

  static async show(session: Session): Promise<void> {
    const graph = (await session.request(GraphRequest, {})) ?? { nodes: [], edges: [] };
    if (GraphPanel.current) {
      GraphPanel.current.update(graph);
      GraphPanel.current.panel.reveal();
      return;
    }
    GraphPanel.current = new GraphPanel(graph);
  }

  private readonly panel: vscode.WebviewPanel;
  private filter: GraphFilter = {};

  private constructor(private graph: GraphResult) {
    this.panel = vscode.window.createWebviewPanel('archlens.decisionGraph', 'Decision Graph', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel.onDidDispose(() => (GraphPanel.current = undefined));
    this.panel.webview.onDidReceiveMessage((m: { type?: string; id?: string } & GraphFilter) => {
      if (m.type === 'open') {
        const node = this.graph.nodes.find((n) => n.id === m.id);
        if (node) void openAt(node.uri, node.line, { preview: false });
      } else if (m.type === 'filter') {
        this.filter = { tag: m.tag || undefined, folder: m.folder || undefined, status: m.status || undefined };
        void this.panel.webview.postMessage({ type: 'svg', svg: render(this.graph, this.filter) });
      }
    });
    this.update(graph);
  }

  private update(graph: GraphResult): void {
    this.graph = graph;
    this.filter = {};
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = graphHtml(graph, render(graph, this.filter), nonce, this.panel.webview.cspSource);
  }
}
