// Edits of open documents on their way into the index. Typing produces a change per keystroke; the index (and the
// diagnostics published from it) follows at most every 100 ms. A request about a document never waits for that
// debounce, nor answers from the text before it: it first brings the one document's record up to the editor's
// newest text (`catchUp`), so a hover in the middle of a burst of edits answers for what is on screen.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FolderSession } from './folderSession';

/** How long typing may go on before the index follows it. */
export const EDIT_DEBOUNCE_MS = 100;

export interface EditTarget {
  folder: FolderSession;
  path: string;
}

export interface EditHooks {
  /** The open document of a URI, if still open. */
  document(uri: string): TextDocument | undefined;
  /** Runs index work of a folder after its first index, under the failure policy (may skip it). */
  inFolder(folder: FolderSession, what: string, work: () => Promise<void>): Promise<void>;
  /** What follows an index change: diagnostics, refreshes, status. */
  afterChange(folder: FolderSession): Promise<void>;
}

export class DocumentEdits {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version of each open document whose text the index holds. */
  private readonly indexed = new Map<string, number>();
  /** Edits being put into the index or published. */
  private working = 0;

  constructor(private readonly hooks: EditHooks) {}

  /** A document changed (or opened): the index follows after the debounce, at once for an opening. */
  changed(uri: string, target: EditTarget, opening: boolean): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => void this.apply(uri, target), opening ? 0 : EDIT_DEBOUNCE_MS),
    );
  }

  /** No edit is waiting for its debounce, being indexed or being published: background work may take its turn. */
  get quiet(): boolean {
    return this.pending.size === 0 && this.working === 0;
  }

  /** The index was built with this version of the document's text (open editors given to the first index). */
  indexedAt(uri: string, version: number): void {
    this.indexed.set(uri, version);
  }

  /**
   * Brings the index up to the newest text of an open document before a request reads it. Edits arriving while
   * the index updates are caught up too (a few rounds at most: the editor cannot type faster than one analysis).
   */
  async catchUp(uri: string, target: EditTarget): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const td = this.hooks.document(uri);
      if (!td || this.indexed.get(uri) === td.version) return;
      await this.apply(uri, target);
    }
  }

  /** The document closed: nothing of it is pending any more. */
  closed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.indexed.delete(uri);
  }

  /** Shutdown: no timer outlives the server. */
  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /**
   * Puts the document's current text into the index now (cancelling its debounce), then publishes what changed.
   * Resolves once the index holds the text, without waiting for the diagnostics.
   */
  private apply(uri: string, { folder, path }: EditTarget): Promise<void> {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    let indexed!: () => void;
    const done = new Promise<void>((resolve) => (indexed = resolve));
    void this.hooks
      .inFolder(folder, `updating ${path}`, async () => {
        this.working++;
        try {
          try {
            const td = this.hooks.document(uri);
            if (!td) return;
            const version = td.version;
            await folder.index.setOverlay(path, td.getText());
            // Closed meanwhile: the close clears the overlay and must not find a version of it here.
            if (this.hooks.document(uri)) this.indexed.set(uri, version);
          } finally {
            indexed();
          }
          await this.hooks.afterChange(folder);
        } finally {
          this.working--;
        }
      })
      .finally(indexed);
    return done;
  }
}
