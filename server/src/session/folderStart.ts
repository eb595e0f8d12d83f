// What keeps round trips to the editor and git off the way of a folder's first index to its first diagnostics: the
// settings it indexes with, a progress it does not wait for, and when its git history is read.
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { SCAN_SLICE_MS, yieldToEventLoop } from '../core/firstPass';
import { prepareWhyIndex } from '../core/why/rank';
import type { FolderSession } from './folderSession';

/**
 * The settings an editor gave with `initialize` (initializationOptions.settings, by folder URI): the first index of
 * each of those folders uses them instead of asking with `workspace/configuration` first, a round trip to an editor
 * that is busy starting. Each is taken once; a folder added later asks.
 */
export class InitialSettings {
  private readonly byFolder = new Map<string, Record<string, unknown>>();

  constructor(given?: unknown) {
    if (!given || typeof given !== 'object') return;
    for (const [uri, value] of Object.entries(given)) if (value && typeof value === 'object' && !Array.isArray(value)) this.byFolder.set(uri, value as Record<string, unknown>);
  }

  take(uri: string): Record<string, unknown> | undefined {
    const value = this.byFolder.get(uri);
    this.byFolder.delete(uri);
    return value;
  }
}

/** Source files above which git history is read alongside their scan rather than after the first diagnostics. */
const HISTORY_ALONGSIDE_SCAN_FILES = 1000;

/**
 * When the first read of a folder's git history starts. After the first diagnostics are published: spawning each git
 * process holds the server's thread while git starts, and parsing its log holds it too. In a workspace with many
 * source files to scan, alongside that scan instead: git runs in a process of its own, so there the two overlap
 * instead of adding up.
 */
export class HistoryStart {
  private read?: Promise<void>;
  private documentsIn = false;

  constructor(private readonly folder: FolderSession) {}

  /** The documents are indexed; progress reports count the source files from here on. */
  documentsRead(): void {
    this.documentsIn = true;
  }

  progress(total: number): void {
    if (this.documentsIn && total > HISTORY_ALONGSIDE_SCAN_FILES && this.folder.trusted) void this.start();
  }

  /** Starts the read (once) and resolves when it is done. */
  start(): Promise<void> {
    return (this.read ??= this.folder.readHistory());
  }
}

/**
 * The first index's progress: the token is asked for in the background while indexing starts, and what was reported
 * before the editor answered is shown once it has (an editor's answer can be slow while it starts: its extension host
 * is busy activating extensions).
 */
export class LateProgress {
  private reporter?: WorkDoneProgressServerReporter;
  private last?: { percent: number; message: string };
  private ended = false;

  constructor(create: () => Promise<WorkDoneProgressServerReporter>, title: string, firstMessage: string) {
    create().then(
      (reporter) => {
        // Done before the editor answered: end the token it made, without showing a progress that is over.
        if (this.ended) return reporter.done();
        this.reporter = reporter;
        reporter.begin(title, 0, firstMessage, false);
        if (this.last) reporter.report(this.last.percent, this.last.message);
      },
      () => undefined,
    );
  }

  report(percent: number, message: string): void {
    if (this.ended) return;
    if (this.reporter) this.reporter.report(percent, message);
    else this.last = { percent, message };
  }

  done(): void {
    if (this.ended) return;
    this.ended = true;
    this.reporter?.done();
  }
}

/**
 * After the start: the index of which files cite which decision (the first edit would build it) and the why-index
 * term hovers and "why?" answer from (a first hover would wait for all of it: seconds at 10,000 decisions), read in
 * slices while nobody has asked yet. A slice runs only while `quiet` (no edit on its way to diagnostics): an edit's
 * passes also give the event loop turns, and must not wait for a slice at each. Stops when the folder is gone.
 */
export async function prepareAnswers(folder: FolderSession, live: () => boolean, quiet: () => boolean): Promise<void> {
  const turn = async () => {
    await yieldToEventLoop();
    while (live() && !quiet()) await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
    return live();
  };
  await folder.snapshot.prepareCitations(turn, SCAN_SLICE_MS);
  if (live()) await prepareWhyIndex(folder.snapshot, () => folder.snapshot, turn, SCAN_SLICE_MS);
}

/** How often background work looks again whether edits are over. */
const QUIET_POLL_MS = 50;
