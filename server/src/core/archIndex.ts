// The architecture index of one workspace folder: per-file records kept up to date incrementally, and an
// immutable snapshot derived from them once per change. A full build is "every file added to an empty index",
// so the incremental path and the rebuild share all their code.
import { analyseFile, isDocumentCandidate, isIndexedPath, tooLargeRecord, type FileRecord } from './analyse';
import { createDiscoveryContext, isMarkerFile, type DiscoveryContext, type MarkerFile } from './discovery';
import { GlossaryIndex } from './glossaryIndex';
import type { Problem } from './model';
import { CONFIG_FILE, mergeSettings, parseConfigFile, type ArchlensSettings, type PartialSettings } from './settings';
import { IndexSnapshot } from './snapshot';
import { decodeText } from './text';
import type { WorkspaceFiles } from './workspace';

export interface FileChange {
  path: string;
  /** True when the file was deleted. */
  deleted?: boolean;
}

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * Longest stretch of reading and analysing before the event loop gets a turn, during a rebuild: requests (hovers,
 * completion) that arrive while source files are scanned wait at most about this long.
 */
const SCAN_SLICE_MS = 8;

/** Gives the event loop a turn (I/O callbacks, then requests) before the next slice of work. */
const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export class ArchitectureIndex {
  private records = new Map<string, FileRecord>();
  private files = new Set<string>();
  /** `files` sorted, kept until the set of files changes (an edit to a known file does not re-sort 100,000 paths). */
  private sortedFiles?: string[];
  private overlays = new Map<string, string>();
  private context!: DiscoveryContext;
  private settingsValue!: ArchlensSettings;
  private configProblems: Problem[] = [];
  private version = 0;
  private current?: IndexSnapshot;
  private glossary?: { inputs: FileRecord[]; index: GlossaryIndex };
  private graphInputs?: FileRecord[];
  private queue: Promise<unknown> = Promise.resolve();
  /** True while a rebuild scans source files after its documents: editor texts are applied without waiting. */
  private scanning = false;
  /** Texts already read in the current rebuild (configuration and marker files), so no file is read twice in one pass. */
  private passTexts = new Map<string, string>();

  constructor(
    private readonly workspace: WorkspaceFiles,
    private editorSettings: PartialSettings = {},
  ) {}

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
      const readingChanged =
        JSON.stringify([before?.decisions, before?.glossaries, before?.views, before?.exclude, before?.maxFileSize]) !==
        JSON.stringify([after.decisions, after.glossaries, after.views, after.exclude, after.maxFileSize]);
      if (readingChanged) return this.doRebuild();
      this.settingsValue = after;
      return this.changed();
    });
  }

  private fileConfigValue: PartialSettings = {};
  private fileConfig(): PartialSettings {
    return this.fileConfigValue;
  }

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
    this.configProblems = parsedConfig.problems;
    this.settingsValue = mergeSettings(this.fileConfigValue, this.editorSettings);
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
    const above = [];
    if (this.workspace.findAbove) {
      const found = await this.workspace.findAbove('.adr-dir');
      if (found) above.push(found);
    }
    this.context = createDiscoveryContext(this.settingsValue, markers, above);
    const ctx = this.context;

    // 3. Every file is added to an empty index: documents first, then the source files scanned for references.
    this.records = new Map();
    this.files = new Set();
    this.sortedFiles = undefined;
    const documents: string[] = [];
    const sources: string[] = [];
    const toRead = (path: string) => (isDocumentCandidate(path, ctx) ? documents : sources).push(path);
    for (const f of listed) {
      if (ancestorSkipped(f.path, ctx)) continue;
      this.files.add(f.path);
      if (!isIndexedPath(f.path, ctx)) continue;
      // A file over the limit is never read: a 2 GB "document" must not be loaded to be refused.
      if (f.size !== undefined && f.size > this.settingsValue.maxFileSize && !this.overlays.has(f.path)) {
        this.store(f.path, tooLargeRecord(f.path, f.size, this.settingsValue.maxFileSize, ctx));
      } else toRead(f.path);
    }
    for (const path of this.overlays.keys()) {
      if (!this.files.has(path) && !ancestorSkipped(path, ctx)) {
        this.files.add(path);
        toRead(path);
      }
    }
    // Progress counts the documents, then (when `onDocuments` is given: the folder answers from then on) the
    // source files; in one count otherwise.
    const split = onDocuments !== undefined && sources.length > 0;
    let done = 0;
    let total = split ? documents.length : documents.length + sources.length;
    onProgress?.({ done, total });
    const readAll = async (paths: readonly string[]) => {
      let sliceStart = performance.now();
      for (const path of paths) {
        await this.readAndAnalyse(path);
        done++;
        if (performance.now() - sliceStart >= SCAN_SLICE_MS) {
          onProgress?.({ done, total });
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      onProgress?.({ done, total });
    };
    await readAll(documents);
    this.glossary = undefined;
    if (onDocuments && split) {
      this.scanning = true;
      try {
        onDocuments(this.changed());
        done = 0;
        total = sources.length;
        await readAll(sources);
      } finally {
        this.scanning = false;
      }
    } else await readAll(sources);
    return this.changed();
  }

  private async readAndAnalyse(path: string): Promise<void> {
    if (!isIndexedPath(path, this.context)) {
      this.records.delete(path);
      return;
    }
    const known = this.overlays.get(path) ?? this.passTexts.get(path);
    if (known !== undefined) {
      this.store(path, this.analyse(path, known));
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
    else this.store(path, this.analyse(path, bytes));
  }

  private addFile(path: string): void {
    if (!this.files.has(path)) {
      this.files.add(path);
      this.sortedFiles = undefined;
    }
  }

  private removeFile(path: string): void {
    if (this.files.delete(path)) this.sortedFiles = undefined;
    this.records.delete(path);
  }

  private analyse(path: string, content: Uint8Array | string): FileRecord | undefined {
    if (!isIndexedPath(path, this.context)) return undefined;
    return analyseFile(path, content, this.context, this.settingsValue.maxFileSize);
  }

  private store(path: string, record: FileRecord | undefined): void {
    if (record) this.records.set(path, record);
    else this.records.delete(path);
  }

  private changed(): IndexSnapshot {
    this.version++;
    this.current = this.derive();
    return this.current;
  }

  private derive(): IndexSnapshot {
    const termRecords = [...this.records.values()].filter((r) => r.terms.length > 0).sort((a, b) => (a.path < b.path ? -1 : 1));
    // The glossary automaton is rebuilt only when a glossary changed.
    if (!this.glossary || !sameRecords(this.glossary.inputs, termRecords)) {
      this.glossary = { inputs: termRecords, index: new GlossaryIndex(termRecords.flatMap((r) => r.terms)) };
    }
    // Likewise the decision graph: typing in code or in a view leaves every decision record as it was.
    const decisionRecords = [...this.records.values()].filter((r) => r.decision !== undefined).sort((a, b) => (a.path < b.path ? -1 : 1));
    const reuse = this.graphInputs && this.current && sameRecords(this.graphInputs, decisionRecords) ? this.current.decisionGraph : undefined;
    this.graphInputs = decisionRecords;
    this.sortedFiles ??= [...this.files].sort();
    return new IndexSnapshot(
      this.version,
      new Map(this.records),
      this.sortedFiles,
      this.context,
      this.settingsValue,
      this.glossary.index,
      this.configProblems,
      reuse,
    );
  }

  private async readText(path: string): Promise<string | undefined> {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return overlay;
    const bytes = await this.workspace.readFile(path);
    if (bytes === undefined) return undefined;
    const decoded = decodeText(bytes);
    return decoded.kind === 'text' ? decoded.text : undefined;
  }
}

function ancestorSkipped(path: string, ctx: DiscoveryContext): boolean {
  let i = path.indexOf('/');
  while (i >= 0) {
    if (ctx.skipDir(path.slice(0, i))) return true;
    i = path.indexOf('/', i + 1);
  }
  return false;
}

function sameRecords(a: readonly FileRecord[], b: readonly FileRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
