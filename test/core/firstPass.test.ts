// The first pass over a workspace's documents (analyse.ts `first`) against the full analysis, on every real corpus
// and on a generated monorepo: at the moment decisions and terms start answering, every document's record holds
// what the full analysis gives for decisions, terms, views and problems; once the background pass is done, every
// record equals the full analysis's, and so does the snapshot.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../bench/fixtures';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import type { FileRecord } from '../../server/src/core/analyse';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { IndexSnapshot } from '../../server/src/core/snapshot';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const corpora = existsSync(CORPORA) ? readdirSync(CORPORA).filter((n) => statSync(path.join(CORPORA, n)).isDirectory()) : [];

/** What the first pass promises: the record without what it may leave out (prose, references, links). */
function firstPassPart(r: FileRecord | undefined): unknown {
  if (!r) return undefined;
  const { references: _r, links: _l, partial: _p, forbidText: _f, decision, ...rest } = r;
  if (!decision) return rest;
  const { searchText: _s, passages: _ps, ...fields } = decision;
  return { ...rest, decision: fields };
}

function records(snapshot: IndexSnapshot): Map<string, FileRecord> {
  return new Map([...snapshot.recordPaths()].map((p) => [p, snapshot.record(p)!]));
}

async function compareWithFullParse(root: string): Promise<{ partial: number; documents: number }> {
  const full = new ArchitectureIndex(new NodeWorkspace(root));
  await full.rebuild();
  const expected = records(full.snapshot);

  const index = new ArchitectureIndex(new NodeWorkspace(root));
  let atGate: IndexSnapshot | undefined;
  let completedAtGate = -1;
  await index.rebuild(undefined, (s) => {
    atGate = s;
    completedAtGate = index.pending.completed;
  });
  expect(completedAtGate).toBe(0);
  const gate = records(atGate!);
  let partial = 0;
  let documents = 0;
  for (const [p, r] of gate) {
    const want = expected.get(p);
    if (r.partial) partial++;
    if (r.kind === 'text') continue; // source files are not read before the gate (they have no record yet)
    documents++;
    if (r.partial) expect(firstPassPart(r), p).toEqual(firstPassPart(want));
    else expect(r, p).toEqual(want);
  }
  // Every document the full analysis gave a record to had one at the gate.
  for (const [p, r] of expected) if (r.kind !== 'text') expect(gate.has(p), p).toBe(true);
  expect(atGate!.firstPass !== undefined).toBe(partial > 0);
  const fields = (s: IndexSnapshot) => s.decisions.map((d) => ({ ...d, searchText: '', passages: undefined }));
  expect(fields(atGate!)).toEqual(fields(full.snapshot));
  expect(atGate!.terms).toEqual(full.snapshot.terms);
  expect(atGate!.views).toEqual(full.snapshot.views);

  // After the background pass: every record, the decisions with their prose, and the problems are the full parse's.
  expect(index.pending.completed).toBe(partial);
  expect(index.snapshot.firstPass !== undefined).toBe(false);
  expect(records(index.snapshot)).toEqual(expected);
  expect(index.snapshot.decisions).toEqual(full.snapshot.decisions);
  expect(index.snapshot.problems).toEqual(full.snapshot.problems);

  // `archlens index`: the documents' first pass and no source file read give what the full index prints.
  const reads = new Set<string>();
  class CountingWorkspace extends NodeWorkspace {
    override readFile(p: string) {
      reads.add(p);
      return super.readFile(p);
    }
    override readFileWithin(p: string, max: number) {
      reads.add(p);
      return super.readFileWithin(p, max);
    }
  }
  const documentsOnly = new ArchitectureIndex(new CountingWorkspace(root), {}, { documentsOnly: true });
  await documentsOnly.rebuild();
  expect(documentsOnly.snapshot.toJSON()).toEqual(full.snapshot.toJSON());
  expect([...reads].filter((p) => expected.get(p)?.kind === 'text')).toEqual([]);
  return { partial, documents };
}

describe('the first pass over documents against the full analysis', () => {
  it.each(corpora)('corpus %s: equal at the gate for what decisions and terms need, equal in full after', async (name) => {
    const { partial, documents } = await compareWithFullParse(path.join(CORPORA, name));
    expect(documents).toBeGreaterThan(0);
    expect(partial).toBeGreaterThanOrEqual(name === 'uvic-sei-views' ? 0 : 1);
  });

  it('the example workspace', async () => {
    const { partial } = await compareWithFullParse(path.resolve(__dirname, '../../examples/data-platform'));
    expect(partial).toBeGreaterThan(10);
  });

  const repo = generateMonorepo({ packages: 3, decisionsPerPackage: 30, viewsPerPackage: 2, sourcesPerPackage: 20, terms: 200, citingShare: 0.3, seed: 11 });
  afterAll(() => repo.remove());

  it('a generated monorepo (every decision format, views, both glossary forms)', async () => {
    const { partial } = await compareWithFullParse(repo.root);
    expect(partial).toBeGreaterThanOrEqual(repo.decisions.length);
  });
});
