// The server's one failure policy: whatever throws (a handler, an analysis pass, a promise nobody awaited), the
// server logs the stack to its output, reports the problem in `archlens/status`, and keeps serving from what it
// has. The entry point routes the process's uncaught exceptions and unhandled rejections here too (`escaped`): one
// is survived like any other failure, but a stream of them means the process is looping on a broken state, so the
// server writes the stack and exits; VS Code starts a fresh one (other editors restart it when asked).
import { ResponseError } from 'vscode-languageserver';
import type { ServerProblem } from '../protocol';

/** This many failures escaping every handler within `windowMs` stop the server (see `escaped`). */
export const ESCAPED_LIMIT = { count: 20, windowMs: 10_000 };

export class FailurePolicy {
  private count = 0;
  private last?: ServerProblem;
  /** When the recent escaped failures happened, oldest first, within the limit's window. */
  private escapedAt: number[] = [];

  constructor(
    /** Writes to the server's output (the editor's output channel). */
    private readonly log: (text: string) => void,
    /** Tells the editor (a status with the problem). */
    private readonly onProblem: (problem: ServerProblem) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The latest failure, for every status sent from now on. */
  get problem(): ServerProblem | undefined {
    return this.last;
  }

  report(where: string, error: unknown): void {
    this.count++;
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack ? error.stack : message;
    this.last = { message: `${where} failed: ${message}`, count: this.count };
    try {
      this.log(`Archlens: ${where} failed (the server keeps running): ${stack}`);
      this.onProblem(this.last);
    } catch {
      // Reporting must never become a failure of its own (a closed connection, for one).
    }
  }

  /**
   * A failure that escaped every handler (an uncaught exception, an unhandled rejection). It is reported and the
   * server keeps serving, unless `ESCAPED_LIMIT.count` of them came within `ESCAPED_LIMIT.windowMs`: then `stop` is
   * called once with the reason and the last stack, for the entry point to write it where the editor shows it and end
   * the process, so that a fresh server replaces one that keeps failing outside any request.
   */
  escaped(error: unknown, stop: (text: string) => void): void {
    this.report('the server', error);
    const now = this.now();
    this.escapedAt = this.escapedAt.filter((t) => now - t < ESCAPED_LIMIT.windowMs);
    this.escapedAt.push(now);
    if (this.escapedAt.length < ESCAPED_LIMIT.count) return;
    this.escapedAt = [];
    const stack = error instanceof Error && error.stack ? error.stack : String(error);
    stop(
      `Archlens: the language server stops: ${ESCAPED_LIMIT.count} failures escaped its handlers within ` +
        `${ESCAPED_LIMIT.windowMs / 1000} s, so its state can no longer be trusted and it exits ` +
        `(VS Code starts a new one). The last: ${stack}`,
    );
  }

  /** Runs `work`; a throw or rejection is reported and `fallback` returned instead. */
  async guard<T>(where: string, work: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // A cancellation and an error answer meant for the editor are answers, not failures.
      if (error instanceof Cancelled || error instanceof ResponseError) throw error;
      this.report(where, error);
      return fallback;
    }
  }
}

/** Thrown by work that saw its request cancelled; answered as a cancelled request, never reported as a failure. */
export class Cancelled extends Error {
  constructor() {
    super('The request was cancelled.');
  }
}
