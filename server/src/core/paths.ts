// Workspace paths and the globs that name them: which files are markdown, which patterns are globs (decided by
// picomatch's own scanner, the library that matches them), and how a pattern as written becomes a workspace path.
import picomatch from 'picomatch';

/** The markdown extensions Archlens reads as documents. */
const MARKDOWN_EXTENSION = /\.(?:md|markdown|mdx)$/i;

/** Is this a markdown document by its name (`.md`, `.markdown`, `.mdx`, in any case)? */
export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_EXTENSION.test(path);
}

/** The path without its markdown extension (`docs/adr/0007-x.md` -> `docs/adr/0007-x`); other paths unchanged. */
export function stripMarkdownExtension(path: string): string {
  return path.replace(MARKDOWN_EXTENSION, '');
}

/**
 * Is this pattern a glob rather than a literal path or folder? picomatch's scanner decides, so "is a glob" and
 * "matches as a glob" can never disagree; a leading `!` (a negation) counts as one.
 */
export function isGlob(pattern: string): boolean {
  if (!pattern) return false;
  const scan = picomatch.scan(pattern);
  return scan.isGlob || scan.negated;
}

/** `./src\\x/` -> `src/x/`: a path or glob as an author wrote it, in the form the index's paths have. */
export function normalizePattern(pattern: string): string {
  let p = pattern.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  return p;
}

/** The literal folders a glob starts with (`src/api/**\/*.ts` -> `src/api/`), '' when it starts with a wildcard. */
export function globBase(pattern: string): string {
  if (!isGlob(pattern) || pattern.startsWith('!')) return '';
  const base = picomatch.scan(pattern).base;
  return base ? `${base}/` : '';
}

/** The path from a folder to a file, both workspace-relative. */
export function relativePath(fromDir: string, target: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/');
}
