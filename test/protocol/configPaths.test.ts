// Paths named by configuration files stay inside the workspace folder: an `.adr-dir` (in the folder or found
// above it), `.log4brains.yml`, `.archlens.yml` and `mkdocs.yml` that point outside are not followed, and New
// Decision never creates a file outside the folder. Real folders on disk, the real server over the protocol.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adrDirAbove } from '../../server/src/core/discovery';
import { isInsideWorkspace } from '../../server/src/core/newDecision';
import { DecisionsRequest, NewDecisionRequest } from '../../server/src/protocol';
import { TestClient } from './client';

const DECISION = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\n${title}.\n`;

let client: TestClient | undefined;
const cleanup: string[] = [];

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary parent folder (for markers above the workspace) holding the workspace `ws`. */
function tree(files: Record<string, string>): { parent: string; ws: string; uri: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-config-'));
  cleanup.push(parent);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(parent, rel)), { recursive: true });
    fs.writeFileSync(path.join(parent, rel), text);
  }
  const ws = path.join(parent, 'ws');
  fs.mkdirSync(ws, { recursive: true });
  return { parent, ws, uri: pathToFileURL(ws).href };
}

async function start(uri: string): Promise<TestClient> {
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri, name: 'ws' }] });
  await client.waitForReady(uri);
  return client;
}

async function newDecisionUri(c: TestClient, uri: string): Promise<string> {
  const result = await c.connection.sendRequest(NewDecisionRequest, { folder: uri, title: 'Escape attempt', template: 'nygard' });
  return result.uri;
}

describe('paths from configuration files', () => {
  it('ignores an .adr-dir above the folder that leads out of it; New Decision stays inside', async () => {
    const t = tree({ '.adr-dir': '../../../tmp/x\n', 'ws/doc/adr/0001-first.md': DECISION(1, 'First') });
    const c = await start(t.uri);
    const created = await newDecisionUri(c, t.uri);
    expect(created.startsWith(`${t.uri}/`)).toBe(true);
    expect(created).toBe(`${t.uri}/doc/adr/0002-escape-attempt.md`);
  });

  it('follows an .adr-dir above the folder that leads down into it', async () => {
    const t = tree({ '.adr-dir': 'ws/architecture/decisions\n', 'ws/architecture/decisions/0001-first.md': DECISION(1, 'First') });
    const c = await start(t.uri);
    expect((await c.connection.sendRequest(DecisionsRequest, {})).map((d) => d.path)).toEqual(['architecture/decisions/0001-first.md']);
    expect(await newDecisionUri(c, t.uri)).toBe(`${t.uri}/architecture/decisions/0002-escape-attempt.md`);
  });

  it('reports an .adr-dir in the folder that leads out of it, and creates decisions inside', async () => {
    const t = tree({ 'ws/.adr-dir': '../../../tmp/x\n', 'outside/0001-outside.md': DECISION(1, 'Outside') });
    const c = await start(t.uri);
    const diagnostics = await c.waitForDiagnostics(`${t.uri}/.adr-dir`, (d) => d.length > 0);
    expect(diagnostics.map((d) => d.code)).toEqual(['bad-config']);
    const created = await newDecisionUri(c, t.uri);
    expect(created).toBe(`${t.uri}/docs/adr/0001-escape-attempt.md`);
  });

  it('does not read decisions outside the folder named by .log4brains.yml, .archlens.yml or mkdocs.yml', async () => {
    const t = tree({
      'outside/adr/0001-outside.md': DECISION(1, 'Outside'),
      'ws/.log4brains.yml': 'project:\n  name: x\n  adrFolder: ../outside/adr\n',
      'ws/.archlens.yml': 'decisions:\n  - ../outside/adr/*.md\n  - /etc/*.md\n',
      'ws/mkdocs.yml': 'site_name: x\ndocs_dir: ../outside\nsite_dir: ../../\n',
      'ws/docs/adr/0001-inside.md': DECISION(1, 'Inside'),
    });
    const c = await start(t.uri);
    expect((await c.connection.sendRequest(DecisionsRequest, {})).map((d) => d.path)).toEqual(['docs/adr/0001-inside.md']);
    expect(await newDecisionUri(c, t.uri)).toBe(`${t.uri}/docs/adr/0002-escape-attempt.md`);
  });
});

describe('the rules', () => {
  it('resolves an .adr-dir above the root through the root only', () => {
    expect(adrDirAbove({ levelsUp: 1, rootPath: 'ws', content: 'ws/docs/adr\n' })).toBe('docs/adr');
    expect(adrDirAbove({ levelsUp: 2, rootPath: 'a/ws', content: './a/ws/adr' })).toBe('adr');
    for (const content of ['../../../tmp/x', 'ws/../../tmp/x', 'other/docs/adr', 'ws', '/tmp/x', 'ws/../other']) {
      expect(adrDirAbove({ levelsUp: 1, rootPath: 'ws', content }), content).toBeUndefined();
    }
  });

  it('knows a path inside the workspace from one outside', () => {
    expect(isInsideWorkspace('docs/adr/0001-x.md')).toBe(true);
    for (const p of ['../x.md', 'docs/../../x.md', '/tmp/x.md', 'C:/x.md', '..\\x.md', '']) expect(isInsideWorkspace(p), p).toBe(false);
  });
});
