// Git history as the core sees it: an interface the staleness rules query, the parser for the one `git log` pass
// the adapter runs, and the in-memory history model built from its records. Pure: the adapter owns the processes.

export interface CommitInfo {
  hash: string;
  /** ISO 8601 committer date, with the committer's offset (`2025-03-02T10:00:00+01:00`). */
  date: string;
  author: string;
  subject: string;
}

export type HistoryOffReason = 'untrusted' | 'no-git' | 'not-a-repository' | 'shallow' | 'no-commits' | 'error';

export type HistoryState =
  | { kind: 'ready'; head: string; commits: number }
  | { kind: 'off'; reason: HistoryOffReason; message: string };

/** A commit range for {@link GitHistory.changesSince}: newer than `commit` and `date`, not newer than `until`. */
export interface HistoryRange {
  /** A full or abbreviated hash; commits up to and including it are excluded. Unknown hashes are ignored. */
  commit?: string;
  /** ISO date or date-time; commits at or before it are excluded. */
  date?: string;
  /** ISO date-time; commits after it are excluded (used to ignore changes younger than a few days). */
  until?: string;
}

export interface GitHistory {
  readonly state: HistoryState;
  /** Last commit that touched path (following renames for the path's earlier names). */
  lastChange(path: string): CommitInfo | undefined;
  /** Commits touching any of `paths` inside `range`, newest first, and which of `paths` they touched. */
  changesSince(paths: Iterable<string>, range: HistoryRange): { commits: CommitInfo[]; files: string[] };
  /** Paths with uncommitted changes in the working tree or index ("changed now"), workspace-relative. */
  readonly dirty: ReadonlySet<string>;
  /** The newest name of a path that was renamed in history, following chains of renames. */
  renamedTo(path: string): string | undefined;
  /** A commit by full or abbreviated hash (for `reviewed-commit:`), when it is in the history read. */
  commit(ref: string): CommitInfo | undefined;
  /** Every path the history has seen, including files deleted since (which the working tree no longer lists). */
  knownPaths?(): readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing `git log -z --name-status --format=LOG_FORMAT`

/**
 * The format the adapter passes to `git log`. Each record starts with U+001E; the subject comes last because it is
 * the only field that may hold arbitrary characters, and `-z` ends it with a NUL. File entries follow as NUL-separated
 * `status, path` (or `status, from, to` for renames and copies), so no path is ever quoted or split on spaces.
 */
export const LOG_FORMAT = '%x1e%H%x1f%P%x1f%cI%x1f%aN%x1f%s';

export interface FileChange {
  /** A, M, D, T, R or C (the rename/copy score is dropped). */
  status: string;
  path: string;
  /** The earlier name, for renames and copies. */
  from?: string;
}

export interface LogRecord {
  commit: CommitInfo;
  parents: string[];
  changes: FileChange[];
}

/**
 * An incremental parser: feed it text chunks as git writes them, get records as soon as they are complete. With a
 * `prefix` (the workspace folder inside the repository, `pkg/a/`), paths are made workspace-relative and changes
 * outside the workspace are dropped; a rename across the boundary becomes an add or a delete.
 */
export class LogParser {
  private rest = '';
  private current: LogRecord | undefined;
  private pendingStatus: string | undefined;
  private pendingFrom: string | undefined;

  constructor(
    private readonly onRecord: (record: LogRecord) => void,
    private readonly prefix = '',
  ) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nul = text.indexOf('\0'); nul >= 0; nul = text.indexOf('\0', start)) {
      this.token(text.slice(start, nul));
      start = nul + 1;
    }
    this.rest = text.slice(start);
  }

  end(): void {
    if (this.rest) this.token(this.rest);
    this.rest = '';
    this.flush();
  }

  private token(raw: string): void {
    if (this.pendingStatus === undefined) {
      // Expecting a record header or a status letter; git puts a newline between the header and the first status.
      const t = raw.startsWith('\n') ? raw.slice(1) : raw;
      if (t.charCodeAt(0) === 0x1e) return this.header(t.slice(1));
      if (t === '' || !this.current) return;
      this.pendingStatus = t;
      return;
    }
    const status = this.pendingStatus[0];
    if ((status === 'R' || status === 'C') && this.pendingFrom === undefined) {
      this.pendingFrom = raw;
      return;
    }
    this.addChange(status, raw, this.pendingFrom);
    this.pendingStatus = undefined;
    this.pendingFrom = undefined;
  }

  private header(t: string): void {
    this.flush();
    const f: string[] = [];
    let at = 0;
    for (let i = 0; i < 4; i++) {
      const sep = t.indexOf('\x1f', at);
      if (sep < 0) break;
      f.push(t.slice(at, sep));
      at = sep + 1;
    }
    if (f.length < 4) return;
    this.current = {
      commit: { hash: f[0], date: f[2], author: f[3], subject: t.slice(at) },
      parents: f[1] ? f[1].split(' ') : [],
      changes: [],
    };
  }

  private addChange(status: string, path: string, from: string | undefined): void {
    const rec = this.current;
    if (!rec) return;
    const to = this.relative(path);
    const old = from === undefined ? undefined : this.relative(from);
    if (status === 'R') {
      if (to !== undefined && old !== undefined) rec.changes.push({ status, path: to, from: old });
      else if (to !== undefined) rec.changes.push({ status: 'A', path: to });
      else if (old !== undefined) rec.changes.push({ status: 'D', path: old });
    } else if (status === 'C') {
      if (to !== undefined) rec.changes.push(old !== undefined ? { status, path: to, from: old } : { status: 'A', path: to });
    } else if (to !== undefined) rec.changes.push({ status, path: to });
  }

  private relative(path: string): string | undefined {
    if (!this.prefix) return path;
    return path.startsWith(this.prefix) ? path.slice(this.prefix.length) : undefined;
  }

  private flush(): void {
    if (this.current) this.onRecord(this.current);
    this.current = undefined;
    this.pendingStatus = undefined;
    this.pendingFrom = undefined;
  }
}

export function parseLog(text: string, prefix = ''): LogRecord[] {
  const out: LogRecord[] = [];
  const parser = new LogParser((r) => out.push(r), prefix);
  parser.push(text);
  parser.end();
  return out;
}

/** Paths from `git status --porcelain=v1 -z --no-renames`, made workspace-relative. */
export function parseStatus(text: string, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const entry of text.split('\0')) {
    if (entry.length < 4) continue;
    const path = entry.slice(3);
    if (!prefix) out.add(path);
    else if (path.startsWith(prefix)) out.add(path.slice(prefix.length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The history model

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
  private touches: number[][] = [];
  private renamedFromEdges = new Map<number, RenameEdge[]>();
  private renamedToEdge = new Map<number, RenameEdge>();

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
      added.push({
        info: r.commit,
        time: Number.isNaN(time) ? 0 : time,
        generation: generations.get(r.commit.hash) ?? 1,
        parents: r.parents,
        touched: [],
        renames: [],
      });
      const stored = added[added.length - 1];
      for (const ch of r.changes) {
        if (ch.from !== undefined && ch.status === 'R') stored.renames.push(this.pathId(ch.from), this.pathId(ch.path));
        else stored.touched.push(this.pathId(ch.path));
      }
    }
    added.sort(compareCommits);
    const last = this.commits[this.commits.length - 1];
    if (!last || compareCommits(last, added[0]) < 0) {
      for (const c of added) this.index(c, this.commits.push(c) - 1);
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
    const ords = new Set<number>();
    const files: string[] = [];
    const seenPaths = new Set<string>();
    let hit = false;
    const visit = (ord: number): boolean => {
      ords.add(ord);
      hit = true;
      return true;
    };
    for (const path of paths) {
      if (seenPaths.has(path)) continue;
      seenPaths.add(path);
      const id = this.pathIds.get(path);
      if (id === undefined) continue;
      hit = false;
      this.walk(id, Infinity, sinceOrd, sinceTime, untilTime, undefined, visit);
      if (hit) files.push(path);
    }
    const sorted = [...ords].sort((a, b) => b - a);
    return { commits: sorted.map((o) => this.commits[o].info), files };
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
    const list = this.touches[id];
    if (list) {
      for (let i = upperBelow(list, bound); i >= 0; i--) {
        const ord = list[i];
        if (ord <= sinceOrd) break;
        const t = this.commits[ord].time;
        if (t <= sinceTime) break;
        if (t > untilTime) continue;
        if (!visit(ord)) break;
      }
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
    for (const id of c.touched) this.touch(id, ord);
    for (let i = 0; i < c.renames.length; i += 2) {
      const from = c.renames[i];
      const to = c.renames[i + 1];
      this.touch(from, ord);
      this.touch(to, ord);
      let edges = this.renamedFromEdges.get(to);
      if (!edges) this.renamedFromEdges.set(to, (edges = []));
      edges.push({ other: from, ordinal: ord });
      this.renamedToEdge.set(from, { other: to, ordinal: ord });
    }
  }

  private touch(id: number, ord: number): void {
    const list = (this.touches[id] ??= []);
    const n = list.length;
    if (n === 0 || list[n - 1] !== ord) list.push(ord);
  }

  private rebuild(commits: StoredCommit[]): void {
    this.commits = commits;
    this.byHash.clear();
    this.touches = [];
    this.renamedFromEdges = new Map();
    this.renamedToEdge = new Map();
    for (let i = 0; i < commits.length; i++) this.index(commits[i], i);
  }

  private pathId(path: string): number {
    let id = this.pathIds.get(path);
    if (id === undefined) {
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
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hashes[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
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

/** Index of the last element below `bound` in an ascending list, or -1. */
function upperBelow(list: number[], bound: number): number {
  if (bound === Infinity || list.length === 0 || list[list.length - 1] < bound) return list.length - 1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Parses an ISO date or date-time; a bare date means the end of that day (UTC), so a review covers the whole day. */
export function parseTime(value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(bare ? `${value}T23:59:59.999Z` : value);
  return Number.isNaN(t) ? fallback : t;
}

// ---------------------------------------------------------------------------------------------------------------
// GitHistory over a model

/** A {@link GitHistory} answering from a model; the adapter and tests build one. */
export class ModelHistory implements GitHistory {
  constructor(
    public state: HistoryState,
    public model: HistoryModel,
    public dirty: ReadonlySet<string> = new Set(),
  ) {}

  lastChange(path: string): CommitInfo | undefined {
    return this.state.kind === 'ready' ? this.model.lastChange(path) : undefined;
  }

  changesSince(paths: Iterable<string>, range: HistoryRange): { commits: CommitInfo[]; files: string[] } {
    return this.state.kind === 'ready' ? this.model.changesSince(paths, range) : { commits: [], files: [] };
  }

  renamedTo(path: string): string | undefined {
    return this.state.kind === 'ready' ? this.model.renamedTo(path) : undefined;
  }

  knownPaths(): readonly string[] {
    return this.state.kind === 'ready' ? this.model.knownPaths() : [];
  }

  commit(ref: string): CommitInfo | undefined {
    return this.state.kind === 'ready' ? this.model.commit(ref) : undefined;
  }
}

/** A ready history from parsed log records (newest first, as git prints them, or any order). */
export function historyFromLog(records: Iterable<LogRecord>, dirty: ReadonlySet<string> = new Set()): ModelHistory {
  const model = HistoryModel.fromLog(records);
  const head = model.newest?.hash ?? '';
  return new ModelHistory({ kind: 'ready', head, commits: model.size }, model, dirty);
}

export function historyOff(reason: HistoryOffReason, message: string): ModelHistory {
  return new ModelHistory({ kind: 'off', reason, message }, new HistoryModel());
}
