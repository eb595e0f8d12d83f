// Real protocol data for the client model tests: the example workspace indexed by the server's own
// FolderSession and answered by its CustomRequests, exactly what the extension receives (no git: untrusted).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FolderSession } from '../../server/src/session/folderSession';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { CustomRequests } from '../../server/src/session/requests';

export const EXAMPLE_ROOT = path.resolve(__dirname, '../../examples/data-platform');

export async function exampleRequests(): Promise<{ requests: CustomRequests; folder: FolderSession; uriOf: (p: string) => string }> {
  const uri = pathToFileURL(EXAMPLE_ROOT).toString();
  const folder = nodeFolderSession(uri, 'data-platform', { trusted: false, now: () => new Date('2025-01-01T00:00:00Z') });
  await folder.start({});
  const requests = new CustomRequests(() => [folder], (u) => (folder.pathOf(u) !== undefined ? folder : undefined));
  return { requests, folder, uriOf: (p) => `${uri}/${p}` };
}
