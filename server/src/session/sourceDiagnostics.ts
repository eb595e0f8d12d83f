// Findings about a document of a `.archlens.yml` source (a central decision stale against this repository's code,
// a guardrail's missing file, a governed path that matches nothing here) belong to this workspace, not to the
// sibling checkout or the clone in storage the document is read from: the editor is never sent diagnostics for
// files outside the workspace. They are shown on the source's entry in `.archlens.yml`, as warnings that name the
// document and keep their related locations (the changed files), with the document itself as one more; the
// governed files show them in their code lens and hover as for the workspace's own decisions, and `archlens check`
// reports them at `<source>:<path>`.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CONFIG_FILE } from '../core/settings';
import { decodeText } from '../core/text';
import { splitSourcePath } from '../core/sources';
import type { FileDiagnostics } from './folderDiagnostics';
import type { FolderSession } from './folderSession';

/**
 * The folder's diagnostics with those of source documents moved onto their entries in `.archlens.yml`. `.archlens.yml` is read from its open editor, else from the file.
 */
export async function placeSourceDiagnostics(
  folder: FolderSession,
  results: FileDiagnostics[],
  openText: (path: string) => { text: string } | undefined,
): Promise<FileDiagnostics[]> {
  const configText = async () => {
    const open = openText(CONFIG_FILE);
    if (open) return open.text;
    const bytes = await folder.workspace.readFile(CONFIG_FILE);
    const decoded = bytes ? decodeText(bytes) : undefined;
    return decoded?.kind === 'text' ? decoded.text : undefined;
  };
  // Every other path is the workspace's own: only a source's documents have URIs outside the folder.
  const specs = folder.snapshot.settings.sources;
  if (specs.length === 0) return results;
  const moved: Diagnostic[] = [];
  const kept: FileDiagnostics[] = [];
  const uriOf = folder.featureContext().uriOf;
  let lines: string[] | undefined;
  for (const r of results) {
    const split = splitSourcePath(specs, r.path);
    if (!split) {
      kept.push(r);
      continue;
    }
    if (r.diagnostics.length === 0) continue;
    lines ??= ((await configText()) ?? '').split(/\r?\n/);
    const line = Math.max(0, (specs.find((s) => s.name === split.name)?.line ?? 1) - 1);
    const text = lines[line] ?? '';
    const start = Math.max(0, text.search(/\S/));
    const range = { start: { line, character: start }, end: { line, character: text.trimEnd().length } };
    for (const d of r.diagnostics) {
      const at = { line: d.range.start.line, character: 0 };
      moved.push({
        range,
        severity: DiagnosticSeverity.Warning,
        ...(d.code !== undefined ? { code: d.code } : {}),
        source: d.source,
        // The message names the document, where it does not already.
        message: d.message.startsWith(r.path) ? d.message : `${r.path}:${d.range.start.line + 1}: ${d.message}`,
        // No data for quick fixes that edit or diff the document (a source is read-only here); "Open decision" stays.
        ...(d.code === 'guardrail' && d.data !== undefined ? { data: d.data } : {}),
        relatedInformation: [...(d.relatedInformation ?? []), { location: { uri: uriOf(r.path), range: { start: at, end: at } }, message: `in source '${split.name}'` }],
      });
    }
  }
  if (moved.length === 0) return kept;
  const configUri = uriOf(CONFIG_FILE);
  const own = kept.findIndex((r) => r.path === CONFIG_FILE);
  const merged: FileDiagnostics = { uri: configUri, path: CONFIG_FILE, diagnostics: [...(own >= 0 ? kept[own].diagnostics : []), ...moved] };
  if (own >= 0) kept[own] = merged;
  else kept.push(merged);
  return kept;
}
