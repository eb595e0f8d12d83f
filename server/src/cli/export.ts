// `archlens export mkdocs [DIR] --out <folder>`: pages for the team's mkdocs site (decision log, tags, graph,
// glossary, abbreviations, stale documentation). The stale report comes from the check's own pipeline
// (the core rule engine's checkFolder), so the site and CI always agree.
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMarkdownPath } from '../core/paths';
import { buildGraphPicture, graphSourceOf } from '../core/graph/build';
import { toMermaid } from '../core/graph/render';
import { checkFolder } from '../core/rules';
import { decodeText } from '../core/text';
import { nodeFolderSession } from '../session/nodeSession';
import { mkdocsPages, type StaleReportFinding } from '../publish/mkdocs';
import { UsageError, type CliIO, type ParsedArgs } from './run';

export const EXPORT_USAGE = `Usage: archlens export mkdocs [DIR] --out <folder>

Writes pages for a mkdocs site into <folder> (relative to the current folder; put it inside mkdocs' docs_dir):
index.md (the decision log), tags/<tag>.md, graph.md (a mermaid block), glossary.md, stale.md (the stale
documentation archlens check reports) and abbreviations.md (for pymdownx.snippets auto_append: term tooltips).
`;

const STALE_CODES = new Set(['stale-documentation', 'missing-code-path']);

export async function exportVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(EXPORT_USAGE);
    return 0;
  }
  const [target, ...rest] = args.positional;
  if (target !== 'mkdocs') throw new UsageError(target ? `unknown export target '${target}' (only mkdocs)` : 'say what to export: archlens export mkdocs [DIR] --out <folder>');
  const out = args.flags.get('out');
  if (typeof out !== 'string' || !out) throw new UsageError('--out <folder> is needed');
  if (rest.length > 1) throw new UsageError(`expected at most one folder, got ${rest.length}`);
  const root = path.resolve(io.cwd, rest[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder`);
  const outDir = path.resolve(io.cwd, out);
  const outRel = path.relative(root, outDir).split(path.sep).join('/');

  const folder = nodeFolderSession(pathToFileURL(root).href, path.basename(root), { trusted: true });
  await folder.start({});
  const snapshot = folder.snapshot;
  const notes: string[] = [];
  const history = folder.historyStatus();
  if (history.state === 'off') notes.push(`Stale documentation is not checked: ${history.message}`);
  // The check's own engine and scope for "the files with findings": the site and CI report the same findings.
  const read = async (p: string) => {
    const bytes = await folder.workspace.readFile(p);
    if (!bytes || bytes.length > snapshot.settings.maxFileSize) return undefined;
    const decoded = decodeText(bytes);
    return decoded.kind === 'text' ? decoded.text : undefined;
  };
  const stale: StaleReportFinding[] = [];
  for (const f of await checkFolder(snapshot, folder.findings(), { kind: 'files', paths: [] }, read)) {
    // The report lists documents; the same finding on each governed code file is what the editor shows there.
    // A source's documents are published by its own site, not this one (their paths are no pages here).
    if (!STALE_CODES.has(f.code) || !isMarkdownPath(f.path) || snapshot.sourceOf(f.path)) continue;
    stale.push({ path: f.path, line: f.range.start.line, code: f.code, severity: f.severity, message: f.message });
  }
  const pages = mkdocsPages({
    decisions: snapshot.decisions.filter((d) => !snapshot.sourceOf(d.path)),
    terms: snapshot.terms,
    mermaid: toMermaid(buildGraphPicture(graphSourceOf(snapshot))),
    stale,
    notes,
    outDir: outRel,
    docsDir: snapshot.context.docsDir.replace(/\/+$/, ''),
  });
  for (const [name, text] of pages) {
    const file = path.join(outDir, ...name.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  io.stdout.write(`wrote ${pages.size} files to ${path.relative(io.cwd, outDir) || '.'}\n`);
  return 0;
}
