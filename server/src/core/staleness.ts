// Stale documentation: governed code that changed after the document explaining it last changed. And the reverse
// check: documentation that names code which is no longer there. Pure: history comes in through GitHistory.
import type { CommitInfo, GitHistory, HistoryRange } from './git';
import { compileIgnoreGlobs } from './globs';
import { isRetired } from './lifecycle';
import { FileSet, GlobExpander } from './governance';
import { isGlob, normalizePattern } from './paths';
import type { ArchitectureView, Decision } from './model';
import { repositoryPattern } from './sources';
import { docBaseline, foreignBaseline, type DocBaseline } from './stalenessBaseline';

export interface StalenessSettings {
  enabled: boolean;
  /** Ignore code changes younger than this many days (give the team time to update the documentation). */
  minDays: number;
  /** Report only when at least this many commits touched the governed code since the document changed. */
  minCommits: number;
  /** Globs of code changes that never make documentation stale (tests, lock files, generated code). */
  ignore: string[];
  /** Author name or e-mail patterns (`*` wildcards, case-insensitive) of bots whose commits do not count. */
  botAuthors?: string[];
}

export type StaleSubject =
  | { kind: 'decision'; id: string; title: string }
  | { kind: 'view-element'; view: string; element: string };

export interface StaleFinding {
  docPath: string;
  docLine: number;
  subject: StaleSubject;
  /** The changed governed files (workspace-relative), sorted. */
  governedPaths: string[];
  /** The governs globs / element paths that matched them. */
  globs: string[];
  /** Commits that touched the governed files since the document changed (uncommitted edits not counted). */
  commitCount: number;
  /** The newest change: a commit, or for uncommitted edits `{ hash: '', date: now, subject: 'uncommitted changes' }`. */
  latest: CommitInfo;
  docLastChanged: { date: string; hash?: string; reviewed?: boolean };
  /** The range of history compared (after the document's baseline, up to the waiting period): the explanation reads the same one. */
  since?: { commit?: string; date?: string; until?: string };
  message: string;
}

export interface MissingCodeFinding {
  docPath: string;
  line: number;
  pattern: string;
  kind: 'governs' | 'element' | 'link';
  /** Where the file went, when history saw it renamed and the new name exists. */
  renamedTo?: string;
  message: string;
}

export interface DocumentLinkTarget {
  docPath: string;
  line: number;
  target: string;
}

const DAY_MS = 86_400_000;

/** What staleness is judged against: one file list, one history, the settings and the clock. */
export interface StaleCheckerInput {
  files: readonly string[];
  history: GitHistory;
  settings: StalenessSettings;
  now: Date;
  dirty?: ReadonlySet<string>;
  /**
   * The history a document lives in when it is not this repository's (a decision of `.archlens.yml` `sources:`),
   * with its path there: its last change is looked up in its own history and compared by date with this one's.
   */
  documentHistory?: (docPath: string) => { history: GitHistory; path: string } | undefined;
}

export function findStaleDocumentation(
  input: StaleCheckerInput & { decisions: readonly Decision[]; views: readonly ArchitectureView[] },
): StaleFinding[] {
  const checker = staleChecker(input);
  if (!checker) return [];
  return [...input.decisions.flatMap((d) => checker.decision(d)), ...input.views.flatMap((v) => checker.view(v))];
}

/** The stale findings of one document at a time, against one file list and history (see findStaleDocumentation). */
export interface StaleChecker {
  decision(d: Decision): StaleFinding[];
  view(v: ArchitectureView): StaleFinding[];
  /** Files edited but not saved changed (all of them files of the list): check the documents they concern again. */
  setUnsaved(paths: ReadonlySet<string>): void;
}

/**
 * A checker for the documents of one file list and history: what findStaleDocumentation does for all documents,
 * for one document at a time, so that a caller keeping findings across edits checks again only the documents that
 * changed. Undefined when staleness is off or history is not read.
 */
export function staleChecker(input: StaleCheckerInput): StaleChecker | undefined {
  const { history, settings } = input;
  // With history off there is nothing to compare with; saying nothing beats false warnings.
  if (!settings.enabled || history.state.kind !== 'ready') return undefined;

  let dirty = new Set(history.dirty);
  for (const p of input.dirty ?? []) dirty.add(p);
  // Deleting governed code is a change too: files deleted but not yet committed, and files whose deletion was
  // committed (history knows them; renamed ones are followed to their new name instead), join the files globs
  // expand over.
  const present = new Set(input.files);
  const deleted = (history.knownPaths?.() ?? []).filter((p) => !present.has(p) && history.renamedTo(p) === undefined);
  const universe = new FileSet([...input.files, ...dirty, ...deleted]);
  const expand = new GlobExpander(universe, ignoreFilter(settings.ignore));
  const nowMs = input.now.getTime();
  const minDays = Math.max(0, settings.minDays || 0);
  const until = minDays > 0 ? new Date(nowMs - minDays * DAY_MS).toISOString() : undefined;
  const minCommits = Math.max(1, Math.floor(settings.minCommits || 0));
  const isBot = authorMatcher(settings.botAuthors ?? []);
  const docs = new Map<string, DocBaseline | undefined>();
  const baseline = (path: string, reviewed?: string, reviewedCommit?: string): DocBaseline | undefined => {
    if (!docs.has(path)) {
      const elsewhere = input.documentHistory?.(path);
      docs.set(
        path,
        elsewhere
          ? foreignBaseline(elsewhere.path, reviewed, reviewedCommit, elsewhere.history, history)
          : docBaseline(path, reviewed, reviewedCommit, history, dirty),
      );
    }
    return docs.get(path);
  };

  let findings: StaleFinding[] = [];
  const check = (docPath: string, docLine: number, subject: StaleSubject, patterns: readonly string[], base: DocBaseline | undefined): void => {
    if (!base || patterns.length === 0) return;
    const governed = expand.union(patterns);
    if (governed.length === 0) return;
    const range: HistoryRange = { commit: base.commit, date: base.date, until, skip: isBot };
    const { commits, files } = history.changesSince(governed, range);
    // Edits not yet committed are zero days old: they count only when no waiting period is asked for.
    const dirtyGoverned = minDays === 0 ? governed.filter((p) => dirty.has(p)) : [];
    const changes = commits.length + (dirtyGoverned.length ? 1 : 0);
    if (changes < minCommits) return;
    const changed = [...new Set([...files, ...dirtyGoverned])].sort();
    const globs = patterns.filter((g) => expand.matchesAny(g, changed));
    const latest: CommitInfo = dirtyGoverned.length
      ? { hash: '', date: input.now.toISOString(), author: '', subject: 'uncommitted changes' }
      : commits[0];
    findings.push({
      docPath,
      docLine,
      subject,
      governedPaths: changed,
      globs,
      commitCount: commits.length,
      latest,
      docLastChanged: base.shown,
      since: { commit: range.commit, date: range.date, until: range.until },
      message: staleMessage(docPath, subject, base, commits, globs, dirtyGoverned),
    });
  };

  const collect = (run: () => void): StaleFinding[] => {
    findings = [];
    run();
    return findings;
  };
  return {
    setUnsaved: (paths) => {
      dirty = new Set(history.dirty);
      for (const p of paths) dirty.add(p);
      docs.clear();
    },
    decision: (d) =>
      collect(() => {
        if (isRetired(d) || d.governs.length === 0) return;
        const base = baseline(d.path, d.reviewed, d.reviewedCommit);
        check(d.path, d.governsLine ?? d.line, { kind: 'decision', id: d.id, title: d.title }, d.governs, base);
      }),
    view: (v) =>
      collect(() => {
        if (v.elements.length === 0) return;
        const base = baseline(v.path, v.reviewed, v.reviewedCommit);
        for (const e of v.elements) check(v.path, e.line, { kind: 'view-element', view: v.title, element: e.name }, e.paths, base);
      }),
  };
}

function staleMessage(
  docPath: string,
  subject: StaleSubject,
  base: DocBaseline,
  commits: readonly CommitInfo[],
  globs: readonly string[],
  dirtyGoverned: readonly string[],
): string {
  const what = subject.kind === 'decision' ? `decision '${subject.title}'` : `element '${subject.element}'`;
  const when = `${base.shown.reviewed ? 'last reviewed' : 'last changed'} ${base.shown.date.slice(0, 10)}`;
  const parts: string[] = [];
  if (commits.length > 0) {
    const c = commits[0];
    const n = commits.length === 1 ? '1 commit' : `${commits.length} commits`;
    parts.push(`${n} since touched ${globs.join(', ')} (latest ${c.date.slice(0, 10)} ${c.hash.slice(0, 7)} '${c.subject}')`);
  }
  if (dirtyGoverned.length > 0) {
    const shown = dirtyGoverned.slice(0, 3).join(', ');
    const more = dirtyGoverned.length > 3 ? ` and ${dirtyGoverned.length - 3} more` : '';
    parts.push(`uncommitted changes to ${shown}${more}`);
  }
  return `${docPath} (${what}) ${when}; ${parts.join('; ')}`;
}

export function findMissingCode(input: {
  decisions: readonly Decision[];
  views: readonly ArchitectureView[];
  files: readonly string[];
  links?: readonly DocumentLinkTarget[];
  history?: GitHistory;
}): MissingCodeFinding[] {
  const checker = missingCodeChecker(input);
  return [...input.decisions.flatMap((d) => checker.decision(d)), ...input.views.flatMap((v) => checker.view(v)), ...checker.links(input.links ?? [])];
}

/** The missing-code findings of one document at a time, against one file list (see findMissingCode). */
export interface MissingCodeChecker {
  decision(d: Decision): MissingCodeFinding[];
  view(v: ArchitectureView): MissingCodeFinding[];
  /** The findings of links into code, of one document or several. */
  links(links: readonly DocumentLinkTarget[]): MissingCodeFinding[];
}

export function missingCodeChecker(input: { files: readonly string[]; history?: GitHistory }): MissingCodeChecker {
  const universe = new FileSet(input.files);
  const expand = new GlobExpander(universe, () => true);
  let out: MissingCodeFinding[] = [];
  let seen = new Set<string>();
  const check = (docPath: string, line: number, pattern: string, kind: MissingCodeFinding['kind']): void => {
    const key = `${docPath}\0${line}\0${pattern}`;
    if (seen.has(key) || !pattern.trim()) return;
    // Code of another repository (a decision-only log naming the code of those that use it): not checked here.
    if (repositoryPattern(pattern)) return;
    seen.add(key);
    if (expand.expand(pattern).length > 0) return;
    const finding: MissingCodeFinding = { docPath, line, pattern, kind, message: '' };
    const literal = normalizePattern(pattern);
    if (input.history && !isGlob(literal)) {
      const bare = literal.replace(/\/$/, '');
      const to = input.history.renamedTo(bare) ?? folderRenamedTo(input.history, bare);
      if (to && expand.expand(to).length > 0) finding.renamedTo = literal.endsWith('/') && !to.endsWith('/') ? `${to}/` : to;
    }
    const what =
      kind === 'governs'
        ? `governs '${pattern}', which matches no file`
        : kind === 'element'
          ? `names '${pattern}' as an element's code, which matches no file`
          : `links to '${pattern}', which does not exist`;
    finding.message = `${docPath} ${what}${finding.renamedTo ? `; it was renamed to ${finding.renamedTo}` : ''}`;
    out.push(finding);
  };
  // The same place naming the same pattern twice is one finding; places are per document, so one run per call.
  const collect = (run: () => void): MissingCodeFinding[] => {
    out = [];
    seen = new Set();
    run();
    return out;
  };
  return {
    decision: (d) =>
      collect(() => {
        if (!isRetired(d)) for (const g of d.governs) check(d.path, d.governsLine ?? d.line, g, 'governs');
      }),
    view: (v) => collect(() => {
      for (const e of v.elements) for (const p of e.paths) check(v.path, e.line, p, 'element');
    }),
    links: (links) => collect(() => {
      for (const l of links) check(l.docPath, l.line, l.target, 'link');
    }),
  };
}

/**
 * Where a folder went: the common new folder of the files history saw renamed out of it, when they all moved to
 * one place keeping their names below it (`src/ingest/a/b.py` -> `src/intake/a/b.py` makes `src/intake`).
 */
export function folderRenamedTo(history: GitHistory, folder: string): string | undefined {
  if (!folder || !history.knownPaths) return undefined;
  const prefix = `${folder}/`;
  let target: string | undefined;
  for (const path of history.knownPaths()) {
    if (!path.startsWith(prefix)) continue;
    const to = history.renamedTo(path);
    if (to === undefined) continue;
    const rest = path.slice(prefix.length);
    if (!to.endsWith(`/${rest}`)) return undefined;
    const dir = to.slice(0, to.length - rest.length - 1);
    if (target !== undefined && target !== dir) return undefined;
    target = dir;
  }
  return target === folder ? undefined : target;
}

/**
 * A test for bot authors: each pattern matches the whole author name or e-mail address, case-insensitively, with
 * `*` as the only wildcard (bot names hold brackets: `dependabot[bot]`).
 */
export function authorMatcher(patterns: readonly string[]): ((commit: CommitInfo) => boolean) | undefined {
  const sources = patterns.filter((p) => p.trim()).map((p) => p.trim().split('*').map(escapeRegExp).join('.*'));
  if (sources.length === 0) return undefined;
  const re = new RegExp(`^(?:${sources.join('|')})$`, 'i');
  return (c) => re.test(c.author) || (c.email !== undefined && re.test(c.email));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------
// Ignored changes (the expansion of globs to files is governance.ts's)

/**
 * A filter keeping paths no ignore glob matches. A glob without a slash matches a file name at any depth, as in
 * .gitignore (`package-lock.json`). Each path is decided once, however many governs globs expand to it.
 */
function ignoreFilter(globs: readonly string[]): (path: string) => boolean {
  const ignored = compileIgnoreGlobs(globs);
  const decided = new Map<string, boolean>();
  return (path) => {
    let keep = decided.get(path);
    if (keep === undefined) decided.set(path, (keep = !ignored(path)));
    return keep;
  };
}
