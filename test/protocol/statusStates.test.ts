// What the status bar is told while a folder starts: indexing with a count of files read, then ready with its
// counts; the status bar's wording for each of those comes from the client's model.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movesCountOnly, statusBarView } from '../../client/src/model/statusBar';
import type { StatusParams } from '../../server/src/protocol';
import { materialiseExample, TestClient } from './client';

let root: string;
let folder: string;
let client: TestClient;

beforeAll(async () => {
  const example = materialiseExample();
  root = example.root;
  folder = example.uri;
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }], initializationOptions: { trusted: true } });
  await client.waitForReady(folder);
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('status while a folder starts', () => {
  it('counts the files read while indexing, never going back, and ends ready', () => {
    const statuses = client.statuses(folder);
    const first = statuses.findIndex((s) => s.state === 'ready');
    const indexing = statuses.slice(0, first).filter((s) => s.state === 'indexing');
    const counted = indexing.filter((s) => s.progress);
    // The start (0 of all) and the end (all of all) at least; files are read in batches.
    expect(counted.length).toBeGreaterThanOrEqual(2);
    expect(counted[0].progress!.done).toBe(0);
    // Indexing counts the documents (decisions, views, glossaries, markdown); the source files come after ready.
    const total = counted[0].progress!.total;
    expect(total).toBeGreaterThan(20);
    for (let i = 1; i < counted.length; i++) {
      expect(counted[i].progress!.total).toBe(total);
      expect(counted[i].progress!.done).toBeGreaterThanOrEqual(counted[i - 1].progress!.done);
    }
    expect(counted.at(-1)!.progress!.done).toBe(total);
    // As the status bar shows them.
    expect(statusBarView([counted[0]]).text).toBe(`$(sync~spin) Archlens: indexing 0/${total}`);
    const ready = statuses[first];
    expect(ready.progress).toBeUndefined();
    expect(ready.phase).toBe('scanning');
    // Then the scan of the source files, counted apart, while decisions and terms already answer.
    const scanned = statuses.slice(first).filter((s) => s.phase === 'scanning' && s.progress);
    expect(scanned.length).toBeGreaterThanOrEqual(1);
    expect(scanned.at(-1)!.progress!.done).toBe(scanned.at(-1)!.progress!.total);
    expect(scanned.at(-1)!.progress!.total).toBeGreaterThan(20);
  });

  it('tells the views to ask again only on statuses that change more than the count of files read', () => {
    // The views and the active file's facts are asked for again on every status but those that only move the count
    // (each ask is a request the server answers between the slices of its start): every status that says something
    // else new must be one they follow.
    const statuses = client.statuses(folder);
    const rest = ({ progress: _p, message: _m, ...other }: StatusParams) => JSON.stringify(other);
    const countOnly = statuses.filter((s) => movesCountOnly(s));
    expect(countOnly.length).toBeGreaterThanOrEqual(4);
    let followed = statuses[0];
    for (const s of statuses.slice(1)) {
      if (movesCountOnly(s)) expect(rest(s), 'a status the views skip says nothing new but the count').toBe(rest(followed));
      else followed = s;
    }
    expect(movesCountOnly(statuses.at(-1)!)).toBe(false);
  });

  it('says ready with the stale count once history is read, and lists the folder with its state', () => {
    const last: StatusParams = client.statuses(folder).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', history: { state: 'ready' } });
    const view = statusBarView([last]);
    expect(view.text).toBe(`$(book) Archlens: ready · ${last.stale} stale`);
    expect(last.stale).toBeGreaterThan(0);
    expect(view.tooltip.split('\n')[0]).toMatch(new RegExp(`^data-platform: ready — 18 decisions, ${last.terms} terms, 4 views, ${last.problems} problems?, ${last.stale} stale$`));
  });
});
