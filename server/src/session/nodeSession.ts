// The one place that builds folder sessions on the real world: files on disk, git history, the system clock.
// The language server and `archlens check` both open their folders here.
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { openGitHistory } from '../adapters/gitHistory';
import { nodeSourceLoader } from '../adapters/sources';
import type { BulkAnalyser } from '../core/bulkRead';
import type { SourceLoader } from '../core/sources';
import { FolderSession } from './folderSession';
import { uriToPath } from './uris';

export interface NodeSessionOptions {
  trusted: boolean;
  /** Keep each document's markdown model from indexing for the rules (one-off runs). */
  keepDocumentModels?: boolean;
  /** False: decisions are read without their search text and sentences (a run that neither searches nor explains). */
  decisionProse?: boolean;
  /** Reads and analyses files on other threads (the command line's worker pool). */
  bulk?: BulkAnalyser;
  now?: () => Date;
  /** Opens git history (a fake in tests that need a particular git). */
  openHistory?: typeof openGitHistory;
  /** Where git sources (`.archlens.yml` `sources:`) are cloned; without it they are not read. */
  storage?: string;
  /** Fetch git sources that are already cloned on the first read too (the command line: each run is a refresh). */
  fetchSources?: boolean;
  /** Called with the arguments of every git process the sources spawn, for logging and tests. */
  onGitCommand?: (args: readonly string[]) => void;
  /**
   * The git history of `.archlens.yml` sources is read with the folder's own (a language server's, after the first
   * diagnostics), not while the index reads the sources: their git processes would hold up the documents.
   */
  sourceHistoryWithFolder?: boolean;
}

export function nodeFolderSession(uri: string, name: string, options: NodeSessionOptions): FolderSession {
  const root = uriToPath(uri);
  const open = options.openHistory ?? openGitHistory;
  const folder: FolderSession = new FolderSession(
    uri,
    name,
    {
      workspace: new NodeWorkspace(root),
      openHistory: () => open(root, { trusted: true }),
      now: options.now ?? (() => new Date()),
      sources: nodeSources(root, { ...options, deferHistory: options.sourceHistoryWithFolder ? () => !folder.historyRequested : undefined }),
    },
    { trusted: options.trusted, keepDocumentModels: options.keepDocumentModels, decisionProse: options.decisionProse, bulk: options.bulk },
  );
  return folder;
}

/** The reader of a folder's `.archlens.yml` sources on disk; `requestFetch` makes its next read fetch git sources. */
export function nodeSources(root: string, options: NodeSessionOptions & { deferHistory?: () => boolean }): { load: SourceLoader; requestFetch(): void } {
  let fetchNext = options.fetchSources ?? false;
  const load = nodeSourceLoader({
    root,
    trusted: options.trusted,
    storage: options.storage,
    onGitCommand: options.onGitCommand,
    deferHistory: options.deferHistory,
    fetchRequested: () => {
      const asked = fetchNext;
      fetchNext = false;
      return asked;
    },
  });
  return { load, requestFetch: () => (fetchNext = true) };
}
