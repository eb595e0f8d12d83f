// The real workspace: files on disk below a root folder. Symbolic links are not followed (they can form cycles
// or lead out of the workspace), and nothing is ever written.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFile, WorkspaceFiles } from '../core/workspace';

export class NodeWorkspace implements WorkspaceFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async listFiles(skipDir: (dir: string) => boolean): Promise<WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    const pending: string[] = [''];
    while (pending.length > 0) {
      const rel = pending.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(rel ? path.join(this.root, rel) : this.root, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: skipped, like one that does not exist
      }
      const files: string[] = [];
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!skipDir(child)) pending.push(child);
        } else if (e.isFile()) files.push(child);
      }
      const stats = await Promise.all(files.map((f) => fs.stat(path.join(this.root, f)).catch(() => undefined)));
      files.forEach((f, i) => {
        const st = stats[i];
        if (st) out.push({ path: f, size: st.size });
      });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readFile(rel: string): Promise<Uint8Array | undefined> {
    const abs = this.resolve(rel);
    if (!abs) return undefined;
    try {
      return await fs.readFile(abs);
    } catch {
      return undefined;
    }
  }

  async findAbove(name: string): Promise<{ levelsUp: number; content: string } | undefined> {
    let dir = path.dirname(this.root);
    for (let levels = 1; ; levels++) {
      try {
        const content = await fs.readFile(path.join(dir, name), 'utf8');
        return { levelsUp: levels, content };
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
