// What the extension does when its language server dies: restart it, at most `maxRestarts` times within
// `windowMs` (a server that crashes at every start would otherwise restart forever), and tell the user once.
// Pure, so its decisions are tested without VS Code; client.ts maps them onto the language client's ErrorHandler.

export interface CloseDecision {
  restart: boolean;
  /** For the output channel, every time. */
  log: string;
  /** For a notification: set the first time the server is restarted, and when it is given up on. */
  notify?: string;
}

export class RestartPolicy {
  private crashes: number[] = [];
  private toldRestart = false;

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The connection to the server closed without a shutdown: the server crashed or was killed. */
  closed(): CloseDecision {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    const minutes = Math.round(this.windowMs / 60_000);
    if (this.crashes.length > this.maxRestarts) {
      const text = `The Archlens language server stopped ${this.crashes.length} times in ${minutes} minutes and will not be restarted. The "Archlens" output holds what it reported; run "Developer: Reload Window" to start it again.`;
      return { restart: false, log: text, notify: text };
    }
    const log = `The Archlens language server stopped unexpectedly; restarting it (${this.crashes.length} of ${this.maxRestarts} restarts in ${minutes} minutes).`;
    if (this.toldRestart) return { restart: true, log };
    this.toldRestart = true;
    return { restart: true, log, notify: 'The Archlens language server stopped unexpectedly and was restarted. The "Archlens" output holds what it reported.' };
  }

  /** An error reading from or writing to the server: keep going for a few, then shut the connection down. */
  error(count: number | undefined): 'continue' | 'shutdown' {
    return (count ?? 1) <= 3 ? 'continue' : 'shutdown';
  }
}
