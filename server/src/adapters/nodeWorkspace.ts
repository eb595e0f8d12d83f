// The real workspace: files on disk below a root folder, and nothing is ever written. One rule for symbolic links,
// on every path in (the first listing, file-watcher events, reads): the workspace is what is reached from the root
// without crossing a link. A link can lead out of the workspace or back into it (`link -> ..` would index every
// file twice), so it is never followed; its target is indexed where it really is, when that is inside.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MarkerAbove, WorkspaceFile, WorkspaceFiles } from '../core/workspace';

/**
 * Longest stretch of synchronous file-system work before the event loop gets a turn. Synchronous calls are several
 * times faster than the promise API for many small files (one thread-pool round trip per open, stat, read and
 * close otherwise), and slices this short keep the server answering requests while it lists and reads.
 */
const SLICE_MS = 10;

/** Opens refuse a symbolic link as the last component, where the platform can say so (not on Windows). */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Gives the event loop a turn when the current slice of synchronous work has run for SLICE_MS. */
class Slices {
  private started = performance.now();

  constructor(private readonly sliceMs: number) {}

  async turn(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}

export class NodeWorkspace implements WorkspaceFiles {
  readonly root: string;
  private readonly slices: Slices;

  constructor(root: string, options: { sliceMs?: number } = {}) {
    this.root = path.resolve(root);
    this.slices = new Slices(options.sliceMs ?? SLICE_MS);
  }

  async listFiles(skipDir: (dir: string) => boolean): Promise<WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    const pending: string[] = [''];
    while (pending.length > 0) {
      await this.slices.turn();
      const rel = pending.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(rel ? path.join(this.root, rel) : this.root, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: skipped, like one that does not exist
      }
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!skipDir(child)) pending.push(child);
        } else if (e.isFile()) {
          // No stat per file: the size is learnt when the file is opened to be read (readFileWithin), and most
          // files of a large tree are never read at all (excluded, binary by name).
          out.push({ path: child });
        }
      }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The files below a folder of the workspace, as workspace-relative paths; undefined when it is not a folder. */
  async listBelow(dir: string, skipDir: (dir: string) => boolean): Promise<WorkspaceFile[] | undefined> {
    const abs = this.resolve(dir);
    if (!abs || abs === this.root) return undefined;
    const stat = await fs.promises.lstat(abs).catch(() => undefined);
    if (!stat?.isDirectory()) return undefined;
    const below = await new NodeWorkspace(abs).listFiles((d) => skipDir(`${dir}/${d}`));
    return below.map((f) => ({ path: `${dir}/${f.path}` }));
  }

  async readFile(rel: string): Promise<Uint8Array | undefined> {
    const abs = this.resolve(rel);
    if (!abs) return undefined;
    await this.slices.turn();
    let fd: number | undefined;
    try {
      // O_NOFOLLOW refuses a link as the file itself in the same call that opens it; folders on the way were
      // checked by whoever produced the path (the listing never enters a linked folder, events go through entryKind).
      fd = fs.openSync(abs, fs.constants.O_RDONLY | NO_FOLLOW);
      if (NO_FOLLOW === 0 && fs.lstatSync(abs).isSymbolicLink()) return undefined;
      return fs.readFileSync(fd);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * The bytes of a file, or its size when that is over `maxBytes` (then nothing is read: a 2 GB file is refused
   * after one fstat). One open, fstat, read and close, all synchronous, inside the current slice.
   */
  async readFileWithin(rel: string, maxBytes: number): Promise<Uint8Array | number | undefined> {
    const abs = this.resolve(rel);
    if (!abs) return undefined;
    await this.slices.turn();
    let fd: number | undefined;
    try {
      fd = fs.openSync(abs, fs.constants.O_RDONLY | NO_FOLLOW);
      if (NO_FOLLOW === 0 && fs.lstatSync(abs).isSymbolicLink()) return undefined;
      const size = fs.fstatSync(fd).size;
      if (size > maxBytes) return size;
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const n = fs.readSync(fd, buffer, filled, size - filled, filled);
        if (n === 0) break; // shrank while being read: what was there
        filled += n;
      }
      return filled === size ? buffer : buffer.subarray(0, filled);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * What a workspace-relative path is when reached from the root without crossing a symbolic link: a file, a
   * folder, or undefined (missing, outside, or behind a link). File-watcher events go through this before the
   * index reads anything, so they follow the same rule as the listing.
   */
  entryKind(rel: string): 'file' | 'dir' | undefined {
    if (!this.resolve(rel)) return undefined;
    let at = this.root;
    let st: fs.Stats | undefined;
    for (const segment of rel.split('/').filter((x) => x && x !== '.')) {
      if (segment === '..') return undefined;
      at = path.join(at, segment);
      st = fs.lstatSync(at, { throwIfNoEntry: false });
      if (!st || st.isSymbolicLink()) return undefined;
    }
    if (!st) return undefined;
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  }

  async findAbove(name: string): Promise<MarkerAbove | undefined> {
    let dir = path.dirname(this.root);
    for (let levels = 1; ; levels++) {
      try {
        const content = await fs.promises.readFile(path.join(dir, name), 'utf8');
        return { levelsUp: levels, content, rootPath: path.relative(dir, this.root).split(path.sep).join('/') };
      } catch {
        // not here; keep walking up
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Absolute path of a workspace-relative one, or undefined when it would leave the workspace. */
  resolve(rel: string): string | undefined {
    const abs = path.resolve(this.root, rel);
    if (abs !== this.root && !abs.startsWith(this.root + path.sep)) return undefined;
    return abs;
  }

  /** Workspace-relative path of an absolute one, with `/` separators, or undefined when outside. */
  relative(abs: string): string | undefined {
    const rel = path.relative(this.root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}
