// Decisions and terms answer from the first pass over the documents, before any document is analysed in full
// (no prose models, no references or links); the full analysis follows in background slices and ends equal to a
// full parse; search, which needs every decision's text, completes the documents at once when asked early.
import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { completion } from '../../server/src/features/completion';
import { featureDocument } from '../../server/src/features/context';
import { hover } from '../../server/src/features/hover';
import { whyIndexOf } from '../../server/src/core/why/rank';
import { DATA_PLATFORM } from '../features/helpers';
import { decision, memoryFolder, MemorySessionWorkspace } from './memory';

const URI = 'file:///memory/first-pass';
const CODE = 'src/cdc_sink.py';
const CODE_TEXT = '# Writes CDC events (ADR-0007).\n# see ADR-\n';
const FILES: Record<string, string> = { ...DATA_PLATFORM, [CODE]: CODE_TEXT };

const CITING = 'docs/adr/0012-incremental-snapshots.md';

function requests(folder: ReturnType<typeof memoryFolder>['folder']) {
  const ctx = folder.featureContext();
  const doc = featureDocument(CODE, `${URI}/${CODE}`, 'python', 1, CODE_TEXT);
  // A decision citing another: the reference is found in that one document, analysed in full on request.
  const citing = featureDocument(CITING, `${URI}/${CITING}`, 'markdown', 1, FILES[CITING]);
  return {
    decisionHover: hover(ctx, citing, { line: 6, character: 50 }),
    termHover: hover(ctx, doc, { line: 0, character: 9 }),
    completion: completion(ctx, doc, { line: 1, character: 10 }),
  };
}

describe('the first pass over documents', () => {
  it('answers hovers and completion for decisions and terms before any document is read in full, as after', async () => {
    const { folder } = memoryFolder(URI, FILES);
    let early: (ReturnType<typeof requests> & { partial: boolean; completed: number; pending: number }) | undefined;
    await folder.startIndex({}, undefined, [], () => {
      const pending = folder.index.pending.size;
      early = { ...requests(folder), partial: folder.snapshot.firstPass !== undefined, completed: folder.index.pending.completed, pending };
    });
    // At the gate: the snapshot is partial; only the one document the decision hover is in was analysed in full.
    expect(early!.partial).toBe(true);
    expect(early!.pending).toBe(4);
    expect(early!.completed).toBe(1);
    expect(early!.decisionHover).not.toBeNull();
    expect(JSON.stringify(early!.decisionHover)).toContain('Kafka Connect and Debezium for CDC');
    expect(JSON.stringify(early!.termHover)).toContain('**CDC**');
    expect(early!.completion.length).toBe(3);
    // Once every document is in: the same answers.
    expect(folder.snapshot.firstPass !== undefined).toBe(false);
    expect(folder.index.pending.completed).toBe(4);
    const after = requests(folder);
    expect(early!.decisionHover).toEqual(after.decisionHover);
    expect(early!.termHover).toEqual(after.termHover);
    expect(early!.completion).toEqual(after.completion);
  });

  it('answers term hovers while documents are completed from one why-index, showing decisions as they are now', async () => {
    const { folder } = memoryFolder(URI, FILES);
    const doc = featureDocument(CODE, `${URI}/${CODE}`, 'python', 1, CODE_TEXT);
    const ADR7 = 'docs/adr/0007-kafka-connect-for-cdc.md';
    let early: { same: boolean; graphMoved: boolean; partial: boolean; before: string; after: string } | undefined;
    await folder.startIndex({}, undefined, [], () => {
      const first = folder.snapshot;
      const before = JSON.stringify(hover(folder.featureContext(), doc, { line: 0, character: 9 }));
      // Documents completed one by one make new decision graphs, as an edit of a decision's title does.
      folder.index.pending.record(CITING);
      void folder.index.setOverlay(ADR7, FILES[ADR7].replace('# Kafka Connect and Debezium for CDC', '# Kafka Connect, Debezium and CDC'));
      const second = folder.snapshot;
      const after = JSON.stringify(hover(folder.featureContext(), doc, { line: 0, character: 9 }));
      early = { same: whyIndexOf(first) === whyIndexOf(second), graphMoved: first.decisionGraph !== second.decisionGraph, partial: second.firstPass !== undefined, before, after };
    });
    expect(early!.partial).toBe(true);
    expect(early!.graphMoved).toBe(true);
    expect(early!.same).toBe(true);
    expect(early!.before).toContain('Kafka Connect and Debezium for CDC');
    // The decision the index holds from before the edit is shown with its title now.
    expect(early!.after).toContain('Kafka Connect, Debezium and CDC');
    expect(early!.after).not.toContain('Kafka Connect and Debezium for CDC');
    // Once every document is in full, the index is built again from their whole text and kept on the graph.
    const done = folder.snapshot;
    expect(done.firstPass).toBeUndefined();
    const full = whyIndexOf(done);
    expect(full).toBe(whyIndexOf(done));
    expect(done.decisionGraph.why?.index).toBe(full);
    // The pass's own index is not kept once the pass is over.
    expect(folder.index.pending.round.why).toBeUndefined();
  });

  it('ends with every record and the snapshot equal to a full parse', async () => {
    const { folder, workspace } = memoryFolder(URI, FILES);
    await folder.startIndex({}, undefined, [], () => undefined);
    const full = new ArchitectureIndex(workspace);
    await full.rebuild();
    const paths = [...full.snapshot.recordPaths()].sort();
    expect([...folder.snapshot.recordPaths()].sort()).toEqual(paths);
    for (const p of paths) expect(folder.snapshot.record(p), p).toEqual(full.snapshot.record(p));
    expect(folder.snapshot.decisions).toEqual(full.snapshot.decisions);
    expect(folder.snapshot.problems).toEqual(full.snapshot.problems);
    expect(folder.snapshot.citations()).toEqual(full.snapshot.citations());
  });

  it('a search while documents are partial analyses them in full at once, and finds what a full parse finds', async () => {
    const { folder, workspace } = memoryFolder(URI, FILES);
    let early: { hits: unknown; completed: number; partialAfter: boolean } | undefined;
    // Words of a decision's body only (not its title): found through the search text the first pass leaves out.
    const query = 'chunks';
    await folder.startIndex({}, undefined, [], () => {
      const hits = folder.snapshot.search(query);
      early = { hits, completed: folder.index.pending.completed, partialAfter: folder.snapshot.firstPass !== undefined };
    });
    const full = new ArchitectureIndex(workspace);
    await full.rebuild();
    expect(early!.completed).toBe(4);
    expect(early!.partialAfter).toBe(false);
    expect(full.snapshot.search(query).length).toBeGreaterThan(0);
    expect(early!.hits).toEqual(full.snapshot.search(query));
  });

  it('analyses documents in full in slices that give the event loop turns', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 1500; i++) files[`docs/adr/${String(i).padStart(4, '0')}-d.md`] = decision(i, `Decision ${i}`, `We decided ${i} things. `.repeat(40));
    const index = new ArchitectureIndex(new MemorySessionWorkspace(files));
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    let atGate = -1;
    await index.rebuild(undefined, () => (atGate = turns));
    running = false;
    expect(index.pending.completed).toBe(1500);
    expect(turns - atGate).toBeGreaterThan(1);
  });
});
