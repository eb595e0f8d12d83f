// `archlens check`: every rule of the language server over a folder, for CI. The rules are the server's
// (folderDiagnostics), never a copy; this file only gathers, filters and prints.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { changedSinceMergeBase, changesSince, documentBase } from '../adapters/gitDiff';
import { isIndexedPath } from '../core/analyse';
import { findUndocumentedChanges } from '../core/changeReview';
import { severityOf } from '../core/settings';
import type { Severity } from '../core/model';
import { folderDiagnostics } from '../folderDiagnostics';
import { FolderSession } from '../folderSession';
import { FORMATS, SEVERITY_RANK, formatGithub, formatGitlab, formatJson, formatSarif, formatText, type Finding, type Format } from './formats';
import { SetupError, UsageError, type CliIO, type ParsedArgs } from './run';

export { SetupError };

export const CHECK_USAGE = `Usage: archlens check [DIR] [options]

Runs every Archlens rule (decision references, relations, glossary, stale documentation) over DIR.

Options:
  --base <ref>        Review a change: governed files changed since the merge base with <ref> whose documents did
                      not change, and the findings in the changed files
  --format <f>        text (default), json, sarif, github, gitlab
  --fail-on <level>   error, warning (default), info, never: exit 1 when a finding reaches it
  --explain           Under each stale finding, the --stat of the changes since the document was updated
  --output <file>     Write the report to a file instead of standard output
`;

const FAIL_ON: Record<string, number> = { error: 3, warning: 2, info: 1, information: 1, hint: 0, never: Infinity };
const LSP_SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export async function checkVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  for (const f of args.flags.keys()) {
    if (!['base', 'format', 'fail-on', 'explain', 'output'].includes(f)) throw new UsageError(`unknown option --${f}`);
  }
  const format = (args.flags.get('format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOnName = String(args.flags.get('fail-on') ?? 'warning');
  if (!(failOnName in FAIL_ON)) throw new UsageError('--fail-on must be error, warning, info or never');
  const base = args.flags.get('base');
  if (base === true) throw new UsageError('--base needs a revision');
  if (args.positional.length > 1) throw new UsageError(`expected at most one folder, got ${args.positional.length}`);
  const root = path.resolve(io.cwd, args.positional[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder`);

  const folder = new FolderSession(pathToFileURL(root).href, path.basename(root), { trusted: true });
  await folder.start({});
  const notes: string[] = [];
  const history = folder.historyStatus();
  if (history.state === 'off') notes.push(`stale-documentation checks are off: ${history.message}`);

  let changed: Set<string> | undefined;
  const findings: Finding[] = [];
  if (typeof base === 'string') {
    if (history.state === 'off') throw new SetupError(`--base needs git history: ${history.message}`);
    let range: { mergeBase: string; files: string[] };
    try {
      range = await changedSinceMergeBase(root, base);
    } catch (err) {
      throw new SetupError(`--base ${base}: ${(err as Error).message.trim()}`);
    }
    changed = new Set(range.files);
    const s = folder.snapshot;
    const severity = severityOf(s.settings, 'undocumented-change');
    if (severity) {
      for (const u of findUndocumentedChanges({ decisions: s.decisions, views: s.views, changed: range.files, settings: s.settings.staleness })) {
        findings.push({ path: u.path, line: 1, column: 1, endLine: 1, endColumn: 1, severity, code: 'undocumented-change', message: u.message });
      }
    }
    notes.push(`reviewed ${range.files.length} changed file(s) since ${range.mergeBase.slice(0, 12)}`);
  }

  for (const file of await folderDiagnostics(folder, await scannedPaths(folder, changed))) {
    if (changed && !changed.has(file.path)) continue;
    for (const d of file.diagnostics) {
      findings.push({
        path: file.path,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: LSP_SEVERITY[d.severity ?? 2],
        code: String(d.code ?? 'archlens'),
        message: d.message,
      });
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : 1)));

  if (args.flags.has('explain')) await explain(folder, findings);

  const version = '0.1.0';
  const report =
    format === 'json' ? formatJson(findings, notes)
    : format === 'sarif' ? formatSarif(findings, version)
    : format === 'github' ? formatGithub(findings)
    : format === 'gitlab' ? formatGitlab(findings)
    : formatText(findings, notes);
  const output = args.flags.get('output');
  if (typeof output === 'string') {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.resolve(io.cwd, output), report);
  } else io.stdout.write(report);
  if (format !== 'text' && format !== 'json') for (const n of notes) io.stderr.write(`archlens: ${n}\n`);

  const threshold = FAIL_ON[failOnName];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

/**
 * Every file the index reads (or, with --base, every changed one), not only those with findings already: the editor
 * checks avoided glossary words in the comments of any open file, and CI must report what the editor shows.
 */
async function scannedPaths(folder: FolderSession, changed: ReadonlySet<string> | undefined): Promise<string[]> {
  const s = folder.snapshot;
  const candidates = s.files.filter((p) => (!changed || changed.has(p)) && isIndexedPath(p, s.context));
  const out: string[] = [];
  // The index's size limit holds here too: a file it refused to read is not read for its comments either.
  for (let i = 0; i < candidates.length; i += 256) {
    const batch = candidates.slice(i, i + 256);
    const sizes = await Promise.all(batch.map((p) => stat(path.join(folder.root, p)).then((st) => st.size, () => Infinity)));
    batch.forEach((p, j) => {
      if (sizes[j] <= s.settings.maxFileSize) out.push(p);
    });
  }
  return out;
}

/** Adds `git diff --stat` of the governed files since the document last changed, under each stale finding. */
async function explain(folder: FolderSession, findings: Finding[]): Promise<void> {
  const stale = folder.findings().stale;
  for (const f of findings) {
    if (f.code !== 'stale-documentation') continue;
    const finding = stale.find((s) => s.docPath === f.path && s.message === f.message) ?? stale.find((s) => s.message === f.message);
    if (!finding) continue;
    const { hash, date, reviewed } = finding.docLastChanged;
    const base = await documentBase(folder.root, { hash, date });
    if (!base) continue;
    const { stat } = await changesSince(folder.root, base, finding.governedPaths);
    f.explain = `changes since ${base.slice(0, 7)} (${reviewed ? 'reviewed ' : ''}${date.slice(0, 10)}):\n${stat}`;
  }
}

