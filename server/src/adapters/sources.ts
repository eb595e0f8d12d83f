// Reads `.archlens.yml` `sources:` from disk: a sibling checkout is resolved and checked (it must be a folder next
// to the workspace, reached without leaving the folder that holds the workspace), a git repository is cloned or
// fetched into storage the editor gives (never in an untrusted workspace), and each is indexed on its own, read
// only, by the same index the workspace uses. Nothing is ever written to a sibling; git writes only below storage.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArchitectureIndex } from '../core/archIndex';
import { isMarkerFile, isYamlPath } from '../core/discovery';
import { isMarkdownPath } from '../core/paths';
import type { Guardrail } from '../core/guardrails/vocabulary';
import { readMkdocsConfig, type PublishedSite } from '../core/publishedDocs';
import { isWebUrl, type LoadedSource, type SourceLoader, type SourceSpec } from '../core/sources';
import type { WorkspaceFile, WorkspaceFiles } from '../core/workspace';
import { openGitHistory } from './gitHistory';
import { runGit, type GitCommand } from './gitProcess';
import { NodeWorkspace } from './nodeWorkspace';

export interface SourceLoaderOptions {
  /** The workspace root (absolute). */
  root: string;
  /** Only a trusted workspace runs git (clone, fetch, history). */
  trusted: boolean;
  /** The folder git sources are cloned into (the editor's storage); without it git sources are not read. */
  storage?: string;
  /** True when the next load is to fetch git sources that are already cloned (the refresh command). */
  fetchRequested?: () => boolean;
  /** Called with the arguments of every git process spawned, for logging and tests. */
  onGitCommand?: (args: readonly string[]) => void;
  /**
   * True while a source's git history is to be left for later (`LoadedSource.readHistory`): a language server's first
   * index, whose git work follows its first diagnostics.
   */
  deferHistory?: () => boolean;
}

/** The loader an index calls on each rebuild. */
export function nodeSourceLoader(options: SourceLoaderOptions): SourceLoader {
  return async (specs) => {
    const fetch = options.fetchRequested?.() ?? false;
    const out: LoadedSource[] = [];
    for (const spec of specs) {
      // A source that cannot be read is a diagnostic at its entry, never a failed index of the workspace.
      out.push(await loadSource(spec, options, fetch).catch((err: Error) => ({ spec, decisions: [], views: [], terms: [], problem: `cannot be read: ${err.message}` })));
    }
    return out;
  };
}

async function loadSource(spec: SourceSpec, options: SourceLoaderOptions, fetch: boolean): Promise<LoadedSource> {
  const empty: LoadedSource = { spec, decisions: [], views: [], terms: [] };
  let root: string;
  if (spec.path !== undefined) {
    const resolved = siblingFolder(options.root, spec.path);
    if ('problem' in resolved) return { ...empty, problem: resolved.problem };
    root = resolved.folder;
  } else {
    const cloned = await gitSource(spec, options, fetch);
    if ('problem' in cloned && cloned.folder === undefined) return { ...empty, problem: cloned.problem };
    root = cloned.folder!;
    if ('problem' in cloned) empty.problem = cloned.problem;
  }
  const index = new ArchitectureIndex(new DocumentsOnly(new NodeWorkspace(root)));
  const snapshot = await index.rebuild();
  const decisions = snapshot.decisions.flatMap((d) => snapshot.record(d.path)?.decision ?? []);
  const guardrails = new Map<string, readonly Guardrail[]>();
  for (const d of decisions) {
    const declared = snapshot.record(d.path)?.guardrails;
    if (declared?.length) guardrails.set(d.path, declared);
  }
  const site = publishedSite(spec, root);
  const loaded: LoadedSource = { ...empty, root, decisions, views: [...snapshot.views], terms: [...snapshot.terms], guardrails, ...(site ? { site } : {}) };
  if (!options.trusted) return loaded;
  const open = () => openGitHistory(root, { trusted: true, onGitCommand: options.onGitCommand });
  if (!options.deferHistory?.()) return { ...loaded, history: await open() };
  let reading: Promise<void> | undefined;
  loaded.readHistory = () =>
    (reading ??= open().then((history) => {
      loaded.history = history;
    }));
  return loaded;
}

/** Where the log is published: `site:`, else its mkdocs.yml's site_url; the page layout is its mkdocs.yml's. */
function publishedSite(spec: SourceSpec, root: string): PublishedSite | undefined {
  let text: string | undefined;
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    try {
      text = fs.readFileSync(path.join(root, name), 'utf8');
      break;
    } catch {
      // No such file: the next name, else mkdocs' defaults.
    }
  }
  const mkdocs = readMkdocsConfig(text ?? '');
  const url = spec.site ?? mkdocs.siteUrl;
  return url !== undefined && isWebUrl(url) ? { url, docsDir: mkdocs.docsDir, useDirectoryUrls: mkdocs.useDirectoryUrls } : undefined;
}

/**
 * The folder a `path:` source names, or why it cannot be used. A source is a sibling checkout: it is resolved with
 * symbolic links followed and must then lie below the folder that holds the workspace, outside the workspace.
 */
export function siblingFolder(workspaceRoot: string, written: string): { folder: string } | { problem: string } {
  if (path.isAbsolute(written) || path.posix.isAbsolute(written) || /^[A-Za-z]:/.test(written)) {
    return { problem: `path '${written}' must be relative to the workspace (a sibling checkout such as ../decisions)` };
  }
  let root: string;
  let folder: string;
  try {
    root = fs.realpathSync(workspaceRoot);
  } catch {
    return { problem: `the workspace folder cannot be resolved` };
  }
  const parent = path.dirname(root);
  const target = path.resolve(root, ...written.split(/[\\/]/));
  const within = (base: string, p: string) => {
    const rel = path.relative(base, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (!within(parent, target) || target === parent) {
    return { problem: `path '${written}' leaves the folder that holds the workspace; a source is a sibling checkout such as ../decisions` };
  }
  try {
    folder = fs.realpathSync(target);
  } catch {
    return { problem: `path '${written}' does not exist (${target})` };
  }
  if (!fs.statSync(folder).isDirectory()) return { problem: `path '${written}' is not a folder` };
  // Resolved through a link, it must still be a sibling.
  if (!within(parent, folder) || folder === parent) {
    return { problem: `path '${written}' leads out of the folder that holds the workspace (through a symbolic link)` };
  }
  if (within(root, folder)) return { problem: `path '${written}' is inside the workspace, whose documents are read anyway` };
  return { folder };
}

/** The clone of a git source in storage: cloned when missing, fetched when asked; only in a trusted workspace. */
async function gitSource(spec: SourceSpec, options: SourceLoaderOptions, fetch: boolean): Promise<{ folder?: string; problem?: string }> {
  if (!options.storage) return { problem: 'git sources are read by the editor extension, which gives them storage; this client gives none' };
  const folder = path.join(options.storage, 'sources', `${spec.name}-${createHash('sha256').update(`${spec.git}\0${spec.ref ?? ''}`).digest('hex').slice(0, 12)}`);
  const cloned = fs.existsSync(path.join(folder, '.git'));
  if (!options.trusted) {
    return cloned ? { folder } : { problem: 'not cloned: Archlens does not run git in an untrusted workspace' };
  }
  const run = (cwd: string, cmd: GitCommand) => runGit(cwd, cmd, { onCommand: options.onGitCommand });
  // Transport helpers (`ext::`) could run a program named by the URL: never allowed.
  const noHelpers = ['-c', 'protocol.ext.allow=never'];
  try {
    if (!cloned) {
      fs.mkdirSync(path.dirname(folder), { recursive: true });
      fs.rmSync(folder, { recursive: true, force: true });
      await run(path.dirname(folder), { args: [...noHelpers, 'clone', '--quiet', '--no-checkout'], paths: [spec.git!, folder] });
    } else if (!fetch) return { folder };
    await run(folder, { args: [...noHelpers, 'fetch', '--quiet', '--no-tags'], revisions: ['origin', spec.ref ?? 'HEAD'] });
    // FETCH_HEAD is Archlens' own word, not a user's: it may stand among the options (checkout takes no --end-of-options).
    await run(folder, { args: ['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'] });
    return { folder };
  } catch (err) {
    const message = `git could not ${cloned ? 'fetch' : 'clone'} ${spec.git}: ${String((err as Error).message).split('\n')[0]}`;
    return cloned ? { folder, problem: message } : { problem: message };
  }
}

/** Only the files that can be documents: a source is read for its log, never scanned as code. */
class DocumentsOnly implements WorkspaceFiles {
  constructor(private readonly inner: NodeWorkspace) {}

  async listFiles(skipDir: (dir: string) => boolean): Promise<WorkspaceFile[]> {
    return (await this.inner.listFiles(skipDir)).filter((f) => isMarkdownPath(f.path) || isYamlPath(f.path) || isMarkerFile(f.path));
  }

  readFile(p: string): Promise<Uint8Array | undefined> {
    return this.inner.readFile(p);
  }

  readFileWithin(p: string, maxBytes: number): Promise<Uint8Array | number | undefined> {
    return this.inner.readFileWithin(p, maxBytes);
  }
}
