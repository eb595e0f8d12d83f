// The documents of a folder known by their first pass only (analyse.ts `first`): decisions and terms answer from
// those records at once, and each is analysed in full afterwards, from the text the first pass read: in background
// slices that give the event loop a turn every few milliseconds, or at once for the one document a request is about,
// or for all of them when a request needs every decision's prose (search, "why?").
import type { IndexSnapshot } from './snapshot';
import type { FileRecord } from './analyse';
import type { GlossaryTerm } from './model';
import type { WhyIndex } from './why/rank';

/** What a snapshot with first-pass documents is completed by (the index's PendingDocuments). */
export interface FirstPassCompletion {
  /** Analyses every partial document in full; the index's snapshot with them. */
  all(): IndexSnapshot;
  /** The full record of one partial document (analysed now if need be); undefined when the index has moved on. */
  record(path: string): FileRecord | undefined;
  /**
   * An object of its own for each first pass (from its first document held to the last completed), on which data
   * derived from the pass's partial snapshots is kept for the rest of that pass only.
   */
  readonly round: FirstPassRound;
}

/** Data derived from the partial snapshots of one first pass (see {@link FirstPassCompletion.round}). */
export interface FirstPassRound {
  /** The why-index term hovers use until every document is in full (why/rank.ts whyIndexOf). */
  why?: { terms: readonly GlossaryTerm[]; index: WhyIndex };
}

/** `snapshot`, or when it holds first-pass documents, the index's snapshot with all of them analysed in full. */
export function completedSnapshot(snapshot: IndexSnapshot): IndexSnapshot {
  return snapshot.firstPass ? snapshot.firstPass.all() : snapshot;
}

/**
 * Longest stretch of reading and analysing before the event loop gets a turn, during a rebuild: requests (hovers,
 * completion) that arrive while documents are completed or source files scanned wait at most about this long.
 */
export const SCAN_SLICE_MS = 8;

/** Gives the event loop a turn (I/O callbacks, then requests) before the next slice of work. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export class PendingDocuments implements FirstPassCompletion {
  /** The text of each document whose record is its first pass's, until its full analysis replaces the record. */
  private readonly texts = new Map<string, string>();
  /** How many documents were analysed in full after a first pass (tests count the work). */
  completed = 0;

  constructor(
    /** Stores the full analysis of `path` from `text` in the index. */
    private readonly analyse: (path: string, text: string) => void,
    /** The index's current record of a path, and a snapshot with every change so far. */
    private readonly current: { record(path: string): FileRecord | undefined; changed(): IndexSnapshot },
  ) {}

  get size(): number {
    return this.texts.size;
  }

  round: FirstPassRound = {};

  /** A first-pass record was stored for `path`, read from `text`. */
  hold(path: string, text: string): void {
    if (this.texts.size === 0) this.round = {};
    this.texts.set(path, text);
  }

  /** Another record was stored for `path`: nothing to complete there any more. */
  drop(path: string): void {
    this.texts.delete(path);
    this.endRound();
  }

  clear(): void {
    this.texts.clear();
    this.endRound();
  }

  /** When nothing is left to complete, what was derived from the pass's partial snapshots is let go. */
  private endRound(): void {
    if (this.texts.size === 0 && this.round.why) this.round = {};
  }

  all(): IndexSnapshot {
    for (const path of [...this.texts.keys()]) this.complete(path);
    return this.current.changed();
  }

  record(path: string): FileRecord | undefined {
    this.complete(path);
    const r = this.current.record(path);
    return r && !r.partial ? r : undefined;
  }

  /** Analyses every held document in full, in slices; `onEach` after each one. */
  async completeInSlices(onEach: () => void): Promise<void> {
    let sliceStart = performance.now();
    for (let next = this.texts.keys().next(); !next.done; next = this.texts.keys().next()) {
      this.complete(next.value);
      onEach();
      if (performance.now() - sliceStart >= SCAN_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  }

  private complete(path: string): void {
    const text = this.texts.get(path);
    if (text === undefined) return;
    this.texts.delete(path);
    this.completed++;
    this.analyse(path, text);
    this.endRound();
  }
}
