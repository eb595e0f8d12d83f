// What a rebuild reads, from the listing: documents first (decisions and terms answer from them), then the source
// files scanned for references; files over the size limit are recorded as such without being read.
import { isDocumentCandidate, isIndexedPath } from './analyse';
import { ancestorSkipped, type DiscoveryContext } from './discovery';
import type { WorkspaceFile } from './workspace';

export interface RebuildPlan {
  documents: string[];
  sources: string[];
  /** Files over the limit, with their size: a 2 GB "document" must not be loaded to be refused. */
  tooLarge: [string, number][];
}

/** Sorts the listed files (and editor texts not on disk) into what to read; every file of the folder goes to `files`. */
export function planRebuild(listed: readonly WorkspaceFile[], overlays: ReadonlyMap<string, string>, ctx: DiscoveryContext, maxFileSize: number, files: Set<string>): RebuildPlan {
  const plan: RebuildPlan = { documents: [], sources: [], tooLarge: [] };
  const toRead = (path: string) => (isDocumentCandidate(path, ctx) ? plan.documents : plan.sources).push(path);
  for (const f of listed) {
    if (ancestorSkipped(f.path, ctx)) continue;
    files.add(f.path);
    if (!isIndexedPath(f.path, ctx)) continue;
    if (f.size !== undefined && f.size > maxFileSize && !overlays.has(f.path)) plan.tooLarge.push([f.path, f.size]);
    else toRead(f.path);
  }
  for (const path of overlays.keys()) {
    if (!files.has(path) && !ancestorSkipped(path, ctx)) {
      files.add(path);
      toRead(path);
    }
  }
  return plan;
}
