// `archlens check` indexes every document and then runs the rules over the same texts: each markdown document is
// parsed once per run, the rules using the model the index read it with. Every parse is counted by the text it read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import { parseSimpleYaml } from '../../server/src/core/frontMatterYaml';

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

/** Every YAML text `yaml` parsed, by its text without the blank lines around it (so front matter read by the index and by a rule count as one). */
const yamlParsed = vi.hoisted(() => new Map<string, number>());
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      const key = String(args[0]).trim();
      yamlParsed.set(key, (yamlParsed.get(key) ?? 0) + 1);
      return actual.parseDocument(...args);
    },
  };
});

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

function markdownTexts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

async function run(args: string[], cwd: string): Promise<string> {
  let out = '';
  await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd });
  return out;
}

describe('archlens check parses each markdown document once', () => {
  beforeEach(() => {
    parsed.clear();
    yamlParsed.clear();
  });

  for (const corpus of ['madr', 'cometbft']) {
    it(`${corpus}: the rules reuse the index's model of every document`, async () => {
      const report = JSON.parse(await run(['check', corpus, '--format', 'json', '--fail-on', 'never'], CORPORA)) as { findings: unknown[] };
      expect(report.findings.length).toBeGreaterThan(0);
      const twice = [...parsed].filter(([, n]) => n > 1).map(([text, n]) => `${n}x ${text.slice(0, 60)}`);
      expect(twice).toEqual([]);
      // The documents were parsed (by the index), so the count above is of something.
      expect(parsed.size).toBeGreaterThan(15);
      // Front matter YAML too: read once at most, not again by a rule, and simple front matter not by `yaml` at all.
      // (Two files may hold the same front matter: each may be read once.)
      const files = markdownTexts(path.join(CORPORA, corpus));
      const yamlTwice = [...yamlParsed].filter(([text, n]) => n > 1 && n > files.filter((f) => f.includes(text)).length).map(([text, n]) => `${n}x ${text.slice(0, 60)}`);
      expect(yamlTwice).toEqual([]);
      const simpleThroughYaml = [...yamlParsed.keys()].filter((text) => parseSimpleYaml(`${text}\n`) !== undefined);
      expect(simpleThroughYaml).toEqual([]);
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
