// After its start the server reads the why-index in the background (term hovers list the decisions about the term
// from it), so the first term hover does not wait for it; a hover that comes first finishes the reading instead of
// starting another. Every decision read into the index is counted (whyWork); the end of the background reading is
// the signal the test waits for.
import * as fs from 'node:fs';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { whyWork } from '../../server/src/core/why/rank';
import { materialiseExample, positionOf, TestClient } from './client';

const prepared = vi.hoisted(() => {
  let resolve!: () => void;
  return { done: new Promise<void>((r) => (resolve = r)), resolve };
});
vi.mock('../../server/src/core/why/rank', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/core/why/rank')>();
  return {
    ...actual,
    prepareWhyIndex: async (...args: Parameters<typeof actual.prepareWhyIndex>) => {
      await actual.prepareWhyIndex(...args);
      prepared.resolve();
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
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }], initializationOptions: { trusted: false } });
  await client.waitForReady(folder, { timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('answers prepared after the start', () => {
  it('reads the why-index once in the background; the first term hover reads no decision', async () => {
    await prepared.done;
    const read = whyWork.decisions;
    // What the CLI reads of the same folder: its own decisions and those of the log it mounts as a source.
    const cli = nodeFolderSession(folder, 'data-platform', { trusted: false });
    await cli.start({});
    const decisions = cli.snapshot.decisions.length;
    expect(decisions).toBeGreaterThan(10);
    expect(read).toBe(decisions);
    const uri = `${folder}/cdc-notes.py`;
    const code = '# CDC events land in bronze.\n';
    await client.open(uri, 'python', code);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(code, 'CDC', 1) });
    expect((hover?.contents as MarkupContent).value).toContain('Decisions about it');
    expect(whyWork.decisions).toBe(read);
  });
});
