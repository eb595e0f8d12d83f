// Index files (a README, SUMMARY or index.md citing decisions) and the folders of the decisions they list. An index
// named as one is held to every decision of the folders it lists ("ADR-0009 Title is not listed"), so an edit of a
// decision touches the index files listing its folder, whether or not they cite that decision. Kept from one
// snapshot to the next while the decisions stay where they are (an edit in place resolves every reference as it
// did), updated for the index files whose records changed; built again from the records otherwise (with sources,
// whose decisions resolve by source and published page, always).
import { editedSince, type DecisionGraph } from '../decisionGraph';
import { isIndexFileName } from '../decisions/indexFiles';
import { isMarkdownPath } from '../paths';
import type { IndexSnapshot, SnapshotMark } from '../snapshot';

export interface IndexListings {
  /** Index files by the folder (with its trailing `/`) of a decision they cite. */
  readonly byFolder: ReadonlyMap<string, ReadonlySet<string>>;
  /** The folders each index file lists. */
  readonly ofFile: ReadonlyMap<string, readonly string[]>;
}

/** Work of the listings (tests count it): records read to build or update them. */
export const listingsWork = { read: 0, built: 0 };

/** The folder a decision's index entry puts it in, as the index rule groups them: the path up to its last `/`. */
export function decisionFolder(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/**
 * The listings of the snapshots of one index, in order: those of the latest snapshot asked for, brought up to a
 * later one from the records changed since, while its decisions are those of the last one or were edited in place.
 */
export class IndexListingsLineage {
  private at?: { mark: SnapshotMark; graph: DecisionGraph; listings: IndexListings };

  of(snapshot: IndexSnapshot): IndexListings {
    const at = this.at;
    if (at && at.mark === snapshot.mark) return at.listings;
    let listings: IndexListings | undefined;
    if (at && snapshot.version > at.mark.version && !snapshot.settings.sources?.length) {
      const graph = snapshot.decisionGraph;
      const changed = samePlaces(at.graph, graph) ? snapshot.changedSince(at.mark) : undefined;
      if (changed) {
        const touched = changed.filter((p) => at.listings.ofFile.has(p) || mayList(p));
        listings = touched.length === 0 ? at.listings : update(snapshot, at.listings, touched);
      }
    }
    listings ??= build(snapshot);
    if (!at || snapshot.version >= at.mark.version) this.at = { mark: snapshot.mark, graph: snapshot.decisionGraph, listings };
    return listings;
  }
}

/**
 * Do references resolve the same in both graphs? They do when the decisions are at the same paths with the same
 * numbers and ids (by number, the nearest of those holding it; by path, the one there).
 */
function samePlaces(a: DecisionGraph, b: DecisionGraph): boolean {
  if (a === b || editedSince(b, a) !== undefined) return true;
  if (a.decisions.length !== b.decisions.length) return false;
  for (let i = 0; i < a.decisions.length; i++) {
    const x = a.decisions[i];
    const y = b.decisions[i];
    if (x.path !== y.path || x.number !== y.number || x.id !== y.id) return false;
  }
  return true;
}

function mayList(path: string): boolean {
  return isMarkdownPath(path) && isIndexFileName(path);
}

function foldersOf(snapshot: IndexSnapshot, path: string): string[] | undefined {
  listingsWork.read++;
  const references = snapshot.record(path)?.references ?? [];
  if (references.length === 0) return undefined;
  const folders = new Set<string>();
  for (const r of references) {
    const d = snapshot.resolve(r, path);
    if (d) folders.add(decisionFolder(d.path));
  }
  return folders.size > 0 ? [...folders] : undefined;
}

function build(snapshot: IndexSnapshot): IndexListings {
  listingsWork.built++;
  const byFolder = new Map<string, Set<string>>();
  const ofFile = new Map<string, readonly string[]>();
  for (const path of snapshot.recordPaths()) {
    if (!mayList(path)) continue;
    const folders = foldersOf(snapshot, path);
    if (folders) set(byFolder, ofFile, path, folders);
  }
  return { byFolder, ofFile };
}

function update(snapshot: IndexSnapshot, before: IndexListings, paths: readonly string[]): IndexListings {
  const byFolder = new Map<string, Set<string>>();
  for (const [folder, files] of before.byFolder) byFolder.set(folder, new Set(files));
  const ofFile = new Map(before.ofFile);
  for (const path of paths) {
    for (const folder of ofFile.get(path) ?? []) byFolder.get(folder)?.delete(path);
    ofFile.delete(path);
    const folders = mayList(path) ? foldersOf(snapshot, path) : undefined;
    if (folders) set(byFolder, ofFile, path, folders);
  }
  return { byFolder, ofFile };
}

function set(byFolder: Map<string, Set<string>>, ofFile: Map<string, readonly string[]>, path: string, folders: readonly string[]): void {
  ofFile.set(path, folders);
  for (const folder of folders) {
    const files = byFolder.get(folder);
    if (files) files.add(path);
    else byFolder.set(folder, new Set([path]));
  }
}
