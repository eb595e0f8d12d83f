// Memory given back after work: the start's garbage is collected, with every page compacted, before a folder says it
// is ready; a burst of edits is collected once, after the server has been quiet for a moment; a small heap is left
// alone. The compacting collection itself returns the half-empty pages V8's own collections keep.
import fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compactingCollection, MemoryRelease } from '../../server/src/session/memoryRelease';
import { materialiseExample, TestClient } from '../protocol/client';

const clients: TestClient[] = [];
const roots: string[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const c of clients.splice(0)) await c.shutdown();
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

/** The old generation's committed bytes that hold no live object. */
function oldSpaceFree(): number {
  const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;
  return old.space_size - old.space_used_size;
}

describe('the compacting collection', () => {
  it('returns the half-empty pages that V8 full collections keep', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // Every other object survives: after the rest is dropped, each old page is about half empty.
    const kept: object[] = [];
    let dropped: object[] | undefined = [];
    for (let i = 0; i < 600_000; i++) (i % 2 ? dropped : kept).push({ n: i, s: `item ${i}` });
    dropped = undefined;
    gc();
    gc();
    const afterPlain = oldSpaceFree();
    expect(afterPlain).toBeGreaterThan(8 * 2 ** 20);
    compactingCollection()();
    expect(oldSpaceFree()).toBeLessThan(afterPlain / 3);
    expect(kept.length).toBe(300_000);
  });
});

describe('when memory is released', () => {
  /** A heap whose committed size a collection brings down by a fifth. */
  function counting(heap: { size: number }) {
    const release = { calls: 0 };
    const memory = new MemoryRelease({ idleMs: 1000, minGrowth: 100, heapSize: () => heap.size, collect: () => void (release.calls++, (heap.size *= 0.8)) });
    return { memory, release };
  }

  it('collects a grown heap at once after large work, and after a burst of work once it is over', () => {
    vi.useFakeTimers();
    const heap = { size: 1000 };
    const { memory, release } = counting(heap);
    memory.now();
    expect(release.calls).toBe(1);
    heap.size += 500;
    for (let i = 0; i < 20; i++) {
      memory.soon();
      vi.advanceTimersByTime(100);
    }
    expect(release.calls).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(release.calls).toBe(2);
  });

  it('leaves a small heap alone, and one that grew little since the last collection', () => {
    vi.useFakeTimers();
    const heap = { size: 50 };
    const { memory, release } = counting(heap);
    memory.now();
    expect(release.calls).toBe(0);
    heap.size = 1000;
    memory.now();
    heap.size += 50;
    memory.now();
    memory.soon();
    vi.advanceTimersByTime(2000);
    expect(release.calls).toBe(1);
  });
});

describe('the server releases memory', () => {
  it("collects the start's garbage after the first diagnostics and before it says the folder is ready, then once after a burst of edits", async () => {
    const { uri, repo } = materialiseExample();
    roots.push(repo);
    let heap = 0;
    const collected: { readyBefore: boolean; diagnosedBefore: boolean; lastEditBefore: boolean }[] = [];
    let waiting: { until: () => boolean; resolve: () => void } | undefined;
    const client: TestClient = TestClient.inProcess({
      deps: {
        memory: new MemoryRelease({
          idleMs: 20,
          minGrowth: 1,
          heapSize: () => (heap += 10),
          collect: () => {
            const sent = client.serverWrites as readonly { method?: string; params?: { phase?: string } }[];
            collected.push({
              readyBefore: sent.some((m) => m.method === 'archlens/status' && m.params?.phase === 'ready'),
              diagnosedBefore: sent.some((m) => m.method === 'textDocument/publishDiagnostics'),
              lastEditBefore: sent.some((m) => m.method === 'textDocument/publishDiagnostics' && JSON.stringify(m.params).includes('ADR-9929')),
            });
            if (waiting?.until()) waiting.resolve();
          },
        }),
      },
    });
    clients.push(client);
    await client.initialize({ folders: [{ uri, name: 'data-platform' }], initializationOptions: { trusted: false } });
    await client.waitForReady(uri, { timeoutMs: 60_000 });
    expect(collected).toEqual([{ readyBefore: false, diagnosedBefore: true, lastEditBefore: false }]);

    const doc = `${uri}/dbt/notes.py`;
    await client.open(doc, 'python', '# ADR-0001\n');
    const burstOver = new Promise<void>((resolve) => (waiting = { until: () => collected.some((c) => c.lastEditBefore), resolve }));
    for (let i = 0; i < 30; i++) await client.change(doc, `# ADR-0001\n# ADR-99${i}\n`);
    await client.waitForDiagnostics(doc, (d) => d.some((x) => x.message.includes('ADR-9929')));
    // A collection once the server has been quiet after the last edit's publication (no sleeping: the collection
    // itself is the signal).
    await burstOver;
    // Thirty edits published once or a few times (the debounce), each publication followed by quiet time before a
    // collection: far fewer collections than edits.
    expect(collected.length).toBeGreaterThanOrEqual(2);
    expect(collected.length).toBeLessThanOrEqual(5);
  }, 120_000);
});
