// The real git history: one `git log` pass at open, incremental reads when HEAD moves, `git status` for edits not
// yet committed. Every failure becomes an "off" state with a message a person can act on; nothing here throws.
import * as fs from 'node:fs';
import type { GitHistory, HistoryOffReason, HistoryState } from '../core/git';
import { LOG_ARGS, LogParser, parseStatus, type LogRecord } from '../core/gitLog';
import { HistoryModel } from '../core/gitModel';
import { ModelHistory } from '../core/modelHistory';
import { GitError, runGit, type GitCommand } from './gitProcess';

export interface GitHistoryOptions {
  trusted: boolean;
  /** The git executable (default `git` from PATH). */
  binary?: string;
  /** Called with the arguments of every git process spawned, for logging and tests. */
  onGitCommand?: (args: readonly string[]) => void;
  /**
   * From this many commits on the first-parent chain, the whole history is read by two git processes at once
   * (default {@link READ_IN_HALVES_FROM}; tests lower it).
   */
  halvesFrom?: number;
}

/**
 * A history this long is read in two halves at once. Below it one pass takes well under a second, and the extra
 * process and the walk that finds the middle would cost more than they save.
 */
export const READ_IN_HALVES_FROM = 4096;

export interface GitHistoryStats {
  /** git processes spawned. */
  commands: number;
  /** `git log` passes that read the whole history. */
  fullReads: number;
  /** `git log` passes that read only commits new since the previous HEAD. */
  incrementalReads: number;
}

export type LiveGitHistory = GitHistory & {
  /** Re-reads what changed since the last read: new commits, a branch switch, the working tree's edits. */
  refresh(): Promise<void>;
  readonly stats: Readonly<GitHistoryStats>;
};

export async function openGitHistory(root: string, opts: GitHistoryOptions): Promise<LiveGitHistory> {
  const history = new RepositoryHistory(root, opts);
  await history.refresh();
  return history;
}

class GitFailure extends Error {
  constructor(
    readonly reason: HistoryOffReason,
    message: string,
    /** git exited with 1 and said nothing: the answer "no" of a query such as `rev-parse --verify -q`. */
    readonly quietExit = false,
  ) {
    super(message);
  }
}

/** The model-backed queries come from ModelHistory; this class adds reading them from git. */
class RepositoryHistory extends ModelHistory implements LiveGitHistory {
  readonly stats: GitHistoryStats = { commands: 0, fullReads: 0, incrementalReads: 0 };
  private probed = false;
  private prefix = '';
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly opts: GitHistoryOptions,
  ) {
    super(
      opts.trusted
        ? { kind: 'off', reason: 'error', message: 'Git history has not been read yet.' }
        : {
            kind: 'off',
            reason: 'untrusted',
            message: 'Git history is off in an untrusted workspace: trust the workspace to see stale-documentation warnings.',
          },
      new HistoryModel(),
    );
  }

  refresh(): Promise<void> {
    // Refreshes run one at a time, so a burst of file events cannot interleave two reads of the same model.
    const run = this.queue.then(() => this.update());
    this.queue = run.catch(() => undefined);
    return run;
  }


  private async update(): Promise<void> {
    if (!this.opts.trusted) return;
    try {
      const previous = this.state.kind === 'ready' ? this.state.head : undefined;
      const head = previous === undefined ? await this.probe() : await this.head();
      if (head === undefined) {
        throw new GitFailure('no-commits', 'The repository has no commits yet: commit the documentation to track its staleness.');
      }
      // Status walks the working tree while log reads objects: they overlap well.
      const status = this.run({ args: ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], paths: this.pathspec() });
      status.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      if (previous === undefined) await this.readAll(head);
      else if (head !== previous && !(await this.readBetween(previous, head))) {
        this.model = new HistoryModel();
        await this.readAll(head);
      }
      this.dirty = parseStatus(await status, this.prefix);
      this.state = { kind: 'ready', head, commits: this.model.size };
    } catch (e) {
      this.model = new HistoryModel();
      this.dirty = new Set();
      this.state = e instanceof GitFailure ? { kind: 'off', reason: e.reason, message: e.message } : offFromError(e);
    }
  }

  /** Checks that git runs, that the root is in a full (not shallow) repository, and returns HEAD. */
  private async probe(): Promise<string | undefined> {
    if (!this.probed) {
      if (!isDirectory(this.root)) throw new GitFailure('not-a-repository', `The folder ${this.root} does not exist.`);
      this.probed = true;
    }
    // One process answers all three (each git process costs the server a fork while it starts): whether the clone is
    // shallow, where the root is in the repository, and HEAD. `--verify -q` prints no error on an unborn branch.
    const out = await this.run({ args: ['rev-parse', '--is-shallow-repository', '--show-prefix', '--verify', '-q'], revisions: ['HEAD^{commit}'] }).catch((e: unknown) => {
      if (e instanceof GitFailure && e.quietExit) return undefined;
      throw e;
    });
    // No commit yet: nothing else matters.
    if (out === undefined) return undefined;
    const [shallow, prefix = '', head = ''] = out.split('\n');
    if (shallow.trim() === 'true') {
      throw new GitFailure(
        'shallow',
        'This is a shallow clone, so its history is incomplete and staleness cannot be judged: fetch the full history with `git fetch --unshallow`.',
      );
    }
    this.prefix = prefix.trim();
    return head.trim() || undefined;
  }

  private async head(): Promise<string | undefined> {
    // `--verify -q` prints nothing and writes no error on an unborn branch.
    const out = (
      await this.run({ args: ['rev-parse', '--verify', '-q'], revisions: ['HEAD^{commit}'] }).catch((e: unknown) => {
        if (e instanceof GitFailure && e.quietExit) return '';
        throw e;
      })
    ).trim();
    return out || undefined;
  }

  private async readAll(head: string): Promise<void> {
    this.model = HistoryModel.fromLog(await this.readChain(head));
    this.stats.fullReads++;
  }

  /**
   * The records of every commit on the first-parent chain from `head`, newest first, as one `git log` pass gives
   * them. git spends a long history's read diffing each commit (--numstat), on one core; a long chain is cut in the
   * middle and its two halves (`mid..head` and `mid`) read by two processes side by side, which cost about the same
   * and together give the records of the one pass. A folder inside a repository is read in one pass: its path
   * limiting may give a commit at the cut other parents than the whole chain would.
   */
  private async readChain(head: string): Promise<LogRecord[]> {
    if (this.prefix) return this.readLog([head]);
    const chain = (await this.run({ args: ['rev-list', '--first-parent'], revisions: [head] })).split('\n').filter((h) => h !== '');
    if (chain.length < (this.opts.halvesFrom ?? READ_IN_HALVES_FROM)) return this.readLog([head]);
    const mid = chain[Math.floor(chain.length / 2)];
    const [newer, older] = await Promise.all([this.readLog([`${mid}..${head}`]), this.readLog([mid])]);
    return newer.concat(older);
  }

  /**
   * Moves the model from `from` to `to` with one small read: the first-parent commits `to` has and `from` has not.
   * Where their chain joins the one the model holds (at `from` itself after a pull or a commit, further down after
   * a branch switch), the commits above the join on the old chain go. Its cost is the size of the divergence, not of
   * the history. Returns false when the chains do not join (a rebase, unrelated histories), so the caller reads
   * everything again.
   */
  private async readBetween(from: string, to: string): Promise<boolean> {
    const added = await this.readLog([`${from}..${to}`]);
    const byHash = new Map(added.map((r) => [r.commit.hash, r]));
    let base: string | undefined = to;
    while (base !== undefined && byHash.has(base)) base = byHash.get(base)!.parents[0];
    if (base === undefined || !this.model.has(base)) return false;
    const gone = this.model.firstParentChain(from, base);
    if (!gone) return false;
    this.model.removeCommits(gone);
    this.model.applyNewer(added);
    this.stats.incrementalReads++;
    return true;
  }

  private async readLog(revisions: string[]): Promise<LogRecord[]> {
    const records: LogRecord[] = [];
    const parser = new LogParser((r) => records.push(r), this.prefix);
    // Streamed into the parser while git runs, instead of buffering the whole history as one string.
    await this.run({ args: LOG_ARGS, revisions, paths: this.pathspec() }, (text) => parser.push(text));
    parser.end();
    return records;
  }

  /** A workspace inside a repository reads only its own folder's history; at the root, every commit is read. */
  private pathspec(): string[] {
    return this.prefix ? ['.'] : [];
  }

  private async run(cmd: GitCommand, onStdout?: (text: string) => void): Promise<string> {
    try {
      return await runGit(this.root, cmd, {
        binary: this.opts.binary,
        onStdout,
        onCommand: (args) => {
          this.stats.commands++;
          this.opts.onGitCommand?.(args);
        },
      });
    } catch (e) {
      throw classify(e);
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function classify(e: unknown): GitFailure {
  if (e instanceof GitFailure) return e;
  const text = errorText(e);
  if (e instanceof GitError && e.code === 1 && !e.stderr.trim()) return new GitFailure('error', text, true);
  if (/\bENOENT\b/.test(text) && /spawn/.test(text)) {
    return new GitFailure('no-git', 'Git was not found: install git or set its path to see stale-documentation warnings.');
  }
  if (/not a git repository/i.test(text)) {
    return new GitFailure('not-a-repository', 'The workspace is not in a git repository, so there is no history to compare documentation with.');
  }
  if (/dubious ownership/i.test(text)) {
    return new GitFailure('error', `Git refuses to read this repository because another user owns it: ${firstLine(text)}`);
  }
  return new GitFailure('error', `Git failed: ${firstLine(text)}`);
}

function offFromError(e: unknown): HistoryState {
  const f = classify(e);
  return { kind: 'off', reason: f.reason, message: f.message };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
