// `archlens check` indexes every document and then runs the rules over the same texts: each markdown document is
// parsed once per run, the rules using the model the index read it with. Every parse is counted by the text it read.
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/src/cli/run';

const parsed = vi.hoisted(() => new Map<string, number>());
vi.mock('../../server/src/core/markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/core/markdown')>();
  return {
    ...actual,
    parseMarkdownDocument: (text: string, limit?: number) => {
      parsed.set(text, (parsed.get(text) ?? 0) + 1);
      return actual.parseMarkdownDocument(text, limit);
    },
  };
});

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

async function run(args: string[], cwd: string): Promise<string> {
  let out = '';
  await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd });
  return out;
}

describe('archlens check parses each markdown document once', () => {
  beforeEach(() => parsed.clear());

  for (const corpus of ['madr', 'cometbft']) {
    it(`${corpus}: the rules reuse the index's model of every document`, async () => {
      const report = JSON.parse(await run(['check', corpus, '--format', 'json', '--fail-on', 'never'], CORPORA)) as { findings: unknown[] };
      expect(report.findings.length).toBeGreaterThan(0);
      const twice = [...parsed].filter(([, n]) => n > 1).map(([text, n]) => `${n}x ${text.slice(0, 60)}`);
      expect(twice).toEqual([]);
      // The documents were parsed (by the index), so the count above is of something.
      expect(parsed.size).toBeGreaterThan(15);
    }, 120_000);
  }

  it('an index that keeps no models: a rule run after indexing parses the documents again', async () => {
    // The same folder through `archlens index` then the rules without kept models: this is what the check avoids.
    const { ArchitectureIndex } = await import('../../server/src/core/archIndex');
    const { NodeWorkspace } = await import('../../server/src/adapters/nodeWorkspace');
    const root = path.join(CORPORA, 'madr');
    const snapshot = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
    const decision = snapshot.decisions[0];
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(path.join(root, decision.path), 'utf8');
    const before = parsed.get(text) ?? 0;
    snapshot.markdownOf(decision.path, text);
    expect(parsed.get(text)).toBe(before + 1);
    const kept = await new ArchitectureIndex(new NodeWorkspace(root), {}, { keepDocumentModels: true }).rebuild();
    const after = parsed.get(text)!;
    kept.markdownOf(decision.path, text);
    expect(parsed.get(text)).toBe(after);
  }, 120_000);
});
