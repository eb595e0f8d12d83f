// "Show changes since documented": the diff of governed files between the commit a document was last changed
// (or reviewed) at and the working tree. Only called in trusted workspaces.
import { simpleGit } from 'simple-git';
import { gitEnvironment } from './gitHistory';

export async function changesSince(root: string, base: string, files: readonly string[]): Promise<{ stat: string; diff: string }> {
  if (!/^[0-9a-f]{4,64}$/i.test(base)) return { stat: '', diff: '' };
  const git = simpleGit({ baseDir: root, config: ['core.quotepath=off', 'color.ui=false'] }).env(gitEnvironment(process.env));
  // `--` ends the options, so a file named `-x` is a path and never a flag.
  const pathspecs = ['--', ...files];
  try {
    const stat = await git.raw(['diff', '--stat=120', '--no-color', base, ...pathspecs]);
    const diff = await git.raw(['diff', '--no-color', base, ...pathspecs]);
    return { stat, diff };
  } catch (err) {
    return { stat: `git diff failed: ${(err as Error).message}`, diff: '' };
  }
}

/** Files changed between the merge base of `base` and HEAD, relative to `root`. Throws with git's message. */
export async function changedSinceMergeBase(root: string, base: string): Promise<{ mergeBase: string; files: string[] }> {
  const git = simpleGit({ baseDir: root, config: ['core.quotepath=off', 'color.ui=false'] }).env(gitEnvironment(process.env));
  // --end-of-options: a ref named like an option (`--output=x`) is read as a ref, never as an option.
  const resolved = (await git.raw(['rev-parse', '--verify', '-q', '--end-of-options', `${base}^{commit}`]).catch(() => '')).trim();
  if (!resolved) throw new Error(`'${base}' is not a commit in this repository`);
  const mergeBase = (await git.raw(['merge-base', resolved, 'HEAD'])).trim();
  const out = await git.raw(['diff', '--name-only', '-z', '--relative', '--no-renames', mergeBase, 'HEAD']);
  return { mergeBase, files: out.split('\0').filter(Boolean) };
}

/**
 * The newest commit reachable from HEAD committed at or before `date` (a bare date means the end of that day, UTC,
 * as a `reviewed:` date does for staleness), so a document reviewed by date still has a base to diff from.
 */
export async function commitAtOrBefore(root: string, date: string): Promise<string | undefined> {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.999Z` : date);
  if (Number.isNaN(time)) return undefined;
  const git = simpleGit({ baseDir: root, config: ['core.quotepath=off', 'color.ui=false'] }).env(gitEnvironment(process.env));
  const out = await git.raw(['rev-list', '-1', `--before=@${Math.floor(time / 1000)}`, 'HEAD']).catch(() => '');
  return /^[0-9a-f]{40,64}$/i.test(out.trim()) ? out.trim() : undefined;
}

/** The commit to diff a stale document's code from: its last change, or for a review by date the last commit before it. */
export async function documentBase(root: string, last: { hash?: string; date: string }): Promise<string | undefined> {
  return last.hash || (await commitAtOrBefore(root, last.date));
}
