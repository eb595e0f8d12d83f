// Reading a rebuild's files on other threads: what the index asks of a bulk analyser (the command line's worker pool,
// adapters/indexWorkers.ts), and how it takes the answers. The analysis is the same pure `analyseFile`; only where it
// runs changes, so a record made on another thread equals the one this thread would make.
import type { FileRecord } from './analyse';
import type { MarkerFile } from './discovery';
import type { ArchlensSettings } from './settings';
import type { MarkerAbove } from './workspace';

/** What another thread needs to analyse files as the index would: the discovery context is made again from it. */
export interface BulkSetup {
  settings: ArchlensSettings;
  markers: readonly MarkerFile[];
  above: readonly MarkerAbove[];
  /** Analyse documents with the first pass only (analyse.ts `first`; IndexOptions.documentsOnly). */
  first?: boolean;
}

/** One file as another thread read it: its record (undefined: nothing to keep), gone, or its size when over the limit. */
export type BulkResult = { record: FileRecord | undefined } | { gone: true } | { tooLarge: number };

export interface BulkAnalyser {
  /**
   * Reads and analyses `paths` (each with `analyseFile` after reading it, strings detached), giving the results
   * in the order of `paths`, a run of them at a time; undefined when it will not (too few files, one core), and the
   * index reads them itself. A failure part way throws, and the index reads what was not given.
   */
  analyse(paths: readonly string[], setup: BulkSetup): AsyncIterable<BulkResult[]> | undefined;
}

/**
 * Hands `paths` to `bulk` (when there is one and it will take them) and applies each result in the order of `paths`;
 * returns the paths left for the caller to read: those `keepHere` says it holds the text of, and whatever a failure
 * of the other threads left unread.
 */
export async function readInBulk(
  bulk: BulkAnalyser | undefined,
  paths: readonly string[],
  setup: BulkSetup,
  keepHere: (path: string) => boolean,
  apply: (path: string, result: BulkResult) => void,
): Promise<readonly string[]> {
  if (!bulk) return paths;
  const mine: string[] = [];
  const theirs: string[] = [];
  for (const path of paths) (keepHere(path) ? mine : theirs).push(path);
  const results = bulk.analyse(theirs, setup);
  if (!results) return paths;
  let next = 0;
  try {
    for await (const run of results) for (const result of run) apply(theirs[next++], result);
  } catch {
    // Another thread failed: the caller reads what it did not give.
  }
  return [...mine, ...theirs.slice(next)];
}
