// A GitHistory answering from a history model: what the git adapter hands to the core after its log pass, and
// what tests build from log records. Until the history is ready (or when it is off) every query answers nothing.
import type { CommitInfo, GitHistory, HistoryOffReason, HistoryRange, HistoryState } from './git';
import type { LogRecord } from './gitLog';
import { HistoryModel } from './gitModel';

/** A {@link GitHistory} answering from a model; the adapter and tests build one. */
export class ModelHistory implements GitHistory {
  constructor(
    public state: HistoryState,
    public model: HistoryModel,
    public dirty: ReadonlySet<string> = new Set(),
  ) {}

  lastChange(path: string): CommitInfo | undefined {
    return this.state.kind === 'ready' ? this.model.lastChange(path) : undefined;
  }

  changesSince(paths: Iterable<string>, range: HistoryRange): { commits: CommitInfo[]; files: string[] } {
    return this.state.kind === 'ready' ? this.model.changesSince(paths, range) : { commits: [], files: [] };
  }

  renamedTo(path: string): string | undefined {
    return this.state.kind === 'ready' ? this.model.renamedTo(path) : undefined;
  }

  knownPaths(): readonly string[] {
    return this.state.kind === 'ready' ? this.model.knownPaths() : [];
  }

  filesOf(hash: string): string[] {
    return this.state.kind === 'ready' ? this.model.filesOf(hash) : [];
  }

  commit(ref: string): CommitInfo | undefined {
    return this.state.kind === 'ready' ? this.model.commit(ref) : undefined;
  }
}

/** A ready history from parsed log records (newest first, as git prints them, or any order). */
export function historyFromLog(records: Iterable<LogRecord>, dirty: ReadonlySet<string> = new Set()): ModelHistory {
  const model = HistoryModel.fromLog(records);
  const head = model.newest?.hash ?? '';
  return new ModelHistory({ kind: 'ready', head, commits: model.size }, model, dirty);
}

export function historyOff(reason: HistoryOffReason, message: string): ModelHistory {
  return new ModelHistory({ kind: 'off', reason, message }, new HistoryModel());
}
