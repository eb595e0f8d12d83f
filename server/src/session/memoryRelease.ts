// Gives memory back to the system once work is over. V8 sizes its heap for the peak it last saw: the start parses
// and diagnoses every document at once, and afterwards the server keeps those pages (hundreds of megabytes in a large
// workspace) for a live heap far smaller. Its own collections free the objects but leave the pages they sat on
// (half-empty pages are not worth moving by its default rules) and its memory reducer, which would move them, waits
// for an idleness it judges by allocation rate and rarely acts in a server. So after the start, and after a burst of
// edits once the server has been quiet for a moment, one full collection that compacts every page runs: the live
// objects move together and the emptied pages go back to the system. It costs one full collection (a second or two in
// a large workspace) at moments nothing is waiting, and runs only when the heap grew by much since the last one
// (what a collection would free is not known before it runs: the heap's "used" bytes count garbage too).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Collect = () => void;

/**
 * V8's `gc()`, enabled from inside the process so that every way of starting the server gets it (an editor's
 * client, `node server.js --stdio` from another editor), with compaction of every page for that one collection.
 * Made on first use: the context it comes from costs milliseconds a small workspace's start never spends.
 */
export function compactingCollection(): Collect {
  let gc: (() => void) | null | undefined;
  return () => {
    if (gc === undefined) {
      try {
        v8.setFlagsFromString('--expose-gc');
        const found = vm.runInNewContext('gc') as unknown;
        gc = typeof found === 'function' ? (found as () => void) : null;
      } catch {
        gc = null;
      }
    }
    if (!gc) return;
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

export interface MemoryReleaseOptions {
  /** Quiet time after work before a collection (ms). */
  idleMs?: number;
  /** How much the committed heap must have grown since the last collection (from nothing at first) to collect. */
  minGrowth?: number;
  /** The collection itself (tests watch it); a compacting full collection by default. */
  collect?: Collect;
  /** The heap's committed bytes; V8's count by default. */
  heapSize?: () => number;
}

export class MemoryRelease {
  private timer?: ReturnType<typeof setTimeout>;
  private readonly collect: Collect;
  private readonly heapSize: () => number;
  private readonly idleMs: number;
  private readonly minGrowth: number;
  /** The committed heap right after the last collection. */
  private floor = 0;

  constructor(options: MemoryReleaseOptions = {}) {
    this.collect = options.collect ?? compactingCollection();
    this.heapSize = options.heapSize ?? (() => v8.getHeapStatistics().total_heap_size);
    this.idleMs = options.idleMs ?? 1000;
    // Above a small workspace's whole heap (the example's is about 25 MB), so its start never pauses for this.
    this.minGrowth = options.minGrowth ?? 64 * 2 ** 20;
  }

  /** A large piece of work finished (a folder's first index): collect now, before anything else allocates. */
  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ifWorthIt();
  }

  /** Work finished (an edit published): collect once the server has been quiet for a moment, if worth it. */
  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ifWorthIt();
    }, this.idleMs);
    this.timer.unref?.();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A heap that grew little since the last collection (or a small workspace's) is left alone. */
  private ifWorthIt(): void {
    if (this.heapSize() - this.floor < this.minGrowth) return;
    this.collect();
    this.floor = this.heapSize();
  }
}
