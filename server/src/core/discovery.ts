// Which files are decisions, glossaries, views or plain text: the places teams keep their architecture documents.
// The answer depends on a few marker files (.adr-dir, .log4brains.yml, .archlens.yml, mkdocs.yml); when one of
// them changes the index re-classifies every file.
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { DecisionStatus, Problem } from './model';
import { problem } from './problems';
import type { ArchlensSettings } from './settings';
import type { MarkerAbove } from './workspace';
import { isMarkdownPath } from './paths';
import { basename, dirname, resolveRelative } from './text';
import { decisionName, isDecisionTemplate, isFolderDocument, isNumberedDecisionName } from './decisions/paths';

/** Folders where teams conventionally keep decisions; matched at any depth so monorepo packages are found. */
export const CONVENTIONAL_DECISION_DIRS = [
  'doc/adr',
  'docs/adr',
  'docs/adrs',
  'docs/decisions',
  'docs/architecture/decisions',
  'doc/architecture/decisions',
  'doc/arch',
  'adr',
  'adrs',
  'architecture-decision-record',
  'architecture-decision-records',
  'decision-record',
  'decision-records',
  'decisions',
  'rfcs',
] as const;

/** Folders never entered. */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.next',
  '.nuxt',
  '.cache',
  '.gradle',
  '.idea',
  '.tools',
  '.vscode-test',
  'bower_components',
]);

/** Extensions of files that are never text worth scanning for references. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico icns webp tiff svgz psd pdf zip gz tgz bz2 xz 7z rar jar war ear class so dylib dll exe ' +
    'bin o a lib obj pyc pyo whl egg woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm parquet avro ' +
    'orc arrow feather db sqlite sqlite3 pkl npy npz h5 onnx pt ckpt vsix node wasm iso dmg deb rpm snap'
  ).split(' '),
);

/** Marker files whose change alters which files are what. */
export const MARKER_FILES = new Set(['.adr-dir', '.log4brains.yml', '.log4brains.yaml', '.archlens.yml', 'mkdocs.yml', 'mkdocs.yaml', 'zensical.toml']);

export function isMarkerFile(path: string): boolean {
  const name = basename(path);
  if (name === '.adr-dir' || name === '.log4brains.yml' || name === '.log4brains.yaml') return true;
  return MARKER_FILES.has(path);
}

export function isYamlPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.yml') || lower.endsWith('.yaml');
}

export function isProbablyBinaryPath(path: string): boolean {
  const name = basename(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot >= 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1));
}

export interface MarkerFile {
  path: string;
  text: string;
}

export interface DiscoveryContext {
  /** Folders holding decisions (workspace-relative, no trailing slash; '' is the root). */
  readonly decisionDirs: ReadonlySet<string>;
  /** mkdocs `docs_dir` (workspace-relative), or 'docs' when there is no mkdocs.yml. */
  readonly docsDir: string;
  /** mkdocs `site_url`, when given. */
  readonly siteUrl?: string;
  /** mkdocs `site_dir`, never read. */
  readonly siteDir?: string;
  readonly problems: readonly Problem[];
  /** The team's own status words (`.archlens.yml` `statuses:`), lower case. */
  readonly statusVocabulary: ReadonlyMap<string, DecisionStatus>;
  /** Titles the site navigation (mkdocs `nav`) gives files, by workspace path. */
  readonly navTitles: ReadonlyMap<string, string>;
  /**
   * Files the site appends to every page (`pymdownx.snippets` `auto_append`, usually an abbreviations file), by
   * workspace path, with the folder the site covers: their abbreviations apply there, not only in their own folder.
   */
  readonly appendedFiles: ReadonlyMap<string, string>;
  isDecisionPath(path: string): boolean;
  isExtraGlossaryPath(path: string): boolean;
  isExtraViewPath(path: string): boolean;
  isExcluded(path: string): boolean;
  skipDir(dir: string): boolean;
}

/** `adr-7-x.md`, `ADR_0007 x.md`: a decision by its name wherever it is (the caller has checked it is markdown). */
const ADR_FILE_NAME = /^adr[-_]?\d+[-_ ]/i;
const NOT_DECISION_NAMES = new Set(['readme.md', 'index.md', 'readme.markdown', 'index.markdown', '_index.md', 'summary.md', 'toc.md']);
const TEMPLATE_NAME = /(^|[-_.])template([-_.]|$)|^template\.md$/i;

/**
 * Builds the discovery context from the marker files found in the workspace (and, for `.adr-dir`, above it).
 * `markersAbove` are `.adr-dir` files found in folders above the root, as adr-tools walks up to find one.
 */
export function createDiscoveryContext(
  settings: ArchlensSettings,
  markers: readonly MarkerFile[],
  markersAbove: readonly MarkerAbove[] = [],
): DiscoveryContext {
  const problems: Problem[] = [];
  const decisionDirs = new Set<string>();
  let docsDir = 'docs';
  let siteUrl: string | undefined;
  let siteDir: string | undefined;
  const navTitles = new Map<string, string>();
  const appendedFiles = new Map<string, string>();

  for (const marker of markers) {
    const name = basename(marker.path);
    const folder = dirname(marker.path);
    if (name === '.adr-dir') {
      const target = marker.text.split(/\r?\n/)[0].trim();
      const dir = target ? resolveRelative(folder ? `${folder}/x` : 'x', target) : undefined;
      if (dir === undefined) problems.push(problem('bad-config', marker.path, 1, `.adr-dir names '${target}', which is not a folder inside the workspace`));
      else decisionDirs.add(trimSlash(dir));
    } else if (name === '.log4brains.yml' || name === '.log4brains.yaml') {
      for (const dir of log4brainsFolders(marker, problems)) decisionDirs.add(dir);
    } else if (name === 'mkdocs.yml' || name === 'mkdocs.yaml') {
      const mk = readMkdocs(marker, problems);
      if (mk.docsDir !== undefined) docsDir = mk.docsDir;
      for (const [page, title] of mk.nav) navTitles.set(mk.docsDir ? `${mk.docsDir}/${page}` : page, title);
      siteUrl = mk.siteUrl;
      siteDir = mk.siteDir;
      for (const file of mk.appended) appendedFiles.set(file, dirname(marker.path));
    } else if (name === 'zensical.toml') {
      for (const file of appendedFilesOf(marker, readToml(marker, problems))) appendedFiles.set(file, dirname(marker.path));
    }
  }
  for (const above of markersAbove) {
    const inside = adrDirAbove(above);
    if (inside !== undefined) decisionDirs.add(inside);
  }

  const opts = { dot: true, nocase: false };
  const decisionGlob = settings.decisions.length ? picomatch(settings.decisions, opts) : undefined;
  const glossaryGlob = settings.glossaries.length ? picomatch(settings.glossaries, opts) : undefined;
  const viewGlob = settings.views.length ? picomatch(settings.views, opts) : undefined;
  const excludeGlob = settings.exclude.length ? picomatch(settings.exclude, opts) : undefined;
  const skippedSite = siteDir ? trimSlash(siteDir) : undefined;

  const inConventionalDir = (dir: string): boolean => {
    for (const conv of CONVENTIONAL_DECISION_DIRS) {
      if (dir === conv || dir.endsWith(`/${conv}`)) return true;
      // Nested folders below a conventional one (e.g. docs/adr/2024/...), except templates.
      const at = dir.indexOf(`${conv}/`);
      if ((at === 0 || (at > 0 && dir[at - 1] === '/')) && !/(^|\/)templates?(\/|$)/.test(dir.slice(at))) return true;
    }
    return false;
  };

  const statusVocabulary = new Map(Object.entries(settings.statuses ?? {}).map(([word, status]) => [word.toLowerCase().replace(/\s+/g, ' ').trim(), status] as const));
  return {
    decisionDirs,
    statusVocabulary,
    navTitles,
    appendedFiles,
    docsDir,
    siteUrl,
    siteDir,
    problems,
    isDecisionPath(path: string): boolean {
      if (!isMarkdownPath(path)) return false;
      const name = basename(path);
      const lower = name.toLowerCase();
      if (TEMPLATE_NAME.test(lower) || /(^|\/)templates?\//i.test(path) || isDecisionTemplate(path)) return false;
      if (NOT_DECISION_NAMES.has(lower)) {
        // One folder per decision: `rfcs/0002-helm-oci/README.md` is the decision the folder is named after.
        if (!isFolderDocument(path) || !isNumberedDecisionName(decisionName(path))) return false;
        const parent = dirname(dirname(path));
        return decisionGlob?.(path) || decisionDirs.has(parent) || inConventionalDir(parent) || ADR_FILE_NAME.test(decisionName(path));
      }
      if (decisionGlob?.(path)) return true;
      const dir = dirname(path);
      if (decisionDirs.has(dir)) return true;
      if (inConventionalDir(dir)) return true;
      return ADR_FILE_NAME.test(name);
    },
    isExtraGlossaryPath: (path) => glossaryGlob?.(path) ?? false,
    isExtraViewPath: (path) => viewGlob?.(path) ?? false,
    isExcluded: (path) => excludeGlob?.(path) ?? false,
    skipDir(dir: string): boolean {
      if (SKIPPED_DIRS.has(basename(dir))) return true;
      if (skippedSite !== undefined && dir === skippedSite) return true;
      return excludeGlob !== undefined && (excludeGlob(dir) || excludeGlob(`${dir}/`));
    },
  };
}

/**
 * The workspace folder an `.adr-dir` above the root names, or undefined when it names a folder outside the
 * workspace. The file is relative to the folder it is in, so it must lead down through the root
 * (`ws/docs/adr` for the parent of `ws`); `..` segments are resolved first, so `ws/../../tmp/x` leads nowhere.
 */
export function adrDirAbove(above: MarkerAbove): string | undefined {
  const target = resolveRelative('x', above.content.split(/\r?\n/)[0].trim());
  if (target === undefined || above.content.trim().startsWith('/')) return undefined;
  const segments = target.split('/').filter(Boolean);
  const root = above.rootPath !== undefined ? above.rootPath.split('/').filter(Boolean) : undefined;
  const depth = root?.length ?? above.levelsUp;
  if (segments.length <= depth) return undefined;
  if (root && root.some((name, i) => segments[i] !== name)) return undefined;
  return segments.slice(depth).join('/');
}

function log4brainsFolders(marker: MarkerFile, problems: Problem[]): string[] {
  const folder = dirname(marker.path);
  let data: unknown;
  try {
    data = parseYaml(marker.text);
  } catch (err) {
    problems.push(problem('bad-config', marker.path, lineOfYamlError(err), `${marker.path}: ${(err as Error).message.split('\n')[0]}`));
    return [];
  }
  const project = (data as { project?: { adrFolder?: unknown; packages?: unknown } } | null)?.project;
  if (!project || typeof project !== 'object') {
    problems.push(problem('bad-config', marker.path, 1, `${marker.path} has no 'project' section`));
    return [];
  }
  const out: string[] = [];
  const add = (value: unknown) => {
    if (typeof value !== 'string') return;
    const dir = resolveRelative(folder ? `${folder}/x` : 'x', value);
    if (dir !== undefined) out.push(trimSlash(dir));
  };
  add(project.adrFolder);
  if (Array.isArray(project.packages)) for (const pkg of project.packages) add((pkg as { adrFolder?: unknown })?.adrFolder);
  return out;
}

/** mkdocs `nav`: `- Title: page.md` entries at any depth, as page -> title. */
function navEntries(nav: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(nav)) for (const item of nav) navEntries(item, out);
  else if (nav && typeof nav === 'object') {
    for (const [title, value] of Object.entries(nav as Record<string, unknown>)) {
      if (typeof value === 'string' && isMarkdownPath(value)) out.push([value.replace(/^\.\//, ''), title]);
      else navEntries(value, out);
    }
  }
  return out;
}

function readToml(marker: MarkerFile, problems: Problem[]): unknown {
  try {
    return parseToml(marker.text);
  } catch (err) {
    const line = (err as { line?: number }).line ?? 1;
    problems.push(problem('bad-config', marker.path, line, `${marker.path}: ${(err as Error).message.split('\n')[0]}`));
    return undefined;
  }
}

/**
 * The files a site configuration appends to every page: `auto_append` of `pymdownx.snippets` (in mkdocs.yml's
 * `markdown_extensions`, or the same table in another generator's configuration), each looked up under the
 * snippets `base_path` folders (default: the configuration's folder).
 */
function appendedFilesOf(marker: MarkerFile, config: unknown): string[] {
  const out: string[] = [];
  const folder = dirname(marker.path);
  const visit = (node: unknown, depth: number) => {
    if (depth > 8 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    const append = record.auto_append;
    if (Array.isArray(append)) {
      const bases = record.base_path === undefined ? ['.'] : Array.isArray(record.base_path) ? record.base_path : [record.base_path];
      for (const base of bases) {
        if (typeof base !== 'string') continue;
        for (const file of append) {
          if (typeof file !== 'string') continue;
          const resolved = resolveRelative(folder ? `${folder}/x` : 'x', `${base.replace(/\/+$/, '') || '.'}/${file}`);
          if (resolved !== undefined && !out.includes(resolved)) out.push(resolved);
        }
      }
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'auto_append') visit(value, depth + 1);
  };
  visit(config, 0);
  return out;
}

function readMkdocs(marker: MarkerFile, problems: Problem[]): { docsDir?: string; siteUrl?: string; siteDir?: string; nav: [string, string][]; appended: string[] } {
  // mkdocs.yml uses custom tags (!!python/name:..., !ENV); parse leniently, reading only the keys we need.
  let data: Record<string, unknown> | undefined;
  try {
    data = parseYaml(marker.text, { customTags: [], strict: false, logLevel: 'silent' }) as Record<string, unknown>;
  } catch (err) {
    problems.push(problem('bad-config', marker.path, lineOfYamlError(err), `${marker.path}: ${(err as Error).message.split('\n')[0]}`));
    return { nav: [], appended: [] };
  }
  if (!data || typeof data !== 'object') return { nav: [], appended: [] };
  const folder = dirname(marker.path);
  const rel = (v: unknown) => (typeof v === 'string' ? resolveRelative(folder ? `${folder}/x` : 'x', v) : undefined);
  return {
    docsDir: rel(data.docs_dir ?? 'docs'),
    siteUrl: typeof data.site_url === 'string' ? data.site_url : undefined,
    siteDir: rel(data.site_dir ?? 'site'),
    nav: navEntries(data.nav),
    appended: appendedFilesOf(marker, data.markdown_extensions),
  };
}

function lineOfYamlError(err: unknown): number {
  const pos = (err as { linePos?: { line: number }[] }).linePos;
  return pos?.[0]?.line ?? 1;
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, '');
}

/** The folder a glossary applies to: the whole workspace for root and documentation-site glossaries. */
export function glossaryScope(path: string, docsDir: string): string {
  const dir = dirname(path);
  if (dir === '' || dir === '.contextive') return '';
  if (dir === docsDir || dir.startsWith(`${docsDir}/`)) return '';
  if (/^docs?(\/|$)/.test(dir)) return '';
  return dir;
}

/** Is a folder above this path one discovery skips (excluded, or a dependency folder)? */
export function ancestorSkipped(path: string, ctx: DiscoveryContext): boolean {
  let i = path.indexOf('/');
  while (i >= 0) {
    if (ctx.skipDir(path.slice(0, i))) return true;
    i = path.indexOf('/', i + 1);
  }
  return false;
}
