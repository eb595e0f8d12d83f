// Start-up of the built server on the example repository (with its git history): spawn → the first ready status
// (decisions, terms, references and diagnostics answer; git history still being read) and spawn → fully ready
// (stale findings included). The first should not wait for git.
// Run: npx vitest bench --run bench/startup.bench.ts
import fs from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { ensureServerBuilt, materialiseExample, SERVER_MAIN, TestClient } from '../test/protocol/client';

let example: { root: string; uri: string } | undefined;
function folder(): string {
  if (!example) {
    ensureServerBuilt();
    example = materialiseExample();
  }
  return example.uri;
}

async function startUntil(done: (phase: string | undefined) => boolean): Promise<void> {
  const uri = folder();
  const client = TestClient.spawn(SERVER_MAIN);
  try {
    await client.initialize({ folders: [{ uri, name: 'data-platform' }] });
    await client.waitForStatus(uri, (s) => s.state === 'ready' && done(s.phase), { timeoutMs: 60_000 });
    await client.shutdown();
  } finally {
    client.dispose();
  }
}

describe('server start-up on the example', () => {
  bench('spawn → ready for decisions and terms (history may still be reading)', () => startUntil(() => true), { iterations: 5, time: 0, warmupIterations: 1 });
  bench('spawn → ready with git history read', () => startUntil((phase) => phase !== 'reading-history'), { iterations: 5, time: 0, warmupIterations: 1 });
});

afterAll(() => {
  if (example) fs.rmSync(example.root, { recursive: true, force: true });
});
