// The small interfaces through which the core sees the world. Real implementations live in server/src/adapters;
// tests pass in-memory ones.
import { decodeText } from './text';

export interface WorkspaceFile {
  /** Workspace-relative path with `/` separators. */
  path: string;
  /** Size in bytes, when the listing knows it without a stat per file (otherwise learnt when the file is read). */
  size?: number;
}

export interface WorkspaceFiles {
  /**
   * Every regular file below the root. Folders for which `skipDir` returns true (given their workspace-relative
   * path) are not entered. Symbolic links are not followed.
   */
  listFiles(skipDir: (dir: string) => boolean): Promise<WorkspaceFile[]>;
  /** The bytes of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /**
   * The bytes of a file, or its size in bytes when that is over `maxBytes` (the file is then not read); undefined
   * when it does not exist or cannot be read. Optional: without it the index reads the whole file.
   */
  readFileWithin?(path: string, maxBytes: number): Promise<Uint8Array | number | undefined>;
  /**
   * Looks for `name` in the folders above the root, nearest first (adr-tools walks up to find `.adr-dir`).
   * Returns the content, how many levels above the root it was found (1 = the root's parent), and the root's
   * path relative to the folder it was found in (`ws` for the parent of `/home/me/ws`).
   */
  findAbove?(name: string): Promise<MarkerAbove | undefined>;
}

/** An in-memory workspace, for tests and for documents that only exist in an editor. */
export class MemoryWorkspace implements WorkspaceFiles {
  readonly files = new Map<string, string | Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, c] of Object.entries(files)) this.files.set(p, c);
  }

  async listFiles(skipDir: (dir: string) => boolean): Promise<WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    for (const [path, content] of this.files) {
      const parts = path.split('/');
      let skipped = false;
      for (let i = 1; i < parts.length && !skipped; i++) skipped = skipDir(parts.slice(0, i).join('/'));
      if (!skipped) out.push({ path, size: typeof content === 'string' ? Buffer.byteLength(content) : content.length });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const c = this.files.get(path);
    if (c === undefined) return undefined;
    return typeof c === 'string' ? new TextEncoder().encode(c) : c;
  }
}

/** A marker file found in a folder above the workspace root. */
export interface MarkerAbove {
  levelsUp: number;
  content: string;
  /** The root's path relative to the folder holding the marker, `/`-separated. */
  rootPath?: string;
}

/** A file's text, or undefined when it cannot be read or is not text. */
export async function readWorkspaceText(workspace: WorkspaceFiles, path: string): Promise<string | undefined> {
  const bytes = await workspace.readFile(path);
  if (bytes === undefined) return undefined;
  const decoded = decodeText(bytes);
  return decoded.kind === 'text' ? decoded.text : undefined;
}
