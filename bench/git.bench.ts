// Git history at scale: a generated repository of 50,000 commits over 30,000 files with 10,000 decisions, built once
// with `git fast-import`. Compares the adapter's open (one `git log -z --numstat -w --first-parent` pass) and the
// whole staleness check with the floor of git alone printing `git log --name-only`, and times the staleness rules
// for 10,000 decisions. The findings line printed first shows one finding per stale decision, not per file.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { openGitHistory, type LiveGitHistory } from '../server/src/adapters/gitHistory';
import type { Decision } from '../server/src/core/model';
import { LOG_ARGS } from '../server/src/core/gitLog';
import { findStaleDocumentation } from '../server/src/core/staleness';
import { makeDecision } from '../test/helpers/decisions';

const COMMITS = 50_000;
const SERVICES = 200;
const MODULES = 10;
const FILES_PER_MODULE = 10; // 200 × 10 × 10 = 20,000 code files
const DOCS = 10_000;

// Writing 30,000 files is the slow part of building the fixture; a memory file system makes it seconds.
const scratch = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const base = fs.mkdtempSync(path.join(scratch, 'archlens-git-bench-'));
const dir = path.join(base, 'repo');
const env = { PATH: process.env.PATH, HOME: base, XDG_CONFIG_HOME: base, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const codeFiles: string[] = [];
for (let s = 0; s < SERVICES; s++)
  for (let m = 0; m < MODULES; m++) for (let f = 0; f < FILES_PER_MODULE; f++) codeFiles.push(`svc${s}/mod${m}/file ${f}.py`);
const docFiles = Array.from({ length: DOCS }, (_, i) => `docs/adr/${String(i).padStart(4, '0')}-decision.md`);
const allFiles = [...codeFiles, ...docFiles];

function git(args: string[], cwd = dir): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd, env, maxBuffer: 1 << 30 }, (e, out, err) => (e ? reject(new Error(err || e.message)) : resolve(out))),
  );
}

/** A deterministic stream for `git fast-import`: one commit adding everything, then small commits, a few to docs. */
function* fastImportStream(): Generator<string> {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
  const commit = (mark: number, when: number, message: string, body: string[]) =>
    `commit refs/heads/main\nmark :${mark}\ncommitter Dev <dev@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n` +
    (mark > 1 ? `from :${mark - 1}\n` : '') +
    body.join('') +
    '\n';
  const modify = (file: string, text: string) => `M 100644 inline "${file}"\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  yield commit(1, start, 'initial layout', allFiles.map((f) => modify(f, `${f}\n`)));
  for (let i = 2; i <= COMMITS; i++) {
    const body: string[] = [];
    const touchDoc = rand(10) === 0;
    const count = touchDoc ? 1 : 1 + rand(6);
    for (let k = 0; k < count; k++) {
      const file = touchDoc ? docFiles[rand(DOCS)] : codeFiles[rand(codeFiles.length)];
      body.push(modify(file, `${file} ${i}\n`));
    }
    yield commit(i, start + i * 3600, touchDoc ? `update a decision ${i}` : `change code ${i}`, body);
  }
}

async function buildRepository(): Promise<void> {
  fs.mkdirSync(dir);
  await git(['init', '-q', '-b', 'main']);
  await new Promise<void>((resolve, reject) => {
    const p = spawn('git', ['fast-import', '--quiet'], { cwd: dir, env, stdio: ['pipe', 'ignore', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`))));
    for (const chunk of fastImportStream()) p.stdin.write(chunk);
    p.stdin.end();
  });
  await git(['checkout', '-q', '-f', 'main']);
}

function decisions(): Decision[] {
  return docFiles.map((p, i) =>
    makeDecision({
      id: p.replace(/\.md$/, ''),
      title: `Decision ${i}`,
      path: p,
      governsLine: 3,
      status: 'accepted',
      // A mix of folder paths, globs and single files, as real decisions write them.
      governs:
        i % 3 === 0
          ? [`svc${i % SERVICES}/mod${i % MODULES}/`]
          : i % 3 === 1
            ? [`svc${i % SERVICES}/**/*.py`]
            : [`svc${i % SERVICES}/mod${(i + 1) % MODULES}/file ${i % FILES_PER_MODULE}.py`, `svc${(i + 7) % SERVICES}/mod1`],
    }),
  );
}

let history: LiveGitHistory;
const decisionList = decisions();
const settings = { enabled: true, minDays: 0, minCommits: 1, ignore: ['**/test/**', '**/*.lock'] };
const now = new Date('2021-01-01T00:00:00Z');

beforeAll(async () => {
  const t0 = performance.now();
  await buildRepository();
  history = await openGitHistory(dir, { trusted: true });
  const findings = findStaleDocumentation({ decisions: decisionList, views: [], files: allFiles, history, settings, now });
  const changedFiles = findings.reduce((n, f) => n + f.governedPaths.length, 0);
  console.log(
    `generated ${COMMITS} commits × ${allFiles.length} files in ${(performance.now() - t0).toFixed(0)} ms; ` +
      `history ${JSON.stringify(history.state)}; ${findings.length} findings for ${findings.length} stale of ${DOCS} decisions ` +
      `(one per document; one per changed governed file would have been ${changedFiles})`,
  );
}, 1_800_000);

afterAll(() => fs.promises.rm(base, { recursive: true, force: true }), 120_000);

describe('git history', () => {
  bench('floor: git log --name-only (git alone)', async () => {
    await git(['log', '--name-only', '--format=%H', 'HEAD', '--']);
  }, { time: 3000, iterations: 5 });

  bench('floor: the adapter\'s log pass, git alone', async () => {
    await git([...LOG_ARGS, 'HEAD', '--']);
  }, { time: 3000, iterations: 5 });

  bench('openGitHistory (rev-parse, the one log pass, model, status)', async () => {
    await openGitHistory(dir, { trusted: true });
  }, { time: 3000, iterations: 5 });

  bench('the whole staleness check: openGitHistory + findStaleDocumentation for 10,000 decisions', async () => {
    const h = await openGitHistory(dir, { trusted: true });
    findStaleDocumentation({ decisions: decisionList, views: [], files: allFiles, history: h, settings, now });
  }, { time: 3000, iterations: 5 });
});

describe('staleness', () => {
  bench('findStaleDocumentation: 10,000 decisions × 30,000 files', () => {
    findStaleDocumentation({ decisions: decisionList, views: [], files: allFiles, history, settings, now });
  }, { time: 3000, iterations: 10 });
});
