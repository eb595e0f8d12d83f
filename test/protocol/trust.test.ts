// Trust fails closed: an editor that says nothing about workspace trust (Neovim, Helix with the standalone
// server) gets limited mode — no git, no file writes — unless the user opts in with initializationOptions
// `{ trusted: true }` or the `--trusted` flag. Git is never opened in an untrusted session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { NewDecisionRequest } from '../../server/src/protocol';
import { sessionTrust } from '../../server/src/session/trust';
import { ensureServerBuilt, SERVER_MAIN, TestClient } from './client';

const FILES: Record<string, string> = {
  'docs/adr/0001-record-decisions.md': '# 1. Record decisions\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\nWe keep decision records.\n',
};

let uri: string;
let client: TestClient | undefined;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-trust-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  uri = pathToFileURL(dir).href;
});

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

function recordingClient(argv: string[]): { client: TestClient; opened: string[] } {
  const opened: string[] = [];
  const c = TestClient.inProcess({
    deps: {
      argv,
      openHistory: (dir, options) => {
        opened.push(dir);
        return openGitHistory(dir, options);
      },
    },
  });
  return { client: c, opened };
}

async function newDecisionError(c: TestClient): Promise<ResponseError<unknown> | undefined> {
  try {
    await c.connection.sendRequest(NewDecisionRequest, { folder: uri, title: 'Outside', template: 'nygard' });
    return undefined;
  } catch (err) {
    return err as ResponseError<unknown>;
  }
}

describe('session trust', () => {
  it('is limited when the editor says nothing, and tells the user how to opt in', async () => {
    const r = recordingClient(['node', 'main.js', '--stdio']);
    client = r.client;
    await client.initialize({ folders: [{ uri, name: 'ws' }], initializationOptions: null });
    const ready = await client.waitForReady(uri);
    expect(ready).toMatchObject({ limited: true, decisions: 1, history: { state: 'off', reason: 'untrusted' } });
    expect(r.opened).toEqual([]);
    expect((await newDecisionError(client))?.code).toBe(ErrorCodes.InvalidRequest);
    const logged = client.events.flatMap((e) => (e.kind === 'log' ? [e.message] : []));
    expect(logged.some((m) => m.includes('initializationOptions = { trusted = true }') && m.includes('--trusted'))).toBe(true);
  });

  it('is limited with initialization options that say nothing about trust', async () => {
    const r = recordingClient([]);
    client = r.client;
    await client.initialize({ folders: [{ uri, name: 'ws' }], initializationOptions: { somethingElse: 1 } });
    expect(await client.waitForReady(uri)).toMatchObject({ limited: true });
    expect(r.opened).toEqual([]);
  });

  it('is trusted with initializationOptions { trusted: true }, and reads git', async () => {
    const r = recordingClient([]);
    client = r.client;
    await client.initialize({ folders: [{ uri, name: 'ws' }], initializationOptions: { trusted: true } });
    expect(await client.waitForReady(uri)).toMatchObject({ limited: false });
    await client.waitForStatus(uri, (s) => s.history.reason !== 'pending');
    expect(r.opened.length).toBe(1);
  });

  it('believes an editor that says untrusted over the --trusted flag', () => {
    expect(sessionTrust({ trusted: false }, ['--trusted'])).toMatchObject({ trusted: false, source: 'client' });
    expect(sessionTrust(undefined, ['--trusted'])).toMatchObject({ trusted: true, source: 'flag' });
    expect(sessionTrust({ trusted: 'yes' }, [])).toMatchObject({ trusted: false, source: 'default' });
  });

  it('the built server is limited without the flag and trusted with it', { timeout: 120_000 }, async () => {
    ensureServerBuilt();
    for (const [args, limited] of [[[], true], [['--trusted'], false]] as const) {
      client = TestClient.spawn(SERVER_MAIN, { args: [...args] });
      await client.initialize({ folders: [{ uri, name: 'ws' }], initializationOptions: null });
      expect(await client.waitForReady(uri)).toMatchObject({ limited });
      await client.shutdown();
      client = undefined;
    }
  });
});
