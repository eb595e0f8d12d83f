// `archlens check`: every rule over a folder, for CI. The rules are the core's (core/rules), the same the language
// server publishes; this file only reads the files, and formats and prints the findings.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { IndexWorkers, threadsFromEnvironment } from '../adapters/indexWorkers';
import { baseTree, changedSinceMergeBase, changesSince, documentBase, fileAtRevision } from '../adapters/gitDiff';
import { compareFindings, type Finding as CoreFinding } from '../core/findings';
import { guardrailIndex, introducedFindings } from '../core/guardrails';
import { checkFolder, type CheckScope, type ReadText } from '../core/rules';
import { explanationLines } from '../core/staleExplain';
import { decodeText } from '../core/text';
import type { FolderSession } from '../session/folderSession';
import { nodeFolderSession } from '../session/nodeSession';
import { FORMATS, SEVERITY_RANK, formatGithub, formatGitlab, formatJson, formatSarif, formatText, type Finding, type Format } from './formats';
import { SetupError, UsageError, type CliIO, type ParsedArgs } from './run';
import { SOURCES_DIR_USAGE, sourceOptions } from './sources';
import { ARCHLENS_VERSION } from '../version';

export { SetupError };

export const CHECK_USAGE = `Usage: archlens check [DIR] [options]

Runs every Archlens rule (decision references, relations, glossary, stale documentation) over DIR.

Options:
  --base <ref>        Review a change: governed files changed since the merge base with <ref> whose documents did
                      not change, and the findings in the changed files (guardrail violations only when the
                      range introduced them)
  --format <f>        text (default), json, sarif, github, gitlab
  --fail-on <level>   error, warning (default), info, never: exit 1 when a finding reaches it
  --explain           Under each stale finding, the --stat of the changes since the document was updated
  --output <file>     Write the report to a file instead of standard output
${SOURCES_DIR_USAGE}`;

const FAIL_ON: Record<string, number> = { error: 3, warning: 2, info: 1, information: 1, hint: 0, never: Infinity };

export async function checkVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  const format = (args.flags.get('format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOnName = String(args.flags.get('fail-on') ?? 'warning');
  if (!(failOnName in FAIL_ON)) throw new UsageError('--fail-on must be error, warning, info or never');
  const base = args.flags.get('base');
  if (args.positional.length > 1) throw new UsageError(`expected at most one folder, got ${args.positional.length}`);
  const root = path.resolve(io.cwd, args.positional[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder`);

  // One run reads each document once: the rules use the markdown model the index read it with. Each run reads the
  // git sources afresh: a pipeline checks against the central log as it is now. No rule reads a decision's search
  // text or sentences; only --explain does (which new files a decision already names).
  const explaining = args.flags.has('explain');
  // The source files of a large folder are read on another thread while this one parses the documents (one is
  // enough: reading is mostly system calls, and git log takes the other cores); ARCHLENS_INDEX_THREADS=0 keeps
  // everything on this thread.
  const threads = threadsFromEnvironment() ?? 1;
  const bulk = threads === 0 ? undefined : new IndexWorkers(root, { threads });
  const folder = nodeFolderSession(pathToFileURL(root).href, path.basename(root), { ...sourceOptions(args, io), keepDocumentModels: true, decisionProse: explaining, bulk });
  // git log runs in its own process from the start; the rules that need no history run as soon as the index is
  // built, while it may still be writing.
  const { history: historyRead } = await folder.indexWhileReadingHistory({});
  const notes: string[] = [];
  const historyOff = async () => {
    await historyRead;
    const history = folder.historyStatus();
    return history.state === 'off' ? history.message : undefined;
  };

  let scope: CheckScope = { kind: 'folder' };
  let mergeBase: string | undefined;
  if (typeof base === 'string') {
    const off = await historyOff();
    if (off !== undefined) throw new SetupError(`--base needs git history: ${off}`);
    let range: { mergeBase: string; files: string[] };
    try {
      range = await changedSinceMergeBase(root, base);
    } catch (err) {
      throw new SetupError(`--base ${base}: ${(err as Error).message.trim()}`);
    }
    scope = { kind: 'change', changed: range.files };
    mergeBase = range.mergeBase;
    notes.push(`reviewed ${range.files.length} changed file(s) since ${range.mergeBase.slice(0, 12)}`);
  }

  let found = await checkFolder(folder.snapshot, historyRead.then(() => folder.findings()), scope, readerWithin(folder));
  const off = await historyOff();
  if (off !== undefined) notes.unshift(`stale-documentation checks are off: ${off}`);
  if (mergeBase) found = await guardrailsIntroduced(folder, mergeBase, found);
  const findings = found.map(toCliFinding);

  if (explaining) await explain(folder, found, findings);

  const version = ARCHLENS_VERSION;
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
 * A change is answerable for the guardrail violations it introduced, not for those its base already had: required
 * files missing anywhere join the changed files' findings, then whatever the base revision had is taken away.
 */
async function guardrailsIntroduced(folder: FolderSession, mergeBase: string, found: CoreFinding[]): Promise<CoreFinding[]> {
  const index = guardrailIndex(folder.snapshot);
  if (index.isEmpty) return found;
  const seen = new Set(found.map((f) => `${f.path}\0${f.message}`));
  const all = [...found, ...index.requireFindings().filter((f) => !seen.has(`${f.path}\0${f.message}`))];
  if (!all.some((f) => f.code === 'guardrail')) return found;
  const tree = await baseTree(folder.root, mergeBase);
  const baseFiles = new Set(tree.files);
  const pathAtBase = (p: string) => {
    const old = tree.renamedFrom.get(p) ?? p;
    return baseFiles.has(old) ? old : undefined;
  };
  const texts = new Map<string, string>();
  for (const p of new Set(all.filter((f) => f.code === 'guardrail').map((f) => f.path))) {
    const old = pathAtBase(p);
    if (old !== undefined) texts.set(old, await fileAtRevision(folder.root, mergeBase, old));
  }
  const introduced = introducedFindings(index, all, { files: tree.files, pathAtBase, textAtBase: (p) => texts.get(p) });
  return introduced.sort(compareFindings);
}

/**
 * The text of a workspace file for the rules; undefined for one over the index's size limit (a file the index
 * refused to read is not read for its comments either), a binary one, or one that cannot be read.
 */
function readerWithin(folder: FolderSession): ReadText {
  const limit = folder.snapshot.settings.maxFileSize;
  return async (p) => {
    // One open, fstat and read; a file over the limit is refused after the fstat (its size comes back instead).
    const bytes = folder.workspace.readFileWithin ? await folder.workspace.readFileWithin(p, limit) : await folder.workspace.readFile(p);
    const decoded = bytes !== undefined && typeof bytes !== 'number' && bytes.length <= limit ? decodeText(bytes) : undefined;
    return decoded?.kind === 'text' ? decoded.text : undefined;
  };
}

/** A finding as the reports print it: 1-based columns. */
function toCliFinding(f: CoreFinding): Finding {
  return {
    path: f.path,
    line: f.range.start.line,
    column: f.range.start.character + 1,
    endLine: f.range.end.line,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

/**
 * Under each stale finding: what changed (renamed and deleted paths with their fixes, new files missing from the
 * element catalog, the commits grouped by governed file), then `git diff --stat` since the document was updated.
 */
async function explain(folder: FolderSession, found: readonly CoreFinding[], findings: Finding[]): Promise<void> {
  const stale = folder.findings().stale;
  for (let i = 0; i < found.length; i++) {
    const changes = found[i].changes;
    if (!changes) continue;
    // The stale finding behind it: the same document part (document and line).
    const finding = stale.find((s) => s.docPath === found[i].path && s.docLine === found[i].range.start.line);
    const explanation = finding ? folder.explainStale(finding) : undefined;
    const lines = explanation ? explanationLines(explanation, Infinity) : [];
    const { hash, date, reviewed } = changes.since;
    const base = await documentBase(folder.root, { hash, date });
    if (base) {
      const { stat } = await changesSince(folder.root, base, [...changes.paths]);
      lines.push(`changes since ${base.slice(0, 7)} (${reviewed ? 'reviewed ' : ''}${date.slice(0, 10)}):`, ...stat.trimEnd().split('\n'));
    }
    if (lines.length) findings[i].explain = `${lines.join('\n')}\n`;
  }
}

