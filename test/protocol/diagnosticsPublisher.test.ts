// What the server sends as textDocument/publishDiagnostics when two changes are diagnosed at once: the later index
// wins, whichever pass finishes first. The slow pass is made slow deterministically by holding its file reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocuments, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticsPublisher } from '../../server/src/session/diagnosticsPublisher';
import type { FolderSession } from '../../server/src/session/folderSession';
import { nodeFolderSession } from '../../server/src/session/nodeSession';

let dir: string;
let folder: FolderSession;

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-publisher-'));
  write('.adr-dir', 'docs/adr\n');
  write('docs/adr/0001-use-postgres.md', '# 1. Use PostgreSQL\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\nPostgreSQL.\n');
  write('src/a.py', '# ADR-0001: the orders table.\n');
  write('src/b.py', '# ADR-0009: partitioning.\n');
  // Untrusted: no git, so the only findings are the references.
  folder = nodeFolderSession(pathToFileURL(dir).href, 'x', { trusted: false });
  await folder.start({});
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('DiagnosticsPublisher', () => {
  it('does not let an older, slower pass overwrite the diagnostics of a newer one', async () => {
    const sent: PublishDiagnosticsParams[] = [];
    const connection = { sendDiagnostics: async (p: PublishDiagnosticsParams) => void sent.push(p) } as unknown as Connection;
    const publisher = new DiagnosticsPublisher(connection, new TextDocuments(TextDocument));
    const b = pathToFileURL(path.join(dir, 'src/b.py')).href;

    // The first pass sees b.py citing a decision that does not exist yet, and its reads are held.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const readFile = folder.workspace.readFile.bind(folder.workspace);
    let hold = true;
    (folder.workspace as { readFile: typeof readFile }).readFile = async (rel) => {
      if (hold) await held;
      return readFile(rel);
    };
    const older = publisher.publishFolder(folder);

    // Decision 9 is written, and the second pass runs to the end while the first still waits.
    hold = false;
    write('docs/adr/0009-partition-orders-by-day.md', '# 9. Partition orders by day\n\nDate: 2025-02-03\n\n## Status\n\nAccepted\n');
    await folder.index.applyChanges([{ path: 'docs/adr/0009-partition-orders-by-day.md' }]);
    expect(folder.snapshot.decisions).toHaveLength(2);
    await publisher.publishFolder(folder);
    const afterNewer = sent.filter((p) => p.uri === b).at(-1);
    release();
    await older;

    const last = sent.filter((p) => p.uri === b).at(-1);
    expect(last).toEqual(afterNewer);
    expect(last?.diagnostics ?? []).toEqual([]);
  });

  it('sends what an earlier pass diagnosed when a later publication of the same index listed its files first', async () => {
    // A folder's first publication, and a second one started while the first still diagnoses (the editor sent the
    // settings again, or opened an editor, as the server started): whichever is superseded, every result is sent.
    write('src/c.py', '# ADR-0042: a decision nobody wrote.\n');
    const fresh = nodeFolderSession(pathToFileURL(dir).href, 'fresh', { trusted: false });
    await fresh.start({});
    const sent: PublishDiagnosticsParams[] = [];
    const connection = { sendDiagnostics: async (p: PublishDiagnosticsParams) => void sent.push(p) } as unknown as Connection;
    const publisher = new DiagnosticsPublisher(connection, new TextDocuments(TextDocument));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const readFile = fresh.workspace.readFile.bind(fresh.workspace);
    (fresh.workspace as { readFile: typeof readFile }).readFile = async (rel) => (await held, readFile(rel));
    const first = publisher.publishFolder(fresh);
    const second = publisher.publishFolder(fresh);
    await Promise.resolve();
    release();
    await Promise.all([first, second]);

    // What one publication alone sends, from a folder of its own.
    const alone = nodeFolderSession(pathToFileURL(dir).href, 'alone', { trusted: false });
    await alone.start({});
    const reference: PublishDiagnosticsParams[] = [];
    await new DiagnosticsPublisher({ sendDiagnostics: async (p: PublishDiagnosticsParams) => void reference.push(p) } as unknown as Connection, new TextDocuments(TextDocument)).publishFolder(alone);
    const latest = (list: PublishDiagnosticsParams[]) => Object.fromEntries(list.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]));
    expect(Object.keys(latest(reference)).length).toBeGreaterThan(0);
    expect(latest(sent)).toEqual(latest(reference));
  });
});
