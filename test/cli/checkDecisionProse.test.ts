// `archlens check` reads decisions without their search text and sentences for "why?" (no rule reads them), except
// with --explain, whose explanation names the new files a decision already mentions. The findings are the same.
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';

const searched = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../server/src/core/decisions/summary', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/core/decisions/summary')>();
  return {
    ...actual,
    searchTextOf: (...args: Parameters<typeof actual.searchTextOf>) => {
      searched.count++;
      return actual.searchTextOf(...args);
    },
  };
});

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

async function check(args: string[], cwd: string): Promise<Finding[]> {
  let out = '';
  await runCli(['check', ...args, '--format', 'json', '--fail-on', 'never'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd });
  return (JSON.parse(out) as { findings: Finding[] }).findings;
}

describe('archlens check reads no decision prose it does not use', () => {
  beforeEach(() => {
    searched.count = 0;
  });

  for (const folder of [path.join(CORPORA, 'madr'), path.join(CORPORA, 'cometbft'), path.resolve(__dirname, '../../examples/data-platform')]) {
    it(`${path.basename(folder)}: no search text without --explain, the same findings as with it`, async () => {
      const plain = await check([folder], folder);
      const withoutExplain = searched.count;
      expect(plain.length).toBeGreaterThan(0);
      const explained = await check([folder, '--explain'], folder);
      const withExplain = searched.count - withoutExplain;
      // The example's `.archlens.yml` source (two decisions of another log) is read by an index of its own, which
      // reads everything; the folder's own decisions are not searched.
      expect(withoutExplain).toBe(path.basename(folder) === 'data-platform' ? 2 : 0);
      // The control: --explain reads every decision's prose.
      expect(withExplain).toBeGreaterThan(withoutExplain + 5);
      expect(plain).toEqual(explained.map(({ explain: _, ...f }) => f));
    }, 120_000);
  }
});
