// The per-file records of the index, shared between snapshots instead of copied into each one. A snapshot holds a
// frozen table: a base map that nothing writes any more and a small map of the paths changed since the base was
// made. An edit therefore costs a copy of that small map, not of every record; once the changes grow past a bound
// that rises with the square root of the workspace, they are folded into a new base, so the copying stays small per
// change on average however large the workspace is. Beside the table, the index keeps the records of each kind
// (decisions, terms, views, problems) in record groups, so a snapshot re-derives only the kinds an edit touched.
import type { FileRecord } from './analyse';
import { lowerBoundBy } from './sorted';

/** How far back `changedSince` follows tables, and how many written paths a table remembers. */
const MAX_LINEAGE_STEPS = 512;
const MAX_LINEAGE_PATHS = 4096;

/** What a snapshot reads of the records (a plain Map is one too). */
export interface RecordLookup {
  get(path: string): FileRecord | undefined;
  keys(): IterableIterator<string>;
  values(): IterableIterator<FileRecord>;
}

/**
 * The paths written before each of the last tables of a store was frozen (undefined: too many to list), by the
 * table's serial number. A store starts a new log when it starts again from no records.
 */
export class TableLog {
  readonly entries: { serial: number; paths: readonly string[] | undefined }[] = [];
}

/**
 * What `changedSince` needs of an older table: its log and serial number, not its records. Structures that follow a
 * table's changes keep this rather than the table (or a WeakRef to it, which keeps its target alive until the end of
 * the current task: a run of edits applied in one task would keep every table of the run).
 */
export interface TableMark {
  readonly log: TableLog;
  readonly serial: number;
}

/** An immutable table of records: `base` with `changes` laid over it (null = removed). */
export class RecordTable implements RecordLookup {
  constructor(
    readonly base: ReadonlyMap<string, FileRecord>,
    readonly changes: ReadonlyMap<string, FileRecord | null>,
    private readonly log?: TableLog,
    private readonly serial = 0,
  ) {}

  /**
   * The paths whose records may differ between an older table of the same index and this one, or undefined when
   * that is not known (a rebuild in between, too many changes, or the older table is gone): what lets structures
   * derived from the records be updated after an edit instead of derived again from every record.
   */
  changedSince(olderTable: RecordTable | TableMark): readonly string[] | undefined {
    if (olderTable === this) return [];
    const older: { log?: TableLog; serial: number } = olderTable instanceof RecordTable ? { log: olderTable.log, serial: olderTable.serial } : olderTable;
    const log = this.log;
    if (!log || older.log !== log || older.serial > this.serial) return undefined;
    const first = log.entries[0]?.serial ?? Infinity;
    if (older.serial + 1 < first) return undefined;
    const out: string[] = [];
    for (let serial = older.serial + 1; serial <= this.serial; serial++) {
      const paths = log.entries[serial - first]?.paths;
      if (!paths) return undefined;
      for (const p of paths) out.push(p);
    }
    return out;
  }

  /** This table's place in its log, for a later `changedSince`. */
  mark(): TableMark | undefined {
    return this.log ? { log: this.log, serial: this.serial } : undefined;
  }

  get(path: string): FileRecord | undefined {
    const changed = this.changes.get(path);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.get(path);
  }

  *keys(): IterableIterator<string> {
    for (const [path, record] of this.changes) if (record) yield path;
    for (const path of this.base.keys()) if (!this.changes.has(path)) yield path;
  }

  *values(): IterableIterator<FileRecord> {
    for (const record of this.changes.values()) if (record) yield record;
    for (const [path, record] of this.base) if (!this.changes.has(path)) yield record;
  }
}

/** The index's own, mutable records; `freeze()` hands out an immutable table for a snapshot. */
export class RecordStore {
  private base = new Map<string, FileRecord>();
  /** True once a frozen table refers to `base`: from then on writes go to `changes`. */
  private shared = false;
  private changes = new Map<string, FileRecord | null>();
  private frozen?: RecordTable;
  /** The paths written since the last table was handed out, and the log of those of the last tables. */
  private written: Set<string> | undefined = new Set();
  private log = new TableLog();
  private serial = 0;

  get(path: string): FileRecord | undefined {
    const changed = this.changes.get(path);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.get(path);
  }

  set(path: string, record: FileRecord): void {
    this.frozen = undefined;
    this.wrote(path);
    if (this.shared) this.changes.set(path, record);
    else this.base.set(path, record);
  }

  delete(path: string): void {
    if (this.get(path) === undefined) return;
    this.frozen = undefined;
    this.wrote(path);
    if (this.shared) this.changes.set(path, null);
    else this.base.delete(path);
  }

  /** Starts again from no records (a rebuild). */
  clear(): void {
    this.base = new Map();
    this.shared = false;
    this.changes = new Map();
    this.frozen = undefined;
    this.log = new TableLog();
    this.written = new Set();
  }

  private wrote(path: string): void {
    if (!this.written) return;
    this.written.add(path);
    // Past this many, deriving again from every record costs no more than following the changes.
    if (this.written.size > MAX_LINEAGE_PATHS) this.written = undefined;
  }

  /** The records as they are now, for a snapshot; the same table until the next write. */
  freeze(): RecordTable {
    if (this.frozen) return this.frozen;
    if (this.changes.size > 64 + 4 * Math.sqrt(this.base.size)) {
      const base = new Map(this.base);
      for (const [path, record] of this.changes) {
        if (record) base.set(path, record);
        else base.delete(path);
      }
      this.base = base;
      this.changes = new Map();
    }
    this.shared = true;
    this.serial++;
    this.log.entries.push({ serial: this.serial, paths: this.written ? [...this.written] : undefined });
    if (this.log.entries.length > MAX_LINEAGE_STEPS) this.log.entries.splice(0, this.log.entries.length - MAX_LINEAGE_STEPS);
    this.frozen = new RecordTable(this.base, new Map(this.changes), this.log, this.serial);
    this.written = new Set();
    return this.frozen;
  }
}

/** The records of one kind (those holding decisions, say), by path, sorted on demand once per change to them. */
export class RecordGroup {
  private readonly byPath = new Map<string, FileRecord>();
  private sortedValue?: FileRecord[];
  /** A record of this kind was added, changed or removed since the last snapshot. */
  changed = true;

  constructor(private readonly holds: (record: FileRecord) => boolean) {}

  update(path: string, old: FileRecord | undefined, next: FileRecord | undefined): void {
    const had = old !== undefined && this.holds(old);
    const has = next !== undefined && this.holds(next);
    if (!had && !has) return;
    if (has) this.byPath.set(path, next!);
    else this.byPath.delete(path);
    this.changed = true;
    // A record replaced in place keeps its place: the sorted list is copied with it, not sorted again.
    const sorted = this.sortedValue;
    this.sortedValue = undefined;
    if (!had || !has || !sorted) return;
    const lo = lowerBoundBy(sorted, path, (r) => r.path);
    if (sorted[lo]?.path !== path) return;
    this.sortedValue = sorted.slice();
    this.sortedValue[lo] = next!;
  }

  clear(): void {
    this.byPath.clear();
    this.sortedValue = undefined;
    this.changed = true;
  }

  sorted(): FileRecord[] {
    this.sortedValue ??= [...this.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    return this.sortedValue;
  }
}
