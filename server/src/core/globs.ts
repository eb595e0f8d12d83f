// What a `governs` entry or a view element's code path matches. One rule for every feature: a glob as written,
// a folder (`connect/debezium/`) means everything below it, and a plain path matches itself or what is below it.
// Literal paths and folders are checked with set and prefix tests; only real globs go to picomatch.
import picomatch from 'picomatch';
import { isGlob, normalizePattern } from './paths';

export function compileCodePatterns(patterns: readonly string[]): (path: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const globs: string[] = [];
  for (const raw of patterns) {
    const p = normalizePattern(raw);
    if (!p) continue;
    if (isGlob(p)) globs.push(p.endsWith('/') ? `${p}**` : p);
    else if (p.endsWith('/')) prefixes.push(p);
    else {
      exact.add(p);
      prefixes.push(`${p}/`);
    }
  }
  let glob: ((path: string) => boolean) | undefined;
  try {
    glob = globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
  } catch {
    glob = undefined; // a pattern picomatch rejects matches nothing rather than failing the feature
  }
  if (exact.size === 0 && prefixes.length === 0 && !glob) return () => false;
  return (path) => exact.has(path) || prefixes.some((prefix) => path.startsWith(prefix)) || (glob !== undefined && glob(path));
}

/**
 * The test of `staleness.ignore` globs: a glob without a slash matches a file name at any depth, as in .gitignore
 * (`package-lock.json`, `*.lock`); one with a slash matches the path as written (`**\/tests/**`). A glob picomatch
 * rejects ignores nothing instead of failing the caller.
 */
export function compileIgnoreGlobs(globs: readonly string[]): (path: string) => boolean {
  const patterns: string[] = [];
  for (const raw of globs) {
    const p = normalizePattern(raw);
    if (p) patterns.push(p.includes('/') ? p : `**/${p}`);
  }
  if (patterns.length === 0) return () => false;
  try {
    return picomatch(patterns, { dot: true });
  } catch {
    return () => false;
  }
}
