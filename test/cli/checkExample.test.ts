// `archlens check` on the example workspace materialised as a git repository (scripts/make-example-repo.mjs): the
// findings the example's README and the script's plan promise, exit codes, usage errors, every output format, and
// the built launcher run as a separate process.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';

const ROOT = path.resolve(__dirname, '../..');
const SARIF_SCHEMA = path.join(ROOT, 'node_modules/@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json');

// The plan of scripts/make-example-repo.mjs: each stale document, when it last changed, and the subjects of the
// newest commits to the code it names (per decision, or per view element).
const STALE: { doc: string; lastChanged: string; latest: string[] }[] = [
  {
    doc: 'docs/architecture/component-and-connector-view.md',
    lastChanged: '2024-09-16',
    latest: ['Exclude audit columns from the orders CDC stream', 'Raise Kafka Connect worker heap to 3 GiB', 'Add a batch endpoint for feature lookups'],
  },
  { doc: 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md', lastChanged: '2024-11-18', latest: ['Raise Kafka Connect worker heap to 3 GiB'] },
  { doc: 'docs/adr/0009-reverse-etl-into-the-serving-store.md', lastChanged: '2024-08-19', latest: ['Add a batch endpoint for feature lookups'] },
  { doc: 'docs/adr/0011-one-helm-chart-per-service.md', lastChanged: '2024-10-07', latest: ['Move the Airflow chart to deploy/helm/scheduler'] },
];
// Fresh; 0002, 0015 and the three views only because a Dependabot commit and a whitespace-only commit to their
// code after them do not count.
const NOT_STALE = [
  'docs/adr/0012-incremental-snapshots-for-debezium.md', // reviewed after its code changed
  'docs/architecture/module-view.md',
  'docs/architecture/deployment-view.md',
  'docs/architecture/data-pipeline-view.md',
  'docs/adr/0002-use-dbt-for-warehouse-transformations.md',
  'docs/adr/0008-dead-letter-queues-for-sink-connectors.md',
  'docs/adr/0013-slos-for-the-serving-api.md',
  'docs/adr/0015-slim-ci-for-dbt-pull-requests.md',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function check(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: tmp };
  const code = await runCli(['check', ...args], io);
  return { code, stdout, stderr };
}

let tmp: string;
let repo: string;
let text: Run;
let json: { findings: Finding[]; notes: string[]; summary: string };
/** Full hash of the newest commit with each subject. */
const commitBySubject = new Map<string, string>();

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-check-'));
  repo = path.join(tmp, 'data-platform');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/make-example-repo.mjs'), repo], { stdio: 'pipe' });
  const log = execFileSync('git', ['log', '--format=%H%x09%s'], { cwd: repo, encoding: 'utf8' });
  for (const line of log.trim().split('\n').reverse()) {
    const [hash, subject] = line.split('\t');
    commitBySubject.set(subject, hash);
  }
  text = await check(repo);
  json = JSON.parse((await check(repo, '--format', 'json')).stdout);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(repo, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  expect(i, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe('archlens check on the example repository', () => {
  it('reports the planned stale documents with their last change and the planned commits, and exits 1', () => {
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    for (const { doc, lastChanged, latest } of STALE) {
      const onDoc = json.findings.filter((f) => f.code === 'stale-documentation' && f.path === doc);
      expect(onDoc.length, doc).toBeGreaterThan(0);
      for (const f of onDoc) expect(f.message.startsWith(`${doc} (`)).toBe(true);
      for (const f of onDoc) expect(f.message).toContain(`last changed ${lastChanged};`);
      for (const subject of latest) {
        const hash = commitBySubject.get(subject)!.slice(0, 7);
        const line = text.stdout.split('\n').find((l) => l.startsWith(`${doc}:`) && l.includes(`${hash} '${subject}'`));
        expect(line, `${doc}: ${subject}`).toMatch(/^[^:]+:\d+:\d+: warning \[stale-documentation\] /);
      }
    }
    // One finding per stale document part: the changed governed code carries no finding of its own.
    const connector = json.findings.filter((f) => f.path === 'connect/debezium/orders-postgres-source.json' && f.code === 'stale-documentation');
    expect(connector).toEqual([]);
    const stale = json.findings.filter((f) => f.code === 'stale-documentation');
    expect(new Set(stale.map((f) => `${f.path}:${f.line}`)).size).toBe(stale.length);
  });

  it('reports the folder the deployment view names after history renamed it, with its new name', () => {
    const renamed = json.findings.filter((f) => f.code === 'missing-code-path');
    expect(renamed.map((f) => [f.path, f.line, f.message])).toEqual([
      [
        'docs/architecture/deployment-view.md',
        lineOf('docs/architecture/deployment-view.md', 'deploy/helm/airflow/'),
        "docs/architecture/deployment-view.md names 'deploy/helm/airflow/' as an element's code, which matches no file; it was renamed to deploy/helm/scheduler/",
      ],
    ]);
  });

  it('says nothing stale about the decision of the sibling platform log, whose last change there is after its code here', () => {
    const fromLog = json.findings.filter((f) => f.path.startsWith('platform:'));
    expect(fromLog).toEqual([]);
  });

  it('says nothing stale about the reviewed and the fresh documents', () => {
    for (const doc of NOT_STALE) {
      const about = json.findings.filter((f) => f.code === 'stale-documentation' && (f.path === doc || f.message.startsWith(`${doc} `)));
      expect(about, doc).toEqual([]);
    }
  });

  it('reports the superseded ADR-0003, the unknown ADR-0042, the avoided word and the conflicting term where they are', () => {
    const at = (file: string, needle: string) => `${file}:${lineOf(file, needle)}:`;
    const lines = text.stdout.split('\n');
    const find = (prefix: string, code: string) => lines.find((l) => l.startsWith(prefix) && l.includes(`[${code}]`));
    expect(find(at('airflow/dags/orders_backfill.py', 'ADR-0003'), 'superseded-decision')).toContain('superseded by ADR-0007');
    expect(find(at('dbt/models/marts/fct_orders.sql', 'ADR-0042'), 'unknown-decision')).toContain('ADR-0042');
    // A code comment, not a document: the editor flags it when the file is open, so CI must as well.
    expect(find(at('airflow/dags/reverse_etl_sync.py', 'dataset'), 'avoided-term')).toContain("'dataset' is a word the glossary asks to avoid; use 'data product'");
    expect(find(at('glossary.yml', 'freshness'), 'conflicting-term')).toContain("'freshness' is also defined in docs/glossary.md");
  });

  it('prints path:line:column, one finding per line, and a summary that counts them', () => {
    const findingLines = text.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning|info|hint) \[[a-z-]+\] /.test(l));
    expect(findingLines).toHaveLength(json.findings.length);
    const last = text.stdout.trimEnd().split('\n').at(-1)!;
    const errors = json.findings.filter((f) => f.severity === 'error').length;
    const warnings = json.findings.filter((f) => f.severity === 'warning').length;
    expect(last).toBe(`${json.findings.length} findings (${errors} errors, ${warnings} warnings, ${json.findings.length - errors - warnings} info, 0 hints)`);
  });

  it('decides the exit code with --fail-on', async () => {
    expect(json.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(json.findings.some((f) => f.severity === 'information')).toBe(true);
    expect((await check(repo, '--fail-on', 'never')).code).toBe(0);
    expect((await check(repo, '--fail-on', 'error')).code).toBe(0);
    expect((await check(repo, '--fail-on', 'warning')).code).toBe(1);
    expect((await check(repo, '--fail-on=info')).code).toBe(1);
    // The findings are reported whatever the threshold.
    expect((await check(repo, '--fail-on', 'never')).stdout).toBe(text.stdout);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--format', 'xml'], /--format must be one of text, json, sarif, github, gitlab/],
    [['--fail-on', 'sometimes'], /--fail-on must be/],
    [['--format'], /--format needs a value/],
    [['--base', 'no-such-branch'], /--base no-such-branch: 'no-such-branch' is not a commit/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const r = await check(repo, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^archlens check: /);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 for a folder that does not exist, and for two folders', async () => {
    const missing = await check(path.join(tmp, 'no-such-folder'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${path.join(tmp, 'no-such-folder')} is not a folder`);
    const file = await check(path.join(repo, 'README.md'));
    expect(file.code).toBe(2);
    const two = await check(repo, repo);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('at most one folder');
  });

  it('resolves the folder against the working directory', async () => {
    const r = await check('data-platform', '--format', 'json');
    expect(JSON.parse(r.stdout).findings).toEqual(json.findings);
  });

  it('prints a --stat summary of the governed changes under each stale finding with --explain', async () => {
    const r = await check(repo, '--explain', '--fail-on', 'never');
    const lines = r.stdout.split('\n');
    const doc = 'docs/adr/0009-reverse-etl-into-the-serving-store.md';
    const at = lines.findIndex((l) => l.startsWith(`${doc}:`) && l.includes('[stale-documentation]'));
    expect(at).toBeGreaterThanOrEqual(0);
    const docCommit = execFileSync('git', ['log', '-1', '--format=%h', '--abbrev=7', '--', doc], { cwd: repo, encoding: 'utf8' }).trim();
    // First what changed, grouped by governed file, then the --stat since the document's commit.
    expect(lines[at + 1]).toMatch(/^ {4}serving\/\S+: \d+ commits?$/);
    const statAt = lines.indexOf(`    changes since ${docCommit} (2024-08-19):`, at);
    expect(statAt).toBeGreaterThan(at + 1);
    expect(lines.slice(at + 1, statAt).every((l) => l.startsWith('    '))).toBe(true);
    const block: string[] = [];
    for (let i = statAt + 1; i < lines.length && lines[i].startsWith('    '); i++) block.push(lines[i]);
    // `git diff --stat` rows for the governed files that changed, then its totals line.
    expect(block.some((l) => /^\s+serving\/api\/routes\/features\.py\s+\|\s+\d+ \+*-*$/.test(l))).toBe(true);
    expect(block.at(-1)).toMatch(/^\s+\d+ files? changed(, \d+ insertions?\(\+\))?(, \d+ deletions?\(-\))?$/);
    // Only stale findings are explained.
    const unknown = lines.findIndex((l) => l.includes('[unknown-decision]'));
    expect(lines[unknown + 1]).not.toMatch(/^ {4}/);
  });
});

describe('output formats on the example repository', () => {
  it('json: the findings, the notes and the summary', async () => {
    expect(json.notes).toEqual([]);
    expect(json.summary).toBe(text.stdout.trimEnd().split('\n').at(-1));
    for (const f of json.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'information', 'hint']).toContain(f.severity);
    }
    expect(json.findings.map((f) => `${f.path}:${f.line}:${f.column}`)).toEqual(
      text.stdout.split('\n').filter((l) => / \[[a-z-]+\] /.test(l)).map((l) => l.split(': ')[0]),
    );
  });

  it('sarif: valid SARIF 2.1.0 whose results carry ruleId, level and region', async () => {
    const r = await check(repo, '--format', 'sarif');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    // The published schema's language pattern has a stray ']' that only non-unicode regular expressions accept.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The schema bites: a level SARIF does not define is refused.
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(json.findings.length);
    run.results.forEach((res: any, i: number) => {
      const f = json.findings[i];
      expect(res.ruleId).toBe(f.code);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(f.code);
      expect(res.level).toBe({ error: 'error', warning: 'warning', information: 'note', hint: 'note' }[f.severity]);
      const loc = res.locations[0].physicalLocation;
      expect(decodeURI(loc.artifactLocation.uri)).toBe(f.path);
      expect(loc.region.startLine).toBe(f.line);
      expect(loc.region.startColumn).toBe(f.column);
    });
    const fingerprints = run.results.map((res: any) => res.partialFingerprints.archlens);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('github: one workflow command per finding, with escaped properties', async () => {
    const r = await check(repo, '--format', 'github');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.findings.length);
    lines.forEach((l, i) => {
      const f = json.findings[i];
      const m = /^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.+)$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(m![1]).toBe({ error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[f.severity]);
      expect(m![2]).toBe(f.path);
      expect(Number(m![3])).toBe(f.line);
      expect(m![7]).toBe(`archlens ${f.code}`);
      expect(m![8]).toBe(f.message.replace(/%/g, '%25'));
    });
  });

  it('gitlab: a Code Quality report with the documented fields and fingerprints stable across runs', async () => {
    const first = await check(repo, '--format', 'gitlab');
    const second = await check(repo, '--format', 'gitlab');
    expect(first.code).toBe(1);
    const issues = JSON.parse(first.stdout);
    expect(Array.isArray(issues)).toBe(true);
    expect(issues).toHaveLength(json.findings.length);
    issues.forEach((issue: any, i: number) => {
      expect(issue.description).toBe(json.findings[i].message);
      expect(issue.check_name).toBe(json.findings[i].code);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.location.path).toBe(json.findings[i].path);
      expect(issue.location.lines.begin).toBe(json.findings[i].line);
    });
    const prints = issues.map((x: any) => x.fingerprint);
    // GitLab treats equal fingerprints as one issue: README.md cites the superseded ADR-0003 twice, both must stay.
    expect(new Set(prints).size).toBe(prints.length);
    expect(JSON.parse(second.stdout).map((x: any) => x.fingerprint)).toEqual(prints);
  });

  it('--output writes the report to a file, relative to the working directory', async () => {
    const r = await check(repo, '--format', 'gitlab', '--output', 'gl-code-quality-report.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const written = JSON.parse(fs.readFileSync(path.join(tmp, 'gl-code-quality-report.json'), 'utf8'));
    expect(written).toHaveLength(json.findings.length);
  });
});

describe('the built command', () => {
  let bin: string;
  beforeAll(async () => {
    // The launcher as shipped, next to a fresh bundle of the command, so the test never runs a stale build.
    const dir = path.join(tmp, 'package');
    fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'bin/archlens.js'), path.join(dir, 'bin/archlens.js'));
    await build({
      entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')],
      outfile: path.join(dir, 'server/out/cli.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // Minified as a release may be: errors must still be told apart after classes are renamed.
      minify: true,
      logLevel: 'silent',
    });
    bin = path.join(dir, 'bin/archlens.js');
  });

  const exec = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8' });

  it('prints the same report and exits 1, or 0 with --fail-on never', () => {
    const r = exec('check', repo);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(text.stdout);
    expect(exec('check', repo, '--fail-on', 'never').status).toBe(0);
  });

  it('exits 2 with a one-line message, not a stack trace, for usage and setup errors', () => {
    for (const args of [['check', repo, '--nope'], ['check', repo, '--base', 'no-such-branch']]) {
      const r = exec(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^archlens check: .+\n$/);
    }
  });
});
