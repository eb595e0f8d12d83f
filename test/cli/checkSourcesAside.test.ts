// `archlens check` keeps every document's markdown model for its rules, and models cannot cross threads: the
// documents are read on the main thread while the source files go to the other threads at the same time (the
// command line's worker pool, IndexOptions.bulk). The bulk analyser here runs the same analysis in-process and
// notes when it was handed its files, so the test sees what went where and when.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { analyseFile, isDocumentCandidate, isIndexedPath } from '../../server/src/core/analyse';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { BulkAnalyser, BulkResult, BulkSetup } from '../../server/src/core/bulkRead';
import { createDiscoveryContext } from '../../server/src/core/discovery';
import { detachStrings } from '../../server/src/core/text';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

/** Analyses in-process what a worker would, logging to `events`. */
function inProcessBulk(root: string, events: string[], given: string[]): BulkAnalyser {
  const workspace = new NodeWorkspace(root);
  return {
    analyse(paths: readonly string[], setup: BulkSetup) {
      events.push('bulk');
      given.push(...paths);
      const ctx = createDiscoveryContext(setup.settings, setup.markers, setup.above);
      return (async function* (): AsyncGenerator<BulkResult[]> {
        for (let i = 0; i < paths.length; i += 16) {
          const run: BulkResult[] = [];
          for (const p of paths.slice(i, i + 16)) {
            if (!isIndexedPath(p, ctx)) run.push({ record: undefined });
            else {
              const bytes = await workspace.readFileWithin(p, setup.settings.maxFileSize);
              run.push(bytes === undefined ? { gone: true } : typeof bytes === 'number' ? { tooLarge: bytes } : { record: detachStrings(analyseFile(p, bytes, ctx, setup.settings.maxFileSize, { first: setup.first }), p) });
            }
          }
          yield run;
        }
      })();
    },
  };
}

/** The workspace the index reads on its own thread, noting each read. */
class NotingWorkspace extends NodeWorkspace {
  constructor(root: string, private readonly events: string[]) {
    super(root);
  }
  override readFileWithin(rel: string, max: number) {
    this.events.push(`read ${rel}`);
    return super.readFileWithin(rel, max);
  }
}

describe('an index that keeps the documents\' models hands the source files to the other threads', () => {
  for (const corpus of ['cometbft', 'madr']) {
    it(`${corpus}: documents here, source files there from the start, the same index as one thread`, async () => {
      const root = path.join(CORPORA, corpus);
      const events: string[] = [];
      const given: string[] = [];
      const index = new ArchitectureIndex(new NotingWorkspace(root, events), {}, { keepDocumentModels: true, bulk: inProcessBulk(root, events, given) });
      const snapshot = await index.rebuild(undefined, () => undefined);
      const alone = await new ArchitectureIndex(new NodeWorkspace(root), {}, { keepDocumentModels: true }).rebuild();
      expect(JSON.stringify(snapshot.toJSON())).toBe(JSON.stringify(alone.toJSON()));

      const ctx = snapshot.context;
      const readHere = events.filter((e) => e.startsWith('read ')).map((e) => e.slice(5));
      // The source files went to the bulk analyser, before the first document was read here.
      expect(given.length).toBeGreaterThan(0);
      expect(given.filter((p) => isDocumentCandidate(p, ctx))).toEqual([]);
      expect(events.indexOf('bulk')).toBeLessThan(events.findIndex((e) => e.startsWith('read ') && isDocumentCandidate(e.slice(5), ctx)));
      // Every document was read here (its model is kept for the rules), and no source file was.
      expect(readHere.filter((p) => !isDocumentCandidate(p, ctx) && !p.endsWith('.archlens.yml'))).toEqual([]);
      const documents = snapshot.files.filter((p) => isDocumentCandidate(p, ctx) && isIndexedPath(p, ctx));
      expect(documents.length).toBeGreaterThan(10);
      for (const p of documents) expect(readHere).toContain(p);
    }, 60_000);
  }
});
