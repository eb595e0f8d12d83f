// Symbolic links follow one rule on both ways files reach the index (the first listing and file-watcher events):
// the workspace is what is reached from the root without crossing a link. Real folders and links on disk, the
// real server over the protocol.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { DecisionsRequest, GlossaryRequest } from '../../server/src/protocol';
import { TestClient } from './client';

const DECISION = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\n${title}.\n`;

let parent: string;
let ws: string;
let uri: string;
let client: TestClient;

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(parent, rel)), { recursive: true });
  fs.writeFileSync(path.join(parent, rel), text);
}

const decisionPaths = async () => (await client.connection.sendRequest(DecisionsRequest, {})).map((d) => d.path).sort();

beforeAll(async () => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-links-'));
  ws = path.join(parent, 'ws');
  write('ws/docs/adr/0001-inside.md', DECISION(1, 'Inside'));
  write('outside/adr/0007-outside.md', DECISION(7, 'Outside'));
  write('outside/glossary.md', '# Glossary\n\n## Secret\n\nA term from outside the workspace.\n');
  // Present before the server starts: the first listing must not follow them.
  fs.symlinkSync(path.join(parent, 'outside/adr'), path.join(ws, 'docs/adr-outside'), 'dir');
  fs.symlinkSync('..', path.join(ws, 'docs/loop'), 'dir'); // ws/docs/loop -> ws: the workspace again
  fs.symlinkSync(path.join(parent, 'outside/adr/0007-outside.md'), path.join(ws, 'docs/adr/0002-linked.md'), 'file');
  fs.symlinkSync(path.join(parent, 'outside/glossary.md'), path.join(ws, 'glossary.md'), 'file');
  uri = pathToFileURL(ws).href;
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri, name: 'ws' }] });
  await client.waitForReady(uri);
});

afterAll(async () => {
  await client?.shutdown();
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('symbolic links', () => {
  it('the first listing indexes the workspace once and nothing behind a link', async () => {
    expect(await decisionPaths()).toEqual(['docs/adr/0001-inside.md']);
    expect(await client.connection.sendRequest(GlossaryRequest, {})).toEqual([]);
    const listed = (await new NodeWorkspace(ws).listFiles(() => false)).map((f) => f.path);
    expect(listed).toEqual(['docs/adr/0001-inside.md']);
  });

  it('file-watcher events for new links read nothing behind them, and real files still arrive', async () => {
    fs.symlinkSync(path.join(parent, 'outside'), path.join(ws, 'more'), 'dir');
    fs.symlinkSync('../..', path.join(ws, 'docs/adr/up'), 'dir'); // ws/docs/adr/up -> ws
    fs.symlinkSync(path.join(parent, 'outside/adr/0007-outside.md'), path.join(ws, 'docs/adr/0003-linked.md'), 'file');
    write('ws/docs/adr/0004-real.md', DECISION(4, 'Real'));
    const since = client.mark();
    const created = (rel: string): FileEvent => ({ uri: `${uri}/${rel}`, type: FileChangeType.Created });
    await client.filesChanged([
      created('more'),
      created('docs/adr/up'),
      created('docs/adr/0003-linked.md'),
      created('docs/adr-outside/0007-outside.md'),
      created('docs/loop/docs/adr/0001-inside.md'),
      created('glossary.md'),
      created('docs/adr/0004-real.md'),
    ]);
    await client.waitForStatus(uri, (s) => s.state === 'ready' && s.decisions === 2, { since });
    expect(await decisionPaths()).toEqual(['docs/adr/0001-inside.md', 'docs/adr/0004-real.md']);
    expect(await client.connection.sendRequest(GlossaryRequest, {})).toEqual([]);
  });

  it('a file replaced by a link drops out of the index', async () => {
    fs.rmSync(path.join(ws, 'docs/adr/0004-real.md'));
    fs.symlinkSync(path.join(parent, 'outside/adr/0007-outside.md'), path.join(ws, 'docs/adr/0004-real.md'), 'file');
    const since = client.mark();
    await client.filesChanged([{ uri: `${uri}/docs/adr/0004-real.md`, type: FileChangeType.Changed }]);
    await client.waitForStatus(uri, (s) => s.state === 'ready' && s.decisions === 1, { since });
    expect(await decisionPaths()).toEqual(['docs/adr/0001-inside.md']);
  });

  it('reads no file through a link, whoever asks', async () => {
    const w = new NodeWorkspace(ws);
    expect(await w.readFile('docs/adr/0003-linked.md')).toBeUndefined();
    expect(w.entryKind('docs/adr-outside/0007-outside.md')).toBeUndefined();
    expect(w.entryKind('docs/loop')).toBeUndefined();
    expect(w.entryKind('docs/adr/0001-inside.md')).toBe('file');
    expect(w.entryKind('docs')).toBe('dir');
  });
});
