// Edits say when they are over: background work (the why-index read after the start) takes its slices only while no
// edit waits for its debounce, is put into the index or is published, so an edit's own passes never wait behind it.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { DocumentEdits } from '../../server/src/session/documentEdits';
import { memoryFolder } from './memory';

const URI = 'file:///memory/edits';
const PATH = 'src/job.py';

describe('document edits', () => {
  it('are not quiet from a change until its diagnostics are published, nor when the document closed meanwhile', async () => {
    const { folder } = memoryFolder(URI, { [PATH]: '# job\n', 'docs/adr/0001-x.md': '# 1. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n' });
    await folder.startIndex({});
    const docs = new Map<string, TextDocument>();
    let publish!: () => void;
    let published = new Promise<void>((resolve) => (publish = resolve));
    let applied: Promise<void> | undefined;
    const edits = new DocumentEdits({
      document: (uri) => docs.get(uri),
      inFolder: (_folder, _what, work) => (applied = work()),
      afterChange: () => published,
    });
    const uri = `${URI}/${PATH}`;
    const target = { folder, path: PATH };
    expect(edits.quiet).toBe(true);

    docs.set(uri, TextDocument.create(uri, 'python', 2, '# job, see ADR-0001\n'));
    edits.changed(uri, target, false);
    expect(edits.quiet).toBe(false); // waiting for its debounce
    await edits.catchUp(uri, target); // in the index now, diagnostics on their way
    expect(folder.snapshot.record(PATH)?.references.length).toBe(1);
    expect(edits.quiet).toBe(false);
    publish();
    await applied;
    expect(edits.quiet).toBe(true);

    // Closed before its debounce ran out: nothing is left working.
    published = Promise.resolve();
    edits.changed(uri, target, false);
    docs.delete(uri);
    edits.closed(uri);
    expect(edits.quiet).toBe(true);
    // Closed while its text goes into the index: quiet once that ends.
    docs.set(uri, TextDocument.create(uri, 'python', 3, '# job\n'));
    edits.changed(uri, target, false);
    const catching = edits.catchUp(uri, target);
    docs.delete(uri);
    await catching;
    await applied;
    expect(edits.quiet).toBe(true);
  });
});
