// Guardrail findings through `archlens check` on the example repository built with its history: the same finding
// in every output format, and with --base only the violations a range introduced.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';

const ROOT = path.resolve(__dirname, '../..');
const MESSAGE =
  'sagemaker comes from ADR-0010 (Adopt a managed feature store), which is rejected: a second transformation layer, a second lineage graph and a per-read price for eleven features; use reverse ETL into the serving store (ADR-0009) instead';

let tmp: string;
let repo: string;

async function check(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, cwd: repo };
  const code = await runCli(['check', '.', ...args], io);
  return { code, stdout };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-guardrails-'));
  repo = path.join(tmp, 'data-platform');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/make-example-repo.mjs'), repo], { stdio: 'pipe' });
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('guardrails in archlens check', () => {
  it('reports the violation on the dependency line in every format', async () => {
    const text = (await check()).stdout;
    expect(text.split('\n').filter((l) => l.includes('[guardrail]'))).toEqual([`serving/requirements.txt:8:1: warning [guardrail] ${MESSAGE}`]);

    const json = JSON.parse((await check('--format', 'json')).stdout) as { findings: Finding[] };
    expect(json.findings.filter((f) => f.code === 'guardrail')).toEqual([
      { path: 'serving/requirements.txt', line: 8, column: 1, endLine: 8, endColumn: 10, severity: 'warning', code: 'guardrail', message: MESSAGE },
    ]);

    const sarif = JSON.parse((await check('--format', 'sarif')).stdout);
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'guardrail');
    expect(results).toHaveLength(1);
    expect(results[0].level).toBe('warning');
    expect(results[0].message.text).toBe(MESSAGE);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('serving/requirements.txt');
    expect(results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 8, startColumn: 1, endLine: 8, endColumn: 10 });

    const github = (await check('--format', 'github')).stdout.split('\n').filter((l) => l.includes('archlens guardrail'));
    expect(github).toHaveLength(1);
    expect(github[0]).toMatch(/^::warning file=serving\/requirements\.txt,line=8,col=1,endLine=8,endColumn=10,title=archlens guardrail::sagemaker comes from ADR-0010/);

    const gitlab = JSON.parse((await check('--format', 'gitlab')).stdout) as { check_name: string; description: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    const issues = gitlab.filter((i) => i.check_name === 'guardrail');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ description: MESSAGE, location: { path: 'serving/requirements.txt', lines: { begin: 8 } } });
  }, 300_000); // five full checks of the example repository

  it('with --base, reports the violation the range introduced and nothing from before it', async () => {
    const newest = await check('--base', 'HEAD~1', '--format', 'json');
    const findings = (JSON.parse(newest.stdout) as { findings: Finding[] }).findings;
    expect(findings.map((f) => `${f.code} ${f.path}:${f.line}`)).toEqual(['guardrail serving/requirements.txt:8']);
    expect(newest.code).toBe(1);
    // The commit before it introduced no violation: the same requirements file, without the SDK, was already there.
    const before = execFileSync('git', ['rev-parse', 'HEAD~1'], { cwd: repo, encoding: 'utf8' }).trim();
    execFileSync('git', ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', before], { cwd: repo });
    try {
      const older = JSON.parse((await check('--base', 'HEAD~1', '--format', 'json')).stdout) as { findings: Finding[] };
      expect(older.findings.filter((f) => f.code === 'guardrail')).toEqual([]);
      const whole = JSON.parse((await check('--format', 'json')).stdout) as { findings: Finding[] };
      expect(whole.findings.filter((f) => f.code === 'guardrail')).toEqual([]);
    } finally {
      execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: repo });
    }
  }, 300_000);
});
