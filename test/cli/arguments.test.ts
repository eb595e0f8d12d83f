// Arguments are read strictly (node:util parseArgs with each command's options): an unknown option, a missing value
// or a value given to a flag is a usage error with a one-line message and exit code 2, before any folder is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers';

const VERBS = ['index', 'check', 'why', 'graph', 'tour', 'export', 'suggest'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-args-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('command-line arguments', () => {
  it.each(VERBS)('%s: an unknown long or short option exits 2 and names it', async (verb) => {
    for (const bad of ['--no-such-option', '-x']) {
      const r = await cli([verb, bad, tmp]);
      expect(r.code, `${verb} ${bad}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`archlens ${verb}: unknown option ${bad}\n`);
    }
  });

  it.each(VERBS)('%s: -h and --help print its usage and exit 0', async (verb) => {
    for (const help of ['-h', '--help']) {
      const r = await cli([verb, help]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: archlens /);
    }
  });

  it.each([
    ['check', '--output', 'archlens check: --output needs a value\n'],
    ['graph', '--tag', 'archlens graph: --tag needs a value\n'],
    ['why', '--limit', 'archlens why: --limit needs a value\n'],
    ['export', '--out', 'archlens export: --out needs a value\n'],
  ])('%s %s without a value exits 2', async (verb, option, message) => {
    const r = await cli([verb, option]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it('refuses a value given to a flag', async () => {
    const r = await cli(['index', '--json=yes', tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("archlens index: Option '--json' does not take an argument\n");
  });

  it('reads a folder whose name starts with a dash after --', async () => {
    const dashed = path.join(tmp, '-docs');
    fs.mkdirSync(path.join(dashed, 'docs/adr'), { recursive: true });
    fs.writeFileSync(path.join(dashed, 'docs/adr/0001-use-kafka.md'), '# 1. Use Kafka\n\n## Status\n\nAccepted\n');
    const asOption = await cli(['index', '--json', '-docs'], tmp);
    expect(asOption.code).toBe(2);
    const r = await cli(['index', '--json', '--', '-docs'], tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decisions.map((d: { title: string }) => d.title)).toEqual(['Use Kafka']);
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
