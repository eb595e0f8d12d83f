// The parser for the one `git log` pass the adapter runs: `git log -z --numstat -w --ignore-blank-lines -M
// --format=LOG_FORMAT`. Numbers rather than statuses, because with `-w` they also say which changes touched only
// whitespace or blank lines (0 lines added, 0 removed), which never make documentation stale. Pure: no processes.
import type { CommitInfo } from './git';
import { detached } from './text';

/**
 * The format the adapter passes to `git log`. Each record starts with U+001E; the subject comes last because it is
 * the only field that may hold arbitrary characters, and `-z` ends it with a NUL. File entries follow as
 * NUL-terminated `added TAB removed TAB path` (for a rename, `added TAB removed TAB` then `from` and `to`), so no
 * path is ever quoted or split on spaces.
 */
export const LOG_FORMAT = '%x1e%H%x1f%P%x1f%cI%x1f%aN%x1f%aE%x1f%s';

/** The arguments of the log pass, apart from revisions and pathspecs; the adapter adds those. */
export const LOG_ARGS: readonly string[] = [
  'log',
  '-z',
  '--numstat',
  // Whitespace and blank-line changes are left out of the numbers, so a change that is only formatting shows 0 0.
  '-w',
  '--ignore-blank-lines',
  '-M',
  // A merge counts with what it brought to the main line; side-branch commits are not walked one by one.
  '--first-parent',
  '--diff-merges=first-parent',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  `--format=${LOG_FORMAT}`,
];

export interface FileChange {
  /** R for a rename; A, D or M where a rename across the workspace's edge became one; M otherwise. */
  status: string;
  path: string;
  /** The earlier name, for renames. */
  from?: string;
  /** Only whitespace or blank lines changed (0 lines added and removed once they are ignored). */
  formatting?: boolean;
}

export interface LogRecord {
  commit: CommitInfo;
  parents: string[];
  changes: FileChange[];
}

const HEADER_FIELDS = 5;

/**
 * An incremental parser: feed it text chunks as git writes them, get records as soon as they are complete. With a
 * `prefix` (the workspace folder inside the repository, `pkg/a/`), paths are made workspace-relative and changes
 * outside the workspace are dropped; a rename across the boundary becomes an add or a delete.
 */
export class LogParser {
  private rest = '';
  private current: LogRecord | undefined;
  /** A rename's numbers, waiting for its `from` and `to` tokens. */
  private pendingRename: { from?: string } | undefined;

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
    const rename = this.pendingRename;
    if (rename) {
      if (rename.from === undefined) rename.from = raw;
      else {
        this.addRename(rename.from, raw);
        this.pendingRename = undefined;
      }
      return;
    }
    // git puts a newline between a header and its first entry.
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.charCodeAt(0) === 0x1e) return this.header(t.slice(1));
    if (t === '' || !this.current) return;
    const tab1 = t.indexOf('\t');
    const tab2 = tab1 < 0 ? -1 : t.indexOf('\t', tab1 + 1);
    if (tab2 < 0) return;
    const added = t.slice(0, tab1);
    const removed = t.slice(tab1 + 1, tab2);
    // Binary files show `-`: a change whose size git does not count is a real change.
    const formatting = added === '0' && removed === '0';
    const path = t.slice(tab2 + 1);
    if (path === '') this.pendingRename = {};
    else this.addChange(path, formatting);
  }

  private header(t: string): void {
    this.flush();
    const f: string[] = [];
    let at = 0;
    for (let i = 0; i < HEADER_FIELDS; i++) {
      const sep = t.indexOf('\x1f', at);
      if (sep < 0) break;
      f.push(t.slice(at, sep));
      at = sep + 1;
    }
    if (f.length < HEADER_FIELDS) return;
    // Commits live as long as the history model: none of their fields may keep the chunk of output alive.
    const commit: CommitInfo = { hash: detached(f[0]), date: detached(f[2]), author: detached(f[3]), subject: detached(t.slice(at)) };
    if (f[4]) commit.email = detached(f[4]);
    this.current = { commit, parents: f[1] ? f[1].split(' ').map(detached) : [], changes: [] };
  }

  private addChange(path: string, formatting: boolean): void {
    const to = this.relative(path);
    if (to !== undefined) this.current?.changes.push(change('M', to, formatting));
  }

  private addRename(from: string, path: string): void {
    const rec = this.current;
    if (!rec) return;
    const to = this.relative(path);
    const old = this.relative(from);
    // A move is a change to both names, whatever its numbers: the file is no longer where it was.
    if (to !== undefined && old !== undefined) rec.changes.push({ status: 'R', path: to, from: old });
    else if (to !== undefined) rec.changes.push({ status: 'A', path: to });
    else if (old !== undefined) rec.changes.push({ status: 'D', path: old });
  }

  private relative(path: string): string | undefined {
    if (!this.prefix) return path;
    return path.startsWith(this.prefix) ? path.slice(this.prefix.length) : undefined;
  }

  private flush(): void {
    if (this.current) this.onRecord(this.current);
    this.current = undefined;
    this.pendingRename = undefined;
  }
}

function change(status: string, path: string, formatting: boolean): FileChange {
  return formatting ? { status, path, formatting: true } : { status, path };
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

/** The subject git gives a revert (`Revert "subject"`), or undefined. */
export function revertedSubject(subject: string): string | undefined {
  const m = /^Revert "(.*)"$/.exec(subject);
  return m ? m[1] : undefined;
}
