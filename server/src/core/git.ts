// Git history as the core sees it: the interface the staleness rules query. The log parser (gitLog.ts) turns the
// adapter's one `git log` pass into records, the history model (gitModel.ts) indexes them, and modelHistory.ts
// answers these queries from it. Pure: the adapter owns the processes.

export interface CommitInfo {
  hash: string;
  /** ISO 8601 committer date, with the committer's offset (`2025-03-02T10:00:00+01:00`). */
  date: string;
  author: string;
  /** The author's e-mail address, when the log read it (bots are often recognised by it). */
  email?: string;
  subject: string;
}

export type HistoryOffReason = 'untrusted' | 'no-git' | 'not-a-repository' | 'shallow' | 'no-commits' | 'error';

export type HistoryState =
  | { kind: 'ready'; head: string; commits: number }
  | { kind: 'off'; reason: HistoryOffReason; message: string };

/** A commit range for {@link GitHistory.changesSince}: newer than `commit` and `date`, not newer than `until`. */
export interface HistoryRange {
  /** A full or abbreviated hash; commits up to and including it are excluded. Unknown hashes are ignored. */
  commit?: string;
  /** ISO date or date-time; commits at or before it are excluded. */
  date?: string;
  /** ISO date-time; commits after it are excluded (used to ignore changes younger than a few days). */
  until?: string;
  /** Commits that do not count (bots); they are skipped as if they were not in the range. */
  skip?: (commit: CommitInfo) => boolean;
}

export interface GitHistory {
  readonly state: HistoryState;
  /** Last commit that touched path (following renames for the path's earlier names). */
  lastChange(path: string): CommitInfo | undefined;
  /**
   * Commits touching any of `paths` inside `range`, newest first, and which of `paths` they touched. A commit and
   * its revert that are both in the range cancel out and are left out together.
   */
  changesSince(paths: Iterable<string>, range: HistoryRange): { commits: CommitInfo[]; files: string[] };
  /** Paths with uncommitted changes in the working tree or index ("changed now"), workspace-relative. */
  readonly dirty: ReadonlySet<string>;
  /** The newest name of a path that was renamed in history, following chains of renames. */
  renamedTo(path: string): string | undefined;
  /** A commit by full or abbreviated hash (for `reviewed-commit:`), when it is in the history read. */
  commit(ref: string): CommitInfo | undefined;
  /** Every path the history has seen, including files deleted since (which the working tree no longer lists). */
  knownPaths?(): readonly string[];
  /** The paths a commit touched (renames by both names), for "which code changed with this decision". */
  filesOf?(hash: string): string[];
}
