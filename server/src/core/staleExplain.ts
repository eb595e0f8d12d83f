// What changed behind a stale finding, and what to do about it: the paths the document names that were renamed
// (rewrite them) or deleted (remove them), files added under its governed code that no view element or decision
// mentions (add them to the element catalog), and the commits since it was written, grouped by the governed file
// they touched. One explanation for `archlens check --explain`, the hover and "Show Code Changes Since Documented".
import type { CommitInfo, GitHistory } from './git';
import { compileCodePatterns } from './globs';
import type { ArchitectureView, Decision } from './model';
import { authorMatcher, type MissingCodeFinding, type StaleFinding } from './staleness';

export interface StaleExplanation {
  renamed: { pattern: string; to: string; line: number }[];
  deleted: { pattern: string; line: number }[];
  /** Files added since the document was written, under its governed code, that no view element or decision names. */
  uncatalogued: string[];
  /** The commits since, per changed governed file (files sorted, commits newest first). */
  commitsByPath: { path: string; commits: CommitInfo[] }[];
}

export function explainStale(input: {
  finding: StaleFinding;
  history: GitHistory;
  /** Missing-code findings of the folder; those of this document are its renamed and deleted paths. */
  missing: readonly MissingCodeFinding[];
  decisions: readonly Decision[];
  views: readonly ArchitectureView[];
  files: readonly string[];
  botAuthors?: readonly string[];
}): StaleExplanation {
  const { finding, history } = input;
  const renamed: StaleExplanation['renamed'] = [];
  const deleted: StaleExplanation['deleted'] = [];
  for (const m of input.missing) {
    if (m.docPath !== finding.docPath) continue;
    if (m.renamedTo !== undefined) renamed.push({ pattern: m.pattern, to: m.renamedTo, line: m.line });
    else deleted.push({ pattern: m.pattern, line: m.line });
  }
  const skip = authorMatcher(input.botAuthors ?? []);
  const range = { ...finding.since, skip };
  const commitsByPath: StaleExplanation['commitsByPath'] = [];
  for (const path of finding.governedPaths) {
    const { commits } = history.changesSince([path], range);
    if (commits.length > 0) commitsByPath.push({ path, commits });
  }
  const present = new Set(input.files);
  const catalogued = catalogTest(input.views, input.decisions);
  const uncatalogued: string[] = [];
  for (const { path, commits } of commitsByPath) {
    if (!present.has(path) || catalogued(path)) continue;
    // Added in the range: no commit before it touched the file (under this name or an earlier one).
    const all = history.changesSince([path], {});
    if (all.commits.length > 0 && all.commits.length === commits.length) uncatalogued.push(path);
  }
  return { renamed, deleted, uncatalogued, commitsByPath };
}

/** Is a file named by a view element's code paths, by a decision's literal governs entry, or in a decision's text? */
function catalogTest(views: readonly ArchitectureView[], decisions: readonly Decision[]): (path: string) => boolean {
  const elementPaths = views.flatMap((v) => v.elements.flatMap((e) => e.paths));
  const inElement = compileCodePatterns(elementPaths);
  const literal = new Set(decisions.flatMap((d) => d.governs.map((g) => g.replace(/^\.\//, ''))));
  return (path) => inElement(path) || literal.has(path) || decisions.some((d) => d.searchText.includes(path));
}

/** The explanation as plain lines (for the CLI and as the basis of the hover), at most `limit` files of commits. */
export function explanationLines(e: StaleExplanation, limit = 10): string[] {
  const out: string[] = [];
  for (const r of e.renamed) out.push(`renamed: ${r.pattern} -> ${r.to} (line ${r.line}; quick fix: rewrite the path)`);
  for (const d of e.deleted) out.push(`deleted: ${d.pattern} (line ${d.line}; quick fix: remove it)`);
  if (e.uncatalogued.length > 0) {
    out.push(`new and not in any element catalog: ${e.uncatalogued.join(', ')} (suggestion: add them to a view's element catalog)`);
  }
  for (const { path, commits } of e.commitsByPath.slice(0, limit)) {
    out.push(`${path}: ${commits.length === 1 ? '1 commit' : `${commits.length} commits`}`);
    for (const c of commits.slice(0, 5)) out.push(`  ${c.hash.slice(0, 7)} ${c.date.slice(0, 10)} ${c.author}: ${c.subject}`);
    if (commits.length > 5) out.push(`  … and ${commits.length - 5} more`);
  }
  if (e.commitsByPath.length > limit) out.push(`… and ${e.commitsByPath.length - limit} more changed files`);
  return out;
}
