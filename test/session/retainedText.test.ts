// What a folder session keeps in memory after its first index and diagnostics: derived data (decisions, terms,
// references, findings), not the texts of the files it read. The files' bytes hold a word made only of bytes (it
// never exists as a JavaScript string in this test), in places no derived data quotes: an HTML comment of each
// decision (search text and passages leave comments out) and a comment line of each source file. A heap snapshot of
// the process then must not hold the word: a session keeping every document's markdown model, or every text, would.
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { folderDiagnostics } from '../../server/src/session/folderDiagnostics';
import { FolderSession } from '../../server/src/session/folderSession';
import { ControlledHistory, FIXED_NOW, MemorySessionWorkspace } from './memory';

/** "keptword" as bytes, with a number: built from character codes so no string of it is ever made. */
function marker(n: number): Buffer {
  return Buffer.concat([Buffer.from([0x6b, 0x65, 0x70, 0x74, 0x77, 0x6f, 0x72, 0x64]), Buffer.from(String(n * 7919))]);
}

function bytes(...parts: (string | Buffer)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
}

function workspaceFiles(count: number): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let n = 1; n <= count; n++) {
    const id = String(n).padStart(4, '0');
    files[`docs/adr/${id}-decision-${n}.md`] = bytes(
      `# ${n}. Decision ${n}\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Context\n\n<!-- `,
      marker(n),
      ` -->\n\nThe context of decision ${n}, which cites ADR-9999 (no such decision).\n\n## Decision\n\nWe decided ${n}.\n`,
    );
    files[`src/m${n}/code.py`] = bytes(`# `, marker(count + n), `\n# see ADR-${id}\nx = ${n}\n`);
  }
  return files;
}

/** Whether the heap snapshot's text holds any of the byte strings (a match may span two chunks). */
async function heapHolds(needles: readonly Buffer[]): Promise<boolean> {
  const longest = Math.max(...needles.map((n) => n.length));
  let tail = Buffer.alloc(0);
  for await (const chunk of getHeapSnapshot()) {
    const data = Buffer.concat([tail, chunk as Buffer]);
    if (needles.some((n) => data.includes(n))) return true;
    tail = data.subarray(Math.max(0, data.length - longest));
  }
  return false;
}

describe('memory of a folder session', () => {
  it('keeps no text of the files it read once they are indexed and diagnosed', async () => {
    const count = 60;
    const workspace = new MemorySessionWorkspace(workspaceFiles(count));
    const history = new ControlledHistory();
    const folder = new FolderSession('file:///memory/work', 'memory', { workspace, openHistory: () => history.open(), now: () => FIXED_NOW }, { trusted: true });
    await folder.startIndex({});
    await folder.readHistory();
    const results = await folderDiagnostics(folder);
    // Every decision was diagnosed (its unknown citation), so every decision's markdown model was built.
    const diagnosed = new Set(results.filter((r) => r.diagnostics.some((d) => d.code === 'unknown-decision')).map((r) => r.uri));
    expect(diagnosed.size).toBeGreaterThanOrEqual(count);
    expect(folder.snapshot.decisions).toHaveLength(count);
    // The workspace itself holds the bytes; what a session keeps is checked without it.
    const needles = Array.from({ length: 2 * count }, (_, i) => marker(i + 1));
    workspace.files.clear();
    expect(await heapHolds(needles)).toBe(false);
    // The check can see a kept text: the session's own snapshot still answers, and a text held on purpose is found.
    const held = new TextDecoder().decode(bytes('x ', marker(1)));
    expect(await heapHolds([marker(1)])).toBe(true);
    expect(held.length).toBeGreaterThan(0);
    expect(folder.snapshot.decisions[0].title).toBe('Decision 1');
  }, 60_000);
});
