// The language server's start on the example parses each markdown document once: the first diagnostics use the
// models the index read the documents with, instead of parsing every document again. Afterwards the models are let
// go (a server does not hold a model of every document), so a later pass parses what it reads again. Every parse is
// counted by the text it read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { materialiseExample, TestClient } from './client';

const parsed = vi.hoisted(() => new Map<string, number>());
vi.mock('../../server/src/core/markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/core/markdown')>();
  return {
    ...actual,
    parseMarkdownDocument: (text: string, limit?: number) => {
      parsed.set(text, (parsed.get(text) ?? 0) + 1);
      return actual.parseMarkdownDocument(text, limit);
    },
  };
});

let root = '';
let folder = '';
let client: TestClient;

beforeAll(async () => {
  const example = materialiseExample();
  root = example.root;
  folder = example.uri;
  client = TestClient.inProcess();
  // Untrusted: no git, so the first diagnostics are the whole start. (With history, the documents it makes stale
  // are diagnosed again when it is in, after the models are let go: a few documents, not the workspace.)
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }], initializationOptions: { trusted: false } });
  await client.waitForReady(folder, { timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('the server start parses each document once', () => {
  it('indexes and publishes the first diagnostics of the example with one parse per markdown document', () => {
    // The first diagnostics were published (some document of the example has findings), so they read the documents.
    expect([...client.diagnostics.values()].some((d) => d.length > 0)).toBe(true);
    const twice = [...parsed].filter(([, n]) => n > 1).map(([text, n]) => `${n}x ${text.slice(0, 60)}`);
    expect(twice).toEqual([]);
    expect(parsed.size).toBeGreaterThan(20);
  });

  it('takes the unchanged settings an editor sends right after the start without reading or publishing again', async () => {
    // VS Code sends the settings once as soon as the server registers for their changes, just after the start.
    const parses = [...parsed.values()].reduce((a, b) => a + b, 0);
    const since = client.mark();
    await client.changeConfiguration();
    await client.waitForStatus(folder, () => true, { since });
    expect(client.events.slice(since).filter((e) => e.kind === 'diagnostics' || e.kind === 'codeLensRefresh')).toEqual([]);
    expect([...parsed.values()].reduce((a, b) => a + b, 0)).toBe(parses);
    // A change that matters is still applied: a severity turned off takes its diagnostics away.
    const code = [...client.diagnostics.values()].flat()[0].code as string;
    const changed = client.mark();
    client.settings = { [folder]: { severity: { [code]: 'off' } } };
    await client.changeConfiguration();
    await client.waitForStatus(folder, () => true, { since: changed });
    expect([...client.diagnostics.values()].flat().filter((d) => d.code === code)).toEqual([]);
  }, 60_000);

  it('lets the models go after the first diagnostics: a document read again is parsed again', async () => {
    // The index as the server drives it: models kept through the first index, then let go, for every snapshot.
    const { ArchitectureIndex } = await import('../../server/src/core/archIndex');
    const { NodeWorkspace } = await import('../../server/src/adapters/nodeWorkspace');
    const repo = fileURLToPath(folder);
    const index = new ArchitectureIndex(new NodeWorkspace(repo));
    index.documentModels.keep(true);
    const snapshot = await index.rebuild();
    const decision = snapshot.decisions[0];
    const text = fs.readFileSync(path.join(repo, decision.path), 'utf8');
    const indexed = parsed.get(text)!;
    snapshot.markdownOf(decision.path, text);
    expect(parsed.get(text)).toBe(indexed);
    index.documentModels.keep(false);
    index.snapshot.markdownOf(decision.path, text);
    expect(parsed.get(text)).toBe(indexed + 1);
  }, 120_000);
});
