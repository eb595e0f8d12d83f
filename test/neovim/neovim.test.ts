// A second real LSP client: Neovim's built-in one (`vim.lsp.start_client`, as Debian's 0.7 has it) drives the built
// server on the materialised example repository. CI installs Debian's neovim; without nvim on the PATH the test is
// skipped outside CI and fails in CI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, materialiseExample, SERVER_MAIN } from '../protocol/client';

const REPO_ROOT = path.resolve(__dirname, '../..');

const SCRIPT = path.join(__dirname, 'lsp.lua');

function nvimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

const version = nvimVersion();
let root: string;
let repo: string;

beforeAll(() => {
  if (!version) return;
  ensureServerBuilt();
  ({ root, repo } = materialiseExample());
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NeovimResult = { error?: string; status: unknown; steps: any };

function runNeovim(env: Record<string, string>): NeovimResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-nvim-'));
  const out = path.join(dir, 'result.json');
  try {
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${SCRIPT}`], {
      env: { ...process.env, ARCHLENS_ROOT: repo, ARCHLENS_SERVER: SERVER_MAIN, ARCHLENS_OUT: out, ARCHLENS_NODE: process.execPath, ...env },
      encoding: 'utf8',
      timeout: 110_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(run.error).toBeUndefined();
    expect(fs.existsSync(out), `nvim wrote no result: ${run.stderr}`).toBe(true);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function checkResult(result: NeovimResult): void {
  expect(result.error).toBeUndefined();
  expect(result.status).toMatchObject({ state: 'ready', decisions: 16, history: { state: 'ready' }, limited: false });
  const s = result.steps;

  expect(s.diagnostic).toMatchObject({ code: 'unknown-decision', lnum: 1, severity: 2 });
  expect(s.diagnostic.message).toContain('ADR-0042');
  // The diagnostic covers the reference itself.
  const sqlLine = fs.readFileSync(path.join(repo, 'dbt/models/marts/fct_orders.sql'), 'utf8').split('\n')[1];
  expect(sqlLine.slice(s.diagnostic.col, s.diagnostic.end_col)).toBe('ADR-0042');

  expect(s.decisionHover.split('\n\n')[0]).toBe('**ADR-0004 Medallion layers: bronze, silver and gold**');
  expect(s.definition).toHaveLength(1);
  expect(s.definition[0].uri).toMatch(/\/docs\/adr\/0004-medallion-layers-in-the-lakehouse\.md$/);
  const adr = fs.readFileSync(path.join(repo, 'docs/adr/0004-medallion-layers-in-the-lakehouse.md'), 'utf8').split('\n');
  const { start, end } = s.definition[0].range;
  expect(adr[start.line]).toMatch(/^#\s.*Medallion layers/);
  // The title is selected.
  expect(adr[start.line].slice(start.character, end.character)).toMatch(/^(\d+\. )?Medallion layers/);

  expect(s.termHover.split('\n\n')[0]).toBe('**idempotency**');

  expect(s.completion.length).toBeGreaterThanOrEqual(16);
  expect(s.completion).toContain('ADR-0007 Kafka Connect and Debezium for change data capture');
}

describe.skipIf(!version && !process.env.CI)(`Neovim's built-in LSP client (${version ?? 'nvim not found'})`, () => {
  it('with the client started by the test: hovers, goes to a decision, reads ADR-0042, completes after ADR-', () => {
    checkResult(runNeovim({}));
  }, 120_000);

  // Neovim sends didOpen right after `initialized`, before the first index exists, and the server does not yet
  // survive that: this test records the failure and turns red once the server stays up (then make it a plain it).
  it("with the README's configuration for Neovim 0.7 to 0.9, as a user's init.lua", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /<!-- neovim-0\.7 -->\n```lua\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-nvim-config-'));
    try {
      const config = path.join(dir, 'init.lua');
      fs.writeFileSync(config, block![1]);
      // `archlens-language-server` on the PATH, as `npm install -g .` puts it there.
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.symlinkSync(path.join(REPO_ROOT, 'bin/archlens-language-server.js'), path.join(bin, 'archlens-language-server'));
      checkResult(runNeovim({ ARCHLENS_CONFIG: config, PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
