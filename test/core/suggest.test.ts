// Suggested governs: evidence and ranking on a real repository, on a shared corpus and on the example; accepting a
// candidate edits the front matter without disturbing it.
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { addGovernsEdit } from '../../server/src/core/governsEdit';
import { suggestionsFor } from '../../server/src/cli/suggest';
import { runCli } from '../../server/src/cli/run';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const EXAMPLE = path.resolve(__dirname, '../../examples/data-platform');

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function suggestIn(root: string, decisionPath: string, withHistory = false) {
  const index = new ArchitectureIndex(new NodeWorkspace(root));
  const snapshot = await index.rebuild();
  const d = snapshot.decisionAt(decisionPath);
  expect(d, decisionPath).toBeDefined();
  const history = withHistory ? await openGitHistory(root, { trusted: true }) : undefined;
  const [r] = await suggestionsFor(snapshot, [d!], (p) => readFile(path.join(root, p), 'utf8'), history);
  return r;
}

describe('suggest governs', () => {
  it('ranks a path the decision names that exists above a co-change alone, with the evidence for each', async () => {
    const DOC = 'docs/adr/0002-ingest-orders.md';
    repo = await gitRepo({
      commits: [
        { date: '2025-01-01T09:00:00Z', message: 'Scaffold', files: { 'src/ingest/reader.py': 'r = 1\n', 'src/billing/invoice.py': 'i = 1\n', 'tools/lint.sh': 'x\n' } },
        {
          date: '2025-01-10T09:00:00Z',
          message: 'Decide how orders are ingested',
          files: {
            [DOC]: '# 2. Ingest orders\n\n## Status\n\nAccepted\n\n## Decision\n\nThe reader in `src/ingest/` polls the orders API; invoices stay in `invoice.py`.\n',
            'src/ingest/reader.py': 'r = 2\n',
            'tools/lint.sh': 'y\n',
          },
        },
      ],
    });
    const r = await suggestIn(repo.dir, DOC, true);
    const globs = r.candidates.map((c) => c.glob);
    expect(globs[0]).toBe('src/ingest/**');
    expect(r.candidates[0].evidence.map((e) => e.kind).sort()).toEqual(['co-change', 'text-path']);
    expect(r.candidates.find((c) => c.glob === 'src/billing/invoice.py')?.evidence).toEqual([{ kind: 'text-name', detail: 'names `invoice.py`' }]);
    expect(globs).toContain('tools/**');
    expect(globs.indexOf('tools/**')).toBeGreaterThan(globs.indexOf('src/billing/invoice.py'));
    // The decision itself and other documents are never suggested.
    expect(globs.some((g) => g.startsWith('docs/'))).toBe(false);
  });

  it('on the caikit corpus, suggests the package a decision names in code spans, and no package named only `__init__`', async () => {
    const r = await suggestIn(path.join(CORPORA, 'caikit'), 'docs/adrs/020-model-management-abstractions.md');
    const named = r.candidates.find((c) => c.glob === 'caikit/core/model_management/**');
    expect(named?.evidence).toEqual([{ kind: 'text-name', detail: 'names `model_management`' }]);
    const first = await suggestIn(path.join(CORPORA, 'caikit'), 'docs/adrs/001-module.md');
    expect(first.candidates.map((c) => c.glob)).not.toContain('caikit/core/model_management/__init__.py');
  });

  it('on the example, suggests the dbt folders for the medallion decision from the view elements it names and the models citing it', async () => {
    const r = await suggestIn(EXAMPLE, 'docs/adr/0004-medallion-layers-in-the-lakehouse.md');
    expect(r.governs).toEqual([]);
    const top = r.candidates.slice(0, 2).map((c) => c.glob).sort();
    expect(top).toEqual(['dbt/models/marts/**', 'dbt/models/staging/**']);
    const marts = r.candidates.find((c) => c.glob === 'dbt/models/marts/**')!;
    expect(new Set(marts.evidence.map((e) => e.kind))).toEqual(new Set(['view-element', 'citation']));
    // The glossary cites the decision too, but a glossary is documentation, not governed code.
    expect(r.candidates.some((c) => c.glob === 'glossary.yml')).toBe(false);
  });

  it('archlens suggest --json lists the decisions without governs and their candidates', async () => {
    let out = '';
    const code = await runCli(['suggest', EXAMPLE, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: EXAMPLE });
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { decisions: { path: string; governs: string[]; candidates: { glob: string }[] }[] };
    expect(parsed.decisions.length).toBeGreaterThan(0);
    expect(parsed.decisions.every((d) => d.governs.length === 0)).toBe(true);
    expect(parsed.decisions.find((d) => d.path.endsWith('0004-medallion-layers-in-the-lakehouse.md'))?.candidates.map((c) => c.glob)).toContain('dbt/models/marts/**');
  });
});

describe('accepting a candidate', () => {
  it('adds to an existing governs list keeping comments, order and quoting', () => {
    const text = '---\n# owner: data team\nstatus: accepted   # since March\ngoverns:\n  - "src/a/**"  # the reader\ntags: [x]\n---\n# Title\n';
    const e = addGovernsEdit(text, ['src/b/**'])!;
    const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
    expect(out).toBe('---\n# owner: data team\nstatus: accepted   # since March\ngoverns:\n  - "src/a/**"  # the reader\n  - src/b/**\ntags: [x]\n---\n# Title\n');
    expect(addGovernsEdit(out, ['src/b/**'])).toBeUndefined();
    const flow = '---\ngoverns: [src/a/**]  # one\n---\n';
    const f = addGovernsEdit(flow, ['src/{b,c}/**'])!;
    expect(flow.slice(0, f.start) + f.newText + flow.slice(f.end)).toBe('---\ngoverns: [src/a/**, "src/{b,c}/**"]  # one\n---\n');
  });

  it('adds front matter to a decision without it, and keeps CRLF line ends', () => {
    const text = '# 4. Medallion layers\r\n\r\nAccepted\r\n';
    const e = addGovernsEdit(text, ['dbt/models/marts/**'])!;
    expect(text.slice(0, e.start) + e.newText + text.slice(e.end)).toBe('---\r\ngoverns:\r\n  - dbt/models/marts/**\r\n---\r\n# 4. Medallion layers\r\n\r\nAccepted\r\n');
    const fm = '---\r\nstatus: accepted\r\n---\r\n# T\r\n';
    const e2 = addGovernsEdit(fm, ['a/**'])!;
    expect(fm.slice(0, e2.start) + e2.newText + fm.slice(e2.end)).toBe('---\r\nstatus: accepted\r\ngoverns:\r\n  - a/**\r\n---\r\n# T\r\n');
  });
});
