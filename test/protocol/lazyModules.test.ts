// The built server loads the packages only some features need (graph layout, fuzzy search, XML manifests; see
// core/lazyModule.ts) when a feature first needs them, never before it is ready: they are files of their own
// (server/out/vendor), and the server is spawned as an editor runs it, with every module load it makes reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphRequest } from '../../server/src/protocol/onboarding';
import { SearchRequest } from '../../server/src/protocol';
import { ensureServerBuilt, materialiseExample, REPO_ROOT, SERVER_MAIN, TestClient } from './client';

const LOADS = path.resolve(__dirname, '../helpers/moduleLoads.cjs');
const VENDOR = path.join(REPO_ROOT, 'server/out/vendor');

let root = '';
let folder = '';
let client: TestClient;

/** The files of server/out/vendor the server has loaded so far. */
function vendorLoaded(): string[] {
  return [...client.stderr().matchAll(/^archlens-module-load (.*)$/gm)].map((m) => m[1]).filter((f) => f.startsWith(VENDOR)).map((f) => path.basename(f));
}

beforeAll(async () => {
  ensureServerBuilt();
  const example = materialiseExample();
  root = example.root;
  folder = example.uri;
  client = TestClient.spawn(SERVER_MAIN, { nodeArgs: ['--require', LOADS] });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  await client.waitForReady(folder, { timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('packages loaded on first use', () => {
  it('are not loaded by the time the server is ready, history and diagnostics included', () => {
    // The server's own bundle was reported, so the report covers what it loads.
    expect(client.stderr()).toContain(`archlens-module-load ${SERVER_MAIN}`);
    expect(fs.readdirSync(VENDOR).filter((f) => f.endsWith('.js'))).toEqual(expect.arrayContaining(['dagre.js', 'fuse.js']));
    expect(client.diagnostics.size).toBeGreaterThan(0);
    expect(vendorLoaded()).toEqual([]);
  });

  it('are loaded by the feature that needs them: the graph lays out with dagre, a search ranks with fuse.js', async () => {
    const graph = await client.connection.sendRequest(GraphRequest, { folder });
    expect(graph.svg).toContain('<svg');
    expect(vendorLoaded()).toEqual(['dagre.js']);
    const hits = await client.connection.sendRequest(SearchRequest, { query: 'kafka connect', folder });
    expect(hits.length).toBeGreaterThan(0);
    expect(vendorLoaded()).toEqual(['dagre.js', 'fuse.js']);
  });
});
