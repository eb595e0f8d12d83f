// The architecture index of one workspace folder: per-file records kept up to date incrementally, and an
// immutable snapshot derived from them once per change. A full build is "every file added to an empty index",
// so the incremental path and the rebuild share all their code.
import { analyseFile, isIndexedPath, tooLargeRecord, type AnalyseOptions, type FileRecord, type IndexOptions } from './analyse';
import { readInBulk, type BulkSetup } from './bulkRead';
import { DocumentModels } from './documentModels';
import { createDiscoveryContext, isMarkerFile, type DiscoveryContext, type MarkerFile } from './discovery';
import { GlossaryIndex } from './glossaryIndex';
import type { ArchitectureView, ParsedDecision, Problem } from './model';
import { carryDerived, updateDecisionGraph } from './decisionGraph';
import { CONFIG_FILE, mergeSettings, parseConfigFile, type ArchlensSettings, type PartialSettings } from './settings';
import { RecordGroup, RecordStore } from './recordTable';
import { lowerBound } from './sorted';
import { IndexSnapshot } from './snapshot';
import { CitationLineage } from './citations';
import { PendingDocuments, SCAN_SLICE_MS, yieldToEventLoop } from './firstPass';
import { planRebuild } from './rebuildPlan';
import { loadSources, NO_SOURCES_READ } from './sources';
import { decodeText, detachStrings } from './text';
import { readWorkspaceText, type MarkerAbove, type WorkspaceFiles } from './workspace';

export interface FileChange {
  path: string;
  /** True when the file was deleted. */
  deleted?: boolean;
}

export interface IndexProgress {
  done: number;
  total: number;
}

export class ArchitectureIndex {
  private readonly records = new RecordStore();
  private files = new Set<string>();
  /**
   * `files` sorted. A new or deleted file makes a new array with that one path inserted or removed (snapshots keep
   * theirs); an edit to a known file keeps the array, and nothing re-sorts 100,000 paths per keystroke.
   */
  private sortedFiles?: string[];
  /**
   * The records that hold decisions, terms, views and problems, by path, and whether each group changed since the
   * last snapshot: deriving a snapshot after an edit to a code file reuses the last decision graph, glossary, views
   * and problems, so its cost follows the edit, not the size of the workspace.
   */
  private readonly groups = {
    decisions: new RecordGroup((r) => r.decision !== undefined),
    terms: new RecordGroup((r) => r.terms.length > 0),
    views: new RecordGroup((r) => r.view !== undefined),
    problems: new RecordGroup((r) => r.problems.length > 0),
  };
  /**
   * Decisions edited in place since the last snapshot (path → the decision as parsed before), so the next graph can
   * be the last one with those replaced; undefined once a decision appeared or disappeared.
   */
  private decisionEdits: Map<string, ParsedDecision> | undefined;
  /** Settings or discovery changed since the last snapshot: everything derived from them is derived again. */
  private settingsChanged = true;
  readonly overlays = new Map<string, string>(); // editors' texts by path, over the disk (changed by setOverlay only)
  private context!: DiscoveryContext;
  private settingsValue!: ArchlensSettings;
  private configProblems: Problem[] = [];
  private version = 0;
  private current?: IndexSnapshot;
  private glossary?: GlossaryIndex;
  private views: readonly ArchitectureView[] = [];
  /** The citation index, carried from each snapshot to the next. */
  private readonly citationLineage = new CitationLineage();
  private queue: Promise<unknown> = Promise.resolve();
  /** True while a rebuild scans source files after its documents: editor texts are applied without waiting. */
  private scanning = false;
  /** Texts already read in the current rebuild (configuration and marker files), so no file is read twice in one pass. */
  private passTexts = new Map<string, string>();
  /** Documents whose record is their first pass's (firstPass.ts); storing another record for a path drops it. */
  readonly pending = new PendingDocuments((path, text) => this.store(path, this.analyse(path, text, { completing: this.records.get(path) })), {
    record: (path) => this.records.get(path),
    changed: () => this.changed(),
  });

  /** The markdown models documents were read with, while kept for the rules (documentModels.ts). */
  readonly documentModels: DocumentModels;
  /** The `.archlens.yml` sources the last rebuild read (their roots and histories), and their documents as mounted. */
  sources = NO_SOURCES_READ;

  constructor(private readonly workspace: WorkspaceFiles, private editorSettings: PartialSettings = {}, private readonly options: IndexOptions = {}) {
    this.documentModels = new DocumentModels(options.keepDocumentModels);
  }

  /** The latest snapshot; call `rebuild()` once before. */
  get snapshot(): IndexSnapshot {
    if (!this.current) {
      if (!this.context) throw new Error('The index has not been built yet');
      this.current = this.derive();
    }
    return this.current;
  }

  get settings(): ArchlensSettings {
    return this.settingsValue;
  }

  /**
   * Reads the whole workspace from scratch. Documents (decisions, glossaries, views, markdown) are read first;
   * `onDocuments` receives the snapshot they give (decisions and terms answer from it) before the source files are
   * scanned, in slices that give the event loop a turn every few milliseconds.
   */
  rebuild(onProgress?: (p: IndexProgress) => void, onDocuments?: (snapshot: IndexSnapshot) => void, editorSettings?: PartialSettings): Promise<IndexSnapshot> {
    return this.enqueue(() => {
      if (editorSettings) this.editorSettings = editorSettings;
      return this.doRebuild(onProgress, onDocuments);
    });
  }

  /** Applies file-system changes (created, changed, deleted files). A change to a marker file rebuilds. */
  applyChanges(changes: readonly FileChange[]): Promise<IndexSnapshot> {
    return this.enqueue(async () => {
      if (changes.some((c) => isMarkerFile(c.path))) return this.doRebuild();
      for (const c of changes) {
        if (c.deleted) {
          this.removeFile(c.path);
          continue;
        }
        this.addFile(c.path);
        await this.readAndAnalyse(c.path);
      }
      return this.changed();
    });
  }

  /** The text of an open editor, which wins over the file on disk until `clearOverlay`. */
  setOverlay(path: string, text: string): Promise<IndexSnapshot> {
    const apply = () => {
      this.overlays.set(path, text);
      this.addFile(path);
      this.store(path, this.analyse(path, text));
      return this.changed();
    };
    // While a rebuild scans source files (documents are in and answer), the text of an editor is taken at once
    // rather than after the scan: the scan reads overlays before the disk, so it cannot undo the edit.
    if (this.scanning && !isMarkerFile(path)) return Promise.resolve(apply());
    return this.enqueue(async () => {
      if (isMarkerFile(path)) {
        this.overlays.set(path, text);
        return this.doRebuild();
      }
      return apply();
    });
  }

  clearOverlay(path: string): Promise<IndexSnapshot> {
    return this.enqueue(async () => {
      if (!this.overlays.delete(path)) return this.snapshot;
      if (isMarkerFile(path)) return this.doRebuild();
      const bytes = await this.workspace.readFile(path);
      if (bytes === undefined) this.removeFile(path);
      else this.store(path, this.analyse(path, bytes));
      return this.changed();
    });
  }

  /** New editor settings; rebuilds when they change what is read, otherwise only re-derives. */
  updateSettings(editor: PartialSettings): Promise<IndexSnapshot> {
    return this.enqueue(async () => {
      const before = this.settingsValue;
      this.editorSettings = editor;
      const after = mergeSettings(this.fileConfig(), editor);
      // The same settings again (an editor sends them when the server registers for changes) keep the snapshot.
      if (this.current && JSON.stringify(after) === JSON.stringify(before)) return this.current;
      const readingChanged =
        JSON.stringify([before?.decisions, before?.glossaries, before?.views, before?.exclude, before?.maxFileSize]) !==
        JSON.stringify([after.decisions, after.glossaries, after.views, after.exclude, after.maxFileSize]);
      if (readingChanged) return this.doRebuild();
      this.settingsValue = after;
      // The decision graph orders by the settings' dates, and severities and statuses decide problems.
      this.settingsChanged = true;
      return this.changed();
    });
  }

  private fileConfigValue: PartialSettings = {};
  private fileConfig = (): PartialSettings => this.fileConfigValue;

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    // Operations run one at a time, in order, so a change never interleaves with a rebuild.
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doRebuild(onProgress?: (p: IndexProgress) => void, onDocuments?: (snapshot: IndexSnapshot) => void): Promise<IndexSnapshot> {
    try {
      return await this.rebuildPass(onProgress, onDocuments);
    } finally {
      this.passTexts = new Map();
    }
  }

  private async rebuildPass(onProgress?: (p: IndexProgress) => void, onDocuments?: (snapshot: IndexSnapshot) => void): Promise<IndexSnapshot> {
    this.passTexts = new Map();
    // 1. The repository's configuration decides what is excluded, so it is read before listing.
    const configText = await this.readText(CONFIG_FILE);
    if (configText !== undefined) this.passTexts.set(CONFIG_FILE, configText);
    const parsedConfig = configText !== undefined ? parseConfigFile(CONFIG_FILE, configText) : { config: {}, problems: [] };
    this.fileConfigValue = parsedConfig.config;
    this.configProblems = [...parsedConfig.problems];
    this.settingsValue = mergeSettings(this.fileConfigValue, this.editorSettings);
    this.sources = await loadSources(this.settingsValue, this.options.sources, this.configProblems, CONFIG_FILE);
    const preliminary = createDiscoveryContext(this.settingsValue, []);
    const listed = await this.workspace.listFiles((dir) => preliminary.skipDir(dir));

    // 2. Marker files decide where decisions live and where the docs site is.
    const markers: MarkerFile[] = [];
    for (const f of listed) {
      if (!isMarkerFile(f.path) || f.path === CONFIG_FILE) continue;
      const text = await this.readText(f.path);
      if (text !== undefined) {
        markers.push({ path: f.path, text });
        this.passTexts.set(f.path, text);
      }
    }
    const above: MarkerAbove[] = [];
    if (this.workspace.findAbove) {
      const found = await this.workspace.findAbove('.adr-dir');
      if (found) above.push(found);
    }
    this.context = createDiscoveryContext(this.settingsValue, markers, above);
    const ctx = this.context;
    const documentsOnly = this.options.documentsOnly === true;
    const bulkSetup: BulkSetup = { settings: this.settingsValue, markers, above, ...(documentsOnly ? { first: true } : {}) };

    // 3. Every file is added to an empty index: documents first, then the source files scanned for references.
    this.records.clear();
    for (const group of Object.values(this.groups)) group.clear();
    this.settingsChanged = true;
    this.files = new Set();
    this.sortedFiles = undefined;
    const { documents, sources, tooLarge } = planRebuild(listed, this.overlays, ctx, this.settingsValue.maxFileSize, this.files);
    for (const [path, size] of tooLarge) this.store(path, tooLargeRecord(path, size, this.settingsValue.maxFileSize, ctx));
    // Progress counts the documents, then (when `onDocuments` is given: the folder answers from then on) the
    // source files; in one count otherwise.
    const split = onDocuments !== undefined && sources.length > 0;
    let done = 0;
    let total = split ? documents.length : documents.length + sources.length;
    onProgress?.({ done, total });
    // Another thread's records (IndexOptions.bulk); resolves with what is left for this thread: held texts, or all.
    const inBulk = (all: readonly string[]) =>
      readInBulk(this.options.bulk, all, bulkSetup, (path) => this.overlays.has(path) || this.passTexts.has(path), (path, result) => {
        if ('gone' in result) this.removeFile(path);
        else this.store(path, 'tooLarge' in result ? tooLargeRecord(path, result.tooLarge, this.settingsValue.maxFileSize, ctx) : result.record);
        onProgress?.({ done: ++done, total });
      });
    const readHere = async (paths: readonly string[] | Promise<readonly string[]>, first = false) => {
      let sliceStart = performance.now();
      for (const path of await paths) {
        await this.readAndAnalyse(path, first);
        done++;
        if (performance.now() - sliceStart >= SCAN_SLICE_MS) {
          onProgress?.({ done, total });
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      onProgress?.({ done, total });
    };
    // With `onDocuments`, documents are read in a first pass (analyse.ts `first`) that answers for decisions and
    // terms; their full analysis follows in the background, before the source files are scanned. A one-off run that
    // keeps the models for its rules reads each document once, in full, on this thread (models cannot cross threads)
    // while the other threads read the source files at the same time.
    const early = onDocuments !== undefined;
    this.pending.clear();
    const keepsModels = this.options.keepDocumentModels === true && !documentsOnly;
    const sourcesLeft = keepsModels && this.options.bulk ? inBulk(sources) : undefined;
    await readHere(keepsModels ? documents : inBulk(documents), (early && !this.options.keepDocumentModels) || documentsOnly);
    // Nothing will complete the documents: their texts are not kept.
    if (documentsOnly) return (this.pending.clear(), this.changed());
    if (early) {
      this.scanning = true;
      try {
        onDocuments(this.changed());
        done = 0;
        total = this.pending.size + sources.length;
        await this.pending.completeInSlices(() => onProgress?.({ done: ++done, total }));
        await readHere(sourcesLeft ?? inBulk(sources));
      } finally {
        this.scanning = false;
        this.pending.clear();
      }
    } else await readHere(sourcesLeft ?? inBulk(sources));
    return this.changed();
  }

  private async readAndAnalyse(path: string, first = false): Promise<void> {
    if (!isIndexedPath(path, this.context)) {
      this.store(path, undefined);
      return;
    }
    const known = this.overlays.get(path) ?? this.passTexts.get(path);
    if (known !== undefined) {
      this.store(path, this.analyse(path, known, { first }), known);
      return;
    }
    const max = this.settingsValue.maxFileSize;
    const bytes = this.workspace.readFileWithin ? await this.workspace.readFileWithin(path, max) : await this.workspace.readFile(path);
    if (bytes === undefined) {
      // Gone between listing and reading.
      this.removeFile(path);
      return;
    }
    // Over the limit: the reader gave its size instead of its bytes.
    if (typeof bytes === 'number') this.store(path, tooLargeRecord(path, bytes, max, this.context));
    else {
      // A first pass keeps the text of a partial record for its full analysis: decoded once, here.
      const decoded = first ? decodeText(bytes) : undefined;
      const content = decoded?.kind === 'text' ? decoded.text : bytes;
      this.store(path, this.analyse(path, content, { first }), content);
    }
  }

  private addFile(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    if (this.sortedFiles) {
      const next = this.sortedFiles.slice();
      next.splice(lowerBound(next, path), 0, path);
      this.sortedFiles = next;
    }
  }

  private removeFile(path: string): void {
    if (this.files.delete(path) && this.sortedFiles) {
      const next = this.sortedFiles.slice();
      const i = lowerBound(next, path);
      if (next[i] === path) next.splice(i, 1);
      this.sortedFiles = next;
    }
    this.store(path, undefined);
  }

  private analyse(path: string, content: Uint8Array | string, options: AnalyseOptions = {}): FileRecord | undefined {
    if (!isIndexedPath(path, this.context)) return undefined;
    // A record lives as long as its file is unchanged; its strings, slices of the text, would keep the text.
    return detachStrings(analyseFile(path, content, this.context, this.settingsValue.maxFileSize, { ...options, keepModel: this.documentModels.keeper(path), ...(this.options.decisionProse === false ? { prose: false } : {}) }), path);
  }

  /** `content`: what the record was analysed from, kept while the record is partial (its full analysis reads it). */
  private store(path: string, record: FileRecord | undefined, content?: Uint8Array | string): void {
    if (record?.partial && typeof content === 'string') this.pending.hold(path, content);
    else this.pending.drop(path);
    const old = this.records.get(path);
    if (old === record) return;
    if (old?.decision && record?.decision) {
      if (this.decisionEdits && !this.decisionEdits.has(path)) this.decisionEdits.set(path, old.decision);
    } else if (old?.decision || record?.decision) this.decisionEdits = undefined;
    for (const group of Object.values(this.groups)) group.update(path, old, record);
    if (record) this.records.set(path, record);
    else this.records.delete(path);
  }

  private changed(): IndexSnapshot {
    this.version++;
    return (this.current = this.derive());
  }

  private derive(): IndexSnapshot {
    const { decisions, terms, views, problems } = this.groups;
    const prev = this.current;
    const all = this.settingsChanged || !prev;
    // The glossary index is made again only when a glossary changed, from the last one (glossaryIndex.ts).
    if (terms.changed || all || !this.glossary) this.glossary = new GlossaryIndex([...terms.sorted().map((r) => r.terms), this.sources.mounted.terms], this.glossary);
    // Likewise the decision graph: kept while no decision changes; an edit to a decision's own fields replaces it.
    const kept = decisions.changed || all ? undefined : prev.decisionGraph;
    const edits = this.decisionEdits;
    const graph = kept ?? (all || !edits || edits.size === 0 ? undefined : updateDecisionGraph(prev.decisionGraph, [...edits].map(([path, before]) => ({ before, after: this.records.get(path)!.decision! }))));
    this.decisionEdits = new Map();
    if (views.changed || all) this.views = [...views.sorted().map((r) => r.view!), ...this.sources.mounted.views];
    const sameProblems = !all && !problems.changed && (!decisions.changed || graph?.problems === prev.decisionGraph.problems) && !terms.changed;
    this.sortedFiles ??= [...this.files].sort();
    const snapshot = new IndexSnapshot(this.version, this.records.freeze(), this.sortedFiles, this.context, this.settingsValue, this.glossary, this.configProblems, {
      graph,
      decisions: graph ? undefined : [...decisions.sorted().map((r) => r.decision!), ...this.sources.mounted.decisions],
      views: this.views,
      problemRecords: problems.sorted(),
      problems: sameProblems ? prev!.problems : undefined,
      documentModels: this.documentModels.kept,
      citations: this.citationLineage,
      sources: this.sources.mounted,
      governance: prev?.builtGovernance,
      firstPass: this.pending.size > 0 ? this.pending : undefined,
    });
    if (prev) carryDerived(snapshot.decisionGraph, prev.decisionGraph);
    for (const group of Object.values(this.groups)) group.changed = false;
    this.settingsChanged = false;
    return snapshot;
  }

  private async readText(path: string): Promise<string | undefined> {
    return this.overlays.get(path) ?? readWorkspaceText(this.workspace, path);
  }
}
