// The history model: the commits of one `git log` pass in memory, indexed by the paths they touched, answering the
// queries of the GitHistory interface (modelHistory.ts wraps it as one). Pure: records come from the log parser,
// never from a process.
import type { CommitInfo, HistoryRange } from './git';
import { revertedSubject, type LogRecord } from './gitLog';
import { detached } from './text';
import { lowerBound } from './sorted';
import { TouchLists } from './touchLists';

interface StoredCommit {
  info: CommitInfo;
  time: number;
  /** 1 + the longest chain of known ancestors; orders commits with equal timestamps parent-first. */
  generation: number;
  parents: string[];
  /** Changes as path ids; renames as [fromId, toId] pairs. */
  touched: number[];
  renames: number[];
}

interface RenameEdge {
  other: number;
  ordinal: number;
}

/**
 * The history of a workspace in memory. Commits are stored once, ordered oldest to newest by committer time (then
 * generation, then hash, so the order never depends on how the history was read); each path keeps the ascending
 * ordinals of the commits that touched it, so queries walk only the commits of the paths asked about.
 *
 * Built as "newer records applied to an empty model", so a fresh read and an incremental one share the code.
 */
export class HistoryModel {
  private commits: StoredCommit[] = [];
  private readonly byHash = new Map<string, number>();
  private sortedHashes: string[] | undefined;
  private readonly pathIds = new Map<string, number>();
  private readonly paths: string[] = [];
  private touches = new TouchLists();
  private renamedFromEdges = new Map<number, RenameEdge[]>();
  private renamedToEdge = new Map<number, RenameEdge>();
  /** Ordinals of commits by subject, to find the commit a revert undoes. */
  private bySubject = new Map<string, number[]>();
  /** A commit and its revert, both ways. */
  private revertPairs = new Map<number, number>();

  static fromLog(records: Iterable<LogRecord>): HistoryModel {
    const m = new HistoryModel();
    m.applyNewer(records);
    return m;
  }

  /** Every path seen in the history read. */
  knownPaths(): readonly string[] {
    return this.paths;
  }

  get size(): number {
    return this.commits.length;
  }

  /** The newest commit by the model's order. */
  get newest(): CommitInfo | undefined {
    return this.commits[this.commits.length - 1]?.info;
  }

  /** Every commit hash, oldest first (for checks and debugging dumps). */
  hashes(): string[] {
    return this.commits.map((c) => c.info.hash);
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  /**
   * Adds commits (in any order; ones already known are skipped). When they are all newer than the newest known
   * commit, which is the usual case after a pull or a commit, only they are indexed; otherwise the index is rebuilt
   * in memory from the stored commits.
   */
  applyNewer(records: Iterable<LogRecord>): void {
    const fresh = new Map<string, LogRecord>();
    for (const r of records) if (!this.byHash.has(r.commit.hash) && !fresh.has(r.commit.hash)) fresh.set(r.commit.hash, r);
    if (fresh.size === 0) return;
    const generations = this.generationsOf(fresh);
    const added: StoredCommit[] = [];
    for (const r of fresh.values()) {
      const time = Date.parse(r.commit.date);
      // Fifty thousand commits by a few hundred people: each name, address and parent hash is stored once.
      const info = r.commit;
      info.author = this.intern(info.author);
      if (info.email !== undefined) info.email = this.intern(info.email);
      added.push({
        info,
        time: Number.isNaN(time) ? 0 : time,
        generation: generations.get(r.commit.hash) ?? 1,
        parents: r.parents.map((h) => fresh.get(h)?.commit.hash ?? this.commits[this.byHash.get(h) ?? -1]?.info.hash ?? h),
        touched: [],
        renames: [],
      });
      const stored = added[added.length - 1];
      for (const ch of r.changes) {
        if (ch.from !== undefined && ch.status === 'R') stored.renames.push(this.pathId(ch.from), this.pathId(ch.path));
        // A change to whitespace only leaves what the document explains as it was.
        else if (!ch.formatting) stored.touched.push(this.pathId(ch.path));
      }
    }
    added.sort(compareCommits);
    const last = this.commits[this.commits.length - 1];
    if (!last || compareCommits(last, added[0]) < 0) {
      for (const c of added) this.index(c, this.commits.push(c) - 1);
      this.touches.pack(this.paths.length);
    } else {
      this.rebuild(this.commits.concat(added).sort(compareCommits));
    }
    this.sortedHashes = undefined;
  }

  /** Drops commits (those no longer reachable after a branch switch) and re-indexes the rest in memory. */
  removeCommits(hashes: Iterable<string>): void {
    const drop = new Set<string>();
    for (const h of hashes) if (this.byHash.has(h)) drop.add(h);
    if (drop.size === 0) return;
    this.rebuild(this.commits.filter((c) => !drop.has(c.info.hash)));
    this.sortedHashes = undefined;
  }

  commit(ref: string): CommitInfo | undefined {
    const ord = this.ordinalOf(ref);
    return ord === undefined ? undefined : this.commits[ord].info;
  }

  filesOf(ref: string): string[] {
    const ord = this.ordinalOf(ref);
    if (ord === undefined) return [];
    const c = this.commits[ord];
    return [...new Set([...c.touched, ...c.renames])].map((id) => this.paths[id]);
  }

  lastChange(path: string): CommitInfo | undefined {
    const id = this.pathIds.get(path);
    if (id === undefined) return undefined;
    let best = -1;
    this.walk(id, Infinity, -1, -Infinity, Infinity, undefined, (ord) => {
      if (ord > best) best = ord;
      return false;
    });
    return best < 0 ? undefined : this.commits[best].info;
  }

  changesSince(paths: Iterable<string>, range: HistoryRange): { commits: CommitInfo[]; files: string[] } {
    const sinceOrd = range.commit ? (this.ordinalOf(range.commit) ?? -1) : -1;
    const sinceTime = parseTime(range.date, -Infinity);
    const untilTime = parseTime(range.until, Infinity);
    const skip = range.skip;
    const ords = new Set<number>();
    const byPath: [string, number[]][] = [];
    const seenPaths = new Set<string>();
    for (const path of paths) {
      if (seenPaths.has(path)) continue;
      seenPaths.add(path);
      const id = this.pathIds.get(path);
      if (id === undefined) continue;
      const hits: number[] = [];
      this.walk(id, Infinity, sinceOrd, sinceTime, untilTime, undefined, (ord) => {
        if (skip && skip(this.commits[ord].info)) return true;
        hits.push(ord);
        ords.add(ord);
        return true;
      });
      if (hits.length) byPath.push([path, hits]);
    }
    // A commit and its revert inside the same range leave the code as it was.
    for (const ord of [...ords]) {
      const partner = this.revertPairs.get(ord);
      if (partner !== undefined && ords.has(partner)) {
        ords.delete(ord);
        ords.delete(partner);
      }
    }
    const files = byPath.filter(([, hits]) => hits.some((o) => ords.has(o))).map(([p]) => p);
    const sorted = [...ords].sort((a, b) => b - a);
    return { commits: sorted.map((o) => this.commits[o].info), files };
  }

  /**
   * The hashes on the first-parent chain from `from` down to (not including) `base`, or undefined when the chain
   * does not reach it: what a model read along `from` holds that one read along a branch forking at `base` does not.
   */
  firstParentChain(from: string, base: string | undefined): string[] | undefined {
    const out: string[] = [];
    let at: string | undefined = from;
    while (at !== undefined && at !== base) {
      const ord = this.byHash.get(at);
      if (ord === undefined) return base === undefined ? out : undefined;
      out.push(at);
      at = this.commits[ord].parents[0];
    }
    return at === base ? out : undefined;
  }

  renamedTo(path: string): string | undefined {
    let id = this.pathIds.get(path);
    if (id === undefined) return undefined;
    const start = id;
    // Each step must be a later rename than the one before, which also ends cycles (a -> b -> a).
    let after = -1;
    for (let edge = this.renamedToEdge.get(id); edge && edge.ordinal > after; edge = this.renamedToEdge.get(id)) {
      after = edge.ordinal;
      id = edge.other;
    }
    return id === start ? undefined : this.paths[id];
  }

  /**
   * Visits the ordinals (newest first) of commits that touched path `id` below `bound`, then those of its earlier
   * names before they were renamed. Stops a list as soon as commits get too old (ordinals are sorted by time), or
   * when `visit` returns false (lastChange needs only the newest of each list).
   */
  private walk(
    id: number,
    bound: number,
    sinceOrd: number,
    sinceTime: number,
    untilTime: number,
    visiting: Set<number> | undefined,
    visit: (ord: number) => boolean,
  ): void {
    const from = this.touches.from(id);
    for (let i = this.touches.lastBelow(id, bound); i >= from; i--) {
      const ord = this.touches.ord(i);
      if (ord <= sinceOrd) break;
      const t = this.commits[ord].time;
      if (t <= sinceTime) break;
      if (t > untilTime) continue;
      if (!visit(ord)) break;
    }
    const edges = this.renamedFromEdges.get(id);
    if (!edges) return;
    // Only paths with earlier names pay for cycle protection (a -> b -> a).
    const path = visiting ?? new Set<number>();
    path.add(id);
    for (const edge of edges) {
      if (edge.ordinal < bound && !path.has(edge.other)) {
        this.walk(edge.other, edge.ordinal, sinceOrd, sinceTime, untilTime, path, visit);
      }
    }
    path.delete(id);
  }

  private index(c: StoredCommit, ord: number): void {
    this.byHash.set(c.info.hash, ord);
    const reverted = revertedSubject(c.info.subject);
    const undone = reverted === undefined ? undefined : this.bySubject.get(reverted)?.at(-1);
    if (undone !== undefined && !this.revertPairs.has(undone)) {
      this.revertPairs.set(undone, ord);
      this.revertPairs.set(ord, undone);
    }
    const same = this.bySubject.get(c.info.subject);
    if (same) same.push(ord);
    else this.bySubject.set(c.info.subject, [ord]);
    for (const id of c.touched) this.touches.add(id, ord);
    for (let i = 0; i < c.renames.length; i += 2) {
      const from = c.renames[i];
      const to = c.renames[i + 1];
      this.touches.add(from, ord);
      this.touches.add(to, ord);
      let edges = this.renamedFromEdges.get(to);
      if (!edges) this.renamedFromEdges.set(to, (edges = []));
      edges.push({ other: from, ordinal: ord });
      this.renamedToEdge.set(from, { other: to, ordinal: ord });
    }
  }

  private rebuild(commits: StoredCommit[]): void {
    this.commits = commits;
    this.byHash.clear();
    this.touches = new TouchLists();
    this.renamedFromEdges = new Map();
    this.renamedToEdge = new Map();
    this.bySubject = new Map();
    this.revertPairs = new Map();
    for (let i = 0; i < commits.length; i++) this.index(commits[i], i);
    this.touches.pack(this.paths.length);
  }

  private readonly names = new Map<string, string>();
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  private pathId(path: string): number {
    let id = this.pathIds.get(path);
    if (id === undefined) {
      // A path from the log parser is a slice of git's output; the model keeps it for the session.
      path = detached(path);
      id = this.paths.push(path) - 1;
      this.pathIds.set(path, id);
    }
    return id;
  }

  private ordinalOf(ref: string): number | undefined {
    const exact = this.byHash.get(ref);
    if (exact !== undefined) return exact;
    const prefix = ref.toLowerCase();
    if (prefix.length < 4 || !/^[0-9a-f]+$/.test(prefix)) return undefined;
    const hashes = (this.sortedHashes ??= [...this.byHash.keys()].sort());
    const lo = lowerBound(hashes, prefix);
    // An ambiguous abbreviation names no commit, as in git.
    if (lo >= hashes.length || !hashes[lo].startsWith(prefix)) return undefined;
    if (lo + 1 < hashes.length && hashes[lo + 1].startsWith(prefix)) return undefined;
    return this.byHash.get(hashes[lo]);
  }

  /** Generations of new commits from their parents (known ones or other new ones), without recursion. */
  private generationsOf(fresh: Map<string, LogRecord>): Map<string, number> {
    const gen = new Map<string, number>();
    const known = (h: string): number | undefined => {
      const ord = this.byHash.get(h);
      return ord !== undefined ? this.commits[ord].generation : gen.get(h);
    };
    // Parents already on the stack would be a cycle, which git cannot produce but hand-made records can: they are
    // treated as unknown so the walk always ends.
    const onStack = new Set<string>();
    for (const start of fresh.keys()) {
      if (gen.has(start)) continue;
      const stack = [start];
      onStack.add(start);
      while (stack.length) {
        const h = stack[stack.length - 1];
        const rec = fresh.get(h)!;
        let ready = true;
        let g = 1;
        for (const p of rec.parents) {
          const pg = known(p);
          if (pg !== undefined) g = Math.max(g, pg + 1);
          else if (fresh.has(p) && !onStack.has(p)) {
            stack.push(p);
            onStack.add(p);
            ready = false;
          }
        }
        if (ready) {
          gen.set(h, g);
          stack.pop();
          onStack.delete(h);
        }
      }
    }
    return gen;
  }
}

function compareCommits(a: StoredCommit, b: StoredCommit): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.generation !== b.generation) return a.generation - b.generation;
  return a.info.hash < b.info.hash ? -1 : a.info.hash > b.info.hash ? 1 : 0;
}

/** Parses an ISO date or date-time; a bare date means the end of that day (UTC), so a review covers the whole day. */
export function parseTime(value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(bare ? `${value}T23:59:59.999Z` : value);
  return Number.isNaN(t) ? fallback : t;
}
