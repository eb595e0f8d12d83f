// The editor and CI report the same findings: `archlens check --format json` and the language server's diagnostics
// over the protocol, on the example (as a git repository, so stale documentation is in it) and on every folder of
// the shared corpora. Both fronts run the core rule engine; this test fails if either front adds, drops or rewords
// a finding, or places it on another line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { materialiseExample, TestClient } from '../protocol/client';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const corpora = fs
  .readdirSync(CORPORA)
  .filter((name) => fs.statSync(path.join(CORPORA, name)).isDirectory())
  .sort();

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
});

type Row = [code: string, path: string, line: number, message: string];

async function cliFindings(folder: string): Promise<Row[]> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: folder };
  const code = await runCli(['check', folder, '--format', 'json', '--fail-on', 'never'], io);
  expect(code, stderr).toBe(0);
  const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings;
  return sortRows(findings.map((f) => [f.code, f.path, f.line, f.message]));
}

/**
 * The server's diagnostics once the folder is ready; files the CLI reports but the server publishes only for open
 * documents (avoided words in code comments) are opened, as a user would open them.
 */
async function serverFindings(folder: string, paths: Iterable<string>): Promise<Row[]> {
  const uri = pathToFileURL(folder).href;
  const client = TestClient.inProcess();
  try {
    await client.initialize({ folders: [{ uri, name: path.basename(folder) }] });
    await client.waitForReady(uri, { timeoutMs: 120_000 });
    for (const rel of new Set(paths)) {
      const fileUri = pathToFileURL(path.join(folder, rel)).href;
      if (client.diagnostics.has(fileUri)) continue;
      const since = client.mark();
      await client.open(fileUri, 'plaintext', fs.readFileSync(path.join(folder, rel), 'utf8'));
      await client.waitForDiagnostics(fileUri, () => true, { since, timeoutMs: 60_000, what: `diagnostics of ${rel}` });
    }
    const rows: Row[] = [];
    for (const [fileUri, diagnostics] of client.diagnostics) {
      const rel = path.relative(folder, fileURLToPath(fileUri)).split(path.sep).join('/');
      for (const d of diagnostics) rows.push([String(d.code), rel, d.range.start.line + 1, d.message]);
    }
    return sortRows(rows);
  } finally {
    await client.shutdown();
  }
}

function sortRows(rows: Row[]): Row[] {
  const key = (r: Row) => `${r[1]}\0${String(r[2]).padStart(8, '0')}\0${r[0]}\0${r[3]}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function expectSameFindings(folder: string, atLeast: number): Promise<void> {
  const cli = await cliFindings(folder);
  const server = await serverFindings(
    folder,
    cli.map((r) => r[1]),
  );
  expect(server).toEqual(cli);
  // A corpus with nothing to report would prove nothing about the two fronts.
  expect(cli.length).toBeGreaterThanOrEqual(atLeast);
}

describe('the editor and CI report the same findings', () => {
  it('on the example repository, stale documentation included', async () => {
    const { root, repo } = materialiseExample();
    cleanup.push(root);
    const cli = await cliFindings(repo);
    const codes = new Set(cli.map((r) => r[0]));
    for (const code of ['stale-documentation', 'superseded-decision', 'unknown-decision', 'avoided-term']) expect(codes, code).toContain(code);
    await expectSameFindings(repo, 10);
  }, 300_000);

  it.each(corpora)('on the %s corpus', async (name) => {
    // A copy outside any git repository: history is off in both fronts alike.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-same-'));
    cleanup.push(tmp);
    const folder = path.join(tmp, name);
    fs.cpSync(path.join(CORPORA, name), folder, { recursive: true });
    await expectSameFindings(folder, 0);
  }, 300_000);

  it('sees every corpus folder (the list above is not empty)', () => {
    expect(corpora.length).toBeGreaterThanOrEqual(10);
  });
});
