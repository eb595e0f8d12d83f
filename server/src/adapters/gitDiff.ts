// "Show changes since documented" and `archlens check --base`: the diff of governed files since a document's
// documented revision, the files a branch changed, and a file's text at a revision. Only called in trusted
// workspaces; every git process goes through gitProcess.
import { runGit } from './gitProcess';

const HASH = /^[0-9a-f]{4,64}$/i;

export async function changesSince(root: string, base: string, files: readonly string[]): Promise<{ stat: string; diff: string }> {
  if (!HASH.test(base)) return { stat: '', diff: '' };
  try {
    const stat = await runGit(root, { args: ['diff', '--stat=120', '--no-color', '--no-ext-diff'], revisions: [base], paths: files });
    const diff = await runGit(root, { args: ['diff', '--no-color', '--no-ext-diff'], revisions: [base], paths: files });
    return { stat, diff };
  } catch (err) {
    return { stat: `git diff failed: ${(err as Error).message}`, diff: '' };
  }
}

/** Files changed between the merge base of `base` and HEAD, relative to `root`. Throws with git's message. */
export async function changedSinceMergeBase(root: string, base: string): Promise<{ mergeBase: string; files: string[] }> {
  // The ref comes from the command line: after --end-of-options, `--output=x` is a ref name, never an option.
  const resolved = (await runGit(root, { args: ['rev-parse', '--verify', '-q'], revisions: [`${base}^{commit}`] }).catch(() => '')).trim();
  if (!resolved) throw new Error(`'${base}' is not a commit in this repository`);
  const mergeBase = (await runGit(root, { args: ['merge-base'], revisions: [resolved, 'HEAD'] })).trim();
  const out = await runGit(root, { args: ['diff', '--name-only', '-z', '--relative', '--no-renames'], revisions: [mergeBase, 'HEAD'], paths: [] });
  return { mergeBase, files: out.split('\0').filter(Boolean) };
}

/**
 * The newest commit reachable from HEAD committed at or before `date` (a bare date means the end of that day, UTC,
 * as a `reviewed:` date does for staleness), so a document reviewed by date still has a base to diff from.
 */
export async function commitAtOrBefore(root: string, date: string): Promise<string | undefined> {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.999Z` : date);
  if (Number.isNaN(time)) return undefined;
  const out = await runGit(root, { args: ['rev-list', '-1', `--before=@${Math.floor(time / 1000)}`], revisions: ['HEAD'] }).catch(() => '');
  return /^[0-9a-f]{40,64}$/i.test(out.trim()) ? out.trim() : undefined;
}

/** The commit to diff a stale document's code from: its last change, or for a review by date the last commit before it. */
export async function documentBase(root: string, last: { hash?: string; date: string }): Promise<string | undefined> {
  return last.hash || (await commitAtOrBefore(root, last.date));
}

/**
 * A file's text at a commit (`git show <hash>:./<path>`, relative to `root`), for the diff editor's left side; empty
 * when the file did not exist then.
 */
export async function fileAtRevision(root: string, hash: string, path: string): Promise<string> {
  if (!HASH.test(hash) || path.includes('\0')) return '';
  return runGit(root, { args: ['show', '--no-textconv'], revisions: [`${hash}:./${path}`] }).catch(() => '');
}

/**
 * What `check --base` needs of the base revision: its files (relative to `root`) and, for files the range renamed,
 * their name at the base (new path -> old path).
 */
export async function baseTree(root: string, mergeBase: string): Promise<{ files: string[]; renamedFrom: Map<string, string> }> {
  if (!HASH.test(mergeBase)) return { files: [], renamedFrom: new Map() };
  // ls-tree lists the tree under the working folder, with paths relative to it, as the workspace sees them.
  const tree = await runGit(root, { args: ['ls-tree', '-r', '-z', '--name-only'], revisions: [mergeBase] });
  const diff = await runGit(root, { args: ['diff', '--name-status', '-z', '--relative', '-M'], revisions: [mergeBase, 'HEAD'], paths: [] });
  const renamedFrom = new Map<string, string>();
  const parts = diff.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const status = parts[i];
    if (/^[RC]\d*$/.test(status)) {
      if (status.startsWith('R')) renamedFrom.set(parts[i + 2], parts[i + 1]);
      i += 2;
    } else if (status) i += 1;
  }
  return { files: tree.split('\0').filter(Boolean), renamedFrom };
}
