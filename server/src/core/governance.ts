// Which documentation governs which code: "which decisions and view elements govern this path?" and "which paths
// does this decision (or element) govern?". One index per snapshot answers both for the code lens, the "For this
// file" view, references, staleness and change review, so they cannot disagree.
//
// The rules: a decision governs what its `governs` globs match, a view element what its code paths match (see
// globs.ts for how a pattern matches); a retired decision (superseded, deprecated, rejected) governs nothing any
// more; and no document governs itself.
import { compileCodePatterns } from './globs';
import { isRetired } from './lifecycle';
import type { ArchitectureView, Decision, ViewElement } from './model';
import { globBase, isGlob, normalizePattern } from './paths';
import { lowerBound } from './sorted';
import picomatch from 'picomatch';

export interface GoverningElement {
  view: ArchitectureView;
  element: ViewElement;
}

type PathTest = (path: string) => boolean;

export class GovernanceIndex {
  private readonly decisions: { decision: Decision; test: PathTest }[] = [];
  private readonly elements: { view: ArchitectureView; element: ViewElement; test: PathTest }[] = [];
  private expander?: GlobExpander;

  /**
   * `earlier`: the index of an earlier snapshot. Its compiled patterns are kept for the decisions whose globs did not
   * change (a title edit compiles none: at 10,000 decisions compiling all of them is a tenth of a second), its
   * elements while the views are the same, and its glob expansions while the files are.
   */
  constructor(
    private readonly decisionList: readonly Decision[],
    private readonly views: readonly ArchitectureView[],
    /** Every file of the workspace, sorted. */
    private readonly files: readonly string[],
    earlier?: GovernanceIndex,
  ) {
    const known = earlier && new Map(earlier.decisions.map((x) => [x.decision.id, x] as const));
    for (const decision of decisionList) {
      if (decision.governs.length === 0 || isRetired(decision)) continue;
      const old = known?.get(decision.id);
      this.decisions.push({ decision, test: old && sameList(old.decision.governs, decision.governs) ? old.test : compileCodePatterns(decision.governs) });
    }
    if (earlier && earlier.views === views) this.elements = earlier.elements;
    else {
      for (const view of views) {
        for (const element of view.elements) if (element.paths.length > 0) this.elements.push({ view, element, test: compileCodePatterns(element.paths) });
      }
    }
    if (earlier?.files === files) this.expander = earlier.expander;
  }

  /** Was this index made from exactly these decisions, views and files? */
  isFor(decisions: readonly Decision[], views: readonly ArchitectureView[], files: readonly string[]): boolean {
    return this.decisionList === decisions && this.views === views && this.files === files;
  }

  /** The standing decisions that govern a path, by number (then path). */
  decisionsGoverning(path: string): Decision[] {
    const out = this.decisions.filter((x) => x.decision.path !== path && x.test(path)).map((x) => x.decision);
    return out.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || compare(a.path, b.path));
  }

  /** The view elements whose code paths include a path, in view order. */
  elementsDocumenting(path: string): GoverningElement[] {
    return this.elements.filter((x) => x.view.path !== path && x.test(path)).map(({ view, element }) => ({ view, element }));
  }

  /** Does this decision govern anything, as far as the index is concerned (standing, with governs)? */
  governs(decision: Decision): boolean {
    return decision.governs.length > 0 && !isRetired(decision);
  }

  /** The workspace files a decision governs, sorted (none for a retired decision). */
  pathsGovernedBy(decision: Decision): string[] {
    if (!this.governs(decision)) return [];
    this.expander ??= new GlobExpander(new FileSet(this.files), () => true);
    return this.expander.union(decision.governs).filter((p) => p !== decision.path).sort();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Glob expansion over a large file list

/** Workspace files sorted once, so every folder is a contiguous range found by binary search. */
export class FileSet {
  readonly sorted: string[];
  readonly set: ReadonlySet<string>;

  constructor(files: Iterable<string>) {
    this.set = new Set(files);
    this.sorted = [...this.set].sort();
  }

  /** Files whose path starts with `prefix` ('' = all). */
  withPrefix(prefix: string): string[] {
    if (!prefix) return this.sorted;
    const s = this.sorted;
    const lo = lowerBound(s, prefix);
    let end = lo;
    while (end < s.length && s[end].startsWith(prefix)) end++;
    return s.slice(lo, end);
  }
}

/**
 * Expands governs globs to files. Each distinct pattern is compiled and expanded once (documents share
 * patterns); literal paths and folders are ranges of the sorted list, and a glob is only tested on the files under
 * its literal leading folders (`src/api/**\/*.ts` tests only `src/api/`).
 */
export class GlobExpander {
  private readonly cache = new Map<string, { files: string[]; set?: Set<string> }>();

  constructor(
    private readonly files: FileSet,
    private readonly keep: (path: string) => boolean,
  ) {}

  expand(pattern: string): string[] {
    return this.entry(pattern).files;
  }

  union(patterns: readonly string[]): string[] {
    if (patterns.length === 1) return this.expand(patterns[0]);
    const out = new Set<string>();
    for (const p of patterns) for (const f of this.expand(p)) out.add(f);
    return [...out];
  }

  matchesAny(pattern: string, paths: readonly string[]): boolean {
    const e = this.entry(pattern);
    const set = (e.set ??= new Set(e.files));
    return paths.some((p) => set.has(p));
  }

  private entry(pattern: string): { files: string[]; set?: Set<string> } {
    let e = this.cache.get(pattern);
    if (!e) {
      e = { files: this.compute(normalizePattern(pattern)).filter(this.keep) };
      this.cache.set(pattern, e);
    }
    return e;
  }

  private compute(p: string): string[] {
    if (!p) return [];
    if (!isGlob(p)) {
      // `src/x` names a file or a folder; `src/x/` only a folder.
      const dir = p.endsWith('/') ? p : `${p}/`;
      const under = this.files.withPrefix(dir);
      return !p.endsWith('/') && this.files.set.has(p) ? [p, ...under] : under;
    }
    const match = compileGlob(p.endsWith('/') ? `${p}**` : p);
    return match ? this.files.withPrefix(globBase(p)).filter((f) => match(f)) : [];
  }
}

/** A matcher, or undefined for a glob picomatch rejects (too long, empty): such a glob matches nothing. */
function compileGlob(glob: string): ((path: string) => boolean) | undefined {
  if (glob.length === 0) return undefined;
  try {
    return picomatch(glob, { dot: true });
  } catch {
    return undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}
