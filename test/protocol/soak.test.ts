// Soak: thousands of edits and hovers over the protocol against one server. Every hover sent in the middle of the
// burst (without waiting for it, nor for the index to catch up) answers for the text of the edit just before it.
// After a warm-up the heap stays within a bound (an index or cache that grows with every edit would break it), and
// at shutdown the server leaves no timer, watcher or other handle behind. Short in CI; `SOAK_EDITS=20000 npx vitest run test/protocol/soak.test.ts`
// runs it longer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { TestClient } from './client';

const EDITS = Number(process.env.SOAK_EDITS ?? 1500);
const DECISION = (n: number) => `# ${n}. Decision ${n}\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\nWe use CDC ${n}.\n`;

const resources = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
const count = (list: string[]) => list.reduce<Record<string, number>>((m, r) => ((m[r] = (m[r] ?? 0) + 1), m), {});

describe('soak', () => {
  it(`${EDITS} edits and hovers: bounded heap, no leaked handles`, { timeout: 600_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-soak-'));
    for (let n = 1; n <= 20; n++) {
      fs.mkdirSync(path.join(dir, 'docs/adr'), { recursive: true });
      fs.writeFileSync(path.join(dir, `docs/adr/${String(n).padStart(4, '0')}-d${n}.md`), DECISION(n));
    }
    fs.writeFileSync(path.join(dir, 'glossary.yml'), 'terms:\n  - name: CDC\n    definition: Change data capture.\n');
    const uri = pathToFileURL(dir).href;
    const before = count(resources());
    const client = TestClient.inProcess();
    await client.initialize({ folders: [{ uri, name: 'soak' }] });
    await client.waitForReady(uri);

    const doc = `${uri}/src/app.py`;
    await client.open(doc, 'python', '# ADR-0001 CDC\n');
    let heapAfterWarmUp = 0;
    const answers: Promise<{ edit: number; expected: string; answer: string; term: string }>[] = [];
    for (let i = 0; i < EDITS; i++) {
      const n = 1 + (i % 20);
      await client.change(doc, `# ADR-${String(n).padStart(4, '0')} CDC\n${'x = 1\n'.repeat(i % 50)}`);
      if (i % 5 === 0) {
        // Not awaited: the next edits go out while the server answers, as when an editor hovers during typing.
        const ask = (character: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc }, position: { line: 0, character } });
        answers.push(
          Promise.all([ask(4), ask(12)]).then(([decision, term]) => ({
            edit: i,
            expected: `Decision ${n}`, // the bold title ends right after the number
            answer: (decision?.contents as MarkupContent | undefined)?.value ?? '(no hover)',
            term: (term?.contents as MarkupContent | undefined)?.value ?? '(no hover)',
          })),
        );
      }
      if (i === Math.floor(EDITS / 5)) {
        global.gc?.();
        heapAfterWarmUp = process.memoryUsage().heapUsed;
      }
    }
    // Each hover answered for the decision its edit cites (the title line of that decision, not of an older edit's)
    // and found the glossary term on the same line.
    const wrong = (await Promise.all(answers)).filter((a) => !a.answer.includes(`${a.expected}**`) || !a.term.includes('Change data capture'));
    expect(wrong.slice(0, 3), `${wrong.length} of ${answers.length} mid-burst hovers answered for other text`).toEqual([]);
    // Once the server has caught up with the last edit (its diagnostics name the unknown decision it cites), the
    // hover still answers from it.
    await client.change(doc, '# ADR-0003 CDC\n# ADR-0999\n');
    await client.waitForDiagnostics(doc, (d) => d.some((x) => x.code === 'unknown-decision'));
    const settled = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc }, position: { line: 0, character: 4 } });
    expect((settled?.contents as MarkupContent | undefined)?.value ?? '').toContain('Decision 3');
    global.gc?.();
    const heapAtEnd = process.memoryUsage().heapUsed;
    // Generous: the test runner shares this heap; growth per edit would be far beyond it at this many edits.
    expect(heapAtEnd - heapAfterWarmUp).toBeLessThan(64 * 1024 * 1024);

    await client.close(doc);
    await client.shutdown();
    // Timers and handles the server started are gone once it shut down (a pending one would keep an editor's
    // server process alive, or fire after shutdown).
    await new Promise((resolve) => setImmediate(resolve));
    const after = count(resources());
    for (const kind of ['Timeout', 'FSEventWrap', 'StatWatcher', 'ProcessWrap']) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
