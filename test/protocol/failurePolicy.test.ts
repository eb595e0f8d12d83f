// One failure policy for the whole server: a failure inside an analysis pass (here the workspace throws while the
// index reads a file a watcher announced) is logged with its stack, reported in archlens/status, and the server
// keeps answering. The failure is injected through the folder's workspace, a dependency of the session.
import { FileChangeType, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCAPED_LIMIT, FailurePolicy } from '../../server/src/session/failures';
import { decision, memoryFolder, type MemoryFolder } from '../session/memory';
import { positionOf, TestClient } from './client';

const FOLDER = 'file:///memory/project';
const DOC = `${FOLDER}/src/orders.py`;
const TEXT = '# Orders are written once, see ADR-0001.\n';

let client: TestClient;
let memory: MemoryFolder;

beforeAll(async () => {
  client = TestClient.inProcess({
    deps: {
      openFolder: (uri, name, options) => {
        memory = memoryFolder(uri, { 'docs/adr/0001-use-postgres.md': decision(1, 'Use PostgreSQL'), 'src/orders.py': TEXT }, { ...options, name });
        return memory.folder;
      },
    },
  });
  await client.initialize({ folders: [{ uri: FOLDER, name: 'project' }] });
  await client.waitForReady(FOLDER);
  const since = client.mark();
  await client.open(DOC, 'python', TEXT);
  await client.waitForReady(FOLDER, { since });
});

afterAll(() => client?.dispose());

describe('a failure in an analysis pass', () => {
  it('is logged with its stack and reported in the status, and the server still answers hovers', async () => {
    memory.workspace.files.set('src/boom.py', 'x = 1\n');
    memory.workspace.failOn = (path) => path === 'src/boom.py';
    const since = client.mark();
    await client.filesChanged([{ uri: `${FOLDER}/src/boom.py`, type: FileChangeType.Created }]);

    const status = await client.waitForStatus(FOLDER, (s) => s.problem !== undefined, { since });
    expect(status.problem?.message).toMatch(/applying file changes \(project\) failed: injected failure reading src\/boom\.py/);
    expect(status.problem?.count).toBe(1);
    expect(status.state).toBe('ready');
    const log = await client.waitFor((e) => (e.kind === 'log' && e.message.includes('injected failure') ? e.message : undefined), { since });
    expect(log).toMatch(/\n\s+at /); // the stack, not only the message

    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: DOC }, position: positionOf(TEXT, 'ADR-0001', 2) });
    expect((h?.contents as MarkupContent).value.split('\n\n')[0]).toBe('**ADR-0001 Use PostgreSQL**');
  });

  it('keeps indexing later changes once the fault is gone', async () => {
    memory.workspace.failOn = () => false;
    memory.workspace.files.set('docs/adr/0002-use-kafka.md', decision(2, 'Use Kafka'));
    const since = client.mark();
    await client.filesChanged([{ uri: `${FOLDER}/docs/adr/0002-use-kafka.md`, type: FileChangeType.Created }]);
    expect((await client.waitForReady(FOLDER, { since })).decisions).toBe(2);
  });
});

describe('failures that escape every handler', () => {
  function policy() {
    let now = 0;
    const logs: string[] = [];
    const stops: string[] = [];
    const p = new FailurePolicy((t) => logs.push(t), () => undefined, () => now);
    const escape = (i: number) => p.escaped(new Error(`escaped ${i}`), (text) => stops.push(text));
    return { p, logs, stops, escape, advance: (ms: number) => (now += ms) };
  }

  it(`stop the server at the ${ESCAPED_LIMIT.count}th within ${ESCAPED_LIMIT.windowMs} ms, with the last stack, once`, () => {
    const { p, logs, stops, escape, advance } = policy();
    for (let i = 1; i < ESCAPED_LIMIT.count; i++) {
      escape(i);
      advance(ESCAPED_LIMIT.windowMs / ESCAPED_LIMIT.count);
    }
    expect(stops).toEqual([]);
    expect(logs).toHaveLength(ESCAPED_LIMIT.count - 1);
    escape(ESCAPED_LIMIT.count);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(new RegExp(`stops: ${ESCAPED_LIMIT.count} failures escaped its handlers`));
    expect(stops[0]).toMatch(new RegExp(`The last: Error: escaped ${ESCAPED_LIMIT.count}\\n\\s+at `));
    expect(p.problem?.count).toBe(ESCAPED_LIMIT.count);
  });

  it('are survived when they are spread wider than the window', () => {
    const { stops, escape, advance } = policy();
    for (let i = 1; i <= ESCAPED_LIMIT.count * 3; i++) {
      escape(i);
      advance(ESCAPED_LIMIT.windowMs / (ESCAPED_LIMIT.count - 1) + 1);
    }
    expect(stops).toEqual([]);
  });
});
