// The benchmark reuses a generated repository between runs; whatever an earlier run left in its working tree must
// not be measured by the next one.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreCheckout } from '../../bench/scale/generate';

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.invalid', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.invalid' };
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function committedRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-bench-restore-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, 'docs', '0001-use-kafka.md'), '# 1. Use Kafka\n');
  fs.writeFileSync(path.join(root, '.gitignore'), '*.log\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
  execFileSync('git', ['add', '.'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', 'Initial layout'], { cwd: root, env });
  return root;
}

describe('restoring a cached benchmark repository', () => {
  it('leaves a clean checkout alone', () => {
    const root = committedRepo();
    expect(restoreCheckout(root)).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'docs', '0001-use-kafka.md'), 'utf8')).toBe('# 1. Use Kafka\n');
  });

  it('removes files left in the tree (ignored ones too) and undoes edits, naming them', () => {
    const root = committedRepo();
    fs.writeFileSync(path.join(root, 'Heap.20261202.125609.10833.0.001.heapsnapshot'), 'x'.repeat(1000));
    fs.mkdirSync(path.join(root, 'profiles'));
    fs.writeFileSync(path.join(root, 'profiles', 'server.log'), 'trace');
    fs.writeFileSync(path.join(root, 'docs', '0001-use-kafka.md'), '# 1. Use Pulsar\n');
    const stray = restoreCheckout(root);
    expect(stray.sort()).toEqual(['Heap.20261202.125609.10833.0.001.heapsnapshot', 'docs/0001-use-kafka.md', 'profiles/server.log']);
    expect(fs.readdirSync(root).sort()).toEqual(['.git', '.gitignore', 'docs']);
    expect(fs.readFileSync(path.join(root, 'docs', '0001-use-kafka.md'), 'utf8')).toBe('# 1. Use Kafka\n');
  });
});
