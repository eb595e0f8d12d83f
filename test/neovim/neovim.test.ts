// A second real LSP client: Neovim's built-in one (`vim.lsp.start_client`, as Debian's 0.7 has it) drives the built
// server on the materialised example repository. CI installs Debian's neovim (0.7 on bookworm) and, with
// scripts/fetch-neovim-0.10.sh, trixie's 0.10 into .tools/neovim-0.10, on which the README's configuration for 0.10
// and later runs. Without either binary its tests are skipped outside CI and fail in CI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, materialiseExample, SERVER_MAIN } from '../protocol/client';

const REPO_ROOT = path.resolve(__dirname, '../..');

const SCRIPT = path.join(__dirname, 'lsp.lua');
/** Trixie's Neovim run through its own loader (see scripts/fetch-neovim-0.10.sh). */
const NVIM_010 = process.env.ARCHLENS_NVIM_010 ?? path.join(REPO_ROOT, '.tools/neovim-0.10/nvim');

function nvimVersion(nvim: string): string | undefined {
  try {
    return execFileSync(nvim, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

const version = nvimVersion('nvim');
const version010 = nvimVersion(NVIM_010);
let root: string;
let repo: string;

beforeAll(() => {
  if (!version && !version010) return;
  ensureServerBuilt();
  ({ root, repo } = materialiseExample());
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NeovimResult = { error?: string; status: unknown; steps: any };

function runNeovim(nvim: string, env: Record<string, string>): NeovimResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-nvim-'));
  const out = path.join(dir, 'result.json');
  try {
    const run = spawnSync(nvim, ['--headless', '--clean', '-c', `luafile ${SCRIPT}`], {
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
  // The example's 16 decisions and the 2 of the platform log it reads through `sources:`.
  expect(result.status).toMatchObject({ state: 'ready', decisions: 18, history: { state: 'ready' }, limited: false });
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

/** The README's configuration marked `<!-- neovim-<version> -->`, as a user's init.lua, run by `nvim`. */
function runReadmeConfiguration(nvim: string, marker: string): NeovimResult {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = new RegExp(`<!-- ${marker.replace('.', '\\.')} -->\n\`\`\`lua\n([\\s\\S]*?)\`\`\``).exec(readme);
  expect(block, `README.md has no lua block after <!-- ${marker} -->`).not.toBeNull();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-nvim-config-'));
  try {
    const config = path.join(dir, 'init.lua');
    fs.writeFileSync(config, block![1]);
    // `archlens-language-server` on the PATH, as `npm install -g .` puts it there.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(REPO_ROOT, 'bin/archlens-language-server.js'), path.join(bin, 'archlens-language-server'));
    return runNeovim(nvim, { ARCHLENS_CONFIG: config, PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The configuration attached the second buffer opened to the client it started for the first (the script waits
 * for that client on the first buffer). */
function checkAttachedByConfiguration(result: NeovimResult): void {
  expect(result.steps['attached:airflow/dags/orders_backfill.py']).toBe(true);
}

describe.skipIf(!version && !process.env.CI)(`Neovim's built-in LSP client (${version ?? 'nvim not found on the PATH'})`, () => {
  it('nvim is installed (CI installs Debian\'s neovim)', () => {
    expect(version, 'nvim is not on the PATH: .ci/run installs Debian\'s neovim').toBeDefined();
  });

  it('with the client started by the test: hovers, goes to a decision, reads ADR-0042, completes after ADR-', () => {
    checkResult(runNeovim('nvim', {}));
  }, 120_000);

  it("with the README's configuration for Neovim 0.7 to 0.9, as a user's init.lua", () => {
    const result = runReadmeConfiguration('nvim', 'neovim-0.7');
    checkResult(result);
    checkAttachedByConfiguration(result);
  }, 120_000);
});

describe.skipIf(!version010 && !process.env.CI)(
  `Neovim 0.10 (${version010 ?? `not found at ${NVIM_010}: run scripts/fetch-neovim-0.10.sh`})`,
  () => {
    it('trixie\'s nvim 0.10 is unpacked (CI runs scripts/fetch-neovim-0.10.sh)', () => {
      expect(version010, `${NVIM_010} does not run: .ci/run fetches it with scripts/fetch-neovim-0.10.sh`).toMatch(/^NVIM v0\.1\d/);
    });

    it("with the README's configuration for Neovim 0.10 and later (vim.lsp.start, vim.fs.root), as a user's init.lua", () => {
      const result = runReadmeConfiguration(NVIM_010, 'neovim-0.10');
      checkResult(result);
      checkAttachedByConfiguration(result);
    }, 120_000);
  },
);
