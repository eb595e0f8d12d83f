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
 * A status sent while files are read, to move the count on (`indexing 120/254`): what the views and the active
 * file's facts show does not change with it, so they are not asked for again (each ask is a request the server
 * answers between the slices of its start).
 */
export function movesCountOnly(status: StatusParams): boolean {
  return status.progress !== undefined;
}

/** What a folder is doing, in the words the status bar uses. */
export type FolderPhase = 'indexing' | 'reading history' | 'ready' | 'failed';

export function folderPhase(s: StatusParams): FolderPhase {
  if (s.state === 'error') return 'failed';
  if (s.state === 'indexing') return 'indexing';
  return s.history.state === 'off' && s.history.reason === 'pending' ? 'reading history' : 'ready';
}

/**
 * The state first, then what it means: `Archlens: indexing 120/254`, `Archlens: reading history`, `Archlens: ready ·
 * 7 stale`. A count is only shown while it is known: while history is being read the text says so instead of
 * showing a stale count that would silently drop and come back. `activeFileStale` is the number of stale findings of
 * the active editor's file, when there is one.
 */
export function statusBarView(statuses: readonly StatusParams[], activeFileStale?: number): StatusBarView {
  if (statuses.length === 0) {
    return { text: '$(sync~spin) Archlens: starting', tooltip: 'Archlens: starting the language server', severity: 'normal' };
  }
  const limited = statuses.some((s) => s.limited);
  const prefix = limited ? 'Archlens (limited mode)' : 'Archlens';
  const phases = statuses.map(folderPhase);
  const failed = phases.includes('failed');
  let text: string;
  if (phases.includes('indexing')) {
    const progress = statuses.filter((s) => s.state === 'indexing' && s.progress && s.progress.total > 0).map((s) => s.progress!);
    const counts = progress.length > 0 ? ` ${progress.reduce((n, p) => n + p.done, 0)}/${progress.reduce((n, p) => n + p.total, 0)}` : '';
    const folders = statuses.length > 1 ? ` (${phases.filter((p) => p !== 'indexing').length}/${statuses.length} folders)` : '';
    text = `$(sync~spin) ${prefix}: indexing${counts}${folders}`;
  } else if (phases.includes('reading history')) {
    text = `$(sync~spin) ${prefix}: reading history`;
  } else {
    const parts = [failed ? 'indexing failed' : 'ready'];
    if (statuses.some((s) => s.history.state === 'ready')) {
      let stale = `${statuses.reduce((n, s) => n + (s.history.state === 'ready' ? s.stale : 0), 0)} stale`;
      if (activeFileStale) stale += ` (${activeFileStale} in this file)`;
      parts.push(stale);
    }
    const icon = failed ? '$(error)' : limited ? '$(shield)' : '$(book)';
    text = `${icon} ${prefix}: ${parts.join(' · ')}`;
  }

  const lines: string[] = [];
  statuses.forEach((s, i) => lines.push(...folderLines(s, phases[i])));
  if (activeFileStale) lines.push(`This file: ${plural(activeFileStale, 'stale finding')}.`);
  if (limited) lines.push('Limited mode: the workspace is not trusted, so Archlens runs no git and writes no files.');
  lines.push('Click to open the Decisions view.');
  return { text, tooltip: lines.join('\n'), severity: failed ? 'error' : 'normal' };
}

/** One folder in the tooltip: its state, then what it holds, then why staleness is off when it is. */
function folderLines(s: StatusParams, phase: FolderPhase): string[] {
  const name = folderName(s.folder);
  if (phase === 'failed') return [`${name}: indexing failed${s.message ? `: ${s.message}` : ''}`];
  if (phase === 'indexing') {
    const p = s.progress && s.progress.total > 0 ? ` (${s.progress.done}/${s.progress.total} files)` : '';
    return [`${name}: indexing${p}`];
  }
  const counts = `${plural(s.decisions, 'decision')}, ${plural(s.terms, 'term')}, ${plural(s.views, 'view')}, ${plural(s.problems, 'problem')}`;
  if (phase === 'reading history') return [`${name}: reading git history — ${counts}`];
  const lines = [`${name}: ready — ${counts}${s.history.state === 'ready' ? `, ${s.stale} stale` : ''}`];
  if (s.history.state === 'off') lines.push(`  Staleness checks are off: ${historyOffReason(s.history.reason, s.history.message)}.`);
  return lines;
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
