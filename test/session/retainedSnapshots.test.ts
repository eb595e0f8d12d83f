// What a run of edits leaves behind: structures that follow the index from edit to edit (the citation index, the
// decision graph updated in place of a rebuild, the history findings updated from the earlier ones) must not keep
// the snapshots, graphs and findings they followed. Two ways they did: each edit's findings referred to the findings
// before them (a chain as long as the session, each link with its stale index); and a WeakRef does not do either,
// since the target of a WeakRef created or dereferenced in a task stays alive until the task ends, so edits applied
// one after another in one task (as here: an in-memory workspace never waits for I/O) kept every snapshot of the
// run, each with its own decision list and maps. A heap snapshot after the run counts the objects still alive.
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { folderDiagnostics } from '../../server/src/session/folderDiagnostics';
import { memoryFolder } from './memory';

function madr(n: number, title: string): string {
  const id = String(n).padStart(4, '0');
  return `---\nstatus: accepted\ngoverns:\n  - src/m${n}/**\n---\n\n# ADR-${id} ${title}\n\nWe decided ${n}.\n`;
}

function workspace(decisions: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= decisions; n++) {
    const id = String(n).padStart(4, '0');
    files[`docs/adr/${id}-decision-${n}.md`] = madr(n, `Decision ${n}`);
    files[`src/m${n}/code.py`] = `# ADR-${id}\nx = ${n}\n`;
  }
  return files;
}

/** How many live objects of each of these constructors a heap snapshot of the process holds. */
async function liveObjects(names: readonly string[]): Promise<Record<string, number>> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object');
  const counts: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    if (snapshot.nodes[i + typeAt] !== objectType) continue;
    const name = snapshot.strings[snapshot.nodes[i + nameAt]];
    if (name in counts) counts[name]++;
  }
  return counts;
}

describe('memory over a run of edits', () => {
  it('keeps the last snapshots, not one per edit, when the edits are applied in one task', async () => {
    const { folder } = memoryFolder('file:///memory/work', workspace(40), { trusted: true });
    await folder.startIndex({});
    await folder.readHistory();
    await folderDiagnostics(folder);
    folder.findings();
    const edits = 61;
    for (let i = 0; i < edits; i++) {
      // A title edit (the graph is updated in place of a rebuild) and the diagnostics after it (the citation index
      // follows the changed records).
      await folder.index.setOverlay('docs/adr/0002-decision-2.md', madr(2, i % 2 ? 'Decision 2' : `Decision two, take ${i}`));
      folder.findings();
      await folderDiagnostics(folder);
    }
    expect(folder.snapshot.decision('docs/adr/0002-decision-2')?.title).toBe('Decision two, take 60');
    const live = await liveObjects(['IndexSnapshot', 'FolderFindings']);
    // The current snapshot and at most the few the session compares it with; before, one per edit.
    expect(live.IndexSnapshot).toBeGreaterThanOrEqual(1);
    expect(live.IndexSnapshot).toBeLessThanOrEqual(4);
    expect(live.FolderFindings).toBeLessThanOrEqual(4);
  }, 60_000);
});
