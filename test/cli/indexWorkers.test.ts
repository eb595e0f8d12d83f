// The index read on worker threads (adapters/indexWorkers.ts, which the command line uses for large folders) equals
// the index read on one thread, on the shared corpora: the same records, decisions, terms, views and problems. The
// workers run the built command-line bundle (`npm run build`), as they do in use.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexWorkers } from '../../server/src/adapters/indexWorkers';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const BUNDLE = path.resolve(__dirname, '../../server/out/cli.js');

async function indexJson(root: string, workers?: IndexWorkers): Promise<string> {
  const index = new ArchitectureIndex(new NodeWorkspace(root), {}, workers ? { bulk: workers } : {});
  return JSON.stringify((await index.rebuild()).toJSON());
}

describe('the index on worker threads', () => {
  it.skipIf(!existsSync(BUNDLE))('gives the index one thread gives, on every corpus at once, with the files analysed by the workers', async () => {
    const workers = new IndexWorkers(CORPORA, { threads: 2, minFiles: 0, script: BUNDLE });
    try {
      const parallel = await indexJson(CORPORA, workers);
      expect(parallel).toBe(await indexJson(CORPORA));
      expect(JSON.parse(parallel).decisions.length).toBeGreaterThan(100);
      expect(workers.analysed).toBeGreaterThan(300);
      // The pool is kept between passes: a second rebuild reuses it and still agrees.
      const before = workers.analysed;
      expect(await indexJson(CORPORA, workers)).toBe(parallel);
      expect(workers.analysed).toBeGreaterThan(before);
    } finally {
      workers.close();
    }
  }, 120_000);

  it.skipIf(!existsSync(BUNDLE))('reads documents with the first pass on the workers too when the index wants only documents', async () => {
    const root = path.join(CORPORA, 'cometbft');
    const records = async (workers?: IndexWorkers) => {
      const index = new ArchitectureIndex(new NodeWorkspace(root), {}, { documentsOnly: true, ...(workers ? { bulk: workers } : {}) });
      const s = await index.rebuild();
      return new Map([...s.recordPaths()].map((p) => [p, s.record(p)]));
    };
    const workers = new IndexWorkers(root, { threads: 2, minFiles: 0, script: BUNDLE });
    try {
      const parallel = await records(workers);
      expect(workers.analysed).toBeGreaterThan(50);
      expect([...parallel.values()].filter((r) => r?.partial).length).toBeGreaterThan(50);
      expect(parallel).toEqual(await records());
    } finally {
      workers.close();
    }
  }, 120_000);

  it('a worker that cannot start leaves the files to the index, with the same result', async () => {
    const root = path.join(CORPORA, 'madr');
    const workers = new IndexWorkers(root, { threads: 2, minFiles: 0, script: path.join(CORPORA, 'no-such-worker.js') });
    try {
      expect(await indexJson(root, workers)).toBe(await indexJson(root));
      expect(workers.analysed).toBe(0);
    } finally {
      workers.close();
    }
  }, 60_000);
});
