// The status bar item's text and tooltip from the folders' `archlens/status` notifications. Pure, so its
// wording is tested without VS Code.
import type { StatusParams } from '../../../server/src/protocol';

export interface StatusBarView {
  text: string;
  tooltip: string;
  /** Warning background when something needs attention (an indexing error). */
  severity: 'normal' | 'warning' | 'error';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const HISTORY_OFF: Record<string, string> = {
  untrusted: 'the workspace is not trusted, so Archlens runs no git',
  'no-git': 'git is not installed',
  'not-a-repository': 'the folder is not a git repository',
  shallow: 'the repository is a shallow clone',
  'no-commits': 'the repository has no commits yet',
  error: 'reading the git history failed',
};

/** Why staleness checks are off, in words. */
export function historyOffReason(reason: string | undefined, message?: string): string {
  const why = (reason && HISTORY_OFF[reason]) || reason || 'unknown reason';
  return message ? `${why} (${message})` : why;
}

/**
 * Text such as `$(book) Archlens: 16 decisions · 43 terms · 2 stale`. `activeFileStale` is the number of stale
 * findings of the active editor's file, when there is one.
 */
export function statusBarView(statuses: readonly StatusParams[], activeFileStale?: number): StatusBarView {
  if (statuses.length === 0) {
    return { text: '$(sync~spin) Archlens: starting', tooltip: 'Archlens: starting the language server', severity: 'normal' };
  }
  const limited = statuses.some((s) => s.limited);
  const prefix = limited ? 'Archlens (limited mode)' : 'Archlens';
  const lines: string[] = [];
  if (statuses.some((s) => s.state === 'indexing')) {
    const done = statuses.filter((s) => s.state !== 'indexing').length;
    const progress = statuses.length > 1 ? ` (${done}/${statuses.length} folders)` : '';
    return { text: `$(sync~spin) ${prefix}: indexing${progress}`, tooltip: 'Archlens: indexing the architecture documentation', severity: 'normal' };
  }
  const sum = (k: 'decisions' | 'terms' | 'views' | 'problems' | 'stale') => statuses.reduce((n, s) => n + s[k], 0);
  const historyOn = statuses.some((s) => s.history.state === 'ready');
  const parts = [plural(sum('decisions'), 'decision'), plural(sum('terms'), 'term')];
  if (historyOn) {
    let stale = `${sum('stale')} stale`;
    if (activeFileStale) stale += ` (${activeFileStale} in this file)`;
    parts.push(stale);
  }
  const failed = statuses.filter((s) => s.state === 'error');
  const icon = failed.length > 0 ? '$(error)' : limited ? '$(shield)' : '$(book)';
  const text = `${icon} ${prefix}: ${parts.join(' · ')}`;

  for (const s of statuses) {
    const name = folderName(s.folder);
    if (s.state === 'error') lines.push(`${name}: indexing failed${s.message ? `: ${s.message}` : ''}`);
    else {
      lines.push(
        `${name}: ${plural(s.decisions, 'decision')}, ${plural(s.terms, 'term')}, ${plural(s.views, 'view')}, ` +
          `${plural(s.problems, 'problem')}${s.history.state === 'ready' ? `, ${s.stale} stale` : ''}`,
      );
      if (s.history.state === 'off') lines.push(`  Staleness checks are off: ${historyOffReason(s.history.reason, s.history.message)}.`);
    }
  }
  if (activeFileStale) lines.push(`This file: ${plural(activeFileStale, 'stale finding')}.`);
  if (limited) lines.push('Limited mode: the workspace is not trusted, so Archlens runs no git and writes no files.');
  lines.push('Click to open the Decisions view.');
  return { text, tooltip: lines.join('\n'), severity: failed.length > 0 ? 'error' : 'normal' };
}

/** The last path segment of a folder URI, decoded. */
export function folderName(uri: string): string {
  const last = uri.replace(/\/+$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
