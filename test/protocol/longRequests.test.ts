// Long requests never block the server: a pathological 10,000-character workspace-symbol query (or search) and a
// hover sent at once: the hover is answered first, because the search is capped and runs in slices that give the
// event loop back; a cancelled search answers as cancelled. Ordering of responses, not wall time, is asserted.
// The folder is in memory: 1,000 decisions and 1,000 glossary terms, enough for a search of several slices.
import { CancellationTokenSource, HoverRequest, LSPErrorCodes, WorkspaceSymbolRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '../../server/src/session/budget';
import { SearchRequest } from '../../server/src/protocol';
import { decision, memoryFolder } from '../session/memory';
import { positionOf, TestClient } from './client';

const FOLDER = 'file:///memory/big';
const DOC = `${FOLDER}/src/orders.py`;
const TEXT = '# Orders are written once, see ADR-0007.\n';
const WORDS = ['kafka', 'orders', 'ledger', 'replica', 'schema', 'topic', 'backfill', 'warehouse', 'contract', 'stream'];

function files(): Record<string, string> {
  const out: Record<string, string> = { 'src/orders.py': TEXT };
  for (let n = 1; n <= 1000; n++) {
    const title = `${WORDS[n % 10]} ${WORDS[(n * 7) % 10]} policy ${n}`;
    out[`docs/adr/${String(n).padStart(4, '0')}-decision-${n}.md`] = decision(n, title, `We use ${WORDS[(n * 3) % 10]} for ${WORDS[(n * 5) % 10]}.`);
  }
  const terms = Array.from({ length: 1000 }, (_, i) => `  - name: ${WORDS[i % 10]} term ${i}\n    definition: The ${WORDS[(i * 3) % 10]} of ${WORDS[(i * 7) % 10]}.`);
  out['glossary.yml'] = `terms:\n${terms.join('\n')}\n`;
  return out;
}

let client: TestClient;

beforeAll(async () => {
  client = TestClient.inProcess({ deps: { openFolder: (uri, name, options) => memoryFolder(uri, files(), { ...options, name }).folder } });
  await client.initialize({ folders: [{ uri: FOLDER, name: 'big' }] });
  await client.waitForReady(FOLDER, { timeoutMs: 110_000 });
  const since = client.mark();
  await client.open(DOC, 'python', TEXT);
  await client.waitForReady(FOLDER, { since });
}, 120_000);

afterAll(() => client?.dispose());

const pathological = Array.from({ length: 2000 }, (_, i) => WORDS[i % 10].slice(0, 4)).join(' ').slice(0, 10_000);

async function hoverDuring(longRequest: () => Promise<unknown>): Promise<string[]> {
  const order: string[] = [];
  const long = longRequest().then(() => order.push('long'));
  const hover = client.connection
    .sendRequest(HoverRequest.type, { textDocument: { uri: DOC }, position: positionOf(TEXT, 'ADR-0007', 2) })
    .then((h) => {
      expect((h?.contents as MarkupContent).value.split('\n\n')[0]).toMatch(/^\*\*ADR-0007 /);
      order.push('hover');
    });
  await Promise.all([long, hover]);
  return order;
}

describe('long requests', () => {
  it('answers a hover sent with a 10,000-character workspace-symbol query before the query', async () => {
    expect(pathological.length).toBeGreaterThan(9_000);
    const order = await hoverDuring(() => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: pathological }));
    expect(order).toEqual(['hover', 'long']);
  });

  it('answers a hover sent with a 10,000-character search before the search', async () => {
    const order = await hoverDuring(() => client.connection.sendRequest(SearchRequest, { query: pathological }));
    expect(order).toEqual(['hover', 'long']);
  });

  it('searches with the query cut to its first characters, so a long query finds what its start finds', async () => {
    const capped = await client.connection.sendRequest(SearchRequest, { query: pathological });
    const start = await client.connection.sendRequest(SearchRequest, { query: pathological.slice(0, MAX_QUERY_LENGTH) });
    expect(capped).toEqual(start);
  });

  it('answers a cancelled workspace-symbol request as cancelled', async () => {
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: pathological }, source.token);
    source.cancel();
    await expect(request).rejects.toMatchObject({ code: LSPErrorCodes.RequestCancelled });
  });
});
