// Folder sessions on in-memory I/O: a workspace held in a map (with an optional fault for any path), a git history
// whose arrival the test decides, and a fixed clock. No temporary folders, no git, no timers.
import type { LiveGitHistory } from '../../server/src/adapters/gitHistory';
import type { CommitInfo, HistoryState } from '../../server/src/core/git';
import { MemoryWorkspace, type WorkspaceFile } from '../../server/src/core/workspace';
import { FolderSession, type SessionWorkspace } from '../../server/src/session/folderSession';

export class MemorySessionWorkspace extends MemoryWorkspace implements SessionWorkspace {
  /** Reading a path for which this returns true throws, as a failing disk or a bug in a reader would. */
  failOn: (path: string) => boolean = () => false;
  reads = 0;

  override async readFile(path: string): Promise<Uint8Array | undefined> {
    this.reads++;
    if (this.failOn(path)) throw new Error(`injected failure reading ${path}`);
    return super.readFile(path);
  }

  entryKind(path: string): 'file' | 'dir' | undefined {
    if (this.files.has(path)) return 'file';
    return [...this.files.keys()].some((p) => p.startsWith(`${path}/`)) ? 'dir' : undefined;
  }

  resolve(path: string): string | undefined {
    return path.split('/').includes('..') ? undefined : `/memory/${path}`;
  }

  async listBelow(dir: string, skipDir: (dir: string) => boolean): Promise<WorkspaceFile[] | undefined> {
    const prefix = `${dir}/`;
    if (![...this.files.keys()].some((p) => p.startsWith(prefix))) return undefined;
    return (await this.listFiles(skipDir)).filter((f) => f.path.startsWith(prefix));
  }
}

/** A history with no commits to report, ready once `arrive()` is called (or at once when `ready` is true). */
export class ControlledHistory {
  private release!: () => void;
  readonly arrived = new Promise<void>((resolve) => (this.release = resolve));
  opened = 0;

  constructor(ready = true) {
    if (ready) this.release();
  }

  arrive(): void {
    this.release();
  }

  async open(): Promise<LiveGitHistory> {
    this.opened++;
    await this.arrived;
    const state: HistoryState = { kind: 'ready', head: 'c0ffee', commits: 0 };
    return {
      state,
      dirty: new Set<string>(),
      lastChange: () => undefined,
      changesSince: () => ({ commits: [], files: [] }),
      renamedTo: () => undefined,
      commit: () => undefined,
      refresh: async () => undefined,
      stats: { commands: 0, fullReads: 1, incrementalReads: 0 },
    };
  }
}

export const FIXED_NOW = new Date('2025-06-10T09:00:00Z');

export interface MemoryFolder {
  folder: FolderSession;
  workspace: MemorySessionWorkspace;
  history: ControlledHistory;
}

export function memoryFolder(
  uri: string,
  files: Record<string, string>,
  options: { trusted?: boolean; history?: ControlledHistory; name?: string; openHistory?: () => Promise<LiveGitHistory> } = {},
): MemoryFolder {
  const workspace = new MemorySessionWorkspace(files);
  const history = options.history ?? new ControlledHistory();
  const openHistory = options.openHistory ?? (() => history.open());
  const folder = new FolderSession(uri, options.name ?? 'memory', { workspace, openHistory, now: () => FIXED_NOW }, { trusted: options.trusted ?? false });
  return { folder, workspace, history };
}

/** A decision in Nygard's format. */
export function decision(n: number, title: string, body = 'We decided.', status = 'Accepted'): string {
  return `# ${n}. ${title}\n\nDate: 2025-01-06\n\n## Status\n\n${status}\n\n## Context\n\nContext.\n\n## Decision\n\n${body}\n`;
}

const DOCUMENTED: CommitInfo = { hash: 'a'.repeat(40), date: '2025-01-01T00:00:00Z', author: 'Dev', subject: 'docs' };
const CHANGED: CommitInfo = { hash: 'b'.repeat(40), date: '2025-05-01T00:00:00Z', author: 'Dev', subject: 'change the code' };

/** Every document last changed in January, every governed file changed since: each decision that governs is stale. */
export function staleHistory(): LiveGitHistory {
  const state: HistoryState = { kind: 'ready', head: 'c0ffee', commits: 2 };
  return {
    state,
    dirty: new Set<string>(),
    lastChange: () => DOCUMENTED,
    changesSince: (paths) => ({ commits: [CHANGED], files: [...paths] }),
    renamedTo: () => undefined,
    commit: () => undefined,
    refresh: async () => undefined,
    stats: { commands: 0, fullReads: 1, incrementalReads: 0 },
  };
}
