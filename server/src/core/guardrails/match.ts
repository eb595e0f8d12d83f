// How a guardrail's patterns meet what the code declares: package names compared with their ecosystem's key,
// module names by prefix (a module covers what is below it) or glob, and paths by the governs matcher's rules.
import picomatch from 'picomatch';
import type { ImportRef } from '../imports';
import { DOTTED } from '../imports';
import { normaliseName, type Dependency, type Ecosystem } from '../manifests';
import { isGlob } from '../paths';

function compileGlob(pattern: string): (s: string) => boolean {
  try {
    return picomatch(pattern, { dot: true });
  } catch {
    return () => false; // a pattern picomatch rejects matches nothing
  }
}

export function dependencyMatcher(name: string, ecosystem?: Ecosystem): (d: Dependency) => boolean {
  const glob = isGlob(name);
  const cache = new Map<Ecosystem, (s: string) => boolean>();
  return (d) => {
    if (ecosystem && d.ecosystem !== ecosystem) return false;
    let test = cache.get(d.ecosystem);
    if (!test) {
      const key = normaliseName(d.ecosystem, name);
      // Maven coordinates are `group:artifact`; a name without a group names the artifact.
      const artifactOnly = d.ecosystem === 'maven' && !name.includes(':');
      const compare = glob ? compileGlob(key) : (s: string) => s === key;
      test = artifactOnly ? (s) => compare(s.slice(s.indexOf(':') + 1)) : compare;
      cache.set(d.ecosystem, test);
    }
    return test(d.key);
  };
}

export function moduleMatcher(pattern: string): (ref: ImportRef) => boolean {
  if (isGlob(pattern)) {
    const raw = compileGlob(pattern);
    const slashed = compileGlob(pattern.replace(/\./g, '/'));
    return (ref) => raw(ref.module) || (DOTTED.has(ref.language) && slashed(ref.module.replace(/\./g, '/')));
  }
  return (ref) => {
    const m = ref.module;
    if (m === pattern) return true;
    if (!m.startsWith(pattern)) return false;
    const next = m[pattern.length];
    return DOTTED.has(ref.language) ? next === '.' : next === '/';
  };
}

/** Literal occurrences of `text` in a file, at most `limit` of them (offsets). */
export function textOccurrences(haystack: string, text: string, limit = 100): number[] {
  const out: number[] = [];
  if (!text) return out;
  for (let i = haystack.indexOf(text); i >= 0 && out.length < limit; i = haystack.indexOf(text, i + text.length)) out.push(i);
  return out;
}
