// file: URIs to paths and back. Editors encode URIs differently (VS Code escapes more characters than Node), so a
// URI is always compared as a file-system path, never as a string.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  return fileURLToPath(uri);
}

/** The URI of a workspace-relative path below a folder URI. */
export function pathToUri(folderUri: string, relPath: string): string {
  return pathToFileURL(path.join(uriToPath(folderUri), ...relPath.split('/'))).href;
}

/** Path segments that a file URI spells as they are (no escaping, no `.` or `..` to resolve). */
const PLAIN_PATH = /^(?!\.\.?(\/|$))(?!.*\/\.\.?(\/|$))[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/;

/**
 * `pathToUri` for one folder, for callers that turn many paths into URIs (diagnostics of every file with findings
 * after each change): the folder's own URI is made once, and a path of plain segments is appended to it as is.
 */
export function uriMaker(folderUri: string): (relPath: string) => string {
  const root = pathToFileURL(uriToPath(folderUri)).href.replace(/\/$/, '');
  return (relPath) => (PLAIN_PATH.test(relPath) ? `${root}/${relPath}` : pathToUri(folderUri, relPath));
}

/** The URI of a `/`-separated path below a folder given by its absolute path (a source's checkout). */
export function folderPathToUri(folder: string, relPath: string): string {
  return pathToFileURL(path.join(folder, ...relPath.split('/'))).href;
}

/** The workspace-relative path (with `/`) of a URI inside a folder, or undefined when outside or not a file. */
export function relativePath(folderUri: string, uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let abs: string;
  try {
    abs = uriToPath(uri);
  } catch {
    return undefined;
  }
  const rel = path.relative(uriToPath(folderUri), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * The URI of a path written in a document (a view's code path, a decision's governs glob), or undefined when it
 * is absolute or climbs out of the folder: an editor must never be handed a link to `/etc/passwd` by a document.
 */
export function pathToUriInside(folderUri: string, relPath: string): string | undefined {
  if (path.posix.isAbsolute(relPath) || path.isAbsolute(relPath)) return undefined;
  const root = uriToPath(folderUri);
  const abs = path.join(root, ...relPath.split('/'));
  const rel = path.relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return pathToFileURL(abs).href;
}
