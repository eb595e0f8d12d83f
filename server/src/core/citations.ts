// Which files cite what: for each decision number and each decision id (a reference by path or link names one),
// the files whose records hold such a reference or link. It answers "who cites this decision?" and "whose findings
// can this decision edit change?" by looking up the few files concerned instead of resolving every reference of
// the workspace. Built once from the records, then kept up to date across snapshots from the records that changed
// (snapshot.changedSince), so an edit costs work in proportion to what it changed.
import { decisionId } from './decisionGraph';
import type { IndexSnapshot, SnapshotMark } from './snapshot';

interface Cites {
  numbers: number[];
  ids: string[];
}

export class CitationIndex {
  private readonly byNumber = new Map<number, Set<string>>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly cites = new Map<string, Cites>();
  /** Records read by the last build or update (a measure of the work a change costs; tests read it). */
  visited = 0;

  static build(snapshot: IndexSnapshot): CitationIndex {
    const index = new CitationIndex();
    for (const path of snapshot.recordPaths()) index.set(snapshot, path);
    return index;
  }

  /** `build` in slices of at most `sliceMs`, with `turn` between them; undefined when `turn` says to stop. */
  static async buildInSlices(snapshot: IndexSnapshot, turn: () => Promise<boolean>, sliceMs: number): Promise<CitationIndex | undefined> {
    const index = new CitationIndex();
    let deadline = performance.now() + sliceMs;
    let n = 0;
    for (const path of snapshot.recordPaths()) {
      index.set(snapshot, path);
      if ((++n & 63) === 0 && performance.now() >= deadline) {
        if (!(await turn())) return undefined;
        deadline = performance.now() + sliceMs;
      }
    }
    return index;
  }

  /** Brings the index up to date with a snapshot whose records differ from the last one's only at `paths`. */
  update(snapshot: IndexSnapshot, paths: Iterable<string>): void {
    this.visited = 0;
    for (const path of paths) this.set(snapshot, path);
  }

  /** Files that cite one of these decision numbers or decision ids (by a reference or a link), in no set order. */
  citing(numbers: Iterable<number>, ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const n of numbers) for (const p of this.byNumber.get(n) ?? []) out.add(p);
    for (const id of ids) for (const p of this.byId.get(id) ?? []) out.add(p);
    return out;
  }

  /** Files that cite this decision number (by a reference), in no set order. */
  citingNumber(number: number): ReadonlySet<string> {
    return this.byNumber.get(number) ?? EMPTY;
  }

  private set(snapshot: IndexSnapshot, path: string): void {
    this.visited++;
    const old = this.cites.get(path);
    if (old) {
      for (const n of old.numbers) remove(this.byNumber, n, path);
      for (const id of old.ids) remove(this.byId, id, path);
      this.cites.delete(path);
    }
    const record = snapshot.fullRecord(path);
    if (!record || (record.references.length === 0 && record.links.length === 0)) return;
    const numbers = new Set<number>();
    const ids = new Set<string>();
    for (const r of record.references) {
      if (r.number !== undefined) numbers.add(r.number);
      if (r.path !== undefined) ids.add(decisionId(r.path));
    }
    for (const l of record.links) ids.add(decisionId(l.path));
    for (const n of numbers) add(this.byNumber, n, path);
    for (const id of ids) add(this.byId, id, path);
    this.cites.set(path, { numbers: [...numbers], ids: [...ids] });
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function add<K>(map: Map<K, Set<string>>, key: K, path: string): void {
  const set = map.get(key);
  if (set) set.add(path);
  else map.set(key, new Set([path]));
}

function remove<K>(map: Map<K, Set<string>>, key: K, path: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(path);
  if (set.size === 0) map.delete(key);
}

/**
 * The citation index of a snapshot: the one kept for the latest snapshot of an index, updated from the records
 * changed since the snapshot it was last brought to; a snapshot older than that one gets an index of its own.
 */
export class CitationLineage {
  /** A mark of the snapshot the index was last brought to, not the snapshot: an old snapshot must be free to go. */
  private at?: { mark: SnapshotMark; index: CitationIndex };

  of(snapshot: IndexSnapshot): CitationIndex {
    const at = this.at;
    if (at) {
      if (at.mark === snapshot.mark) return at.index;
      if (snapshot.version > at.mark.version) {
        const changed = snapshot.changedSince(at.mark);
        if (changed) {
          at.index.update(snapshot, changed);
          this.at = { mark: snapshot.mark, index: at.index };
          return at.index;
        }
      } else if (snapshot.version < at.mark.version) {
        return snapshot.derived(CitationIndex.build);
      }
    }
    const index = CitationIndex.build(snapshot);
    this.at = { mark: snapshot.mark, index };
    return index;
  }

  /**
   * Builds the index for a snapshot in the background (after the server's start: the first edit would otherwise
   * build it, a tenth of a second at 100,000 files). A question meanwhile builds its own, which is kept instead;
   * later snapshots bring this one up to date as `of` does.
   */
  async prepare(snapshot: IndexSnapshot, turn: () => Promise<boolean>, sliceMs: number): Promise<void> {
    if (this.at) return;
    const index = await CitationIndex.buildInSlices(snapshot, turn, sliceMs);
    if (index && !this.at) this.at = { mark: snapshot.mark, index };
  }
}
