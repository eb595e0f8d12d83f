// Runs scripts/make-example-repo.mjs into a temporary folder and checks the git repository it builds against the
// plan the script documents: the commit count, a final tree equal to examples/data-platform, governed paths that
// exist, and which documents are stale, reviewed or fresh by `git log` dates.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/make-example-repo.mjs');
const EXAMPLE = path.join(ROOT, 'examples/data-platform');

// The plan, as the script's header and the example's README state it.
const PLANNED_COMMITS = 39;
/** The sibling decision log the script builds next to the target (examples/platform-decisions). */
const LOG = path.join(ROOT, 'examples/platform-decisions');
/** A folder history renames while the deployment view keeps naming it. */
const RENAMED = { doc: 'docs/architecture/deployment-view.md', from: 'deploy/helm/airflow/', to: 'deploy/helm/scheduler/' };
const STALE = [
  'docs/architecture/component-and-connector-view.md',
  'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md',
  'docs/adr/0009-reverse-etl-into-the-serving-store.md',
  'docs/adr/0011-one-helm-chart-per-service.md',
];
const REVIEWED = ['docs/adr/0012-incremental-snapshots-for-debezium.md'];
// Stale by git dates alone, fresh for Archlens: the only later changes to their code are a Dependabot commit
// (.github/workflows/dbt-ci.yml) and a whitespace-only re-indent (dbt/models/marts/fct_orders.sql).
const CHANGES_THAT_DO_NOT_MATTER = [
  'docs/adr/0002-use-dbt-for-warehouse-transformations.md',
  'docs/adr/0015-slim-ci-for-dbt-pull-requests.md',
  'docs/architecture/data-pipeline-view.md',
  'docs/architecture/deployment-view.md',
  'docs/architecture/module-view.md',
];
const FRESH = [
  'docs/architecture/module-view.md',
  'docs/architecture/deployment-view.md',
  'docs/architecture/data-pipeline-view.md',
  'docs/adr/0002-use-dbt-for-warehouse-transformations.md',
  'docs/adr/0008-dead-letter-queues-for-sink-connectors.md',
  'docs/adr/0013-slos-for-the-serving-api.md',
  'docs/adr/0015-slim-ci-for-dbt-pull-requests.md',
];

let tmp: string;
let repo: string;
let stdout: string;

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

function runScript(target: string) {
  return spawnSync(process.execPath, [SCRIPT, target], { encoding: 'utf8' });
}

function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel !== '.git') out.push(...listFiles(root, rel));
    } else out.push(rel);
  }
  return out.sort();
}

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? ((parseYaml(m[1]) as Record<string, unknown>) ?? {}) : {};
}

/** Code paths a view's element catalog names: backticked cells of a `Code` table column, or `Code:` lines. */
function catalogPaths(text: string): string[] {
  const paths: string[] = [];
  let codeColumn = -1;
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      const header = cells.indexOf('Code');
      if (header >= 0 && cells[0] === 'Element') codeColumn = header;
      else if (codeColumn >= 0) for (const m of (cells[codeColumn] ?? '').matchAll(/`([^`]+)`/g)) paths.push(m[1]);
    } else {
      codeColumn = -1;
      if (line.startsWith('Code:')) for (const m of line.matchAll(/`([^`]+)`/g)) paths.push(m[1]);
    }
  }
  return paths;
}

/** Files a catalog path or governs glob names: `dir/` is everything below it. */
function matching(files: string[], pattern: string): string[] {
  const glob = pattern.endsWith('/') ? `${pattern}**` : pattern;
  const isMatch = picomatch(glob, { dot: true });
  return files.filter((f) => isMatch(f));
}

/** Every governed document of the example with the code patterns it names. */
function governedDocuments(): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  for (const name of fs.readdirSync(path.join(EXAMPLE, 'docs/adr'))) {
    const rel = `docs/adr/${name}`;
    const governs = frontMatter(fs.readFileSync(path.join(EXAMPLE, rel), 'utf8')).governs;
    if (Array.isArray(governs) && governs.length > 0) docs.set(rel, governs as string[]);
  }
  for (const name of fs.readdirSync(path.join(EXAMPLE, 'docs/architecture'))) {
    const rel = `docs/architecture/${name}`;
    const paths = catalogPaths(fs.readFileSync(path.join(EXAMPLE, rel), 'utf8'));
    if (paths.length > 0) docs.set(rel, paths);
  }
  return docs;
}

/** The newest commit time (ms) touching each file, from one `git log` pass. */
function lastChangeByFile(cwd: string): Map<string, number> {
  const out = new Map<string, number>();
  let when = 0;
  for (const line of git(cwd, ['log', '--format=@%cI', '--name-only', '--no-renames']).split('\n')) {
    if (line.startsWith('@')) when = Date.parse(line.slice(1));
    else if (line && !out.has(line)) out.set(line, when);
  }
  return out;
}

function lastCommitTime(cwd: string, file: string): number {
  return Date.parse(git(cwd, ['log', '-1', '--format=%cI', '--', file]).trim());
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-example-'));
  repo = path.join(tmp, 'data-platform');
  const run = runScript(repo);
  if (run.status !== 0) throw new Error(`make-example-repo failed: ${run.stderr}`);
  stdout = run.stdout;
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('make-example-repo', () => {
  it('prints the target path and the planned number of commits', () => {
    expect(stdout.split('\n')[0]).toBe(repo);
    expect(stdout).toContain(`${PLANNED_COMMITS} commits`);
    expect(Number(git(repo, ['rev-list', '--count', 'HEAD']).trim())).toBe(PLANNED_COMMITS);
    expect(git(repo, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');
  });

  it('dates the history in order, from fixed authors, spread over 2024 and 2025', () => {
    const log = git(repo, ['log', '--reverse', '--format=%aI|%cI|%an <%ae>']).trim().split('\n');
    const times = log.map((l) => Date.parse(l.split('|')[1]));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    for (const l of log) expect(l.split('|')[0]).toBe(l.split('|')[1]);
    expect(log[0].startsWith('2024-')).toBe(true);
    expect(log[log.length - 1].startsWith('2025-')).toBe(true);
    const authors = new Set(log.map((l) => l.split('|')[2]));
    expect(authors.size).toBeGreaterThanOrEqual(3);
    // The team, and one bot (whose commit does not make documentation stale).
    for (const a of authors) if (!a.startsWith('dependabot[bot] ')) expect(a).toMatch(/@data-platform\.example\.com>$/);
    expect(log.filter((l) => l.split('|')[2].startsWith('dependabot[bot] <'))).toHaveLength(1);
  });

  it('leaves a working tree equal to examples/data-platform, byte for byte, all of it committed', () => {
    const expected = listFiles(EXAMPLE);
    expect(listFiles(repo)).toEqual(expected);
    for (const file of expected) {
      expect(fs.readFileSync(path.join(repo, file)).equals(fs.readFileSync(path.join(EXAMPLE, file))), file).toBe(true);
    }
    expect(git(repo, ['ls-files']).trim().split('\n').sort()).toEqual(expected);
    expect(git(repo, ['status', '--porcelain']).trim()).toBe('');
  });

  it('builds the same commits on every run', () => {
    const second = path.join(tmp, 'again');
    fs.mkdirSync(second); // an existing empty folder is accepted
    const run = spawnSync(process.execPath, [SCRIPT, second], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' } });
    expect(run.status, run.stderr).toBe(0);
    expect(git(second, ['rev-parse', 'HEAD'])).toBe(git(repo, ['rev-parse', 'HEAD']));
  });

  it('refuses a target folder that is not empty, and leaves it alone', () => {
    const busy = path.join(tmp, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine');
    const run = runScript(busy);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/not an empty folder/);
    expect(fs.readdirSync(busy)).toEqual(['keep.txt']);
  });

  it('builds the sibling decision log next to the target: its own repository, its tree equal to examples/platform-decisions', () => {
    const log = path.join(tmp, 'platform-decisions');
    expect(stdout).toContain(`${log}\n2 commits (the sibling decision log)`);
    expect(listFiles(log)).toEqual(listFiles(LOG));
    for (const file of listFiles(LOG)) expect(fs.readFileSync(path.join(log, file)).equals(fs.readFileSync(path.join(LOG, file))), file).toBe(true);
    expect(git(log, ['status', '--porcelain']).trim()).toBe('');
    expect(git(log, ['log', '-1', '--format=%cI', '--', 'docs/adr/0102-close-deleted-records-in-history-tables.md']).trim()).toBe('2025-02-03T11:30:00+01:00');
    // A second run next to it leaves the existing log alone.
    const again = spawnSync(process.execPath, [SCRIPT, path.join(tmp, 'third')], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${log} exists; left as it is`);
  });

  it('renames the folder the deployment view still names, so the finding can offer the new name', () => {
    const hash = git(repo, ['log', '-1', '--format=%H', '--', RENAMED.to]).trim();
    const moved = git(repo, ['show', '-M', '--name-status', '--format=%s', hash]);
    expect(moved).toMatch(/^Move the Airflow chart to deploy\/helm\/scheduler$/m);
    expect(moved).toMatch(/^R100\tdeploy\/helm\/airflow\/values\.yaml\tdeploy\/helm\/scheduler\/values\.yaml$/m);
    expect(fs.readFileSync(path.join(EXAMPLE, RENAMED.doc), 'utf8')).toContain(`\`${RENAMED.from}\``);
  });

  it('records the rename of the component-and-connector view, so history can follow it', () => {
    const view = 'docs/architecture/component-and-connector-view.md';
    const followed = git(repo, ['log', '--follow', '--name-status', '--format=%H', '--', view]);
    expect(followed).toMatch(/^R\d+\tdocs\/architecture\/runtime-view\.md\tdocs\/architecture\/component-and-connector-view\.md$/m);
    const withFollow = git(repo, ['log', '--follow', '--format=%H', '--', view]).trim().split('\n');
    const without = git(repo, ['log', '--format=%H', '--', view]).trim().split('\n');
    expect(withFollow.length).toBeGreaterThan(without.length);
  });
});

describe('governed code in the example', () => {
  const docs = governedDocuments();
  const files = listFiles(EXAMPLE);

  it('names code that exists, for every governs glob and every catalog path', () => {
    expect(docs.size).toBe(STALE.length + REVIEWED.length + FRESH.length);
    for (const [doc, patterns] of docs) {
      for (const pattern of patterns) {
        if (doc === RENAMED.doc && pattern === RENAMED.from) expect(matching(files, pattern)).toEqual([]);
        else expect(matching(files, pattern).length, `${doc}: ${pattern}`).toBeGreaterThan(0);
      }
    }
  });

  it('is stale exactly where the plan says, by the dates git reports', () => {
    const changed = lastChangeByFile(repo);
    const ignore = (parseYaml(fs.readFileSync(path.join(EXAMPLE, '.archlens.yml'), 'utf8')) as { staleness: { ignore: string[] } })
      .staleness.ignore;
    const ignored = picomatch(ignore, { dot: true });
    const staleByGit: string[] = [];
    for (const [doc, patterns] of docs) {
      const docTime = lastCommitTime(repo, doc);
      const code = [...new Set(patterns.flatMap((p) => matching(files, p)))].filter((f) => !ignored(f));
      const codeTime = Math.max(...code.map((f) => changed.get(f) ?? 0));
      expect(codeTime, doc).toBeGreaterThan(0);
      if (codeTime > docTime) staleByGit.push(doc);
      const reviewed = frontMatter(fs.readFileSync(path.join(EXAMPLE, doc), 'utf8')).reviewed;
      if (REVIEWED.includes(doc)) {
        // `reviewed: 2025-04-02` is a calendar date (midnight UTC); it must come after the last code change.
        expect(String(reviewed), doc).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Date.parse(`${String(reviewed)}T00:00:00Z`), doc).toBeGreaterThan(codeTime);
      } else {
        expect(reviewed, doc).toBeUndefined();
      }
    }
    expect(staleByGit.sort()).toEqual([...STALE, ...REVIEWED, ...CHANGES_THAT_DO_NOT_MATTER].sort());
    for (const doc of FRESH) expect(docs.has(doc), doc).toBe(true);
  });

  it('has a bot commit and a whitespace-only commit after the documents of their code', () => {
    const bot = git(repo, ['log', '--format=%an|%s', '--name-only', '--author=dependabot', '--', '.github/workflows/dbt-ci.yml']).trim().split('\n');
    expect(bot).toEqual(['dependabot[bot]|Bump actions/checkout from 3 to 4 in /.github/workflows', '', '.github/workflows/dbt-ci.yml']);
    const reformat = git(repo, ['log', '-1', '--format=%H', '--', 'dbt/models/marts/fct_orders.sql']).trim();
    expect(git(repo, ['diff', '--numstat', `${reformat}~1`, reformat]).trim()).toBe('7\t7\tdbt/models/marts/fct_orders.sql');
    // Ignoring whitespace, the commit changes nothing.
    expect(git(repo, ['diff', '--numstat', '-w', `${reformat}~1`, reformat]).trim()).toBe('');
  });

  it('changes connect/debezium/ several times after the c&c view and decision 7 were last touched', () => {
    for (const doc of ['docs/architecture/component-and-connector-view.md', 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md']) {
      const since = git(repo, ['log', '-1', '--format=%cI', '--', doc]).trim();
      const later = git(repo, ['log', `--since=${since}`, '--format=%cI|%s', '--', 'connect/debezium/'])
        .trim()
        .split('\n')
        .filter((l) => Date.parse(l.split('|')[0]) > Date.parse(since));
      expect(later.length, doc).toBeGreaterThanOrEqual(3);
      expect(later.map((l) => l.split('|')[1])).toContain('Raise snapshot fetch size');
    }
  });
});
