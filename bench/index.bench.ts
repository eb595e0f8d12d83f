// The architecture index at monorepo scale: 10,000 decision and view documents in mixed formats, a 10,000-term
// glossary and 100,000 small source files, generated once into a scratch folder (/dev/shm when there is one).
// Reading and splitting every file is the floor a rebuild is measured against; an incremental change, an open
// editor's overlay, a fuzzy search and a whole-file term scan are measured against a rebuild.
// Run: npx vitest bench --run bench/index.bench.ts
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { NodeWorkspace } from '../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../server/src/core/archIndex';
import { GlossaryIndex } from '../server/src/core/glossaryIndex';
import type { IndexSnapshot } from '../server/src/core/snapshot';
import { FULL_SHAPE, generateMonorepo, proseWithTerms, type Monorepo } from './fixtures';

const READ_CONCURRENCY = 64; // as the index reads

/** The floor: list every file, read it and split it into lines, with the same concurrency as the index. */
async function readAndSplitEverything(root: string): Promise<number> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    for (const e of await fsp.readdir(rel ? path.join(root, rel) : root, { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile()) files.push(child);
    }
  }
  let lines = 0;
  for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
    const texts = await Promise.all(files.slice(i, i + READ_CONCURRENCY).map((f) => fsp.readFile(path.join(root, f), 'utf8')));
    for (const t of texts) lines += t.split('\n').length;
  }
  return lines;
}

/** Wall-clock times of each benchmark's runs, for the summary printed at the end. */
const timings = new Map<string, number[]>();
async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  const list = timings.get(name) ?? [];
  list.push(performance.now() - t0);
  timings.set(name, list);
  return result;
}
const median = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

let repo: Monorepo;
let index: ArchitectureIndex;
let snapshot: IndexSnapshot;
let decisionPath: string;
let decisionText: string;
let megabyte: string;
let scopedPath: string;
let edits = 0;

beforeAll(async () => {
  const t0 = performance.now();
  repo = generateMonorepo(FULL_SHAPE);
  const generated = performance.now() - t0;
  index = new ArchitectureIndex(new NodeWorkspace(repo.root));
  snapshot = await index.rebuild();
  decisionPath = repo.decisions[Math.floor(repo.decisions.length / 2)];
  decisionText = await fsp.readFile(path.join(repo.root, decisionPath), 'utf8');
  megabyte = proseWithTerms(repo.terms, 1_000_000);
  scopedPath = repo.sources[0];
  console.log(
    `generated ${repo.files} files (${(repo.bytes / 1e6).toFixed(0)} MB) in ${generated.toFixed(0)} ms at ${repo.root}: ` +
      `${snapshot.decisions.length} decisions, ${snapshot.views.length} views, ${snapshot.terms.length} terms, ` +
      `${snapshot.problems.length} problems`,
  );
}, 600_000);

afterAll(async () => {
  const floor = median(timings.get('floor'));
  const rebuild = median(timings.get('rebuild'));
  const rows: [string, number][] = [...timings].map(([name, xs]) => [name, median(xs)]);
  console.log(
    [
      'index benchmark (median ms):',
      ...rows.map(([name, ms]) => `  ${name.padEnd(28)} ${ms.toFixed(1).padStart(10)}`),
      `  rebuild / floor              ${(rebuild / floor).toFixed(2).padStart(10)}`,
      `  rebuild / applyChanges       ${(rebuild / median(timings.get('applyChanges'))).toFixed(0).padStart(10)}`,
      `  rebuild / setOverlay         ${(rebuild / median(timings.get('setOverlay'))).toFixed(0).padStart(10)}`,
    ].join('\n'),
  );
  await repo?.remove();
}, 120_000);

const HEAVY = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };
const LIGHT = { iterations: 20, time: 1000, warmupIterations: 2, warmupTime: 0 };

describe('index: 10,000 documents, 10,000 terms, 100,000 source files', () => {
  bench('floor: list + read + split every file', async () => {
    await timed('floor', () => readAndSplitEverything(repo.root));
  }, HEAVY);

  bench('ArchitectureIndex.rebuild over NodeWorkspace', async () => {
    await timed('rebuild', () => new ArchitectureIndex(new NodeWorkspace(repo.root)).rebuild());
  }, HEAVY);

  bench('applyChanges: one decision edited on disk', async () => {
    // Alternate two texts so every change is a real one.
    const text = edits++ % 2 ? decisionText : decisionText.replace(/^## Context$/m, '## Context\n\nAn edit.');
    await fsp.writeFile(path.join(repo.root, decisionPath), text);
    snapshot = await timed('applyChanges', () => index.applyChanges([{ path: decisionPath }]));
  }, LIGHT);

  bench('setOverlay: one open decision typed into', async () => {
    const text = `${decisionText}\nTyped ${edits++}.\n`;
    snapshot = await timed('setOverlay', () => index.setOverlay(decisionPath, text));
  }, LIGHT);
});

describe('queries on one snapshot', () => {
  bench('search: first query of a snapshot (builds the fuzzy index)', async () => {
    const fresh = await index.setOverlay(decisionPath, `${decisionText}\nTyped ${edits++}.\n`);
    await timed('search (first)', () => fresh.search('kafka connector'));
  }, { ...HEAVY, iterations: 5 });

  for (const query of ['dulka', 'ADR-0042', 'belcorka quavorin', 'superseded decision about']) {
    bench(`search: '${query}'`, async () => {
      await timed(`search '${query}'`, () => snapshot.search(query));
    }, { ...HEAVY, iterations: 5 });
  }

  bench('glossary.forPath: first use builds the 10,000-term matcher', () => {
    // A new snapshot's glossary is reused while no glossary changed, so build one from the terms directly.
    const fresh = new GlossaryIndex(snapshot.terms);
    return timed('forPath (build)', () => void fresh.forPath(scopedPath));
  }, { ...HEAVY, iterations: 5 });

  bench('TermMatcher scan of a 1 MB file (glossary.forPath)', () => {
    return timed('scan 1 MB', () => void snapshot.glossary.forPath(scopedPath).matcher.findAll(megabyte));
  }, LIGHT);

  bench('floor: split the 1 MB file into lines', () => {
    return timed('scan floor: split 1 MB', () => void megabyte.split('\n'));
  }, LIGHT);
});
