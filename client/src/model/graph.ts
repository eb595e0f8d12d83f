// The Decision Graph panel's page, free of VS Code: the filters listed from the graph, the picture the server drew
// (GraphResult.svg), and a strict content security policy. The panel (views/graphPanel.ts) only wires it to a
// webview and asks the server for a new picture when a filter changes.
import type { GraphResult } from '../../../server/src/protocol';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page: filters, the picture, and a script that only posts messages and swaps the picture. */
export function graphHtml(graph: GraphResult, svg: string, nonce: string, cspSource: string): string {
  const options = (values: string[]) => values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
  const tags = [...new Set(graph.nodes.flatMap((n) => n.tags))].sort();
  const statuses = [...new Set(graph.nodes.map((n) => n.status).filter((s): s is string => !!s))].sort();
  const folders = [...new Set(graph.nodes.filter((n) => n.kind === 'decision').map((n) => n.folder))].sort();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Decision Graph</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 8px; }
form { display: flex; gap: 12px; margin: 8px 0; flex-wrap: wrap; }
label { display: flex; gap: 4px; align-items: center; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border); }
#graph { overflow: auto; }
#graph g.node { cursor: pointer; }
#graph g.node:hover rect { stroke-width: 3; }
.empty { opacity: .7; }
</style>
</head>
<body>
<form id="filters">
<label>Tag <select id="tag"><option value="">all</option>${options(tags)}</select></label>
<label>Folder <select id="folder"><option value="">all</option>${options(folders)}</select></label>
<label>Status <select id="status"><option value="">all</option>${options(statuses)}</select></label>
</form>
<div id="graph" role="img" aria-label="Decision graph">${svg}</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const graph = document.getElementById('graph');
graph.addEventListener('click', (event) => {
  const node = event.target.closest('g.node');
  if (node) vscode.postMessage({ type: 'open', id: node.getAttribute('data-id') });
});
const value = (id) => document.getElementById(id).value;
for (const id of ['tag', 'folder', 'status']) {
  document.getElementById(id).addEventListener('change', () => {
    vscode.postMessage({ type: 'filter', tag: value('tag'), folder: value('folder'), status: value('status') });
  });
}
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'svg') graph.innerHTML = event.data.svg;
});
</script>
</body>
</html>`;
}
