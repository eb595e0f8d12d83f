// One workspace folder as the server sees it: its index, its git history, its settings and the stale findings
// derived from both. Findings are recomputed once per index change or history move, never per request.
import { isMarkdownPath } from './core/paths';
import * as nodePath from 'node:path';
import { NodeWorkspace } from './adapters/nodeWorkspace';
import { openGitHistory, type LiveGitHistory } from './adapters/gitHistory';
import { ArchitectureIndex, type IndexProgress } from './core/archIndex';
import type { HistoryState } from './core/git';
import type { PartialSettings } from './core/settings';
import type { IndexSnapshot } from './core/snapshot';
import { explainStale, type StaleExplanation } from './core/staleExplain';
import { findMissingCode, findStaleDocumentation, type MissingCodeFinding, type StaleFinding } from './core/staleness';
import type { FeatureContext } from './features/context';
import type { HistoryStatus } from './protocol';
import { pathToUri, relativePath, uriToPath } from './uris';

export interface FolderOptions {
  trusted: boolean;
  now?: () => Date;
  /** Opens git history; replaced in tests. */
  openHistory?: typeof openGitHistory;
}

export class FolderSession {
  readonly workspace: NodeWorkspace;
  readonly index: ArchitectureIndex;
  history?: LiveGitHistory;
  private staleCache?: { snapshot: IndexSnapshot; inputs: string; head: string; dirty: string; stale: StaleFinding[]; missing: MissingCodeFinding[] };
  private readonly explanations = new WeakMap<StaleFinding, StaleExplanation>();
  /** Paths of open editors with unsaved changes (they count as "changed now"). */
  readonly unsaved = new Set<string>();

  constructor(
    readonly uri: string,
    readonly name: string,
    private readonly options: FolderOptions,
  ) {
    this.workspace = new NodeWorkspace(uriToPath(uri));
    this.index = new ArchitectureIndex(this.workspace);
  }

  get root(): string {
    return this.workspace.root;
  }

  get snapshot(): IndexSnapshot {
    return this.index.snapshot;
  }

  async start(settings: PartialSettings, onProgress?: (p: IndexProgress) => void): Promise<void> {
    await this.index.updateSettings(settings);
    await this.index.rebuild(onProgress);
    await this.refreshHistory();
  }

  /** Reads what git has new (commits, branch switch, working-tree edits). Never throws. */
  async refreshHistory(): Promise<void> {
    if (!this.options.trusted) return;
    try {
      if (!this.history) this.history = await (this.options.openHistory ?? openGitHistory)(this.root, { trusted: true });
      else await this.history.refresh();
    } catch {
      // The adapter reports failures through its state; an exception here leaves history off.
    }
  }

  historyStatus(): HistoryStatus {
    const state: HistoryState | undefined = this.options.trusted
      ? this.history?.state
      : { kind: 'off', reason: 'untrusted', message: 'The workspace is not trusted: Archlens does not run git here.' };
    if (!state) return { state: 'off', reason: 'pending', message: 'Reading git history…' };
    return state.kind === 'ready' ? { state: 'ready' } : { state: 'off', reason: state.reason, message: state.message };
  }

  /** Stale and missing-code findings for the current snapshot and history, computed once per change. */
  findings(): { stale: StaleFinding[]; missing: MissingCodeFinding[] } {
    const snapshot = this.snapshot;
    const head = this.history?.state.kind === 'ready' ? this.history.state.head : '';
    const dirty = [...(this.history?.dirty ?? []), ...this.unsaved].sort().join('\0');
    const c = this.staleCache;
    if (c && c.snapshot === snapshot && c.head === head && c.dirty === dirty) return c;
    // Most index changes (typing in code, a new source file) leave the rules' inputs alone: then the findings stay.
    const inputs = staleInputs(snapshot);
    if (c && c.inputs === inputs && c.head === head && c.dirty === dirty) {
      c.snapshot = snapshot;
      return c;
    }
    const history = this.history;
    const stale =
      history && this.options.trusted
        ? findStaleDocumentation({
            decisions: snapshot.decisions,
            views: snapshot.views,
            files: snapshot.files,
            history,
            settings: snapshot.settings.staleness,
            now: (this.options.now ?? (() => new Date()))(),
            dirty: this.unsaved,
          })
        : [];
    const links = [];
    for (const path of snapshot.recordPaths()) {
      const record = snapshot.record(path)!;
      if (record.kind === 'text') continue;
      for (const l of record.links) {
        // Links between documents are the docs' business; a link into code that is gone is staleness.
        if (!isMarkdownPath(l.path)) links.push({ docPath: path, line: l.range.start.line, target: l.path });
      }
    }
    const missing = findMissingCode({ decisions: snapshot.decisions, views: snapshot.views, files: snapshot.files, links, history });
    this.staleCache = { snapshot, inputs, head, dirty, stale, missing };
    return this.staleCache;
  }

  /**
   * File events as the index wants them. Watchers report a folder created, moved in or deleted as one event for
   * the folder, so a deleted folder becomes its indexed files and a new one the files on disk below it.
   */
  async expandFolderEvents(changes: readonly FileEvent[]): Promise<FileEvent[]> {
    const files = this.snapshot.files;
    const out: FileEvent[] = [];
    for (const event of changes) {
      // The listing's rule for links: a path that is gone or behind a symbolic link is not in the workspace, so
      // an event for it removes whatever was indexed there and reads nothing.
      const kind = event.deleted ? undefined : this.workspace.entryKind(event.path);
      const c = event.deleted || kind !== undefined ? event : { path: event.path, deleted: true };
      out.push(c);
      if (c.deleted) {
        // Files are sorted, so those below a folder are one run after its name.
        const prefix = `${c.path}/`;
        for (let i = lowerBound(files, prefix); i < files.length && files[i].startsWith(prefix); i++) out.push({ path: files[i], deleted: true });
        continue;
      }
      if (kind !== 'dir') continue;
      const context = this.snapshot.context;
      const below = await new NodeWorkspace(nodePath.join(this.root, c.path)).listFiles((dir) => context.skipDir(`${c.path}/${dir}`));
      for (const f of below) out.push({ path: `${c.path}/${f.path}` });
    }
    return out;
  }

  featureContext(): FeatureContext {
    const root = this.uri;
    return {
      snapshot: this.snapshot,
      settings: this.snapshot.settings,
      uriOf: (path: string) => pathToUri(root, path),
      stale: this.findings().stale,
      trusted: this.options.trusted,
      explainStale: (f) => this.explainStale(f),
    };
  }

  /** What changed behind a stale finding, once per finding (findings are recomputed when their inputs change). */
  explainStale(finding: StaleFinding): StaleExplanation | undefined {
    const history = this.history;
    if (!history || !this.options.trusted || history.state.kind !== 'ready') return undefined;
    let e = this.explanations.get(finding);
    if (!e) {
      const s = this.snapshot;
      e = explainStale({ finding, history, missing: this.findings().missing, decisions: s.decisions, views: s.views, files: s.files, botAuthors: s.settings.staleness.botAuthors });
      this.explanations.set(finding, e);
    }
    return e;
  }

  /** Workspace-relative path of a document URI in this folder, or undefined. */
  pathOf(uri: string): string | undefined {
    return relativePath(this.uri, uri);
  }
}

const inputsBySnapshot = new WeakMap<IndexSnapshot, string>();

/**
 * Everything the stale and missing-code rules read from a snapshot, as one string: documents' governs globs, view
 * elements, review marks, links into code, the file list and the settings. Computed once per snapshot.
 */
function staleInputs(snapshot: IndexSnapshot): string {
  let key = inputsBySnapshot.get(snapshot);
  if (key !== undefined) return key;
  const parts: string[] = [JSON.stringify(snapshot.settings.staleness), String(fileListId(snapshot.files))];
  for (const d of snapshot.decisions) parts.push(`d${d.path}|${d.line}|${d.governsLine}|${d.status}|${d.title}|${d.governs.join(',')}|${d.reviewed}|${d.reviewedCommit}`);
  for (const v of snapshot.views) {
    parts.push(`v${v.path}|${v.title}|${v.reviewed}|${v.reviewedCommit}`);
    for (const e of v.elements) parts.push(`e${e.name}|${e.line}|${e.paths.join(',')}`);
  }
  for (const path of snapshot.recordPaths()) {
    const r = snapshot.record(path)!;
    if (r.kind !== 'text' && r.links.length) parts.push(`l${path}|${r.links.map((l) => `${l.range.start.line}:${l.path}`).join(',')}`);
  }
  key = parts.join('\n');
  inputsBySnapshot.set(snapshot, key);
  return key;
}

const fileListIds = new WeakMap<readonly string[], number>();
let nextFileListId = 1;
/** The index keeps one sorted file list until the set of files changes, so its identity tells whether it changed. */
function fileListId(files: readonly string[]): number {
  let id = fileListIds.get(files);
  if (id === undefined) fileListIds.set(files, (id = nextFileListId++));
  return id;
}

export interface FileEvent {
  path: string;
  deleted?: boolean;
}

/** The index of the first string not less than `key` in a sorted array. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
