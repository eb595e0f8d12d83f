// One workspace folder as the server and the CLI see it: its index, its git history, its settings and the stale
// findings derived from both. Findings are recomputed once per index change or history move, never per request.
// The session does no I/O of its own: its workspace (listing, reading), its history (git) and its clock come from
// outside (nodeSession.ts builds the real ones; tests pass in-memory ones). Work that needs the index waits behind
// one readiness gate (`whenReady`), so nothing an editor sends before the first index can reach a half-built one.
import type { LiveGitHistory } from '../adapters/gitHistory';
import { ArchitectureIndex, type IndexProgress } from '../core/archIndex';
import type { BulkAnalyser } from '../core/bulkRead';
import { createDiscoveryContext } from '../core/discovery';
import type { HistoryState } from '../core/git';
import { GlossaryIndex } from '../core/glossaryIndex';
import { DEFAULT_SETTINGS, type PartialSettings } from '../core/settings';
import { IndexSnapshot } from '../core/snapshot';
import { lowerBound } from '../core/sorted';
import { explainStale, type StaleExplanation } from '../core/staleExplain';
import type { StaleFinding } from '../core/staleness';
import type { WorkspaceFile, WorkspaceFiles } from '../core/workspace';
import type { FeatureContext } from '../features/context';
import type { FolderFindings } from '../core/rules/staleDocumentation';
import { DiagnosticsCache } from './folderDiagnostics';
import { FindingsTracker } from './folderFindings';
import type { FolderPhase, HistoryStatus } from '../protocol';
import { folderPathToUri, relativePath, uriMaker, uriToPath } from './uris';
import type { GitHistory } from '../core/git';
import { splitSourcePath, type SourceLoader } from '../core/sources';

/** The history of a source that has none (an untrusted workspace, a folder outside git): nothing is stale there. */
const NO_HISTORY = {
  path: '',
  history: {
    state: { kind: 'off', reason: 'untrusted', message: '' },
    lastChange: () => undefined,
    changesSince: () => ({ commits: [], files: [] }),
    dirty: new Set<string>(),
    renamedTo: () => undefined,
    commit: () => undefined,
  } satisfies GitHistory,
};

/** The files of a workspace folder, as the session reads them. */
export interface SessionWorkspace extends WorkspaceFiles {
  /** The files below a folder of the workspace (workspace-relative paths), or undefined when `dir` is not a folder. */
  listBelow(dir: string, skipDir: (dir: string) => boolean): Promise<WorkspaceFile[] | undefined>;
  /** What a path is when reached from the root without crossing a symbolic link; undefined when gone or linked. */
  entryKind(path: string): 'file' | 'dir' | undefined;
  /** The absolute path of a workspace-relative one, or undefined when it would leave the workspace. */
  resolve(path: string): string | undefined;
}

/** Everything a folder session reads from the world. */
export interface FolderIO {
  workspace: SessionWorkspace;
  /** Opens the folder's git history; only called in a trusted workspace. */
  openHistory(): Promise<LiveGitHistory>;
  now(): Date;
  /** Reads `.archlens.yml` `sources:` (adapters/sources.ts); `requestFetch` makes the next read fetch git sources. */
  sources?: { load: SourceLoader; requestFetch(): void };
}

export interface FolderOptions {
  trusted: boolean;
  /** Rules reuse the markdown model each document was indexed with (one-off runs such as `archlens check`). */
  keepDocumentModels?: boolean;
  /** False: decisions are read without their search text and sentences (IndexOptions.decisionProse). */
  decisionProse?: boolean;
  /** Reads and analyses files on other threads (IndexOptions.bulk; the command line's worker pool). */
  bulk?: BulkAnalyser;
}

export class FolderSession {
  readonly workspace: SessionWorkspace;
  readonly index: ArchitectureIndex;
  history?: LiveGitHistory;
  private uriOf?: (path: string) => string;
  readonly findingsTracker = new FindingsTracker();
  private readonly explanations = new WeakMap<StaleFinding, StaleExplanation>();
  /** The last diagnostics of each file, and what they depend on (folderDiagnostics.ts). */
  readonly diagnosticsCache = new DiagnosticsCache();
  /** Paths of open editors with unsaved changes (they count as "changed now"). */
  readonly unsaved = new Set<string>();
  private phaseValue: FolderPhase = 'indexing';
  private failure?: string;
  private historyRead = false;
  private historyAsked = false;
  private opening?: Promise<void>;
  private openGate!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));

  constructor(
    readonly uri: string,
    readonly name: string,
    private readonly io: FolderIO,
    private readonly options: FolderOptions,
  ) {
    this.workspace = io.workspace;
    const sources = io.sources && { load: io.sources.load, folderName: name };
    this.index = new ArchitectureIndex(this.workspace, {}, { keepDocumentModels: options.keepDocumentModels, decisionProse: options.decisionProse, bulk: options.bulk, sources });
  }

  /**
   * Fetches the git sources of `.archlens.yml` (in a trusted workspace) and reads every source again: the only way
   * a git source is refreshed after its first clone.
   */
  async refreshSources(): Promise<void> {
    if (this.options.trusted) this.io.sources?.requestFetch();
    await this.whenReady(() => this.index.rebuild());
  }

  /** Where a document of a source is on disk, and its history: undefined for the workspace's own documents. */
  private sourceDocument(path: string): { root?: string; path: string; history?: GitHistory } | undefined {
    const sources = this.index.sources.loaded;
    if (sources.length === 0) return undefined;
    const split = splitSourcePath(sources.map((s) => s.spec), path);
    if (!split) return undefined;
    const source = sources.find((s) => s.spec.name === split.name)!;
    return { root: source.root, path: split.path, history: source.history };
  }

  /** The folder's path on disk (for the git diff of a stale document). */
  get root(): string {
    return uriToPath(this.uri);
  }

  get trusted(): boolean {
    return this.options.trusted;
  }

  now(): Date {
    return this.io.now();
  }

  /** The latest snapshot; an empty one until the first index exists (or when it failed). */
  get snapshot(): IndexSnapshot {
    return this.phaseValue === 'indexing' || this.phaseValue === 'error' ? emptySnapshot() : this.index.snapshot;
  }

  get phase(): FolderPhase {
    return this.phaseValue;
  }

  /** Why the first index failed, when it did. */
  get failureMessage(): string | undefined {
    return this.failure;
  }

  /** True once the first index exists (or failed): work behind the gate runs from then on. */
  get ready(): boolean {
    return this.phaseValue !== 'indexing';
  }

  /**
   * Runs `work` once the first index exists (or failed), in the order the calls arrived. Everything that reads or
   * changes the index goes through here, so an editor may send anything at any time.
   */
  whenReady<T>(work: () => T | Promise<T>): Promise<T> {
    return this.gate.then(work);
  }

  /**
   * Indexes the folder and reads its history: what the CLI wants before it reports. Git runs in its own process,
   * so the history is read while the documents are: the two overlap instead of adding up.
   */
  async start(settings: PartialSettings, onProgress?: (p: IndexProgress) => void): Promise<void> {
    await (await this.indexWhileReadingHistory(settings, onProgress)).history;
  }

  /**
   * Starts reading the history, indexes the folder meanwhile, and resolves once the index is built; `history`
   * resolves when the history is in too (it never rejects). What needs no history (most rules) can run while git
   * still writes. A failed index is thrown once the history read has ended.
   */
  async indexWhileReadingHistory(settings: PartialSettings, onProgress?: (p: IndexProgress) => void): Promise<{ history: Promise<void> }> {
    const history = this.readHistory();
    try {
      await this.startIndex(settings, onProgress);
    } catch (err) {
      await history;
      throw err;
    }
    if (this.phaseValue === 'error') {
      await history;
      throw new Error(this.failure);
    }
    return { history };
  }

  /**
   * The first index: decisions, terms, views and references. Opens the gate as soon as the documents are read
   * (phase `scanning`: decisions and terms answer while source files are scanned for references in the
   * background), or when the index failed (a failed folder answers from an empty snapshot). `onDocuments` is told
   * when the documents are in. Resolves when every file is indexed.
   */
  async startIndex(
    settings: PartialSettings,
    onProgress?: (p: IndexProgress) => void,
    overlays: Iterable<{ path: string; text: string }> = [],
    onDocuments?: () => void,
  ): Promise<void> {
    try {
      const documentsIn = () => {
        if (this.phaseValue !== 'indexing') return;
        this.phaseValue = 'scanning';
        this.openGate();
        onDocuments?.();
      };
      await this.index.rebuild(onProgress, documentsIn, settings);
      for (const o of overlays) await this.index.setOverlay(o.path, o.text);
      this.phaseValue = this.options.trusted && !this.historyRead ? 'reading-history' : 'ready';
    } catch (err) {
      this.phaseValue = 'error';
      this.failure = String((err as Error)?.message ?? err);
      this.index.documentModels.keep(false); // a failed folder answers from nothing: no document is read again
      throw err;
    } finally {
      this.openGate();
    }
  }

  /** New editor settings; false when they change nothing (the snapshot, and all derived from it, stays). */
  async applySettings(settings: PartialSettings): Promise<boolean> {
    // The settings, not the snapshot: a scan still running when they arrive makes a new snapshot of its own.
    const before = this.index.settings;
    await this.index.updateSettings(settings);
    return this.index.settings !== before;
  }

  /** True once the first read of git history has been asked for. */
  get historyRequested(): boolean {
    return this.historyAsked;
  }

  /** The first read of git history, after the first index. Never throws. */
  async readHistory(): Promise<void> {
    this.historyAsked = true;
    await this.refreshHistory();
    this.historyRead = true;
    // Read while the index was still scanning: the index's end makes the folder ready.
    if (this.phaseValue === 'reading-history') this.phaseValue = 'ready';
  }

  /** Reads what git has new (commits, branch switch, working-tree edits). Never throws. */
  async refreshHistory(): Promise<void> {
    if (!this.options.trusted) return;
    // The histories of `.archlens.yml` sources that were left for later (nodeSession.ts), read alongside.
    const sources = this.historyAsked ? this.index.sources.loaded.flatMap((s) => (s.history || !s.readHistory ? [] : [s.readHistory().catch(() => undefined)])) : [];
    try {
      await this.refreshOwnHistory();
    } finally {
      await Promise.all(sources);
    }
  }

  private async refreshOwnHistory(): Promise<void> {
    try {
      if (this.history) return await this.history.refresh();
      // A refresh while the first read runs (a save, a watcher event) waits for it instead of opening a second one.
      this.opening ??= this.io.openHistory().then((h) => {
        this.history = h;
      });
      await this.opening;
    } catch {
      // The adapter reports failures through its state; an exception here leaves history off (and tries again later).
      this.opening = undefined;
    }
  }

  /** True once history has been read (or is off for good): stale counts are final. */
  get historyReady(): boolean {
    return !this.options.trusted || this.historyRead;
  }

  historyStatus(): HistoryStatus {
    const state: HistoryState | undefined = this.options.trusted
      ? this.history?.state
      : { kind: 'off', reason: 'untrusted', message: 'The workspace is not trusted: Archlens does not run git here.' };
    if (!state) return { state: 'off', reason: 'pending', message: 'Reading git history…' };
    return state.kind === 'ready' ? { state: 'ready' } : { state: 'off', reason: state.reason, message: state.message };
  }

  /** Stale and missing-code findings for the current snapshot and history, computed once per change. */
  findings(): FolderFindings {
    const history = this.history;
    // A source's history moves with a refresh (a rebuild); its head is part of what the findings compare.
    const sourceHeads = this.index.sources.loaded.map((s) => (s.history?.state.kind === 'ready' ? s.history.state.head : '-')).join(',');
    return this.findingsTracker.findings({
      snapshot: this.snapshot,
      history: history && this.options.trusted ? history : undefined,
      head: `${history?.state.kind === 'ready' ? history.state.head : ''}${sourceHeads}`,
      dirty: [...(history?.dirty ?? [])].sort(),
      unsaved: this.unsaved,
      now: this.io.now(),
      documentHistory: (path) => {
        const d = this.sourceDocument(path);
        return d ? (d.history ? { history: d.history, path: d.path } : NO_HISTORY) : undefined;
      },
    });
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
      const below = await this.workspace.listBelow(c.path, (dir) => context.skipDir(dir));
      for (const f of below ?? []) out.push({ path: f.path });
    }
    return out;
  }

  featureContext(): FeatureContext {
    this.uriOf ??= uriMaker(this.uri);
    const findings = () => this.findings();
    return {
      snapshot: this.snapshot,
      settings: this.snapshot.settings,
      uriOf: this.index.sources.loaded.length === 0 ? this.uriOf : (path: string) => {
        const d = this.sourceDocument(path);
        return d?.root ? folderPathToUri(d.root, d.path) : this.uriOf!(path);
      },
      get stale() {
        return findings().stale;
      },
      staleIndex: () => this.findings().staleIndex,
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

let empty: IndexSnapshot | undefined;
/** The snapshot of a folder with nothing indexed: what a folder answers from before its first index, or after it failed. */
function emptySnapshot(): IndexSnapshot {
  empty ??= new IndexSnapshot(0, new Map(), [], createDiscoveryContext(DEFAULT_SETTINGS, []), DEFAULT_SETTINGS, new GlossaryIndex([]));
  return empty;
}

export interface FileEvent {
  path: string;
  deleted?: boolean;
}

