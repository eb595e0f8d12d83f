// Gives memory back to the system once work is over. V8 sizes its heap for the peak it last saw: the start parses
// and diagnoses every document at once, and afterwards the server keeps those pages (hundreds of megabytes in a large
// workspace) for a live heap far smaller. Its own collections free the objects but leave the pages they sat on
// (half-empty pages are not worth moving by its default rules) and its memory reducer, which would move them, waits
// for an idleness it judges by allocation rate and rarely acts in a server. So after the start, and after a burst of
// edits once the server has been quiet for a moment, one full collection that compacts every page runs: the live
// objects move together and the emptied pages go back to the system. It costs one full collection (a second or two in
// a large workspace) at moments nothing is waiting, and runs only when the heap holds much more than it uses.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Collect = () => void;

/**
 * V8's `gc()`, enabled from inside the process so that every way of starting the server gets it (an editor's
 * client, `node server.js --stdio` from another editor), with compaction of every page for that one collection.
 */
export function compactingCollection(): Collect | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return undefined;
    return () => {
      v8.setFlagsFromString('--compact-on-every-full-gc');
      try {
        (gc as () => void)();
      } finally {
        v8.setFlagsFromString('--no-compact-on-every-full-gc');
      }
    };
  } catch {
    return undefined;
  }
}

/** Committed heap beyond the bytes in use (garbage included: it is what a collection frees). */
function heapUnused(): number {
  const h = v8.getHeapStatistics();
  return h.total_heap_size - h.used_heap_size;
}

export interface MemoryReleaseOptions {
  /** Quiet time after work before a collection (ms). */
  idleMs?: number;
  /** How much the heap must hold beyond what it uses for a collection to be worth it (bytes). */
  minUnused?: number;
  /** The collection itself (tests watch it); a compacting full collection by default. */
  collect?: Collect;
  /** The heap's committed bytes that hold no live object (or none known live); V8's count by default. */
  unused?: () => number;
}

export class MemoryRelease {
  private timer?: ReturnType<typeof setTimeout>;
  private readonly collect?: Collect;
  private readonly unused: () => number;
  private readonly idleMs: number;
  private readonly minUnused: number;

  constructor(options: MemoryReleaseOptions = {}) {
    this.collect = options.collect ?? compactingCollection();
    this.unused = options.unused ?? heapUnused;
    this.idleMs = options.idleMs ?? 1000;
    // Above what a small workspace's whole heap takes, so its start never pauses for this.
    this.minUnused = options.minUnused ?? 64 * 2 ** 20;
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

  /** A heap that holds little beyond what it uses (a small workspace, a heap just compacted) is left alone. */
  private ifWorthIt(): void {
    if (this.collect && this.unused() >= this.minUnused) this.collect();
  }
}
