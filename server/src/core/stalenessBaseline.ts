// When a document counts as last changed for staleness (core/staleness.ts): its last commit, its review date or
// `reviewed-commit`, whichever is newest; for a document kept in another repository (a `.archlens.yml` source),
// its last change in that repository's history, or the review.
import type { CommitInfo, GitHistory } from './git';
import { parseTime } from './gitModel';

/** When a document counts as last changed, and how to say so. */
export interface DocBaseline {
  commit?: string;
  date?: string;
  shown: { date: string; hash?: string; reviewed?: boolean };
}

export function docBaseline(
  path: string,
  reviewed: string | undefined,
  reviewedCommit: string | undefined,
  history: GitHistory,
  dirty: ReadonlySet<string>,
): DocBaseline | undefined {
  // A document being edited right now is as fresh as it gets.
  if (dirty.has(path)) return undefined;
  // A document git has never seen (ignored or generated) has no baseline: no warning rather than a guess.
  const last = history.lastChange(path);
  if (!last) return undefined;
  const candidates: { time: number; commit?: CommitInfo; date?: string; reviewed: boolean }[] = [
    { time: parseTime(last.date, 0), commit: last, reviewed: false },
  ];
  const byCommit = reviewedCommit ? history.commit(reviewedCommit) : undefined;
  if (byCommit) candidates.push({ time: parseTime(byCommit.date, 0), commit: byCommit, reviewed: true });
  const reviewedTime = parseTime(reviewed, NaN);
  if (reviewed && !Number.isNaN(reviewedTime)) candidates.push({ time: reviewedTime, date: reviewed, reviewed: true });
  candidates.sort((a, b) => b.time - a.time);
  const winner = candidates[0];
  // The range starts after the newest of the commits and after the review date, whichever is later.
  const newestCommit = candidates.find((c) => c.commit)!.commit!;
  return {
    commit: newestCommit.hash,
    date: winner.date,
    shown: winner.commit
      ? { date: winner.commit.date, hash: winner.commit.hash, ...(winner.reviewed ? { reviewed: true } : {}) }
      : { date: winner.date!, reviewed: true },
  };
}

/**
 * The baseline of a document kept in another repository (a decision of a `.archlens.yml` source): the newest of its
 * last change there, its review date, and its `reviewed-commit`. That commit is looked up in this repository first
 * (the code that was reviewed: the range then starts exactly after it, whatever the dates say), else in the
 * document's own history (a date, since its commits mean nothing here). A log without history (no git, or not read)
 * still has the review to go by.
 */
export function foreignBaseline(
  path: string,
  reviewed: string | undefined,
  reviewedCommit: string | undefined,
  own: GitHistory,
  here: GitHistory,
): DocBaseline | undefined {
  const candidates: { time: number; date: string; hash?: string; here?: boolean; reviewed: boolean }[] = [];
  const last = own.state.kind === 'ready' ? own.lastChange(path) : undefined;
  if (last) candidates.push({ time: parseTime(last.date, 0), date: last.date, hash: last.hash, reviewed: false });
  if (reviewedCommit) {
    const inCode = here.commit(reviewedCommit);
    const inLog = inCode || own.state.kind !== 'ready' ? undefined : own.commit(reviewedCommit);
    const found = inCode ?? inLog;
    if (found) candidates.push({ time: parseTime(found.date, 0), date: found.date, hash: found.hash, here: inCode !== undefined, reviewed: true });
  }
  const reviewedTime = parseTime(reviewed, NaN);
  if (reviewed && !Number.isNaN(reviewedTime)) candidates.push({ time: reviewedTime, date: reviewed, reviewed: true });
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.time - a.time);
  const winner = candidates[0];
  const reviewedHere = candidates.find((c) => c.here);
  return {
    ...(reviewedHere ? { commit: reviewedHere.hash } : {}),
    ...(winner.here ? {} : { date: winner.date }),
    shown: { date: winner.date, ...(winner.hash ? { hash: winner.hash } : {}), ...(winner.reviewed ? { reviewed: true } : {}) },
  };
}
