import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { RecordTable } from '../../server/src/core/recordTable';
import { MemoryWorkspace } from '../../server/src/core/workspace';

const nygard = (n: number, title: string, status: string, extra = '') =>
  `# ${n}. ${title}\n\nDate: 2024-0${(n % 9) + 1}-01\n\n## Status\n\n${status}\n${extra}\n## Context\n\nWhy.\n\n## Decision\n\nWe will ${title.toLowerCase()}.\n`;

async function build(files: Record<string, string | Uint8Array>, editor = {}) {
  const ws = new MemoryWorkspace(files);
  const index = new ArchitectureIndex(ws, editor);
  const snapshot = await index.rebuild();
  return { ws, index, snapshot };
}

describe('the architecture index', () => {
  it('resolves relations both ways and fills the reverse side', async () => {
    const { snapshot } = await build({
      'docs/adr/0001-use-batch.md': nygard(1, 'Use batch ingestion', 'Superseded by [2. Use CDC](0002-use-cdc.md)'),
      'docs/adr/0002-use-cdc.md': nygard(2, 'Use CDC', 'Accepted\n\nSupersedes [1. Use batch ingestion](0001-use-batch.md)'),
      'docs/adr/0003-tune-cdc.md': `---\nstatus: accepted\ndate: 2024-05-01\namends: ADR-0002\n---\n# Tune CDC\n\n## Decision\n\nTune it.\n`,
    });
    const json = snapshot.toJSON();
    const byId = Object.fromEntries(json.decisions.map((d) => [d.id, d]));
    expect(byId['docs/adr/0001-use-batch']).toMatchObject({ number: 1, status: 'superseded', supersededBy: ['docs/adr/0002-use-cdc'] });
    expect(byId['docs/adr/0002-use-cdc']).toMatchObject({ supersedes: ['docs/adr/0001-use-batch'], amendedBy: ['docs/adr/0003-tune-cdc'] });
    expect(byId['docs/adr/0003-tune-cdc']).toMatchObject({ number: 3, amends: ['docs/adr/0002-use-cdc'] });
    // 0003 amends 0002 but 0002 does not say so: one-sided, reported where it is stated.
    expect(json.problems.map((p) => [p.code, p.path])).toEqual([['one-sided-relation', 'docs/adr/0003-tune-cdc.md']]);
  });

  it('a proposal that says it supersedes or amends another changes nothing until it is accepted', async () => {
    const files = (status: string) => ({
      'docs/adr/0001-a.md': nygard(1, 'A', 'Accepted'),
      'docs/adr/0002-b.md': nygard(2, 'B', 'Accepted'),
      'docs/adr/0003-c.md': nygard(3, 'C', status, '\nThis ADR supersedes ADR-0001. This decision amends ADR-0002.\n'),
      'docs/notes.md': 'We follow ADR-0001.\n',
    });
    const proposed = (await build(files('Proposed'))).snapshot;
    const byId = (s: typeof proposed, id: string) => s.decisions.find((d) => d.id === id)!;
    // The proposal's own record says what it would do; the others still stand and need not say so.
    expect(byId(proposed, 'docs/adr/0003-c')).toMatchObject({ supersedes: ['docs/adr/0001-a'], amends: ['docs/adr/0002-b'] });
    expect(byId(proposed, 'docs/adr/0001-a')).toMatchObject({ supersededBy: [] });
    expect(byId(proposed, 'docs/adr/0002-b')).toMatchObject({ amendedBy: [] });
    expect(proposed.problems).toEqual([]);
    // Accepted, the same sentence supersedes: 0001 is superseded, still says accepted, and says nothing back.
    const accepted = (await build(files('Accepted'))).snapshot;
    expect(byId(accepted, 'docs/adr/0001-a')).toMatchObject({ supersededBy: ['docs/adr/0003-c'] });
    expect(accepted.problems.map((p) => `${p.code} ${p.path}`).sort()).toEqual([
      'conflicting-relation docs/adr/0001-a.md',
      'one-sided-relation docs/adr/0003-c.md',
      'one-sided-relation docs/adr/0003-c.md',
    ]);
    // A record that itself says it was superseded by a proposal is taken at its word.
    const own = (await build({ ...files('Proposed'), 'docs/adr/0001-a.md': nygard(1, 'A', 'Superseded by ADR-0003') })).snapshot;
    expect(byId(own, 'docs/adr/0001-a')).toMatchObject({ status: 'superseded', supersededBy: ['docs/adr/0003-c'] });
  });

  it('reports dangling relations, duplicate numbers, disagreeing sides and cycles without failing', async () => {
    const { snapshot } = await build({
      'docs/adr/0001-a.md': nygard(1, 'A', 'Accepted\n\nSupersedes [9. Nothing](0009-nothing.md)'),
      'docs/adr/0002-b.md': nygard(2, 'B', 'Accepted'),
      'docs/adr/0002-b-again.md': nygard(2, 'B again', 'Accepted'),
      'docs/adr/0004-c.md': nygard(4, 'C', 'Superseded by [5. D](0005-d.md)\n\nSupersedes [5. D](0005-d.md)'),
      'docs/adr/0005-d.md': nygard(5, 'D', 'Superseded by [4. C](0004-c.md)\n\nSupersedes [4. C](0004-c.md)'),
      'docs/adr/0006-e.md': nygard(6, 'E', 'Accepted'),
      'docs/adr/0007-f.md': nygard(7, 'F', 'Accepted\n\nSupersedes [6. E](0006-e.md)'),
    });
    const codes = snapshot.problems.map((p) => `${p.code} ${p.path}`);
    expect(codes).toContain('dangling-relation docs/adr/0001-a.md');
    expect(codes).toContain('duplicate-number docs/adr/0002-b.md');
    expect(codes).toContain('duplicate-number docs/adr/0002-b-again.md');
    expect(codes).toContain('supersede-cycle docs/adr/0004-c.md');
    expect(codes).toContain('supersede-cycle docs/adr/0005-d.md');
    // 0007 supersedes 0006, whose status still says accepted: the two sides disagree.
    expect(codes).toContain('conflicting-relation docs/adr/0006-e.md');
    // Both duplicates stay in the index under their own ids.
    expect(snapshot.decisions.filter((d) => d.number === 2).map((d) => d.id)).toEqual(['docs/adr/0002-b-again', 'docs/adr/0002-b']);
  });

  it('turns hostile input into problems with path and line', async () => {
    const binary = new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]);
    const { snapshot } = await build(
      {
        'docs/adr/0001-broken-yaml.md': '---\nstatus: [accepted\n---\n# Broken\n',
        'docs/adr/0002-binary.md': binary,
        'docs/adr/0003-huge.md': `# Huge\n\n${'x'.repeat(3000)}\n`,
        'docs/adr/0004-crlf.md': '# 4. Windows\r\n\r\nDate: 2024-02-03\r\n\r\n## Status\r\n\r\nAccepted\r\n',
        'docs/adr/0005-bom.md': '\ufeff# 5. With a BOM\n\n* Status: proposed\n',
        'docs/adr/0006-no-title.md': 'Just some text.\n',
        'src/logo.png': binary,
      },
      { maxFileSize: 2000 },
    );
    const problems = snapshot.problems.map((p) => [p.code, p.path, p.line]);
    expect(problems).toContainEqual(['bad-front-matter', 'docs/adr/0001-broken-yaml.md', 2]);
    expect(problems).toContainEqual(['binary-file', 'docs/adr/0002-binary.md', 1]);
    expect(problems).toContainEqual(['file-too-large', 'docs/adr/0003-huge.md', 1]);
    expect(problems).toContainEqual(['missing-title', 'docs/adr/0006-no-title.md', 1]);
    const d4 = snapshot.decisions.find((d) => d.number === 4)!;
    expect(d4).toMatchObject({ title: 'Windows', status: 'accepted', date: '2024-02-03' });
    expect(snapshot.decisions.find((d) => d.number === 5)).toMatchObject({ title: 'With a BOM', status: 'proposed' });
  });

  it('collects references to decisions from every text file and knows who cites whom', async () => {
    const { snapshot } = await build({
      'docs/adr/0007-use-kafka-connect.md': nygard(7, 'Use Kafka Connect', 'Accepted'),
      'connect/sink.py': '# ADR-0007 explains why\nx = 1\n',
      'dbt/model.sql': '-- see adr-7 and ADR-0042\nselect 1\n',
      'docs/guide.md': 'Read [the decision](adr/0007-use-kafka-connect.md).\n',
    });
    const cites = snapshot.citationsOf('docs/adr/0007-use-kafka-connect').map((c) => `${c.path}:${c.reference.range.start.line}`);
    expect(cites.sort()).toEqual(['connect/sink.py:1', 'dbt/model.sql:1', 'docs/guide.md:1']);
    const unknown = snapshot.referencesIn('dbt/model.sql').filter((r) => !snapshot.resolve(r, 'dbt/model.sql'));
    expect(unknown.map((r) => r.number)).toEqual([42]);
  });

  it('prefers the nearest decision when packages number their decisions separately', async () => {
    const { snapshot } = await build({
      'packages/a/docs/adr/0001-a.md': nygard(1, 'A one', 'Accepted'),
      'packages/b/docs/adr/0001-b.md': nygard(1, 'B one', 'Accepted'),
    });
    expect(snapshot.decisionByNumber(1, 'packages/b/src/x.ts')?.title).toBe('B one');
    expect(snapshot.decisionByNumber(1, 'packages/a/src/x.ts')?.title).toBe('A one');
    expect(snapshot.problems.filter((p) => p.code === 'duplicate-number')).toEqual([]);
  });

  it('re-classifies every file when a marker file changes', async () => {
    const { ws, index } = await build({ 'records/0001-x.md': nygard(1, 'X', 'Accepted') });
    expect(index.snapshot.decisions).toHaveLength(0);
    ws.files.set('.adr-dir', 'records\n');
    const after = await index.applyChanges([{ path: '.adr-dir' }]);
    expect(after.decisions.map((d) => d.id)).toEqual(['records/0001-x']);
  });

  it('reflects the unsaved text of an open editor, and the file again when it is closed', async () => {
    const { index } = await build({ 'docs/adr/0001-x.md': nygard(1, 'X', 'Proposed') });
    const open = await index.setOverlay('docs/adr/0001-x.md', nygard(1, 'X renamed', 'Accepted'));
    expect(open.decisions[0]).toMatchObject({ title: 'X renamed', status: 'accepted' });
    const closed = await index.clearOverlay('docs/adr/0001-x.md');
    expect(closed.decisions[0]).toMatchObject({ title: 'X', status: 'proposed' });
  });

  it('applies per-folder glossaries inside their folder and reports conflicting definitions', async () => {
    const { snapshot } = await build({
      'glossary.yml': 'terms:\n  - name: Feature\n    definition: A column of the feature store.\n  - name: Offset\n    definition: Position in a Kafka partition.\n',
      'docs/glossary.md': '# Glossary\n\nOffset\n: How far a consumer has read.\n',
      'serving/glossary.yml': 'terms:\n  - name: Feature\n    definition: A field the serving API returns.\n',
    });
    expect(snapshot.glossary.lookup('feature', 'serving/api/main.py')?.definition).toBe('A field the serving API returns.');
    expect(snapshot.glossary.lookup('feature', 'airflow/dags/x.py')?.definition).toBe('A column of the feature store.');
    expect(snapshot.problems.filter((p) => p.code === 'conflicting-term').map((p) => p.path)).toEqual(['glossary.yml']);
  });

  it('finds decisions, terms and views by fuzzy search', async () => {
    const { snapshot } = await build({
      'docs/adr/0007-use-kafka-connect.md': nygard(7, 'Use Kafka Connect for CDC', 'Accepted'),
      'docs/adr/0008-serve-features.md': nygard(8, 'Serve features over HTTP', 'Accepted'),
      'glossary.yml': 'terms:\n  - name: Change Data Capture\n    aliases: [CDC]\n    definition: Streaming row changes.\n',
    });
    const hits = snapshot.search('kafka conect');
    expect(hits[0]).toMatchObject({ kind: 'decision' });
    expect(hits[0].kind === 'decision' && hits[0].decision.number).toBe(7);
    expect(snapshot.search('ADR-0008')[0]).toMatchObject({ kind: 'decision', decision: { number: 8 } });
    expect(snapshot.search('change data')[0]).toMatchObject({ kind: 'term', term: { term: 'Change Data Capture' } });
  });
});

describe('incremental updates', () => {
  // A small seeded generator: the same sequence every run, many shapes of edits.
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  const paths = [
    'docs/adr/0001-a.md',
    'docs/adr/0002-b.md',
    'docs/adr/0003-c.md',
    'docs/adr/0004-d.md',
    'docs/architecture/cc-view.md',
    'docs/glossary.md',
    'glossary.yml',
    'src/app.py',
    'src/util.ts',
    'records/0009-x.md',
  ];

  function randomContent(path: string, r: () => number): string {
    const n = 1 + Math.floor(r() * 5);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    if (path.endsWith('.py') || path.endsWith('.ts')) return `# ADR-000${n}\nx = ${n}  # see @adr ${pick([1, 2, 3, 9])}\n`;
    if (path.endsWith('glossary.md')) return `# Glossary\n\n${pick(['CDC', 'Offset', 'Snapshot'])}\n: Definition ${n}.\n`;
    if (path.endsWith('.yml')) return pick([`terms:\n  - name: CDC\n    definition: Def ${n}.\n`, 'terms: [\n', '']);
    if (path.includes('view')) return `---\nview: component-and-connector\n---\n# C&C\n\n## Element Catalog\n\n| Element | Code |\n|---|---|\n| Sink | \`src/\` |\n`;
    return pick([
      nygard(n, `Title ${n}`, pick(['Accepted', 'Proposed', `Superseded by [${n + 1}. X](000${n + 1}-x.md)`]), pick(['', `\nSupersedes [${n}. Y](000${n}-a.md)\n`])),
      `---\nstatus: ${pick(['accepted', 'rejected', '[bad'])}\nsupersedes: ADR-000${n}\n---\n# T ${n}\n`,
      '',
      '\u0000binary',
    ]);
  }

  it('equals a rebuild from scratch after random sequences of adds, edits, deletes and marker changes', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const ws = new MemoryWorkspace({});
      const index = new ArchitectureIndex(ws);
      await index.rebuild();
      for (let step = 0; step < 40; step++) {
        const roll = r();
        if (roll < 0.08) {
          // A marker file appears or disappears.
          if (ws.files.has('.adr-dir')) {
            ws.files.delete('.adr-dir');
            await index.applyChanges([{ path: '.adr-dir', deleted: true }]);
          } else {
            ws.files.set('.adr-dir', 'records');
            await index.applyChanges([{ path: '.adr-dir' }]);
          }
          continue;
        }
        const path = paths[Math.floor(r() * paths.length)];
        if (roll < 0.3 && ws.files.has(path)) {
          ws.files.delete(path);
          await index.applyChanges([{ path, deleted: true }]);
        } else {
          ws.files.set(path, randomContent(path, r));
          await index.applyChanges([{ path }]);
        }
      }
      const fresh = new ArchitectureIndex(ws);
      const rebuilt = await fresh.rebuild();
      expect(index.snapshot.toJSON(), `seed ${seed}`).toEqual(rebuilt.toJSON());
      expect(index.snapshot.files, `seed ${seed}`).toEqual(rebuilt.files);
      const refs = (s: typeof rebuilt) => [...s.recordPaths()].sort().map((p) => [p, s.referencesIn(p)]);
      expect(refs(index.snapshot), `seed ${seed}`).toEqual(refs(rebuilt));
    }
  });

  it('derives the snapshot after an edit to code from the last one: no copy of every record, nothing re-sorted', async () => {
    const files: Record<string, string> = {
      'docs/adr/0001-a.md': nygard(1, 'A', 'Accepted'),
      'docs/architecture/cc-view.md': '---\nview: component-and-connector\n---\n# C&C\n\n## Element Catalog\n\n| Element | Code |\n|---|---|\n| Sink | `src/` |\n',
      'glossary.yml': 'terms:\n  - name: CDC\n    definition: Change data capture.\n',
    };
    for (let i = 0; i < 2000; i++) files[`src/m${i}.py`] = `# ADR-0001 module ${i}\n`;
    const { ws, index, snapshot: before } = await build(files);
    ws.files.set('src/m7.py', '# ADR-0001 and ADR-0002\n');
    const after = await index.applyChanges([{ path: 'src/m7.py' }]);
    expect(after.referencesIn('src/m7.py').map((r) => r.number)).toEqual([1, 2]);
    expect(before.referencesIn('src/m7.py').map((r) => r.number)).toEqual([1]);
    // What the edit cannot have changed is the last snapshot's own objects, not equal copies of them.
    expect(after.decisionGraph).toBe(before.decisionGraph);
    expect(after.glossary).toBe(before.glossary);
    expect(after.views).toBe(before.views);
    expect(after.problems).toBe(before.problems);
    expect(after.files).toBe(before.files);
    // The records: one table shared by both snapshots, with the one changed path laid over it.
    const table = (s: typeof after) => (s as unknown as { records: RecordTable }).records;
    expect(table(after).base).toBe(table(before).base);
    expect([...table(after).changes.keys()]).toEqual(['src/m7.py']);

    // A new file: one path inserted in a new sorted list; the old snapshot keeps its own.
    ws.files.set('src/a-new.py', 'x = 1\n');
    const added = await index.applyChanges([{ path: 'src/a-new.py' }]);
    expect(added.files).toEqual([...before.files, 'src/a-new.py'].sort());
    expect(before.files).not.toContain('src/a-new.py');
    expect(added.hasFile('src/a-new.py') && !before.hasFile('src/a-new.py')).toBe(true);
  });

  it('folds many edits into a new shared table and still equals a rebuild', async () => {
    const files: Record<string, string> = { 'docs/adr/0001-a.md': nygard(1, 'A', 'Accepted') };
    for (let i = 0; i < 400; i++) files[`src/m${i}.py`] = `x = ${i}\n`;
    const { ws, index, snapshot: first } = await build(files);
    const seen = new Set<object>();
    for (let i = 0; i < 400; i += 2) {
      ws.files.set(`src/m${i}.py`, `# ADR-0001 edited ${i}\n`);
      const s = await index.applyChanges([{ path: `src/m${i}.py` }]);
      seen.add((s as unknown as { records: RecordTable }).records.base);
    }
    ws.files.delete('src/m1.py');
    await index.applyChanges([{ path: 'src/m1.py', deleted: true }]);
    // The changes were folded into a new base a few times, not once per edit.
    expect(seen.size).toBeGreaterThan(1);
    expect(seen.size).toBeLessThan(10);
    const rebuilt = await new ArchitectureIndex(ws).rebuild();
    const refs = (s: typeof rebuilt) => [...s.recordPaths()].sort().map((p) => [p, s.referencesIn(p)]);
    expect(refs(index.snapshot)).toEqual(refs(rebuilt));
    expect(index.snapshot.files).toEqual(rebuilt.files);
    expect(first.referencesIn('src/m0.py')).toEqual([]);
  });
});
