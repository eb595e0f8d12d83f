// `archlens export mkdocs` on the example repository (with its git history, so the stale report has content), then
// a real mkdocs-material build of the example's site with the exported pages: the rendered decision log has a row
// per decision, the graph page a mermaid block, and the abbreviations the export wrote become <abbr> tooltips.
// mkdocs comes from Debian (mkdocs, mkdocs-material, python3-pymdownx; .ci/run installs them). Outside CI a machine
// without mkdocs skips the build with a message; in CI (CI=true) a missing mkdocs fails the suite.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers';
const HAS_MKDOCS = spawnSync('mkdocs', ['--version'], { stdio: 'ignore' }).status === 0;
const IN_CI = process.env.CI === 'true';
const SKIP = !HAS_MKDOCS && !IN_CI;

let tmp: string;
let repo: string;
let check: { findings: { path: string; code: string; message: string }[] };

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'archlens-mkdocs-'));
  repo = path.join(tmp, 'data-platform');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/make-example-repo.mjs'), repo], { stdio: 'pipe' });
  const exported = await cli(['export', 'mkdocs', '--out', 'docs/archlens'], repo);
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  check = JSON.parse((await cli(['check', '--format', 'json'], repo)).stdout);
}, 120_000);
afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

const page = (name: string) => readFileSync(path.join(repo, 'docs/archlens', name), 'utf8');

describe('archlens export mkdocs (pages)', () => {
  it('writes the decision log with one row per decision, linked to the record, with superseded-by and governs', () => {
    const rows = page('index.md').split('\n').filter((l) => l.startsWith('| ADR-'));
    expect(rows).toHaveLength(16);
    const adr3 = rows.find((r) => r.startsWith('| ADR-0003 '))!;
    expect(adr3).toContain('[Nightly batch ingestion with Airflow](../adr/0003-nightly-batch-ingestion-with-airflow.md)');
    expect(adr3).toContain('| superseded | 2024-02-20 |');
    expect(adr3).toContain('[ADR-0007](../adr/0007-kafka-connect-and-debezium-for-cdc.md)');
    expect(rows.find((r) => r.startsWith('| ADR-0007 '))).toContain('`connect/debezium/**` `deploy/helm/kafka-connect/**`');
  });

  it('writes a page per tag listing exactly the decisions with that tag', () => {
    const dbt = page('tags/dbt.md');
    expect(dbt.split('\n').filter((l) => l.startsWith('| ADR-')).map((l) => l.slice(2, 10))).toEqual(['ADR-0002', 'ADR-0015']);
    expect(dbt).toContain('(../../adr/0002-use-dbt-for-warehouse-transformations.md)');
  });

  it('reports exactly the documents archlens check finds stale', () => {
    // Stale documents, and documents naming code that is gone (the deployment view names a renamed folder).
    const codes = new Set(['stale-documentation', 'missing-code-path']);
    const fromCheck = new Set(check.findings.filter((f) => codes.has(f.code) && f.path.endsWith('.md')).map((f) => f.path));
    const headings = page('stale.md').split('\n').filter((l) => l.startsWith('## ')).map((l) => /^## \[([^\]]+)\]/.exec(l)![1]);
    expect(new Set(headings)).toEqual(fromCheck);
    expect(headings).toContain('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md');
  });

  it('writes abbreviations for every term and alias, and a glossary page', () => {
    const abbr = page('abbreviations.md');
    expect(abbr).toMatch(/^\*\[Debezium\]: The open-source family of CDC source connectors for Kafka Connect \(PostgreSQL, MySQL and others\)\.$/m);
    expect(abbr).toMatch(/^\*\[dead letter queue\]: /m);
    expect(page('glossary.md')).toMatch(/^\| reverse ETL \| reverse-ETL, reverse\\_etl, reverse\\_etl\\_job \| /m);
  });
});

describe('the mkdocs-material site built from the export', () => {
  if (!HAS_MKDOCS && IN_CI) {
    it('needs mkdocs in CI (CI=true): install mkdocs, mkdocs-material and python3-pymdownx', () => {
      expect.fail('mkdocs is not installed; .ci/run installs the Debian packages mkdocs mkdocs-material python3-pymdownx');
    });
    return;
  }
  it.skipIf(SKIP)(`renders the decision log, the mermaid graph and the term tooltips${SKIP ? ' (skipped: mkdocs is not installed; apt-get install mkdocs mkdocs-material python3-pymdownx)' : ''}`, () => {
    const site = path.join(tmp, 'site');
    const build = spawnSync('mkdocs', ['build', '--quiet', '--site-dir', site], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    const html = readFileSync(path.join(site, 'archlens/index.html'), 'utf8');
    // Tooltips wrap terms wherever they occur, "ADR" in "ADR-0001" too; the table is read without them.
    const index = html.replace(/<abbr title="[^"]*">([^<]*)<\/abbr>/g, '$1');
    const rows = [...index.matchAll(/<tr>\s*<td>ADR-(\d{4})<\/td>/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([...Array(16).keys()].map((i) => i + 1));
    expect(index).toMatch(/<td>ADR-0003<\/td>\s*<td><a href="\.\.\/adr\/0003-nightly-batch-ingestion-with-airflow\/">Nightly batch ingestion with Airflow<\/a><\/td>\s*<td>superseded<\/td>/);
    const graph = readFileSync(path.join(site, 'archlens/graph/index.html'), 'utf8');
    expect(graph).toMatch(/<pre class="mermaid"><code>flowchart TB/);
    // A term only the export's abbreviations define: the tooltip comes from the exported file.
    expect(html).toMatch(/<abbr title="The open-source family of CDC source connectors for Kafka Connect \(PostgreSQL, MySQL and others\)\.">Debezium<\/abbr>/);
    const home = readFileSync(path.join(site, 'architecture/index.html'), 'utf8');
    expect(home).toMatch(/<abbr title="[^"]+">CDC<\/abbr>/);
    expect(existsSync(path.join(site, 'archlens/stale/index.html'))).toBe(true);
  }, 180_000);
});
