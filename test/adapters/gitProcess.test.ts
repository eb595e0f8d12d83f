// The time limit of a git process: a streamed read (the history log) is stopped only when git falls silent, so a
// long read of a large repository on a busy machine completes; a buffered command is stopped at the limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGit } from '../../server/src/adapters/gitProcess';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-gitprocess-'));
// A stand-in for git that writes a line every 300 ms for 3 s, then exits.
const slowGit = path.join(dir, 'slow-git');
fs.writeFileSync(slowGit, '#!/bin/sh\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo "line $i"; sleep 0.3; done\n', { mode: 0o755 });
// One that writes once and then hangs.
const stuckGit = path.join(dir, 'stuck-git');
fs.writeFileSync(stuckGit, '#!/bin/sh\necho start\nexec sleep 30\n', { mode: 0o755 });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('git process time limit', () => {
  it('lets a streamed read that keeps writing run past the limit', async () => {
    const lines: string[] = [];
    await runGit(dir, { args: ['log'] }, { binary: slowGit, timeoutMs: 1500, onStdout: (t) => lines.push(t) });
    expect(lines.join('').trim().split('\n')).toHaveLength(10);
  });

  it('stops a streamed read that falls silent, and a buffered command at the limit', async () => {
    await expect(runGit(dir, { args: ['log'] }, { binary: stuckGit, timeoutMs: 1500, onStdout: () => undefined })).rejects.toThrow('git log wrote nothing for 2 s and was stopped');
    await expect(runGit(dir, { args: ['log'] }, { binary: slowGit, timeoutMs: 1500 })).rejects.toThrow('git log took longer than 2 s and was stopped');
  });
});
