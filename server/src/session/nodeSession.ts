// The one place that builds folder sessions on the real world: files on disk, git history, the system clock.
// The language server and `archlens check` both open their folders here.
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { openGitHistory } from '../adapters/gitHistory';
import { FolderSession } from './folderSession';
import { uriToPath } from './uris';

export interface NodeSessionOptions {
  trusted: boolean;
  /** Keep each document's markdown model from indexing for the rules (one-off runs). */
  keepDocumentModels?: boolean;
  now?: () => Date;
  /** Opens git history (a fake in tests that need a particular git). */
  openHistory?: typeof openGitHistory;
}

export function nodeFolderSession(uri: string, name: string, options: NodeSessionOptions): FolderSession {
  const root = uriToPath(uri);
  const open = options.openHistory ?? openGitHistory;
  return new FolderSession(
    uri,
    name,
    {
      workspace: new NodeWorkspace(root),
      openHistory: () => open(root, { trusted: true }),
      now: options.now ?? (() => new Date()),
    },
    { trusted: options.trusted, keepDocumentModels: options.keepDocumentModels },
  );
}
