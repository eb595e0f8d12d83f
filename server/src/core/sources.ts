// Decision logs kept outside the workspace (`.archlens.yml` `sources:`): a sibling checkout or a git repository.
// This module owns their vocabulary: how an entry is written and checked, how a source's documents are named in
// the workspace's index (`<source>:<path in the source>`), and how a decision in a source names code of the
// repository that uses it (`governs: ["<repository>:src/ingest/**"]`). Reading the folders and running git is the
// adapter's (adapters/sources.ts); the index only receives what was read.
import type { GitHistory } from './git';
import type { Guardrail } from './guardrails/vocabulary';
import type { ArchitectureView, GlossaryTerm, ParsedDecision, Problem } from './model';
import { problem } from './problems';
import { documentsAtUrl, type PublishedSite } from './publishedDocs';

/** One entry of `sources:`. Exactly one of `path` and `git` is set. */
export interface SourceSpec {
  /** How the source's documents are labelled, and the prefix of their paths in the index (`platform:docs/adr/…`). */
  name: string;
  /** A sibling checkout, relative to the workspace root (`../platform-decisions`). */
  path?: string;
  /** A git repository URL (https, ssh, git@host:path or file://), cloned into the editor's storage. */
  git?: string;
  /** The branch or tag read from a git source; the remote's default branch when absent. */
  ref?: string;
  /** The URL the log publishes its pages at (http or https); links to them in code resolve to its decisions. */
  site?: string;
  /** 1-based line of the entry in `.archlens.yml`, where problems with it are reported. */
  line: number;
}

/** The names a source may have: short words, so `name:path` reads as one and never as a drive letter (`C:`). */
const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]+$/;
/** Git URLs Archlens clones: no transport helpers (`ext::`), no options in disguise (`-u…`). */
const GIT_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s-]\S*)$/;

/** The schema of `sources:` (validation, completion and hover of `.archlens.yml`). */
export const SOURCES_SCHEMA = {
  type: 'array' as const,
  description:
    'Decision logs outside this repository: `{ name, path }` for a sibling checkout (relative to the workspace) or ' +
    '`{ name, git, ref }` for a git repository cloned into the editor\'s storage. Their decisions, views and glossaries ' +
    'are read-only and labelled with the name.',
  examples: [[{ name: 'platform', path: '../platform-decisions' }]],
  items: {
    type: 'object' as const,
    additionalProperties: false,
    properties: {
      name: { type: 'string' as const, description: 'The label of the source, and the prefix of its documents' },
      path: { type: 'string' as const, description: 'A sibling folder, relative to the workspace root' },
      git: { type: 'string' as const, description: 'A git repository URL (https, ssh or file)' },
      ref: { type: 'string' as const, description: 'The branch or tag to read (default: the remote\'s default branch)' },
      site: {
        type: 'string' as const,
        description: 'Where the log publishes its pages (default: site_url of its mkdocs.yml): links to them in code resolve to its decisions',
      },
    },
  },
  errorMessage: 'expected a list of sources, each { name, path } or { name, git, ref }',
};

/** Reads the `sources:` value into entries, and says what is wrong with the others (by their 0-based index). */
export function readSources(
  value: unknown,
  lineOf: (index: number) => number = () => 1,
): { sources: SourceSpec[]; errors: { index: number; message: string }[] } {
  const sources: SourceSpec[] = [];
  const errors: { index: number; message: string }[] = [];
  if (!Array.isArray(value)) return { sources, errors: [{ index: 0, message: SOURCES_SCHEMA.errorMessage }] };
  const names = new Set<string>();
  value.forEach((entry, index) => {
    const fail = (message: string) => void errors.push({ index, message });
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return fail(SOURCES_SCHEMA.errorMessage);
    const e = entry as Record<string, unknown>;
    const text = (k: string) => (typeof e[k] === 'string' && (e[k] as string).trim() !== '' ? (e[k] as string).trim() : undefined);
    const name = text('name');
    if (!name || !SOURCE_NAME.test(name)) return fail("name must be two or more letters, digits, '.', '_' or '-'");
    if (names.has(name)) return fail(`the name '${name}' is used twice`);
    const path = text('path');
    const git = text('git');
    if ((path === undefined) === (git === undefined)) return fail(`source '${name}': give either path (a sibling folder) or git (a repository URL)`);
    if (git !== undefined && !GIT_URL.test(git)) return fail(`source '${name}': git must be an https, ssh, git or file URL`);
    const ref = text('ref');
    if (ref !== undefined && (ref.startsWith('-') || /\s|\.\./.test(ref))) return fail(`source '${name}': ref must be a branch or tag name`);
    const site = text('site');
    if (site !== undefined && !isWebUrl(site)) return fail(`source '${name}': site must be an http or https URL`);
    names.add(name);
    const where = path !== undefined ? { path } : { git: git!, ...(ref ? { ref } : {}) };
    sources.push({ name, ...where, ...(site ? { site } : {}), line: lineOf(index) });
  });
  return { sources, errors };
}

/** Is this an http or https URL (the only links Archlens reads as published pages)? */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What the adapter read from one source: its documents with paths relative to the source's root. */
export interface LoadedSource {
  spec: SourceSpec;
  /** The absolute folder the documents were read from; undefined when the source could not be read. */
  root?: string;
  decisions: ParsedDecision[];
  views: ArchitectureView[];
  terms: GlossaryTerm[];
  /** The guardrails its decisions declare, by the decision's path in the source. */
  guardrails?: ReadonlyMap<string, readonly Guardrail[]>;
  /** Where the log is published: `site:`, else its mkdocs.yml's site_url, with the page layout of that mkdocs.yml. */
  site?: PublishedSite;
  /** The source's own git history (trusted workspaces only), where its decisions' last changes are looked up. */
  history?: GitHistory;
  /**
   * Reads the source's history when it was not read with the source (a language server's first index: git waits
   * until the first diagnostics are out); sets `history`.
   */
  readHistory?: () => Promise<void>;
  /** Why the source could not be read or refreshed, for a diagnostic at its line in `.archlens.yml`. */
  problem?: string;
}

/** Reads the configured sources; the adapter that implements it does the file system and git work. */
export type SourceLoader = (sources: readonly SourceSpec[], repository: string) => Promise<LoadedSource[]>;

/** The decision a source publishes at `url` (its `site:`), by the document each candidate page is built from. */
export function decisionAtPage<T>(sites: readonly (PublishedSite & { source: string })[], url: string, byId: (id: string) => T | undefined): T | undefined {
  for (const site of sites) {
    for (const page of documentsAtUrl(site, url)) {
      const found = byId(sourcePath(site.source, page));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The index path of a document of a source. */
export function sourcePath(name: string, path: string): string {
  return `${name}:${path}`;
}

/** Which configured source an index path belongs to, and the path inside it; undefined for the workspace's own. */
export function splitSourcePath(sources: readonly { name: string }[], path: string): { name: string; path: string } | undefined {
  const colon = path.indexOf(':');
  if (colon < 2) return undefined;
  const name = path.slice(0, colon);
  return sources.some((s) => s.name === name) ? { name, path: path.slice(colon + 1) } : undefined;
}

/**
 * A code path of another repository, written `<repository>:<glob>` in a decision or a view (a decision-only log
 * names the code of each repository that uses it that way). Undefined for a plain workspace path.
 */
export function repositoryPattern(pattern: string): { repository: string; pattern: string } | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]+):(?!\/\/)(.+)$/.exec(pattern.trim());
  return m ? { repository: m[1], pattern: m[2] } : undefined;
}

export interface MountedSources {
  decisions: ParsedDecision[];
  views: ArchitectureView[];
  terms: GlossaryTerm[];
  /** The guardrails that apply in this repository, by the index path of their decision. */
  guardrails: Map<string, Guardrail[]>;
  /** Where each source is published, with its name. */
  sites: (PublishedSite & { source: string })[];
}

export const NO_SOURCES: MountedSources = { decisions: [], views: [], terms: [], guardrails: new Map(), sites: [] };

/** What a rebuild read of the sources: each as read (root, history, problem), and their documents as mounted. */
export interface SourcesRead {
  loaded: readonly LoadedSource[];
  mounted: MountedSources;
}

export const NO_SOURCES_READ: SourcesRead = { loaded: [], mounted: NO_SOURCES };

/**
 * Reads the sources the settings name (none without a reader) and mounts their documents; a source that failed adds
 * a problem at its entry of the configuration file to `problems`.
 */
export async function loadSources(
  settings: { sources: readonly SourceSpec[]; repository?: string },
  reader: { load: SourceLoader; folderName: string } | undefined,
  problems: Problem[],
  configPath: string,
): Promise<SourcesRead> {
  if (!reader || settings.sources.length === 0) return NO_SOURCES_READ;
  const repository = settings.repository ?? reader.folderName;
  const sources = await reader.load(settings.sources, repository);
  const { mounted, problems: found } = mountSources(sources, repository, configPath);
  problems.push(...found);
  return { loaded: sources, mounted };
}

/** Every source's documents as the index holds them, and a problem at its entry in `configPath` for each that failed. */
export function mountSources(sources: readonly LoadedSource[], repository: string, configPath: string): { mounted: MountedSources; problems: Problem[] } {
  const mounted: MountedSources = { decisions: [], views: [], terms: [], guardrails: new Map(), sites: [] };
  const problems: Problem[] = [];
  for (const source of sources) {
    if (source.problem) problems.push(problem('bad-config', configPath, source.spec.line, `${configPath}: source '${source.spec.name}': ${source.problem}`));
    const m = mountSource(source, repository);
    mounted.decisions.push(...m.decisions);
    mounted.views.push(...m.views);
    mounted.terms.push(...m.terms);
    for (const [path, guardrails] of m.guardrails) mounted.guardrails.set(path, guardrails);
    mounted.sites.push(...m.sites);
  }
  return { mounted, problems };
}

/**
 * The source's documents as the workspace's index holds them: paths prefixed with the source's name, and the code
 * paths its decisions and views name kept only where they name `repository` (the one using the source), without
 * that prefix. A source's glossary applies to the whole workspace.
 */
export function mountSource(source: LoadedSource, repository: string): MountedSources {
  const name = source.spec.name;
  const at = (p: string) => sourcePath(name, p);
  const ours = (patterns: readonly string[]) =>
    patterns.flatMap((p) => {
      const r = repositoryPattern(p);
      return r && r.repository.toLowerCase() === repository.toLowerCase() ? [r.pattern] : [];
    });
  const guardrails = new Map<string, Guardrail[]>();
  for (const [path, list] of source.guardrails ?? []) {
    const here = list.flatMap((g) => guardrailHere(g, repository));
    if (here.length > 0) guardrails.set(at(path), here);
  }
  return {
    guardrails,
    sites: source.site ? [{ ...source.site, source: name }] : [],
    decisions: source.decisions.map((d) => {
      const governs = ours(d.governs);
      return {
        ...d,
        path: at(d.path),
        governs,
        ...(governs.length === 0 ? { governsLine: undefined } : {}),
        relations: d.relations.map((r) => (r.path !== undefined ? { ...r, path: at(r.path) } : r)),
      };
    }),
    views: source.views.map((v) => ({ ...v, path: at(v.path), elements: v.elements.map((e) => ({ ...e, paths: ours(e.paths) })) })),
    terms: source.terms.map((t) => ({ ...t, path: at(t.path), scope: '' })),
  };
}

/**
 * A source's guardrail as it applies in `repository`: its paths written `<repository>:<glob>` name that repository's
 * code (without the prefix), those naming another repository are dropped, and plain paths apply in every
 * repository that uses the log (an organisation-wide rule such as "no log4j"). A guardrail whose paths all name
 * other repositories does not apply here.
 */
export function guardrailHere(g: Guardrail, repository: string): Guardrail[] {
  const here = (p: string): string | undefined => {
    const r = repositoryPattern(p);
    if (!r) return p;
    return r.repository.toLowerCase() === repository.toLowerCase() ? r.pattern : undefined;
  };
  const list = (patterns: readonly string[]) => patterns.flatMap((p) => here(p) ?? []);
  switch (g.kind) {
    case 'forbid-import': {
      const from = list(g.from);
      return from.length > 0 ? [{ ...g, from }] : [];
    }
    case 'forbid-text': {
      const within = list(g.in);
      return within.length > 0 ? [{ ...g, in: within }] : [];
    }
    case 'forbid-dependency': {
      if (!g.in) return [g];
      const within = list(g.in);
      return within.length > 0 ? [{ ...g, in: within }] : [];
    }
    case 'require-file': {
      const path = here(g.path);
      return path !== undefined ? [{ ...g, path }] : [];
    }
    default:
      return [g];
  }
}
