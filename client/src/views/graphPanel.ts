// The Decision Graph panel: the SVG picture the server draws (laid out by dagre) in a webview with a strict content
// security policy — no remote content, styles and the one script by nonce, no inline handlers. A click on a node
// asks the extension to open that decision; a filter (tag, folder, status) asks the server for its picture.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { GraphRequest, type GraphFilter, type GraphResult } from '../../../server/src/protocol';
import { graphHtml } from '../model/graph';
import { openAt } from '../editor';
import type { Session } from '../session';

const EMPTY: GraphResult = { nodes: [], edges: [], svg: '' };

/** Archlens: Show Decision Graph — one panel, revealed again when it is already open. */
export class GraphPanel {
  private static current: GraphPanel | undefined;

  static async show(session: Session): Promise<void> {
    const graph = (await session.request(GraphRequest, {})) ?? EMPTY;
    if (GraphPanel.current) {
      GraphPanel.current.update(graph);
      GraphPanel.current.panel.reveal();
      return;
    }
    GraphPanel.current = new GraphPanel(session, graph);
  }

  private readonly panel: vscode.WebviewPanel;
  private filter: GraphFilter = {};

  private constructor(
    private readonly session: Session,
    private graph: GraphResult,
  ) {
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
        void this.redraw(this.filter);
      }
    });
    this.update(graph);
  }

  private update(graph: GraphResult): void {
    this.graph = graph;
    this.filter = {};
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = graphHtml(graph, graph.svg, nonce, this.panel.webview.cspSource);
  }

  /** The server's picture for a filter; an answer to an older filter is dropped. */
  private async redraw(filter: GraphFilter): Promise<void> {
    const answer = await this.session.request(GraphRequest, { filter });
    if (answer && filter === this.filter) void this.panel.webview.postMessage({ type: 'svg', svg: answer.svg });
  }
}
