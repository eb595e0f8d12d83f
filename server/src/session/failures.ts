// The server's one failure policy: whatever throws (a handler, an analysis pass, a promise nobody awaited), the
// server logs the stack to its output, reports the problem in `archlens/status`, and keeps serving from what it
// has. The entry point routes the process's uncaught exceptions and unhandled rejections here too.
import { ResponseError } from 'vscode-languageserver';
import type { ServerProblem } from '../protocol';

export class FailurePolicy {
  private count = 0;
  private last?: ServerProblem;

  constructor(
    /** Writes to the server's output (the editor's output channel). */
    private readonly log: (text: string) => void,
    /** Tells the editor (a status with the problem). */
    private readonly onProblem: (problem: ServerProblem) => void,
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
