// The real git history: one `git log` pass at open, incremental reads when HEAD moves, `git status` for edits not
// yet committed. Every failure becomes an "off" state with a message a person can act on; nothing here throws.
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { simpleGit, type SimpleGit } from 'simple-git';
import {
  HistoryModel,
  ModelHistory,
  LOG_FORMAT,
  LogParser,
  parseStatus,
  type GitHistory,
  type HistoryOffReason,
  type HistoryState,
  type LogRecord,
} from '../core/git';

export interface GitHistoryOptions {
  trusted: boolean;
  /** The git executable (default `git` from PATH). */
  binary?: string;
  /** Called with the arguments of every git process spawned, for logging and tests. */
  onGitCommand?: (args: readonly string[]) => void;
}

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

// Configuration that makes output independent of the user's settings; fsmonitor is switched off because a
// read-only index of history has no use for the hook it would run.
const GIT_CONFIG = [
  'core.quotepath=off',
  'core.fsmonitor=false',
  'diff.relative=false',
  'log.showSignature=false',
  'color.ui=false',
];

// No --date-order: the model orders commits itself, and git's default order streams without walking everything first.
const LOG_ARGS = ['log', '-z', '--name-status', '-M', '--no-color', `--format=${LOG_FORMAT}`];

export async function openGitHistory(root: string, opts: GitHistoryOptions): Promise<LiveGitHistory> {
  const history = new RepositoryHistory(root, opts);
  await history.refresh();
  return history;
}

class GitFailure extends Error {
  constructor(
    readonly reason: HistoryOffReason,
    message: string,
  ) {
    super(message);
  }
}

/** The model-backed queries come from ModelHistory; this class adds reading them from git. */
class RepositoryHistory extends ModelHistory implements LiveGitHistory {
  readonly stats: GitHistoryStats = { commands: 0, fullReads: 0, incrementalReads: 0 };
  private git: SimpleGit | undefined;
  private prefix = '';
  /** Streams a `git log`'s stdout into the parser while it runs, instead of after the whole output is buffered. */
  private logSink: ((chunk: Buffer) => void) | undefined;
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
      const status = this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
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
    if (!this.git) {
      if (!isDirectory(this.root)) throw new GitFailure('not-a-repository', `The folder ${this.root} does not exist.`);
      this.git = simpleGit({
        baseDir: this.root,
        binary: this.opts.binary ?? 'git',
        config: GIT_CONFIG,
        maxConcurrentProcesses: 2,
        trimmed: false,
        unsafe: { allowUnsafeFsMonitor: true },
      })
        .env(gitEnvironment(process.env))
        .outputHandler((_command, stdout, _stderr, args) => {
          this.stats.commands++;
          this.opts.onGitCommand?.(args);
          const sink = this.logSink;
          if (sink && args.includes('log')) stdout.on('data', (chunk: Buffer) => sink(chunk));
        });
    }
    const [shallow, prefix = ''] = (await this.run(['rev-parse', '--is-shallow-repository', '--show-prefix'])).split('\n');
    if (shallow.trim() === 'true') {
      throw new GitFailure(
        'shallow',
        'This is a shallow clone, so its history is incomplete and staleness cannot be judged: fetch the full history with `git fetch --unshallow`.',
      );
    }
    this.prefix = prefix.trim();
    return this.head();
  }

  private async head(): Promise<string | undefined> {
    // `--verify -q` prints nothing and writes no error on an unborn branch.
    const out = (await this.run(['rev-parse', '--verify', '-q', 'HEAD^{commit}'])).trim();
    return out || undefined;
  }

  private async readAll(head: string): Promise<void> {
    this.model = HistoryModel.fromLog(await this.readLog([head]));
    this.stats.fullReads++;
  }

  /**
   * Moves the model from `from` to `to` with two small reads: the commits only `from` reaches (gone after a branch
   * switch or a reset; none when `from` is an ancestor of `to`) and the commits only `to` reaches. Both ranges stop
   * at the merge base, so their cost is the size of the divergence, not of the history. Returns false when `from`
   * is no longer known to git (garbage-collected after a rebase), so the caller reads everything again.
   */
  private async readBetween(from: string, to: string): Promise<boolean> {
    let gone: string[];
    try {
      gone = (await this.run(['rev-list', `${to}..${from}`, '--'])).split('\n').filter(Boolean);
    } catch {
      return false;
    }
    const added = await this.readLog([`${from}..${to}`]);
    this.model.removeCommits(gone);
    this.model.applyNewer(added);
    this.stats.incrementalReads++;
    return true;
  }

  private async readLog(revisions: string[]): Promise<LogRecord[]> {
    const records: LogRecord[] = [];
    const parser = new LogParser((r) => records.push(r), this.prefix);
    const decoder = new StringDecoder('utf8');
    this.logSink = (chunk) => parser.push(decoder.write(chunk));
    try {
      // Revisions are our own hashes; `--` ends them so no path or ref name can be read as an option.
      await this.run([...LOG_ARGS, ...revisions, '--']);
    } finally {
      this.logSink = undefined;
    }
    parser.push(decoder.end());
    parser.end();
    return records;
  }

  private async run(args: string[]): Promise<string> {
    try {
      return await this.git!.raw(args);
    } catch (e) {
      throw classify(e);
    }
  }
}

/**
 * The environment for git: the user's, minus variables that point git at another repository (set when an editor is
 * started from a git hook) or run programs (editors, pagers, ssh); reading history needs none of them, and simple-git
 * refuses to run with the latter.
 */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const k = key.toUpperCase();
    if (k.startsWith('GIT_') && k !== 'GIT_CEILING_DIRECTORIES') continue;
    if (DROPPED_ENV.has(k)) continue;
    out[key] = value;
  }
  // No optional locks: a status run must never hold the index lock while the user commits.
  return { ...out, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

const DROPPED_ENV = new Set(['EDITOR', 'VISUAL', 'PAGER', 'PREFIX', 'SSH_ASKPASS']);

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
  const text = errorText(e);
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
