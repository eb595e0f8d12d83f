// Builds real git repositories in temporary folders for tests: fixed dates, names and configuration, so hashes and
// output do not depend on the machine or the user's global git settings.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface FixtureCommit {
  /** ISO date-time used as both author and committer date. */
  date: string;
  author?: string;
  message: string;
  /** Content to write, or null to delete the file. Applied after `rename`. */
  files?: Record<string, string | null>;
  /** `git mv from to` pairs, applied first. */
  rename?: [string, string][];
}

export interface GitRepoOptions {
  commits?: FixtureCommit[];
  /** Return a `git clone --depth 1` of the built repository instead. */
  shallow?: boolean;
  /** false: a plain folder with no repository at all. */
  init?: boolean;
}

export interface GitRepoFixture {
  /** The working tree (the clone, for shallow fixtures). */
  dir: string;
  /** Hashes of the commits made so far, in order. */
  hashes: string[];
  git(...args: string[]): Promise<string>;
  commit(c: FixtureCommit): Promise<string>;
  /** `git checkout -b name [start]`. */
  branch(name: string, start?: string): Promise<void>;
  /** `git checkout name`. */
  switchTo(name: string): Promise<void>;
  head(): Promise<string>;
  /** Writes a file without committing it. */
  write(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  cleanup(): Promise<void>;
}

const AUTHOR_EMAIL = 'dev@example.invalid';

export async function gitRepo(opts: GitRepoOptions = {}): Promise<GitRepoFixture> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'archlens-git-'));
  const home = path.join(base, 'home');
  const source = path.join(base, 'repo');
  await fs.mkdir(home);
  await fs.mkdir(source);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
  const run = (cwd: string, args: string[], dates?: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const e = dates ? { ...env, GIT_AUTHOR_DATE: dates, GIT_COMMITTER_DATE: dates } : env;
      const config = ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', '-c', `user.email=${AUTHOR_EMAIL}`];
      execFile('git', [...config, ...args], { cwd, env: e, maxBuffer: 1 << 28 }, (err, stdout, stderr) =>
        err ? reject(new Error(`git ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
      );
    });

  let dir = source;
  const hashes: string[] = [];
  const fixture: GitRepoFixture = {
    get dir() {
      return dir;
    },
    hashes,
    git: (...args) => run(dir, args),
    async commit(c) {
      for (const [from, to] of c.rename ?? []) {
        await fs.mkdir(path.dirname(path.join(dir, to)), { recursive: true });
        await run(dir, ['mv', '--', from, to]);
      }
      for (const [file, text] of Object.entries(c.files ?? {})) {
        if (text === null) await run(dir, ['rm', '-q', '--', file]);
        else {
          await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await fs.writeFile(path.join(dir, file), text);
          await run(dir, ['add', '--', file]);
        }
      }
      const author = c.author ?? 'Dev';
      await run(dir, ['-c', `user.name=${author}`, 'commit', '-q', '--allow-empty', '-m', c.message], c.date);
      const hash = (await run(dir, ['rev-parse', 'HEAD'])).trim();
      hashes.push(hash);
      return hash;
    },
    async branch(name, start) {
      await run(dir, ['checkout', '-q', '-b', name, ...(start ? [start] : [])]);
    },
    async switchTo(name) {
      await run(dir, ['checkout', '-q', name]);
    },
    async head() {
      return (await run(dir, ['rev-parse', 'HEAD'])).trim();
    },
    async write(file, text) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), text);
    },
    async remove(file) {
      await fs.rm(path.join(dir, file));
    },
    cleanup: () => fs.rm(base, { recursive: true, force: true }),
  };

  if (opts.init === false) return fixture;
  await run(source, ['init', '-q']);
  for (const c of opts.commits ?? []) await fixture.commit(c);
  if (opts.shallow) {
    const clone = path.join(base, 'clone');
    await run(base, ['clone', '-q', '--depth', '1', `file://${source}`, clone]);
    dir = clone;
  }
  return fixture;
}

/** Runs git with the fixture's isolated environment in any folder (for the benchmark's fast-import). */
export function fixtureEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
}
