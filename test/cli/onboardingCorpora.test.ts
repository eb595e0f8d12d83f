// why, graph, tour and export mkdocs on every shared corpus (real decision logs in many formats, read-only): no
// crash, exit 0, and output that matches the corpus's own index (every decision drawn once, every answer a real
// decision with a line inside its file, every page written).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexJson } from '../../server/src/core/snapshot';
import { cli } from './helpers';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const FOLDERS = readdirSync(CORPORA).filter((name) => statSync(path.join(CORPORA, name)).isDirectory());
const tmp = mkdtempSync(path.join(os.tmpdir(), 'archlens-corpora-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ok(args: string[]): Promise<string> {
  const r = await cli(args, CORPORA);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

describe.each(FOLDERS)('onboarding commands on %s', (folder) => {
  it('why, graph, tour and export agree with the index', async () => {
    const index = JSON.parse(await ok(['index', folder, '--json'])) as IndexJson;
    // A question made of the first decision's title finds that decision among the first answers (a corpus of
    // views or RFCs without decisions answers nothing).
    const first = index.decisions[0];
    const why = JSON.parse(await ok(['why', `why ${first?.title ?? 'architecture'}`, folder, '--json'])) as { answers: { id: string; path: string; line: number }[] };
    if (first) expect(why.answers.map((a) => a.id)).toContain(first.id);
    else expect(why.answers).toEqual([]);
    for (const a of why.answers) {
      const lines = readFileSync(path.join(CORPORA, folder, a.path), 'utf8').split(/\r\n|\r|\n/).length;
      expect(a.line).toBeGreaterThanOrEqual(1);
      expect(a.line).toBeLessThanOrEqual(lines);
    }

    const graph = JSON.parse(await ok(['graph', folder, '--format', 'json'])) as { nodes: { id: string }[]; edges: { kind: string }[] };
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(index.decisions.map((d) => d.id).sort());
    const supersedes = index.decisions.reduce((n, d) => n + d.supersedes.length, 0);
    expect(graph.edges.filter((e) => e.kind === 'supersedes').length).toBeLessThanOrEqual(supersedes);
    expect(XMLValidator.validate(await ok(['graph', folder, '--format', 'svg', '--folders', '--views']))).toBe(true);
    expect(await ok(['graph', folder, '--format', 'dot'])).toMatch(/^digraph decisions \{[\s\S]*\}\n$/);

    const tour = await ok(['tour', folder]);
    expect(tour).toMatch(/^# A tour of /);
    // One step per view, plus the history step when a decision was superseded.
    const steps = tour.split('\n').filter((l) => l.startsWith('## '));
    expect(steps.length).toBeGreaterThanOrEqual(index.views.length + (index.decisions.some((d) => d.supersededBy.length) ? 1 : 0));
    if (index.decisions.some((d) => d.supersededBy.length)) expect(tour).toContain('How the system got here');

    const out = path.join(tmp, folder);
    await ok(['export', 'mkdocs', folder, '--out', out]);
    const log = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(log.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Number') && !l.startsWith('|---'))).toHaveLength(index.decisions.length);
    expect(readFileSync(path.join(out, 'graph.md'), 'utf8')).toContain('```mermaid\nflowchart TB');
  }, 120_000);
});
