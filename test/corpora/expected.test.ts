// Every folder of the shared corpora against its expected index and findings (test/corpora/expected/<folder>.json):
// each decision's title, number, status (and the team's word), date and relations, every problem of the index and
// every further `archlens check` finding, compared exactly. Each finding carries a verdict from reading the file:
// `true`, `copy-artefact` (a link to an image or code the corpus copy left out) or `false: why`; the README's
// fidelity counts are these verdicts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { IndexJson } from '../../server/src/core/snapshot';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const EXPECTED = path.join(__dirname, 'expected');

interface Expected {
  corpus: string;
  decisions: Record<string, unknown>[];
  problems: { code: string; at: string; message: string; verdict: string }[];
  findings: { code: string; at: string; message: string; verdict: string }[];
}

async function run(args: string[]): Promise<string> {
  let stdout = '';
  await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, cwd: CORPORA });
  return stdout;
}

const files = readdirSync(EXPECTED).filter((f) => f.endsWith('.json')).sort();

describe('expected index and findings of every corpus folder', () => {
  it('covers every folder of the corpora', () => {
    const folders = readdirSync(CORPORA, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${e.name}.json`).sort();
    expect(files).toEqual(folders);
  });

  for (const file of files) {
    const expected = JSON.parse(readFileSync(path.join(EXPECTED, file), 'utf8')) as Expected;
    it(`${expected.corpus}: decisions, problems and check findings`, async () => {
      const index = JSON.parse(await run(['index', expected.corpus, '--json'])) as IndexJson;
      const check = JSON.parse(await run(['check', expected.corpus, '--format', 'json', '--fail-on', 'never'])) as {
        findings: { code: string; path: string; line: number; message: string }[];
      };
      const decisions = index.decisions.map((d) => {
        const o: Record<string, unknown> = { path: d.path, number: d.number, title: d.title, status: d.status };
        if (d.statusText) o.statusText = d.statusText;
        o.date = d.date;
        for (const r of ['supersedes', 'supersededBy', 'amends', 'amendedBy'] as const) if (d[r].length > 0) o[r] = d[r];
        return o;
      });
      expect(decisions).toEqual(expected.decisions);
      expect(index.problems.map((p) => ({ code: p.code, at: `${p.path}:${p.line}`, message: p.message }))).toEqual(
        expected.problems.map(({ verdict: _v, ...p }) => p),
      );
      const fromIndex = new Set(index.problems.map((p) => `${p.code} ${p.path}:${p.line}`));
      const further = check.findings.filter((f) => !fromIndex.has(`${f.code} ${f.path}:${f.line}`));
      expect(further.map((f) => ({ code: f.code, at: `${f.path}:${f.line}`, message: f.message }))).toEqual(
        expected.findings.map(({ verdict: _v, ...f }) => f),
      );
    }, 120_000);
  }
});
