// The one way Archlens runs git: a spawned process with a fixed configuration and environment, output streamed to
// the caller, a time limit, and the rules that keep a path or ref from being read as an option, all in one place.
// Callers never build a git command line themselves with other settings.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface GitRunOptions {
  /** The git executable (default `git` from PATH). */
  binary?: string;
  /** Called with each decoded chunk of standard output as git writes it; the result's stdout is then empty. */
  onStdout?: (text: string) => void;
  /**
   * Kills git after this many milliseconds (default 120 s). With `onStdout` it is the longest silence: a streamed
   * history read of a large repository on a busy machine may take minutes while git keeps writing, and is killed
   * only when git stops writing for that long.
   */
  timeoutMs?: number;
  /** Called with the arguments of every process spawned, for logging and tests. */
  onCommand?: (args: readonly string[]) => void;
}

/** What one invocation asks for: options first, then revisions, then paths, each kept in its place. */
export interface GitCommand {
  /** The subcommand and its options, written by Archlens (never text from a document or a user). */
  args: readonly string[];
  /** Revisions or other values that may come from users: passed after `--end-of-options`, so never an option. */
  revisions?: readonly string[];
  /** Paths: passed after `--`, so a file named `-rf` is a path. */
  paths?: readonly string[];
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | string | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

// Configuration that makes output independent of the user's settings; fsmonitor is switched off because reading
// history has no use for the hook it would run.
const GIT_CONFIG = [
  'core.quotepath=off',
  'core.fsmonitor=false',
  'diff.relative=false',
  'log.showSignature=false',
  'color.ui=false',
];

const DEFAULT_TIMEOUT_MS = 120_000;

/** The full argument list for a command: configuration, options, `--end-of-options` revisions, `--` paths. */
export function gitArgs(cmd: GitCommand): string[] {
  const out = GIT_CONFIG.flatMap((c) => ['-c', c]);
  out.push(...cmd.args);
  if (cmd.revisions?.length) out.push('--end-of-options', ...cmd.revisions);
  if (cmd.paths) out.push('--', ...cmd.paths);
  return out;
}

/** Runs git in `cwd` and resolves with its standard output; rejects with a {@link GitError} on failure. */
export function runGit(cwd: string, cmd: GitCommand, opts: GitRunOptions = {}): Promise<string> {
  const args = gitArgs(cmd);
  opts.onCommand?.(args);
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(opts.binary ?? 'git', args, { cwd, env: gitEnvironment(process.env), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      reject(new GitError(`spawn ${opts.binary ?? 'git'}: ${(e as Error).message}`, 'ENOENT', ''));
      return;
    }
    const decoder = new StringDecoder('utf8');
    const chunks: string[] = [];
    const errors: Buffer[] = [];
    let settled = false;
    const finish = (err: GitError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else {
        const tail = decoder.end();
        if (opts.onStdout) {
          if (tail) opts.onStdout(tail);
          resolve('');
        } else resolve(chunks.join('') + tail);
      }
    };
    const limit = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const expire = () => {
      child.kill();
      const what = opts.onStdout ? `wrote nothing for ${Math.round(limit / 1000)} s` : `took longer than ${Math.round(limit / 1000)} s`;
      finish(new GitError(`git ${cmd.args[0]} ${what} and was stopped`, 'ETIMEDOUT', ''));
    };
    let timer = setTimeout(expire, limit);
    child.stdout.on('data', (b: Buffer) => {
      if (opts.onStdout && !settled) {
        clearTimeout(timer);
        timer = setTimeout(expire, limit);
      }
      const text = decoder.write(b);
      if (opts.onStdout) opts.onStdout(text);
      else chunks.push(text);
    });
    child.stderr.on('data', (b: Buffer) => errors.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => finish(new GitError(`spawn ${opts.binary ?? 'git'} ${e.code ?? ''}: ${e.message}`, e.code ?? null, '')));
    child.on('close', (code) => {
      const stderr = Buffer.concat(errors).toString('utf8');
      finish(code === 0 ? undefined : new GitError(stderr.trim() || `git ${cmd.args[0]} exited with ${code}`, code, stderr));
    });
  });
}

/**
 * The environment for git: the user's, minus variables that point git at another repository (set when an editor is
 * started from a git hook) or run programs (editors, pagers, ssh askpass); reading history needs none of them.
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
