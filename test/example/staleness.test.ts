// What the example shows of stale documentation, on the repositories scripts/make-example-repo.mjs builds (the data
// platform and, next to it, the platform's decision-only log): the log read through `.archlens.yml` `sources:`, the
// bot and formatting commits that make nothing stale, the renamed folder and its quick fix, and the decision whose
// governed code is suggested rather than written. Each in the editor (the language server) and in the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { ForFileRequest } from '../../server/src/protocol';
import { applyTextEdits, materialiseExample, TestClient } from '../protocol/client';

const PLATFORM_102 = 'platform:docs/adr/0102-close-deleted-records-in-history-tables.md';
const SNAPSHOT = 'dbt/snapshots/customers_snapshot.sql';
const DEPLOYMENT_VIEW = 'docs/architecture/deployment-view.md';
const MEDALLION = 'docs/adr/0004-medallion-layers-in-the-lakehouse.md';
// Their code's only later changes are a Dependabot commit (.github/workflows/dbt-ci.yml) and a re-indent
// (dbt/models/marts/fct_orders.sql).
const FRESH_DESPITE_LATER_COMMITS = [
  'docs/adr/0002-use-dbt-for-warehouse-transformations.md',
  'docs/adr/0015-slim-ci-for-dbt-pull-requests.md',
  'docs/architecture/module-view.md',
  'docs/architecture/data-pipeline-view.md',
  DEPLOYMENT_VIEW,
];

let root: string;
let repo: string;
let folder: string;
let client: TestClient;
let clientStopped = false;
const uriOf = (rel: string) => `${folder}/${rel}`;
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const diagnosticsOf = (rel: string): Diagnostic[] => client.diagnostics.get(uriOf(rel)) ?? [];

async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: repo });
  return { code, stdout };
}

async function checkFindings(): Promise<Finding[]> {
  return (JSON.parse((await cli('check', '.', '--format', 'json')).stdout) as { findings: Finding[] }).findings;
}

beforeAll(async () => {
  ({ root, repo, uri: folder } = materialiseExample());
  client = TestClient.inProcess({ deps: { now: () => new Date('2025-06-10T09:00:00Z') } });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  await client.waitForReady(folder);
}, 120_000);

afterAll(async () => {
  if (!clientStopped) await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('the example', () => {
  it('reads the decision-only platform log next to it through sources:, whose decision 102 governs the snapshots here', async () => {
    // The log is a repository of its own, with no code, next to this one.
    expect(fs.existsSync(path.join(root, 'platform-decisions/.git'))).toBe(true);
    expect(read('.archlens.yml')).toMatch(/sources:\n {2}- name: platform\n {4}path: \.\.\/platform-decisions\n/);
    const r = await client.connection.sendRequest(ForFileRequest, { uri: uriOf(SNAPSHOT) });
    expect(r.governedBy.map((d) => [d.reference, d.source, d.path])).toEqual([['ADR-0102', 'platform', PLATFORM_102]]);
    // Fresh: it changed in the log (2025-02-03) after the snapshot here (2025-01-13).
    expect(r.stale).toEqual([]);
    expect((await checkFindings()).filter((f) => f.path.startsWith('platform:'))).toEqual([]);
  });

  it('has a bot commit and a formatting commit after documents of their code, and neither makes them stale, in the editor as in check', async () => {
    const lastChange = (rel: string) => git(repo, ['log', '-1', '--format=%cI|%an|%s|%H', '--', rel]).split('|');
    const [botDate, bot] = lastChange('.github/workflows/dbt-ci.yml');
    const [formatDate, , , formatHash] = lastChange('dbt/models/marts/fct_orders.sql');
    expect(bot).toBe('dependabot[bot]');
    // The re-indent changes the file, and nothing but its whitespace.
    const reindent = ['diff', `${formatHash}~1`, formatHash, '--', 'dbt/models/marts/fct_orders.sql'];
    expect(git(repo, reindent)).not.toBe('');
    expect(git(repo, [...reindent.slice(0, 1), '--ignore-all-space', '--ignore-blank-lines', ...reindent.slice(1)])).toBe('');
    const findings = await checkFindings();
    for (const doc of FRESH_DESPITE_LATER_COMMITS) {
      // Git dates alone would call it stale: one of the two commits is later than the document's last change.
      const docDate = git(repo, ['log', '-1', '--format=%cI', '--', doc]);
      expect(Date.parse(botDate) > Date.parse(docDate) || Date.parse(formatDate) > Date.parse(docDate), doc).toBe(true);
      expect(diagnosticsOf(doc).filter((d) => d.code === 'stale-documentation'), doc).toEqual([]);
      expect(findings.filter((f) => f.code === 'stale-documentation' && f.path === doc), doc).toEqual([]);
    }
    for (const code of ['.github/workflows/dbt-ci.yml', 'dbt/models/marts/fct_orders.sql']) {
      const r = await client.connection.sendRequest(ForFileRequest, { uri: uriOf(code) });
      expect(r.governedBy.length + r.elements.length, code).toBeGreaterThan(0);
      expect(r.stale, code).toEqual([]);
    }
  });

  it('offers to rewrite the folder the deployment view names after history renamed it, and the rewrite clears the finding', async () => {
    const text = read(DEPLOYMENT_VIEW);
    const line = text.split('\n').findIndex((l) => l.includes('`deploy/helm/airflow/`'));
    const [missing] = diagnosticsOf(DEPLOYMENT_VIEW).filter((d) => d.code === 'missing-code-path');
    expect(missing).toMatchObject({ range: { start: { line } } });
    expect(missing.message).toBe(`${DEPLOYMENT_VIEW} names 'deploy/helm/airflow/' as an element's code, which matches no file; it was renamed to deploy/helm/scheduler/`);

    const since = client.mark();
    await client.open(uriOf(DEPLOYMENT_VIEW), 'markdown', text);
    await client.waitForReady(folder, { since });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(DEPLOYMENT_VIEW) },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    expect(fix?.title).toBe("Rewrite 'deploy/helm/airflow/' to 'deploy/helm/scheduler/'");
    const fixed = applyTextEdits(text, fix!.edit!.changes![uriOf(DEPLOYMENT_VIEW)]);
    expect(fixed).toBe(text.replace('`deploy/helm/airflow/`', '`deploy/helm/scheduler/`'));

    const after = client.mark();
    await client.change(uriOf(DEPLOYMENT_VIEW), fixed);
    await client.waitForDiagnostics(uriOf(DEPLOYMENT_VIEW), (d) => !d.some((x) => x.code === 'missing-code-path'), { since: after });
    await client.waitForReady(folder, { since: after });
    const closed = client.mark();
    await client.close(uriOf(DEPLOYMENT_VIEW));
    await client.waitForReady(folder, { since: closed });
  });

  it('suggests the code the medallion decision governs instead of writing it: archlens suggest ranks the marts first, with the commit that added it', async () => {
    expect(read(MEDALLION)).not.toMatch(/^governs:/m);
    const { code, stdout } = await cli('suggest', '.', '--json');
    expect(code).toBe(0);
    const decisions = (JSON.parse(stdout) as { decisions: { path: string; governs: string[]; candidates: { glob: string; evidence: { kind: string; detail: string }[] }[] }[] }).decisions;
    const medallion = decisions.find((d) => d.path === MEDALLION)!;
    expect(medallion.governs).toEqual([]);
    expect(medallion.candidates[0].glob).toBe('dbt/models/marts/**');
    const added = git(repo, ['log', '--diff-filter=A', '--format=%h', '--', MEDALLION]);
    expect(medallion.candidates[0].evidence.map((e) => e.kind)).toEqual(['co-change', 'citation', 'view-element', 'view-element']);
    expect(medallion.candidates[0].evidence[0].detail).toBe(`changed with the decision in ${added} 'Medallion layers: bronze, silver and gold'`);
  });
});

describe('the example after a later change to the snapshots', () => {
  it('reports the platform log\'s decision 102 stale here, naming the snapshot, in check', async () => {
    // The editor part is done; the commit below is for archlens check alone.
    await client.shutdown();
    clientStopped = true;
    const file = path.join(repo, SNAPSHOT);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('invalidate_hard_deletes=True', 'invalidate_hard_deletes=False'));
    const date = '2025-06-12T10:00:00+02:00';
    const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    execFileSync('git', ['add', SNAPSHOT], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=Lena Vogel', '-c', 'user.email=lena.vogel@data-platform.example.com', 'commit', '-q', '-m', 'Keep deleted customers open in the snapshot'], { cwd: repo, env });
    const stale = (await checkFindings()).filter((f) => f.code === 'stale-documentation' && f.path === PLATFORM_102);
    expect(stale).toHaveLength(1);
    expect(stale[0].message).toMatch(/last changed 2025-02-03; 1 commit since touched dbt\/snapshots\/\*\* .*'Keep deleted customers open in the snapshot'/);
  });
});
