// What `archlens/status` says about one workspace folder: its phase, the counts the status bar shows, the state of
// its git history, whether the session is limited, and the latest failure the server kept running through.
import type { ServerProblem, StatusParams } from '../protocol';
import type { FolderSession } from './folderSession';

export function folderStatus(
  folder: FolderSession,
  session: { trusted: boolean; problem?: ServerProblem },
  progress?: { done: number; total: number },
): StatusParams {
  const phase = folder.phase;
  const s = phase === 'indexing' || phase === 'error' ? undefined : folder.snapshot;
  let stale = 0;
  try {
    // The count is shown once history is read; before that the findings would be worked out (over a workspace still
    // being scanned) only to be dropped, on the way to the first answer.
    stale = s && folder.historyReady ? folder.findings().staleCount : 0;
  } catch {
    // Reported by the pass that failed; the status still goes out.
  }
  return {
    folder: folder.uri,
    state: phase === 'indexing' ? 'indexing' : phase === 'error' ? 'error' : 'ready',
    phase,
    historyReady: folder.historyReady,
    decisions: s?.decisions.length ?? 0,
    terms: s?.terms.length ?? 0,
    views: s?.views.length ?? 0,
    problems: s?.problems.length ?? 0,
    stale,
    history: folder.historyStatus(),
    limited: !session.trusted,
    version: s?.version ?? 0,
    message: folder.failureMessage,
    problem: session.problem,
    progress,
  };
}
