// The folder session on in-memory I/O (memory.ts): no temporary folders, no git, a fixed clock. Start, the
// readiness gate, changes from an editor, watcher events (files and whole folders), settings, history arriving
// after the first index, and the removal of a folder from a running server.
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { TestClient } from '../protocol/client';
import { ControlledHistory, decision, memoryFolder } from './memory';

const URI = 'file:///memory/session';
const FILES = {
  'docs/adr/0001-use-postgres.md': decision(1, 'Use PostgreSQL'),
  'docs/adr/0002-use-kafka.md': decision(2, 'Use Kafka'),
  'src/orders.py': '# ADR-0001 and ADR-0009\n',
};

describe('FolderSession', () => {
  it('answers from an empty snapshot before its first index, and runs queued work in order once it exists', async () => {
    const { folder, workspace } = memoryFolder(URI, FILES);
    expect(folder.ready).toBe(false);
    expect(folder.snapshot.decisions).toEqual([]);
    expect(workspace.reads).toBe(0);
    const seen: string[] = [];
    const first = folder.whenReady(() => seen.push(`first:${folder.snapshot.decisions.length}`));
    const second = folder.whenReady(() => seen.push(`second:${folder.snapshot.decisions.length}`));
    await folder.startIndex({});
    await Promise.all([first, second]);
    expect(seen).toEqual(['first:2', 'second:2']);
    expect(folder.phase).toBe('ready'); // untrusted: no history to wait for
    expect(folder.historyStatus()).toMatchObject({ state: 'off', reason: 'untrusted' });
  });

  it('follows an editor: an overlay wins over the file, and closing it returns to the file', async () => {
    const { folder } = memoryFolder(URI, FILES);
    await folder.startIndex({});
    await folder.index.setOverlay('docs/adr/0002-use-kafka.md', decision(2, 'Use Redpanda'));
    expect(folder.snapshot.decision('0002-use-kafka')?.title ?? folder.snapshot.decisions[1].title).toBe('Use Redpanda');
    await folder.index.clearOverlay('docs/adr/0002-use-kafka.md');
    expect(folder.snapshot.decisions.map((d) => d.title)).toEqual(['Use PostgreSQL', 'Use Kafka']);
  });

  it('expands watcher events for whole folders into their files, created and deleted', async () => {
    const { folder, workspace } = memoryFolder(URI, FILES);
    await folder.startIndex({});
    workspace.files.set('docs/more/0003-use-dbt.md', decision(3, 'Use dbt'));
    workspace.files.set('docs/more/0004-use-airflow.md', decision(4, 'Use Airflow'));
    const created = await folder.expandFolderEvents([{ path: 'docs/more' }]);
    expect(created.map((e) => e.path)).toEqual(['docs/more', 'docs/more/0003-use-dbt.md', 'docs/more/0004-use-airflow.md']);
    await folder.index.applyChanges(created);
    expect(folder.snapshot.files.filter((f) => f.startsWith('docs/more/'))).toHaveLength(2);

    for (const p of [...workspace.files.keys()]) if (p.startsWith('docs/more/')) workspace.files.delete(p);
    const deleted = await folder.expandFolderEvents([{ path: 'docs/more', deleted: true }]);
    expect(deleted.filter((e) => e.deleted).map((e) => e.path)).toEqual(['docs/more', 'docs/more/0003-use-dbt.md', 'docs/more/0004-use-airflow.md']);
    await folder.index.applyChanges(deleted);
    expect(folder.snapshot.files.filter((f) => f.startsWith('docs/more/'))).toEqual([]);
  });

  it('applies settings: an exclude glob rebuilds without the excluded files', async () => {
    const { folder } = memoryFolder(URI, FILES);
    await folder.startIndex({});
    expect(folder.snapshot.files).toContain('src/orders.py');
    await folder.index.updateSettings({ exclude: ['src/**'] });
    expect(folder.snapshot.files).not.toContain('src/orders.py');
    expect(folder.snapshot.settings.exclude).toEqual(['src/**']);
  });

  it('takes the same settings given again while source files are still scanned as no change', async () => {
    // An editor sends the settings again as the server starts (VS Code: when the server registers for their changes);
    // the scan that is still running makes a new snapshot, which is not a change of settings.
    const { folder, workspace } = memoryFolder(URI, FILES);
    let answer: Promise<boolean> | undefined;
    const started = folder.startIndex({}, undefined, [], () => (answer = folder.applySettings({})));
    await started;
    expect(answer).toBeDefined();
    expect(await answer).toBe(false);
    // A real change while scanning is still one.
    const reads = workspace.reads;
    expect(await folder.applySettings({ severity: { 'unknown-decision': 'off' } })).toBe(true);
    expect(workspace.reads).toBe(reads);
  });

  it('is ready for decisions before git history is read, and says so until it is', async () => {
    const history = new ControlledHistory(false);
    const { folder } = memoryFolder(URI, FILES, { trusted: true, history });
    await folder.startIndex({});
    expect(folder.phase).toBe('reading-history');
    expect(folder.historyReady).toBe(false);
    expect(folder.snapshot.decisions).toHaveLength(2);
    const reading = folder.readHistory();
    expect(folder.historyStatus()).toMatchObject({ state: 'off', reason: 'pending' });
    history.arrive();
    await reading;
    expect(folder.phase).toBe('ready');
    expect(folder.historyReady).toBe(true);
    expect(folder.historyStatus()).toEqual({ state: 'ready' });
    expect(history.opened).toBe(1);
  });

  it('opens history once when a refresh comes while the first read is still running', async () => {
    const history = new ControlledHistory(false);
    const { folder } = memoryFolder(URI, FILES, { trusted: true, history });
    await folder.startIndex({});
    const first = folder.readHistory();
    const refresh = folder.refreshHistory();
    history.arrive();
    await Promise.all([first, refresh]);
    expect(history.opened).toBe(1);
  });
});

describe('the language session on in-memory folders', () => {
  it('reports decisions in a reading-history status before git history arrives, then the full status', async () => {
    const history = new ControlledHistory(false);
    const client = TestClient.inProcess({ deps: { openFolder: (uri, name, options) => memoryFolder(uri, FILES, { ...options, name, history }).folder } });
    try {
      await client.initialize({ folders: [{ uri: URI, name: 'session' }] });
      const early = await client.waitForStatus(URI, (s) => s.phase === 'reading-history');
      expect(early).toMatchObject({ state: 'ready', decisions: 2, historyReady: false, history: { state: 'off', reason: 'pending' } });
      history.arrive();
      expect(await client.waitForReady(URI)).toMatchObject({ phase: 'ready', decisions: 2, historyReady: true, history: { state: 'ready' } });
    } finally {
      client.dispose();
    }
  });

  it('clears a removed folder: its diagnostics go and later events for it are ignored', async () => {
    const client = TestClient.inProcess({ deps: { openFolder: (uri, name, options) => memoryFolder(uri, FILES, { ...options, name }).folder } });
    try {
      await client.initialize({ folders: [{ uri: URI, name: 'session' }] });
      await client.waitForReady(URI);
      const orders = `${URI}/src/orders.py`;
      expect(client.diagnostics.get(orders)?.map((d) => d.code)).toEqual(['unknown-decision']);
      const since = client.mark();
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: URI, name: 'session' }] } });
      expect(await client.waitForDiagnostics(orders, (d) => d.length === 0, { since })).toEqual([]);
      await client.filesChanged([{ uri: orders, type: 2 }]);
      await client.open(orders, 'python', '# ADR-0042\n');
      expect(client.statuses(URI, since)).toEqual([]);
    } finally {
      client.dispose();
    }
  });
});
