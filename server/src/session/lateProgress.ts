// The progress of a folder's first index without a round trip to the editor in front of it: the progress token is
// asked for in the background while indexing starts, and what was reported before the editor answered is shown
// once it has. The editor's answer can be slow while it starts (its extension host is busy activating
// extensions); the index does not wait for it.
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';

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
