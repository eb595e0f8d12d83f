// The disk workspace lists and reads with synchronous calls in short slices: these tests check what it returns and
// that the event loop gets its turns between slices, so a request is answered while a large tree is read.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';

let root: string;
const FILES = 300;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-nodews-'));
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, `pkg${i % 7}`, i % 2 ? 'src' : 'docs');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `f${i}.txt`), `file ${i}\n`.repeat(i % 5));
  }
  fs.mkdirSync(path.join(root, 'skipped'));
  fs.writeFileSync(path.join(root, 'skipped', 'x.txt'), 'never listed');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function countTurns(): { stop: () => number } {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('NodeWorkspace', () => {
  it('lists every regular file, sorted, without entering skipped folders; the size comes with the read', async () => {
    const ws = new NodeWorkspace(root);
    const files = await ws.listFiles((dir) => dir === 'skipped');
    expect(files).toHaveLength(FILES);
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
    // No stat per listed file: the read learns the size (and refuses a file over the limit before reading it).
    const f7 = files.find((f) => f.path === 'pkg0/src/f7.txt')!;
    expect(f7.size).toBeUndefined();
    const size = Buffer.byteLength('file 7\n'.repeat(2));
    expect((await ws.readFileWithin('pkg0/src/f7.txt', size)) as Uint8Array).toHaveLength(size);
    expect(await ws.readFileWithin('pkg0/src/f7.txt', size - 1)).toBe(size);
  });

  it('reads bytes, and nothing outside the workspace or missing', async () => {
    const ws = new NodeWorkspace(root);
    expect(new TextDecoder().decode(await ws.readFile('pkg1/src/f1.txt'))).toBe('file 1\n');
    expect(await ws.readFile('pkg1/src/missing.txt')).toBeUndefined();
    expect(await ws.readFile('../outside.txt')).toBeUndefined();
  });

  it('gives the event loop turns between slices of listing and reading', async () => {
    // A slice of 0 ms yields before every call, so the count does not depend on the machine's speed.
    const ws = new NodeWorkspace(root, { sliceMs: 0 });
    const listing = countTurns();
    const files = await ws.listFiles(() => false);
    expect(listing.stop()).toBeGreaterThan(7);
    const reading = countTurns();
    await Promise.all(files.map((f) => ws.readFile(f.path)));
    expect(reading.stop()).toBeGreaterThan(0);
  });

  it('with the default slice, a whole listing and read of a small tree still completes and returns the same', async () => {
    const fast = new NodeWorkspace(root);
    const sliced = new NodeWorkspace(root, { sliceMs: 0 });
    expect(await fast.listFiles(() => false)).toEqual(await sliced.listFiles(() => false));
  });
});
