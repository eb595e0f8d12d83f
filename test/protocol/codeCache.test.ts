// The server as VS Code starts it in a trusted workspace: `node server/out/codeCache.js --code-cache=<folder>`, the
// bundle run with a V8 code cache kept in a folder of the extension's own. The first start writes the cache there
// (nothing in the workspace), the next one uses it, and a damaged cache or one of another bundle costs only a start
// without it. The loader says what it did on stderr when ARCHLENS_CODE_CACHE_TRACE is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, SERVER_MAIN, TestClient } from './client';

const LOADER = path.join(path.dirname(SERVER_MAIN), 'codeCache.js');
let root: string;
let workspace: string;
let cacheDir: string;

beforeAll(() => {
  ensureServerBuilt();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-code-cache-'));
  workspace = path.join(root, 'workspace');
  cacheDir = path.join(root, 'storage', 'code-cache');
  fs.mkdirSync(path.join(workspace, 'docs/adr'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'docs/adr/0001-use-postgres.md'), '# 1. Use PostgreSQL\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n');
  fs.writeFileSync(path.join(workspace, 'notes.md'), 'See ADR-0001 and ADR-0009.\n');
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** One start through the loader to its first diagnostics, then shutdown and exit; what the loader reported. */
async function start(nodeArgs: string[] = []): Promise<string[]> {
  const uri = pathToFileURL(workspace).href;
  const client = TestClient.spawn(LOADER, { nodeArgs, args: [`--code-cache=${cacheDir}`], env: { ARCHLENS_CODE_CACHE_TRACE: '1' } });
  try {
    await client.initialize({ folders: [{ uri, name: 'workspace' }], initializationOptions: { trusted: false } });
    await client.waitForReady(uri, { timeoutMs: 60_000 });
    const notes = await client.waitForDiagnostics(`${uri}/notes.md`, (d) => d.length > 0, { timeoutMs: 60_000 });
    expect(notes.map((d) => d.code)).toEqual(['unknown-decision']);
    expect(await client.shutdown()).toBe(0);
  } finally {
    client.dispose();
  }
  return [...client.stderr().matchAll(/^archlens-code-cache (\w+)$/gm)].map((m) => m[1]);
}

const caches = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.cache'));

describe('the code-cache loader', () => {
  it('writes the cache in its own folder on the first start and uses it on the next', async () => {
    expect(await start()).toEqual(['none', 'written']);
    expect(caches()).toHaveLength(1);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(workspace).sort()).toEqual(['docs', 'notes.md']);
    expect(await start()).toEqual(['used']);
  }, 120_000);

  it('starts without a damaged or cut-short cache and writes a good one', async () => {
    const file = path.join(cacheDir, caches()[0]);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(await start()).toEqual(['none', 'written']);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 40));
    expect(await start()).toEqual(['none', 'written']);
    expect(await start()).toEqual(['used']);
  }, 180_000);

  it('is written before the server changes a V8 flag, so the next start can use it', async () => {
    // The memory release turns on --expose-gc once a start has grown the heap; a preload does the same here, right
    // after the bundle has run. A cache written after the change would be turned down by every later start.
    for (const f of caches()) fs.rmSync(path.join(cacheDir, f));
    const preload = path.join(root, 'set-flag.cjs');
    fs.writeFileSync(preload, "setImmediate(() => require('node:v8').setFlagsFromString('--expose-gc'));\n");
    expect(await start([`--require=${preload}`])).toEqual(['none', 'written']);
    expect(await start([`--require=${preload}`])).toEqual(['used']);
  }, 120_000);

  it('replaces the cache of another bundle', async () => {
    const other = path.join(cacheDir, `server-${'0'.repeat(32)}.cache`);
    fs.copyFileSync(path.join(cacheDir, caches()[0]), other);
    fs.rmSync(path.join(cacheDir, caches().find((f) => path.join(cacheDir, f) !== other)!));
    expect(await start()).toEqual(['none', 'written']);
    expect(fs.existsSync(other)).toBe(false);
    expect(caches()).toHaveLength(1);
  }, 120_000);
});
