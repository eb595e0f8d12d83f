// Long requests share the server with every other request: they run in slices and give the event loop back
// between them, stop when the editor cancels, and stop adding results when their time budget is spent.
import type { CancellationToken } from 'vscode-languageserver';
import { Cancelled } from './failures';

/** Queries longer than this are cut: no one types a longer search, and fuzzy search costs grow with the query. */
export const MAX_QUERY_LENGTH = 100;
/** How long a request may hold the event loop before it yields. */
export const SLICE_MS = 10;
/** How long a search may run in total before it answers with what it has. */
export const TOTAL_MS = 2000;

export function capQuery(query: unknown): string {
  return typeof query === 'string' ? query.slice(0, MAX_QUERY_LENGTH) : '';
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Budget {
  private readonly started = performance.now();
  private sliceStart = this.started;

  constructor(
    private readonly token?: CancellationToken,
    private readonly totalMs = TOTAL_MS,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Throws `Cancelled` when the editor cancelled the request. */
  check(): void {
    if (this.token?.isCancellationRequested) throw new Cancelled();
  }

  /** True when the total budget is spent: the caller answers with what it has. */
  get spent(): boolean {
    return performance.now() - this.started > this.totalMs;
  }

  /** Gives the event loop back when this slice is used up; throws `Cancelled` when cancelled meanwhile. */
  async pause(force = false): Promise<void> {
    this.check();
    if (force || performance.now() - this.sliceStart >= this.sliceMs) {
      await yieldToEventLoop();
      this.sliceStart = performance.now();
      this.check();
    }
  }

  /** Drives a computation that yields between its chunks, pausing between them; stops early when the budget is spent. */
  async run<T>(steps: Generator<void, T, boolean>): Promise<T> {
    let next = steps.next(false);
    while (!next.done) {
      await this.pause(true);
      next = steps.next(this.spent);
    }
    return next.value;
  }
}
